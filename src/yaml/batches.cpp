#include "yaml/batches.hpp"

#include "yaml/characters.hpp"
#include "yaml/tree_builder.hpp"

namespace podlint::yaml {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool marker_line_at(std::string_view text, size_t at, char c) {
  return text.size() - at >= 3 && text[at] == c && text[at + 1] == c && text[at + 2] == c &&
         (text.size() - at == 3 || text[at + 3] == ' ' || text[at + 3] == '\t' || is_break(text[at + 3]));
}

void shift(Span& span, uint32_t offset) {
  span.begin.offset += offset;
  span.end.offset += offset;
}

// Each node belongs to one parent (an alias points at its anchor through
// `target`, which is not followed), so each is shifted once.
void shift(Node& node, uint32_t offset) {
  shift(node.span, offset);
  for (Node* item : node.items)
    shift(*item, offset);
  for (Pair& pair : node.pairs) {
    shift(*pair.key, offset);
    shift(*pair.value, offset);
  }
}

}  // namespace

std::vector<DocumentStart> document_starts(std::string_view text) {
  struct Line {
    uint32_t offset, row;
  };
  std::vector<Line> lines{{0, 0}};
  std::vector<DocumentStart> starts{{0, 1, 0}};
  const auto cut = [&](size_t line) {
    // Back over directive lines that a "..." line (or the input's start)
    // precedes, comment and empty lines between them included.
    size_t first = line;
    size_t k = line;
    while (k > 0) {
      std::string_view previous = text.substr(lines[k - 1].offset, lines[k].offset - lines[k - 1].offset);
      // A byte order mark may open any document, before its directives.
      if (previous.starts_with(kByteOrderMark)) previous.remove_prefix(kByteOrderMark.size());
      const size_t content = previous.find_first_not_of(" \t\r\n");
      if (!previous.empty() && previous[0] == '%') {
        first = k - 1;
      } else if (content != std::string_view::npos && previous[content] != '#') {
        break;
      }
      --k;
    }
    if (first < line && (k == 0 || marker_line_at(text, lines[k - 1].offset, '.'))) line = first;
    if (lines[line].offset <= starts.back().offset) return;
    starts.push_back({lines[line].offset, static_cast<uint32_t>(line + 1), lines[line].row});
  };
  uint32_t row = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    const size_t line = lines.size() - 1;
    if (i == lines[line].offset && marker_line_at(text, i, '-')) cut(line);
    if (i == text.size()) break;
    const char c = text[i];
    if (c == '\n') ++row;
    if (c == '\n' || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      lines.push_back({static_cast<uint32_t>(i + 1), row});
  }
  return starts;
}

bool only_comments(std::string_view text) {
  size_t at = 0;
  while (at < text.size()) {
    const size_t content = text.find_first_not_of(" \t\r\n", at);
    if (content == std::string_view::npos) return true;
    if (text[content] != '#') return false;
    at = text.find_first_of("\r\n", content);
    if (at == std::string_view::npos) return true;
  }
  return true;
}

std::vector<Batch> split_documents(std::string_view text, size_t bytes) {
  if (text.size() <= bytes || text.size() >= kMaxInputBytes) return {{text, {0, 1, 1}}};
  std::vector<DocumentStart> starts = document_starts(text);
  // Comments before the first document are the first document's.
  if (starts.size() > 1 && only_comments(text.substr(0, starts[1].offset))) starts.erase(starts.begin() + 1);
  std::vector<Batch> batches;
  size_t first = 0;  // the document the batch begins with
  for (size_t i = 1; i <= starts.size(); ++i) {
    const size_t end = i < starts.size() ? starts[i].offset : text.size();
    if (i < starts.size() && end - starts[first].offset < bytes) continue;
    const DocumentStart& begin = starts[first];
    batches.push_back({text.substr(begin.offset, end - begin.offset), {begin.offset, begin.line, 1}});
    first = i;
  }
  return batches;
}

Stream parse(const Batch& batch, const ParseOptions& options) {
  ParseOptions at_line = options;
  at_line.first_line = batch.start.line;
  Stream stream = parse(batch.text, at_line);
  const uint32_t offset = batch.start.offset;
  if (offset == 0) return stream;
  for (Document& document : stream.documents) {
    shift(document.span, offset);
    for (Comment& comment : document.comments)
      shift(comment.span, offset);
    for (Error& error : document.errors) {
      shift(error.span, offset);
      if (error.has_related) shift(error.related, offset);
    }
    if (document.root != nullptr) shift(*document.root, offset);
  }
  return stream;
}

}  // namespace podlint::yaml
