#include "yaml/batches.hpp"

#include <cstring>
#include <optional>

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

// A line's start: its offset, 1-based line and 0-based row (as DocumentStart
// counts them).
using LineStart = DocumentStart;

// The line before the one at `at`, which is not the first: found by reading
// back over its break (LF, CR LF or a lone CR) and its bytes.
LineStart previous_line(std::string_view text, const LineStart& at) {
  size_t end = at.offset - 1;  // the break's last byte
  const bool line_feed = text[end] == '\n';
  if (line_feed && end > 0 && text[end - 1] == '\r') --end;
  size_t start = end;
  while (start > 0 && !is_break(text[start - 1]))
    --start;
  return {static_cast<uint32_t>(start), at.line - 1, at.row - (line_feed ? 1 : 0)};
}

// Walks a text's lines forward. Each kind of break byte is searched for
// again only once the walk has passed the last one found, so the walk stays
// linear whatever the breaks (a file of lone CRs has no LF to find).
class LineWalker {
 public:
  explicit LineWalker(std::string_view text) : text_(text) {}

  // The line after the one at `at`; nullopt after the last line.
  std::optional<LineStart> next(const LineStart& at) {
    const size_t line_feed = next_byte(line_feed_, '\n', at.offset);
    const size_t carriage_return = next_byte(carriage_return_, '\r', at.offset);
    // A carriage return ends a line unless a line feed follows it.
    if (carriage_return < line_feed && carriage_return + 1 != line_feed)
      return LineStart{static_cast<uint32_t>(carriage_return + 1), at.line + 1, at.row};
    if (line_feed == std::string_view::npos) return std::nullopt;
    return LineStart{static_cast<uint32_t>(line_feed + 1), at.line + 1, at.row + 1};
  }

 private:
  struct Found {
    size_t at = 0;  // npos: none after the last search's start
    bool searched = false;
  };

  size_t next_byte(Found& found, char byte, size_t from) const {
    if (!found.searched || (found.at != std::string_view::npos && found.at < from)) {
      const void* hit = std::memchr(text_.data() + from, byte, text_.size() - from);
      found = {hit == nullptr ? std::string_view::npos
                              : static_cast<size_t>(static_cast<const char*>(hit) - text_.data()),
               true};
    }
    return found.at;
  }

  std::string_view text_;
  Found line_feed_, carriage_return_;
};

}  // namespace

// Line by line, forward with memchr, keeping no table of lines (a 60 MB
// stream has two million): the few lines before a "---" that may hold its
// directives are read back from the text.
std::vector<DocumentStart> document_starts(std::string_view text) {
  std::vector<DocumentStart> starts{{0, 1, 0}};
  const auto cut = [&](LineStart line) {
    // Back over directive lines that a "..." line (or the input's start)
    // precedes, comment and empty lines between them included.
    std::optional<LineStart> first_directive;
    std::optional<LineStart> stop;  // the line that ended the walk; none: the input's start
    for (LineStart k = line; k.offset > 0;) {
      const LineStart previous_start = previous_line(text, k);
      std::string_view previous = text.substr(previous_start.offset, k.offset - previous_start.offset);
      // A byte order mark may open any document, before its directives.
      if (previous.starts_with(kByteOrderMark)) previous.remove_prefix(kByteOrderMark.size());
      const size_t content = previous.find_first_not_of(" \t\r\n");
      if (!previous.empty() && previous[0] == '%') {
        first_directive = previous_start;
      } else if (content != std::string_view::npos && previous[content] != '#') {
        stop = previous_start;
        break;
      }
      k = previous_start;
    }
    if (first_directive && (!stop || marker_line_at(text, stop->offset, '.'))) line = *first_directive;
    if (line.offset <= starts.back().offset) return;
    starts.push_back(line);
  };
  LineWalker lines(text);
  for (std::optional<LineStart> at = LineStart{0, 1, 0}; at; at = lines.next(*at)) {
    if (marker_line_at(text, at->offset, '-')) cut(*at);
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
