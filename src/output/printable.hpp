// Text taken from an input (file names, keys, values, source lines) made safe
// for a terminal or a CI log: a manifest must not be able to move the cursor,
// retitle the window, ring the bell or reorder what a reader sees.
#pragma once

#include <string>
#include <string_view>

namespace podlint {

// `text` with every control character (C0, DEL, C1), every bidirectional
// formatting character and every byte that is not valid UTF-8 written as a
// visible escape: "\x1b" for a byte or an ASCII control, "\u{202e}" for a
// longer code point. Tabs are kept when `keep_tabs` (source excerpts, where
// they align the underline), escaped otherwise.
std::string printable(std::string_view text, bool keep_tabs = false);

}  // namespace podlint
