// Long streams a batch of documents at a time: a multi-megabyte `helm
// template` output or `kubectl get -o yaml` dump is parsed, checked and
// released a few hundred kilobytes at a time instead of as one tree, and the
// batches can be linted in parallel.
#pragma once

#include <string_view>
#include <vector>

#include "yaml/document.hpp"
#include "yaml/parser.hpp"

namespace podlint::yaml {

// Where a document begins, as both front-ends cut an input into documents:
// before every "---" line (a document marker wherever it stands), and before
// the directives of the document it starts when they follow a "..." line or
// the input's start (comment and empty lines between them included).
struct DocumentStart {
  uint32_t offset;  // a line start
  uint32_t line;    // 1-based, lines ending at LF, CR LF or a lone CR, as positions count them
  uint32_t row;     // 0-based, LFs before it, as tree-sitter counts rows
};

// The first is always at offset 0 (which may hold nothing but comments).
std::vector<DocumentStart> document_starts(std::string_view text);

// Whether the text holds nothing but comments and blank lines.
bool only_comments(std::string_view text);

// The batch size podlint uses: big enough that the cost of a batch vanishes,
// small enough that its trees stay some two megabytes (a tree of small
// documents takes some sixty bytes a byte of YAML).
inline constexpr size_t kBatchBytes = 32 << 10;

// Whole documents of an input, and where they begin in it.
struct Batch {
  std::string_view text;
  Position start;  // of text[0] in the whole input (always at a line start)
};

// Cuts `text` into batches of at least `bytes` (the last may be shorter)
// where documents begin (document_starts; comments before the first
// document stay with it). An input of `bytes` or less, or one with no
// document marker to cut at, is one batch.
std::vector<Batch> split_documents(std::string_view text, size_t bytes);

// Parses one batch; every position is the one in the whole input, as if the
// whole input had been parsed.
Stream parse(const Batch& batch, const ParseOptions& options = {});

}  // namespace podlint::yaml
