// The error-tolerant YAML front-end for editors, built on tree-sitter-yaml.
// It builds the same model as parse() (parser.hpp) for valid input; on broken
// input it keeps every part that tree-sitter could still parse (a mapping with
// its good pairs, etc.) and reports the broken regions as syntax errors.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/document.hpp"
#include "yaml/parser.hpp"

struct TSTree;

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

// An editor's buffer, kept parsed between edits. Its documents, cut at "---"
// lines as parse_tolerant cuts them, are parsed each on its own as a Part
// (so the limits above apply to each document, not to the whole buffer). An
// edit reparses only the parts whose text changed, the one it fell in from
// its previous tree-sitter tree (ts_tree_edit), so that tree-sitter reuses
// what the edit did not touch; every other part, its Stream included, is
// kept as it was, only moved.
class IncrementalParser {
 public:
  struct TreeDeleter {
    void operator()(TSTree* tree) const;
  };
  struct Part {
    // Different for every part ever parsed: what a cache of results per
    // part is keyed by (an address may be reused).
    uint64_t serial = 0;
    uint32_t begin = 0;       // where it starts in the buffer: always a line start
    uint32_t first_line = 1;  // the buffer's line it starts on
    std::string text;         // its bytes, which `stream` views
    // Parsed as if it were the whole input: its positions count from the
    // part's start (offset + begin, line + first_line - 1 in the buffer;
    // columns are the same).
    Stream stream;
    // tree-sitter's parse, for the next edit; none for a well-formed part read
    // by the fast front-end when the buffer was opened (until an edit touches it).
    std::unique_ptr<TSTree, TreeDeleter> tree;
  };

  explicit IncrementalParser(std::string text = {}, const ParseOptions& options = {});
  ~IncrementalParser();
  IncrementalParser(const IncrementalParser&) = delete;
  IncrementalParser& operator=(const IncrementalParser&) = delete;

  // Replaces the bytes [begin, end) of the buffer (clamped to it).
  void edit(uint32_t begin, uint32_t end, std::string_view replacement);

  const std::string& text() const { return text_; }
  // In buffer order. A part that an edit did not change keeps its address.
  std::span<const std::unique_ptr<Part>> parts() const { return parts_; }
  // What the last edit (or the construction) cost: the parts parsed again,
  // and how many of those started from their old tree.
  size_t reparsed() const { return reparsed_; }
  size_t reused_trees() const { return reused_trees_; }

 private:
  struct State;
  struct Edit {
    uint32_t begin, end;  // the bytes replaced, in the text before
    size_t inserted;      // how many took their place
  };
  void update(const Edit* edit);
  // `opening`: the buffer is parsed whole, not after an edit.
  void parse_part(Part& part, const TSTree* old, bool opening);

  ParseOptions options_;
  std::unique_ptr<State> state_;
  std::string text_;
  std::vector<std::unique_ptr<Part>> parts_;
  size_t reparsed_ = 0;
  size_t reused_trees_ = 0;
};

}  // namespace podlint::yaml
