// The error-tolerant YAML front-end for editors, built on tree-sitter-yaml.
// It builds the same model as parse() (parser.hpp) for valid input; on broken
// input it keeps every part that tree-sitter could still parse (a mapping with
// its good pairs, etc.) and reports the broken regions as syntax errors.
#pragma once

#include <string_view>

#include "yaml/document.hpp"
#include "yaml/parser.hpp"

namespace podlint::yaml {

// Never throws on any input. Each document ("---") is parsed on its own, so
// that an error cannot spill into the next one. In a broken document, an
// alias of an undefined anchor is kept with a null target.
//
// Limits of the grammar: its scanner counts rows and columns in 16 bits, and
// it saves its stack of block indentations in tree-sitter's 1 KiB buffer,
// which it overruns past 253 levels. So an input of more than 32,767 lines,
// with a line longer than 32,767 bytes, or with a line whose content (after
// blanks and "- ", "? ", ": " indicators) is indented by 200 columns or more
// yields one document holding a single Limit error.
Stream parse_tolerant(std::string_view text, const ParseOptions& options = {});

}  // namespace podlint::yaml
