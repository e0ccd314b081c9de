// Path globs, as .podlint.yaml's `ignore` and `overrides[].files` use them.
#pragma once

#include <string_view>

namespace podlint {

// Whether `glob` matches the '/'-separated relative `path` or one of the
// directories above it (so "vendor" and "vendor/**" both cover
// "vendor/a/b.yaml"). Each segment is matched with fnmatch(3): '*', '?' and
// '[...]' stay within one segment; a segment "**" matches any number of
// segments, none included. Empty and "." segments are skipped.
bool glob_matches(std::string_view glob, std::string_view path);

}  // namespace podlint
