// Unified diffs (`diff -u`, what `patch -p0` and `git apply -p0` read), for
// `podlint fix --diff` and the text output's --show-fixes.
#pragma once

#include <ostream>
#include <string_view>

namespace podlint {

struct DiffOptions {
  size_t context = 3;       // unchanged lines around each change
  bool headers = true;      // the ---/+++ lines naming the file
  std::string_view indent;  // before every line
  bool color = false;       // removed lines red, added green, hunk headers blue
};

// The changes from `before` to `after` as a unified diff whose headers name
// `path` on both sides; nothing when they are equal. A last line without a
// line break is marked as diff marks it.
void write_unified_diff(std::ostream& out, std::string_view path, std::string_view before,
                        std::string_view after, const DiffOptions& options = {});

}  // namespace podlint
