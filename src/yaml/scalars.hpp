// Scalar content decoding shared by both front-ends. Each function takes the
// raw source of one scalar exactly as it stands in the input and returns its
// value: a view into `raw` when nothing changes, otherwise a string allocated
// in `arena`. Errors carry a byte offset relative to the start of `raw`.
#pragma once

#include <cstdint>
#include <memory_resource>
#include <string_view>

namespace podlint::yaml {

struct DecodedScalar {
  std::string_view value;
  const char* error = nullptr;  // null on success, else a static message
  uint32_t error_offset = 0;
};

// A plain scalar, possibly spanning lines: from its first to its last
// non-blank character. Line folding as in YAML 1.2 (6.5).
DecodedScalar decode_plain(std::string_view raw, std::pmr::memory_resource& arena);
// 'single quoted', quotes included.
DecodedScalar decode_single_quoted(std::string_view raw, std::pmr::memory_resource& arena);
// "double quoted", quotes included; every YAML escape, escaped line breaks.
DecodedScalar decode_double_quoted(std::string_view raw, std::pmr::memory_resource& arena);
// A literal (|) or folded (>) block scalar: `raw` starts at the indicator and
// ends after the last content line (its line break included, trailing empty
// lines included, so that keep chomping sees them). `parent_indent` is the
// indentation of the parent node, -1 at the top level.
DecodedScalar decode_block(std::string_view raw, int parent_indent, std::pmr::memory_resource& arena);

}  // namespace podlint::yaml
