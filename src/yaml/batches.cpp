#include "yaml/batches.hpp"

#include <algorithm>

#include "yaml/tree_builder.hpp"

namespace podlint::yaml {

namespace {

// Whether the line starting at `at` is a document start marker.
bool document_start_at(std::string_view text, size_t at) {
  if (text.compare(at, 3, "---") != 0) return false;
  if (at + 3 == text.size()) return true;
  const char next = text[at + 3];
  return next == ' ' || next == '\t' || next == '\n' || next == '\r';
}

// The start of the line before the one starting at `at` (text[at - 1] is a
// line break).
size_t previous_line_start(std::string_view text, size_t at) {
  if (at < 2) return 0;
  const size_t newline = text.rfind('\n', at - 2);
  return newline == std::string_view::npos ? 0 : newline + 1;
}

// Batches start at a line start: columns stay as they are.
Position shifted(Position p, const Position& start) {
  p.offset += start.offset;
  p.line += start.line - 1;
  return p;
}

void shift(Span& span, const Position& start) {
  span.begin = shifted(span.begin, start);
  span.end = shifted(span.end, start);
}

// Each node belongs to one parent (an alias points at its anchor through
// `target`, which is not followed), so each is shifted once.
void shift(Node& node, const Position& start) {
  shift(node.span, start);
  for (Node* item : node.items)
    shift(*item, start);
  for (Pair& pair : node.pairs) {
    shift(*pair.key, start);
    shift(*pair.value, start);
  }
}

}  // namespace

std::vector<Batch> split_documents(std::string_view text, size_t bytes) {
  std::vector<Batch> batches;
  size_t begin = 0;
  uint32_t line = 1;
  while (text.size() - begin > bytes && text.size() < kMaxInputBytes) {
    // The first document marker at least `bytes` after the batch's start.
    size_t cut = std::string_view::npos;
    for (size_t from = begin + bytes;;) {
      const size_t newline = text.find('\n', from - 1);
      if (newline == std::string_view::npos) break;
      if (document_start_at(text, newline + 1)) {
        cut = newline + 1;
        break;
      }
      from = newline + 2;
    }
    if (cut == std::string_view::npos) break;
    // Directives belong to the document after them.
    while (cut > begin) {
      const size_t previous = previous_line_start(text, cut);
      if (previous <= begin || text[previous] != '%') break;
      cut = previous;
    }
    if (cut <= begin) break;
    const std::string_view piece = text.substr(begin, cut - begin);
    batches.push_back({piece, {static_cast<uint32_t>(begin), line, 1}});
    line += static_cast<uint32_t>(std::count(piece.begin(), piece.end(), '\n'));
    begin = cut;
  }
  batches.push_back({text.substr(begin), {static_cast<uint32_t>(begin), line, 1}});
  return batches;
}

Stream parse(const Batch& batch, const ParseOptions& options) {
  Stream stream = parse(batch.text, options);
  if (batch.start.offset == 0) return stream;
  for (Document& document : stream.documents) {
    shift(document.span, batch.start);
    for (Comment& comment : document.comments)
      shift(comment.span, batch.start);
    for (Error& error : document.errors) {
      shift(error.span, batch.start);
      if (error.has_related) shift(error.related, batch.start);
    }
    if (document.root != nullptr) shift(*document.root, batch.start);
  }
  return stream;
}

}  // namespace podlint::yaml
