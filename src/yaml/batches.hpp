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

// The batch size podlint uses: big enough that the cost of a batch vanishes,
// small enough that its trees stay a few megabytes.
inline constexpr size_t kBatchBytes = 1 << 20;

// Whole documents of an input, and where they begin in it.
struct Batch {
  std::string_view text;
  Position start;  // of text[0] in the whole input (always at a line start)
};

// Cuts `text` into batches of at least `bytes` (the last may be shorter) at
// the lines that begin a document ("---" at column 0: no scalar or
// collection continues across one), with any directives ("%YAML") before
// such a line going with the document they introduce. An input of `bytes`
// or less, or one with no document marker to cut at, is one batch.
std::vector<Batch> split_documents(std::string_view text, size_t bytes);

// Parses one batch; every position is the one in the whole input, as if the
// whole input had been parsed.
Stream parse(const Batch& batch, const ParseOptions& options = {});

}  // namespace podlint::yaml
