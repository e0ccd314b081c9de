// podlint's own YAML 1.2 parser: one pass over the bytes, nodes in a
// per-document arena, every node, key and comment with its exact span.
#pragma once

#include <cstdint>
#include <string_view>

#include "yaml/document.hpp"

namespace podlint::yaml {

struct ParseOptions {
  uint32_t max_depth = 512;  // nesting of collections
  // Total nodes a document may stand for once its aliases are expanded;
  // stops billion-laughs documents before any consumer expands them.
  uint64_t max_alias_expansion = 1'000'000;
  uint32_t max_document_bytes = 64u << 20;
  bool report_duplicate_keys = true;
  // The line the text starts on, when it is part of a larger input (a batch
  // of a long stream): lines count from it, in positions and in messages.
  uint32_t first_line = 1;
};

// Parses a whole stream. A syntax error ends only its own document: parsing
// resumes at the next document marker. Never throws on any input.
Stream parse(std::string_view text, const ParseOptions& options = {});

}  // namespace podlint::yaml
