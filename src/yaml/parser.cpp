// A YAML 1.2 parser in two layers: a scanner that turns bytes into tokens
// (indentation becomes explicit block start/end tokens, implicit keys are
// detected by remembering where a key could have started), and a
// recursive-descent parser over those tokens that builds the Document. The
// block parsers read the common shapes ("key: value", "- item") straight from
// the bytes when no token is pending, to the same effect (see "direct
// reading").
// Syntax errors unwind with an exception to the document loop, which skips to
// the next document marker.
//
// Span conventions (the tree-sitter front-end follows them too): quoted
// scalars include their quotes; block scalars run from the indicator to the
// end of the last non-empty content line; plain scalars from the first to the
// last non-blank character; block collections from their first entry to the
// end of the last token in them; flow collections include the brackets; a
// flow-sequence pair ("[a: b]") runs from its key to the end of its value; an
// empty node is an empty span right after the preceding token (for an empty
// key before ':', at the ':'). A byte order mark is not part of line 1.
#include "yaml/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "yaml/scalars.hpp"

namespace podlint::yaml {
namespace {

enum class Tok : uint8_t {
  StreamStart,
  StreamEnd,
  VersionDirective,
  TagDirective,
  ReservedDirective,
  DocStart,
  DocEnd,
  BlockSeqStart,
  BlockMapStart,
  BlockEnd,
  FlowSeqStart,
  FlowSeqEnd,
  FlowMapStart,
  FlowMapEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
};

struct Token {
  Tok kind = Tok::StreamStart;
  ScalarStyle style = ScalarStyle::Plain;
  bool verbatim_tag = false;
  bool needs_decoding = false;  // scalars: escapes, quotes or line breaks inside
  int32_t block_indent = -1;    // block scalars: indentation of the parent
  Span span;
  // Scalars: the raw source (block scalars: through trailing empty lines).
  // Anchors and aliases: the name. Tags and %TAG: the handle.
  std::string_view text;
  std::string_view suffix;  // tags: the suffix; %TAG: the prefix
};

// The scanner's token queue. A token is appended every few bytes of input:
// the append stays inline (vector::emplace_back does not), only growth is a
// call.
class TokenQueue {
 public:
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  void clear() { size_ = 0; }
  Token* data() { return storage_.get(); }
  Token& operator[](size_t i) { return storage_[i]; }
  Token& emplace_back() {
    if (size_ == capacity_) [[unlikely]]
      grow();
    Token& t = storage_[size_++];
    t = Token{};
    return t;
  }

 private:
  [[gnu::noinline]] void grow() {
    const size_t capacity = capacity_ ? capacity_ * 2 : 64;
    auto storage = std::make_unique<Token[]>(capacity);
    std::copy_n(storage_.get(), size_, storage.get());
    storage_ = std::move(storage);
    capacity_ = capacity;
  }

  std::unique_ptr<Token[]> storage_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// Thrown once the error is recorded; caught by the document loop.
struct Failure {};

bool is_break(char c) {
  return c == '\n' || c == '\r';
}
bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
bool is_blankz(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
}
bool is_flow_indicator(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}
// Whether a plain scalar starts at q in block context (document markers
// aside).
bool starts_block_plain_scalar(const char* q) {
  switch (q[0]) {
    case '-':
    case '?':
    case ':':
      return !is_blankz(q[1]);
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '\'':
    case '"':
    case '%':
    case '@':
    case '`':
      return false;
    default:
      return !is_blankz(q[0]);
  }
}
bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_word_char(char c) {
  return is_alnum(c) || c == '-';
}
bool is_uri_char(char c) {
  return is_word_char(c) || (c != '\0' && std::strchr("%;/?:@&=+$,_.!~*'()[]#", c) != nullptr);
}

#ifdef __SSE2__
// Marks the bytes that are not printable ASCII, tab, LF or CR.
__m128i non_text_ascii(__m128i v) {
  const __m128i allowed_control = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
      _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
  // Signed compare: bytes >= 0x80 count as below 0x20 too.
  const __m128i low = _mm_andnot_si128(allowed_control, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
  return _mm_or_si128(low, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
}
#endif

// Copies text to out for as long as it is printable ASCII, tab, LF or CR (all
// valid), so that the usual input is copied and checked in one pass. Returns
// how far it got; find_invalid_byte() takes it from there.
size_t copy_text_ascii(std::string_view text, char* out) {
  size_t i = 0;
#ifdef __SSE2__
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    if (_mm_movemask_epi8(non_text_ascii(v)) != 0) break;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), v);
  }
#endif
  return i;
}

// Finds the first byte at or after `from` that YAML forbids or that is not
// valid UTF-8. Returns text.size() when there is none.
size_t find_invalid_byte(std::string_view text, size_t from, std::string& message) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = from;
  while (i < n) {
#ifdef __SSE2__
    // Fast path: skip 16 bytes at a time while they are printable ASCII,
    // tab, LF or CR.
    while (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const int mask = _mm_movemask_epi8(non_text_ascii(v));
      if (mask != 0) {
        i += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        break;
      }
      i += 16;
    }
    if (i >= n) break;
#endif
    const unsigned char c = s[i];
    if (c >= 0x20 && c < 0x7F) {
      ++i;
      continue;
    }
    if (c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c < 0x80) {
      message = fmt::format("forbidden control character U+{:04X}", c);
      return i;
    }
    const Utf8Char decoded = decode_utf8(text, i);
    if (decoded.length == 0) {
      message = fmt::format("invalid UTF-8 byte 0x{:02X}", c);
      return i;
    }
    const uint32_t cp = decoded.code_point;
    if ((cp >= 0x80 && cp <= 0x9F && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF) {
      message = fmt::format("forbidden character U+{:04X}", cp);
      return i;
    }
    i += decoded.length;
  }
  return n;
}

// Characters that may end a run of plain scalar text.
constexpr std::array<bool, 256> plain_stops(bool flow) {
  std::array<bool, 256> stops{};
  for (const char c : {'\0', ' ', '\t', '\r', '\n', ':'})
    stops[static_cast<unsigned char>(c)] = true;
  if (flow)
    for (const char c : {',', '[', ']', '{', '}'})
      stops[static_cast<unsigned char>(c)] = true;
  return stops;
}
constexpr std::array<bool, 256> kBlockPlainStops = plain_stops(false);
constexpr std::array<bool, 256> kFlowPlainStops = plain_stops(true);

// The scans below may read up to 15 bytes past the byte they stop at: the
// scanner's buffer has that much NUL padding after the input, and every scan
// stops at a NUL.
constexpr size_t kPadding = 16;

// The first byte at or after q that may end a run of plain scalar text.
const char* find_plain_stop(const char* q, bool flow) {
#ifdef __SSE2__
  // Before the first NUL only tab, LF and CR are below ' ' (the rest are
  // invalid and end the valid input), so "unsigned <= ' '" finds NUL, blanks
  // and breaks at once.
  const __m128i space = _mm_set1_epi8(' ');
  for (;;) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    __m128i stop =
        _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, space), v), _mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
    if (flow) {
      stop = _mm_or_si128(
          stop, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')), _mm_cmpeq_epi8(v, _mm_set1_epi8('['))));
      stop = _mm_or_si128(
          stop, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(']')), _mm_cmpeq_epi8(v, _mm_set1_epi8('{'))));
      stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8('}')));
    }
    if (const int mask = _mm_movemask_epi8(stop)) return q + __builtin_ctz(static_cast<unsigned>(mask));
    q += 16;
  }
#else
  const bool* stops = flow ? kFlowPlainStops.data() : kBlockPlainStops.data();
  while (!stops[static_cast<unsigned char>(*q)])
    ++q;
  return q;
#endif
}

// The first LF, CR or NUL at or after q.
const char* find_line_end(const char* q) {
#ifdef __SSE2__
  for (;;) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const __m128i end = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
        _mm_cmpeq_epi8(v, _mm_setzero_si128()));
    if (const int mask = _mm_movemask_epi8(end)) return q + __builtin_ctz(static_cast<unsigned>(mask));
    q += 16;
  }
#else
  while (!is_break(*q) && *q != '\0')
    ++q;
  return q;
#endif
}

// The first byte at or after q that is not a space.
const char* skip_spaces(const char* q) {
#ifdef __SSE2__
  for (;;) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const unsigned others = ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
    if (others & 0xFFFF) return q + __builtin_ctz(others);
    q += 16;
  }
#else
  while (*q == ' ')
    ++q;
  return q;
#endif
}

// How error messages name a token that is out of place.
const char* describe(Tok kind) {
  switch (kind) {
    case Tok::StreamEnd:
      return "the end of the input";
    case Tok::DocStart:
      return "a document start marker '---'";
    case Tok::DocEnd:
      return "a document end marker '...'";
    case Tok::FlowSeqEnd:
      return "']'";
    case Tok::FlowMapEnd:
      return "'}'";
    case Tok::FlowEntry:
      return "','";
    case Tok::Key:
      return "'?'";
    case Tok::Value:
      return "':'";
    case Tok::BlockEntry:
      return "'-'";
    case Tok::BlockEnd:
      return "a less indented line";
    case Tok::VersionDirective:
    case Tok::TagDirective:
    case Tok::ReservedDirective:
      return "a directive";
    default:
      return "an unexpected token";
  }
}

std::string position_text(const Position& p) {
  return fmt::format("{}:{}", p.line, p.column);
}

struct SimpleKey {
  bool possible = false;
  bool required = false;
  bool after_tab = false;
  size_t token_number = 0;
  Position mark;
};

struct Anchored {
  Node* node;
  uint64_t weight;
};

// The parser's working memory. It outlives one parse() and serves the next
// one on the same thread, which spares small inputs most of their
// allocations; only what an unusually large input needed is given back.
struct Scratch {
  std::unique_ptr<char[]> buffer;
  size_t buffer_size = 0;
  TokenQueue tokens;
  std::vector<SimpleKey> simple_keys;  // one per flow level
  std::vector<int> indents;
  std::vector<Comment> pending_comments;
  std::vector<std::pair<std::string_view, std::string_view>> tag_handles;
  std::unordered_map<std::string_view, Anchored> anchors;
  std::vector<Node*> items;
  std::vector<Pair> pairs;
  std::unordered_map<std::string_view, const Node*> keys;

  static constexpr size_t kKeepBytes = 1 << 20;

  // A cleared state and a buffer of at least `size` bytes.
  void prepare(size_t size) {
    if (buffer_size < size) {
      buffer = std::make_unique_for_overwrite<char[]>(size);
      buffer_size = size;
    }
    tokens.clear();
    simple_keys.assign(1, SimpleKey{});
    indents.clear();
    pending_comments.clear();
    tag_handles.clear();
    if (!anchors.empty()) anchors.clear();
    items.clear();
    pairs.clear();
    if (!keys.empty()) keys.clear();
  }
  void trim() {
    if (buffer_size > kKeepBytes) {
      buffer.reset();
      buffer_size = 0;
    }
    if (tokens.capacity() * sizeof(Token) > kKeepBytes) tokens = TokenQueue{};
    trim(simple_keys);
    trim(indents);
    trim(pending_comments);
    trim(items);
    trim(pairs);
    if (anchors.bucket_count() * sizeof(void*) > kKeepBytes) anchors = {};
    if (keys.bucket_count() * sizeof(void*) > kKeepBytes) keys = {};
  }
  template <class T>
  static void trim(std::vector<T>& v) {
    if (v.capacity() * sizeof(T) > kKeepBytes) std::vector<T>().swap(v);
  }
};

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options, Scratch& scratch)
      : text_(text),
        options_(options),
        max_depth_(std::min<uint32_t>(options.max_depth, kHardDepthLimit)),
        scratch_(scratch),
        pending_comments_(scratch.pending_comments),
        tag_handles_(scratch.tag_handles),
        anchors_(scratch.anchors),
        key_scratch_(scratch.keys) {
    scratch.prepare(text.size() + kPadding);
    // The busiest parts are owned while parsing, so that using them takes no
    // indirection.
    tokens_ = std::move(scratch.tokens);
    simple_keys_ = std::move(scratch.simple_keys);
    indents_ = std::move(scratch.indents);
    item_scratch_ = std::move(scratch.items);
    pair_scratch_ = std::move(scratch.pairs);
    // A private copy with NUL padding: the scanner stops at a NUL, which also
    // marks the first invalid byte, so its loops need no bounds checks.
    buffer_ = scratch.buffer.get();
    const size_t checked = copy_text_ascii(text, buffer_);
    if (checked < text.size()) std::memcpy(buffer_ + checked, text.data() + checked, text.size() - checked);
    std::memset(buffer_ + text.size(), 0, kPadding);
    p_ = line_start_ = buffer_;
    set_limit(checked);
    stream_.text = text;
    // Room for the document and the one begun after it, usually found empty
    // at the end of the input and dropped.
    stream_.documents.reserve(2);
  }

  ~Parser() {
    scratch_.tokens = std::move(tokens_);
    scratch_.simple_keys = std::move(simple_keys_);
    scratch_.indents = std::move(indents_);
    scratch_.items = std::move(item_scratch_);
    scratch_.pairs = std::move(pair_scratch_);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  Stream run();

 private:
  // Parsing recurses once per nesting level; this bound keeps the C stack
  // safe whatever max_depth says.
  static constexpr uint32_t kHardDepthLimit = 1000;
  static constexpr size_t kMaxInitialArenaBytes = 32 * 1024;

  // ---- errors ----
  [[noreturn]] void fail(ErrorKind kind, Span span, std::string message) {
    // Whatever went wrong, running into the first invalid byte is the cause.
    if (*p_ == '\0' && limit_ < text_.size()) {
      const Position bad = position_at(p_);
      kind = ErrorKind::Encoding;
      span = {bad, bad};
      span.end.offset++;
      span.end.column++;
      message = limit_message_;
    }
    Error error;
    error.kind = kind;
    error.span = span;
    error.message = std::move(message);
    doc().errors.push_back(std::move(error));
    throw Failure{};
  }
  [[noreturn]] void fail(Span span, std::string message) {
    fail(ErrorKind::Syntax, span, std::move(message));
  }
  // Out of line, so that callers in the recursion keep no string temporaries
  // in their frames.
  [[noreturn, gnu::noinline]] void fail(Span span, const char* message) {
    fail(ErrorKind::Syntax, span, std::string(message));
  }
  [[noreturn, gnu::noinline]] void fail_unterminated(const char* what, Span open) {
    fail(open, fmt::format("unterminated {} starting at {}", what, position_text(open.begin)));
  }
  // A syntax error on a later line that is indented no deeper than the line
  // a bracket opened on almost always means the bracket was never closed
  // ("args: [a, b" followed by the next key): blame the bracket.
  void blame_unclosed(const char* what, Span open) {
    if (doc().errors.empty()) return;
    Error& error = doc().errors.back();
    if (error.kind != ErrorKind::Syntax || error.span.begin.line <= open.begin.line ||
        error.message.starts_with("unterminated "))
      return;
    if (line_indentation(error.span.begin) > line_indentation(open.begin)) return;
    error.message = fmt::format("unterminated {} starting at {}", what, position_text(open.begin));
    error.span = open;
  }
  uint32_t line_indentation(Position at) const {
    const char* line = buffer_ + at.offset - (at.column - 1);
    const char* q = line;
    while (*q == ' ')
      ++q;
    return static_cast<uint32_t>(q - line);
  }
  [[noreturn]] void fail_here(std::string message) {
    const Position here = pos();
    fail(Span{here, here}, std::move(message));
  }

  // ---- positions ----
  Position pos() const { return position_at(p_); }
  Position position_at(const char* at) const {
    return {static_cast<uint32_t>(at - buffer_), line_, static_cast<uint32_t>(at - line_start_ + 1)};
  }
  int column() const { return static_cast<int>(p_ - line_start_); }
  void skip_break() {
    if (p_[0] == '\r' && p_[1] == '\n') ++p_;
    ++p_;
    ++line_;
    line_start_ = p_;
  }
  std::string_view source(const Position& begin, const Position& end) const {
    return text_.substr(begin.offset, end.offset - begin.offset);
  }
  bool at_document_marker() const {
    return p_ == line_start_ &&
           ((p_[0] == '-' && p_[1] == '-' && p_[2] == '-') ||
            (p_[0] == '.' && p_[1] == '.' && p_[2] == '.')) &&
           is_blankz(p_[3]);
  }

  void set_limit(size_t from) {
    if (limit_ < text_.size()) buffer_[limit_] = text_[limit_];
    limit_ = find_invalid_byte(text_, from, limit_message_);
    buffer_[limit_] = '\0';
  }

  // ---- scanner ----
  Token& peek() {
    if (!token_available_) {
      fetch_more_tokens();
      token_available_ = true;
    }
    return tokens_[head_];
  }
  // The reference stays valid until the next peek().
  const Token& next() {
    const Token& t = peek();
    ++head_;
    ++tokens_parsed_;
    token_available_ = false;
    if (t.kind != Tok::BlockEnd && t.kind != Tok::StreamEnd) prev_end_ = t.span.end;
    check_document_size(t.span);
    return t;
  }
  void check_document_size(const Span& consumed) {
    if (consumed.end.offset > document_end_limit_)
      fail(ErrorKind::Limit, consumed,
           fmt::format("document exceeds the maximum size of {} bytes", options_.max_document_bytes));
  }

  void fetch_more_tokens();
  void fetch_next_token();
  // The rest of fetch_next_token() once the whitespace before the token is
  // skipped.
  void fetch_token_here();
  void scan_to_next_token() {
    // Most tokens follow one space, or none, on the same line.
    const char* q = p_ + (*p_ == ' ');
    const auto c = static_cast<unsigned char>(*q);
    if (c > ' ' && c < 0x80 && c != '#' && (p_ != line_start_ || simple_keys_.size() == 1)) {
      p_ = q;
      whitespace_had_tab_ = false;
      return;
    }
    skip_whitespace();
  }
  // Blanks, comments and line breaks, with the checks that come with them.
  [[gnu::noinline]] void skip_whitespace();
  void stale_simple_keys();
  void save_simple_key();
  void remove_simple_key();
  // Called for every entry; only a new collection gets past the first test.
  void roll_indent(int col, size_t number, Tok kind, Position mark, bool after_tab) {
    if (simple_keys_.size() > 1 || indent_ >= col) return;
    start_block(col, number, kind, mark, after_tab);
  }
  [[gnu::noinline]] void start_block(int col, size_t number, Tok kind, Position mark, bool after_tab);
  void unroll_indent(int col);
  // Inserts a token before the queued token with the given number (a key
  // found once its ':' turns up). Usually only one token moves; fixed-size
  // copies avoid the string instructions vector::insert compiles to.
  void insert_token(size_t number, Tok kind, Position mark) {
    const size_t index = head_ + (number - tokens_parsed_);
    tokens_.emplace_back();
    Token* data = tokens_.data();
    for (size_t k = tokens_.size() - 1; k > index; --k)
      std::memcpy(static_cast<void*>(data + k), data + k - 1, sizeof(Token));
    Token& t = data[index];
    t = Token{};
    t.kind = kind;
    t.span = {mark, mark};
  }
  void push(Tok kind, Span span) {
    Token& t = tokens_.emplace_back();
    t.kind = kind;
    t.span = span;
  }
  void push_indicator(Tok kind) {
    const Position begin = pos();
    ++p_;
    push(kind, {begin, pos()});
  }
  void fetch_stream_end();
  void fetch_directive();
  void fetch_document_marker(Tok kind);
  void fetch_flow_start(Tok kind);
  void fetch_flow_end(Tok kind);
  void fetch_flow_entry();
  void fetch_block_entry();
  void fetch_key();
  void fetch_value();
  void fetch_anchor(Tok kind);
  void fetch_tag();
  void fetch_block_scalar();
  void fetch_quoted_scalar();
  void fetch_plain_scalar();
  struct PlainScalar {
    Position begin;
    Position end;
    bool multiline;
  };
  // Scans the plain scalar at p_ and the whitespace after it, up to where
  // the next token may start.
  PlainScalar scan_plain_scalar();
  void scan_comment();
  void finish_line(const char* what);

  // ---- parser ----
  Document& doc() { return *doc_; }
  void add_document() {
    // Nodes take several times the bytes of their source. Size the arena's
    // first block after the previous document (or the whole input) rather
    // than growing from 1 KiB, but keep tiny documents cheap.
    const size_t expected_bytes = stream_.documents.empty() ? text_.size()
                                                            : stream_.documents.back().span.end.offset -
                                                                  stream_.documents.back().span.begin.offset;
    Document& document =
        stream_.documents.emplace_back(std::clamp<size_t>(expected_bytes * 8, 1024, kMaxInitialArenaBytes));
    doc_index_ = stream_.documents.size() - 1;
    doc_ = &document;
    node_cursor_ = node_end_ = nullptr;
    node_batch_ = 4;
  }
  void begin_document_at(Position begin) {
    doc().span.begin = begin;
    document_end_limit_ = uint64_t{begin.offset} + options_.max_document_bytes;
  }
  void parse_document();
  void start_document() {
    tag_handles_.clear();
    if (!anchors_.empty()) anchors_.clear();
    had_yaml_directive_ = false;
    expanded_ = 0;
    depth_ = 0;
  }
  bool read_plain_document();
  void finish_document(Node* root);
  uint64_t parse_node(bool block, bool indentless, Node*& out);
  // The recursion runs parse_node -> one collection function -> parse_node;
  // keeping the collection functions out of line keeps each level's stack
  // frames small (several KiB under AddressSanitizer otherwise).
  [[gnu::noinline]] uint64_t parse_alias(Node*& out);
  // first_entry_taken: start_block_sequence() started the sequence and took
  // the '-' of its first entry.
  [[gnu::noinline]] void parse_block_sequence(Node* node, uint64_t& weight, bool first_entry_taken = false);
  [[gnu::noinline]] void parse_indentless_sequence(Node* node, uint64_t& weight,
                                                   bool first_entry_taken = false);
  // first_key: read by start_plain_mapping(), which also started the block.
  [[gnu::noinline]] void parse_block_mapping(Node* node, uint64_t& weight, Node* first_key = nullptr);
  [[gnu::noinline]] void parse_flow_sequence(Node* node, uint64_t& weight);
  [[gnu::noinline]] void parse_flow_mapping(Node* node, uint64_t& weight);
  [[gnu::noinline]] uint64_t parse_flow_pair(Tok closing, Node*& key, Node*& value);
  Node* new_node(NodeKind kind, Span span) {
    if (node_cursor_ == node_end_) [[unlikely]]
      refill_nodes();
    Node* node = new (node_cursor_++) Node;
    node->kind = kind;
    node->span = span;
    if (!doc().root) doc().root = node;
    return node;
  }
  // Nodes come from the arena in batches: one (virtual) allocate() call per
  // batch instead of one per node. Batches grow with the document, so that
  // small documents leave little unused.
  [[gnu::noinline]] void refill_nodes() {
    node_batch_ = std::min<size_t>(node_batch_ * 2, 256);
    node_cursor_ = static_cast<Node*>(doc().arena->allocate(node_batch_ * sizeof(Node), alignof(Node)));
    node_end_ = node_cursor_ + node_batch_;
  }
  Node* empty_node(Position at) { return new_node(NodeKind::Scalar, {at, at}); }
  // Most scalars are views into the input; only decoding is out of line.
  Node* scalar_node(const Token& t) {
    Node* node = new_node(NodeKind::Scalar, t.span);
    node->style = t.style;
    if (t.needs_decoding) {
      decode_scalar(t, node);
    } else {
      node->value = t.style == ScalarStyle::Plain ? t.text : t.text.substr(1, t.text.size() - 2);
    }
    return node;
  }
  [[gnu::noinline]] void decode_scalar(const Token& t, Node* node);
  [[gnu::noinline]] std::string_view resolve_tag(const Token& t);
  void enter(const Span& span) {
    if (++depth_ > max_depth_)
      fail(ErrorKind::Limit, span, fmt::format("nesting exceeds the maximum depth of {}", max_depth_));
  }

  // ---- direct reading ----
  // Most of a manifest is "key: value" lines, "- " entries and plain scalars
  // in block context. When the token queue is drained, the block parsers read
  // these straight from the bytes and leave the scanner as the token path
  // would have left it. Anything else, and anything whose scanning could
  // fail, goes to the token path, so that errors, their positions and the
  // partial trees of broken documents stay the same.
  enum class KeyAhead { None, Found, Unsure };
  bool queue_drained() const {
    return head_ == tokens_.size() && possible_keys_ == 0 && simple_keys_.size() == 1;
  }
  // Skips the whitespace and comments before the next token as the token
  // path would; fetch_token_here() can take over from there.
  void skip_to_next_token() {
    tokens_.clear();
    head_ = 0;
    scan_to_next_token();
  }
  KeyAhead plain_key_ahead(const char*& key_end, const char*& colon) const;
  // Whether an implicit plain key that the token path would take without
  // error starts at p_.
  bool plain_key_here(const char*& key_end, const char*& colon) const {
    return simple_key_allowed_ && !whitespace_had_tab_ && !at_document_marker() &&
           starts_block_plain_scalar(p_) && plain_key_ahead(key_end, colon) == KeyAhead::Found;
  }
  bool at_block_entry() const { return p_[0] == '-' && is_blankz(p_[1]) && simple_key_allowed_; }
  // Whether fetching the token at p_, and checking the keys pending then,
  // cannot fail.
  bool next_token_is_safe() const;
  Node* take_plain_key(const char* key_end, const char* colon);
  Node* plain_scalar_node(const PlainScalar& scalar);
  Node* take_simple_quoted_scalar();
  void take_block_entry();
  // What consuming a BlockEnd token does.
  void end_block() {
    indent_ = indents_.back();
    indents_.pop_back();
  }
  // Where read_block_value() reads: a mapping value, an entry of an
  // indentless sequence (both of which a key that follows leaves empty), or
  // an entry of a block sequence or a document's root.
  enum class BlockSlot { MappingValue, IndentlessEntry, Entry };
  // A node in block context after its ':', '-' or "---". Returns null, with
  // the next token queued, when it is not read directly.
  [[gnu::noinline]] Node* read_block_value(BlockSlot slot, uint64_t& weight);
  Node* start_plain_mapping(const char* key_end, const char* colon, uint64_t& weight);
  Node* start_block_sequence(bool indentless, uint64_t& weight);

  [[noreturn, gnu::noinline]] void fail_in_block(const Token& t, const Node& collection, const char* entry);
  [[noreturn, gnu::noinline]] void fail_no_node(const Token& t);
  void finish_items(Node* node, size_t base);
  void finish_pairs(Node* node, size_t base);
  void check_duplicate_keys(std::span<Pair> pairs);
  void recover();
  void assign_comments(bool all);

  static uint64_t add(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

  std::string_view text_;
  const ParseOptions& options_;
  uint32_t max_depth_;
  Scratch& scratch_;
  char* buffer_;
  size_t limit_ = 0;
  std::string limit_message_;
  const char* p_;
  const char* line_start_;
  uint32_t line_ = 1;

  TokenQueue tokens_;
  size_t head_ = 0;
  size_t tokens_parsed_ = 0;
  bool token_available_ = false;
  bool stream_start_produced_ = false;
  bool simple_key_allowed_ = false;
  bool whitespace_had_tab_ = false;     // the blanks just before the current token
  bool last_json_like_ = false;         // the last token was a quoted scalar or a flow end
  std::vector<SimpleKey> simple_keys_;  // one per flow level
  size_t possible_keys_ = 0;
  int indent_ = -1;
  std::vector<int> indents_;
  std::vector<Comment>& pending_comments_;

  Stream stream_;
  size_t doc_index_ = 0;
  Document* doc_ = nullptr;      // stream_.documents[doc_index_]
  Node* node_cursor_ = nullptr;  // the unused part of the current node batch
  Node* node_end_ = nullptr;
  size_t node_batch_ = 0;
  Position prev_end_;
  // Offset at which the document is too large; none before the first one
  // begins (the stream start token may follow a byte order mark).
  uint64_t document_end_limit_ = UINT64_MAX;
  uint32_t depth_ = 0;
  uint64_t expanded_ = 0;
  bool had_yaml_directive_ = false;
  std::vector<std::pair<std::string_view, std::string_view>>& tag_handles_;
  std::unordered_map<std::string_view, Anchored>& anchors_;
  std::vector<Node*> item_scratch_;
  std::vector<Pair> pair_scratch_;
  std::unordered_map<std::string_view, const Node*>& key_scratch_;
  const char* last_recovery_ = nullptr;
};

// ===================================================================== scanner

void Parser::fetch_more_tokens() {
  if (head_ == tokens_.size()) {
    tokens_.clear();
    head_ = 0;
  }
  for (;;) {
    bool need_more = head_ == tokens_.size();
    if (!need_more && possible_keys_ > 0) {
      stale_simple_keys();
      for (const SimpleKey& key : simple_keys_) {
        if (key.possible && key.token_number == tokens_parsed_) {
          need_more = true;
          break;
        }
      }
    }
    if (!need_more) return;
    fetch_next_token();
  }
}

void Parser::fetch_next_token() {
  if (!stream_start_produced_) {
    stream_start_produced_ = true;
    simple_key_allowed_ = true;
    if (static_cast<unsigned char>(p_[0]) == 0xEF && static_cast<unsigned char>(p_[1]) == 0xBB &&
        static_cast<unsigned char>(p_[2]) == 0xBF) {
      p_ += 3;
      line_start_ = p_;  // the byte order mark is not part of line 1
    }
    push(Tok::StreamStart, {pos(), pos()});
    return;
  }
  scan_to_next_token();
  fetch_token_here();
}

void Parser::fetch_token_here() {
  if (possible_keys_ > 0) stale_simple_keys();
  if (indent_ > column()) unroll_indent(column());

  const bool after_json_node = last_json_like_;
  last_json_like_ = false;
  const char c = *p_;
  if (c == '\0') {
    if (static_cast<size_t>(p_ - buffer_) < text_.size()) fail_here("invalid character");
    fetch_stream_end();
    return;
  }
  if (p_ == line_start_) {
    if (c == '%') return fetch_directive();
    if (at_document_marker()) return fetch_document_marker(c == '-' ? Tok::DocStart : Tok::DocEnd);
  }
  // Most tokens are plain scalars starting with a letter or a digit: spare
  // them the dispatch below.
  if (is_alnum(c)) return fetch_plain_scalar();
  const bool in_flow = simple_keys_.size() > 1;
  const char n = p_[1];
  switch (c) {
    case '[':
      return fetch_flow_start(Tok::FlowSeqStart);
    case '{':
      return fetch_flow_start(Tok::FlowMapStart);
    case ']':
      return fetch_flow_end(Tok::FlowSeqEnd);
    case '}':
      return fetch_flow_end(Tok::FlowMapEnd);
    case ',':
      return fetch_flow_entry();
    case '*':
      return fetch_anchor(Tok::Alias);
    case '&':
      return fetch_anchor(Tok::Anchor);
    case '!':
      return fetch_tag();
    case '\'':
    case '"':
      return fetch_quoted_scalar();
    case '|':
    case '>':
      if (!in_flow) return fetch_block_scalar();
      break;
    case '-':
      if (is_blankz(n)) return fetch_block_entry();
      break;
    case '?':
      if (is_blankz(n) || (in_flow && is_flow_indicator(n))) return fetch_key();
      break;
    case ':':
      // After a quoted scalar or a flow collection, ':' in flow is always a
      // value indicator ("JSON-like" keys).
      if (is_blankz(n) || (in_flow && (is_flow_indicator(n) || after_json_node))) {
        return fetch_value();
      }
      break;
    case '#':
      fail_here("a comment must be separated from the preceding token by whitespace");
    case '@':
    case '`':
    case '%':
      fail_here(fmt::format("character '{}' cannot start any token", c));
    default:
      break;
  }
  if ((c == '-' || c == '?' || c == ':') && (is_blankz(n) || (in_flow && is_flow_indicator(n))))
    fail_here(fmt::format("character '{}' cannot start any token", c));
  fetch_plain_scalar();
}

void Parser::scan_comment() {
  const Position begin = pos();
  // The line ends at LF, CR or the NUL at limit_ (no NUL comes before it).
  const char* limit = buffer_ + limit_;
  const auto* lf = static_cast<const char*>(std::memchr(p_, '\n', static_cast<size_t>(limit - p_)));
  const char* q = lf ? lf : limit;
  if (const auto* cr = static_cast<const char*>(std::memchr(p_, '\r', static_cast<size_t>(q - p_)))) q = cr;
  p_ = q;
  const Position end = pos();
  pending_comments_.push_back({{begin, end}, source(begin, end).substr(1)});
}

void Parser::skip_whitespace() {
  whitespace_had_tab_ = false;
  for (;;) {
    const char* blanks_start = p_;
    const bool at_line_start = p_ == line_start_;
    if (at_line_start && static_cast<unsigned char>(p_[0]) == 0xEF &&
        static_cast<unsigned char>(p_[1]) == 0xBB && static_cast<unsigned char>(p_[2]) == 0xBF) {
      p_ += 3;
    }
    const char* q = skip_spaces(p_);
    bool tab = false;
    while (is_blank(*q)) {
      tab |= *q == '\t';
      ++q;
    }
    p_ = q;
    whitespace_had_tab_ = tab;
    // A comment needs a blank before it (or starts the line).
    if (*p_ == '#' && (p_ == line_start_ || is_blank(p_[-1]))) scan_comment();
    if (is_break(*p_)) {
      skip_break();
      if (simple_keys_.size() == 1) simple_key_allowed_ = true;
      continue;
    }
    if (at_line_start && *p_ != '\0') {
      // A tab may separate tokens but never indent content.
      if (tab) {
        const char* first_tab = blanks_start;
        while (*first_tab == ' ')
          ++first_tab;
        if (first_tab - line_start_ <= indent_)
          fail(Span{position_at(first_tab), pos()}, "tab characters must not be used for indentation");
      }
      if (simple_keys_.size() > 1 && column() <= indent_)
        fail_here("flow collection content must be indented more than its parent block");
    }
    return;
  }
}

void Parser::stale_simple_keys() {
  if (possible_keys_ == 0) return;
  const uint32_t offset = static_cast<uint32_t>(p_ - buffer_);
  for (SimpleKey& key : simple_keys_) {
    // Implicit keys are limited to one line and 1024 characters.
    if (key.possible && (key.mark.line < line_ || key.mark.offset + 1024 < offset)) {
      if (key.required) fail(Span{key.mark, key.mark}, "could not find expected ':' after this implicit key");
      key.possible = false;
      --possible_keys_;
    }
  }
}

inline void Parser::save_simple_key() {
  const bool required = simple_keys_.size() == 1 && indent_ == column();
  if (!simple_key_allowed_) return;
  remove_simple_key();
  SimpleKey& key = simple_keys_.back();
  key.possible = true;
  ++possible_keys_;
  key.required = required;
  key.after_tab = whitespace_had_tab_;
  key.token_number = tokens_parsed_ + (tokens_.size() - head_);
  key.mark = pos();
}

inline void Parser::remove_simple_key() {
  SimpleKey& key = simple_keys_.back();
  if (!key.possible) return;
  if (key.required) fail(Span{key.mark, key.mark}, "could not find expected ':' after this implicit key");
  key.possible = false;
  --possible_keys_;
}

void Parser::start_block(int col, size_t number, Tok kind, Position mark, bool after_tab) {
  // A new block collection after "-\t", "?\t" or ":\t": the tab would be
  // part of its indentation.
  if (after_tab) fail(Span{mark, mark}, "tab characters must not be used for indentation");
  indents_.push_back(indent_);
  indent_ = col;
  if (number == SIZE_MAX) {
    push(kind, {mark, mark});
  } else {
    insert_token(number, kind, mark);
  }
}

void Parser::unroll_indent(int col) {
  if (simple_keys_.size() > 1) return;
  while (indent_ > col) {
    push(Tok::BlockEnd, {pos(), pos()});
    indent_ = indents_.back();
    indents_.pop_back();
  }
}

void Parser::fetch_stream_end() {
  unroll_indent(-1);
  remove_simple_key();
  // Keys still pending in unterminated flow collections can never complete.
  for (SimpleKey& key : simple_keys_)
    key.possible = false;
  possible_keys_ = 0;
  simple_key_allowed_ = false;
  push(Tok::StreamEnd, {pos(), pos()});
}

// Rest of a line after a directive or a document marker: blanks, a comment.
void Parser::finish_line(const char* what) {
  const char* before = p_;
  while (is_blank(*p_))
    ++p_;
  if (*p_ == '#' && p_ != before) scan_comment();
  if (!is_break(*p_) && *p_ != '\0') fail_here(fmt::format("unexpected content after {}", what));
}

void Parser::fetch_directive() {
  unroll_indent(-1);
  remove_simple_key();
  simple_key_allowed_ = false;
  const Position begin = pos();
  ++p_;
  const char* name_start = p_;
  while (!is_blankz(*p_))
    ++p_;
  const std::string_view name(name_start, static_cast<size_t>(p_ - name_start));
  Token& t = tokens_.emplace_back();
  t.span.begin = begin;
  if (name == "YAML") {
    t.kind = Tok::VersionDirective;
    while (is_blank(*p_))
      ++p_;
    const char* version = p_;
    while (*p_ >= '0' && *p_ <= '9')
      ++p_;
    if (*p_ != '.' || p_ == version) fail_here("invalid %YAML directive: expected a version like 1.2");
    ++p_;
    const char* minor = p_;
    while (*p_ >= '0' && *p_ <= '9')
      ++p_;
    if (p_ == minor || !is_blankz(*p_)) fail_here("invalid %YAML directive: expected a version like 1.2");
    t.text = text_.substr(static_cast<size_t>(version - buffer_), static_cast<size_t>(p_ - version));
    t.span.end = pos();
    finish_line("the %YAML directive");
  } else if (name == "TAG") {
    t.kind = Tok::TagDirective;
    while (is_blank(*p_))
      ++p_;
    const char* handle = p_;
    if (*p_ != '!') fail_here("invalid %TAG directive: expected a tag handle");
    ++p_;
    while (is_word_char(*p_))
      ++p_;
    if (*p_ == '!') {
      ++p_;
    } else if (p_ != handle + 1) {
      fail_here("invalid %TAG directive: a named tag handle must end with '!'");
    }
    if (!is_blank(*p_)) fail_here("invalid %TAG directive: expected blanks after the handle");
    t.text = text_.substr(static_cast<size_t>(handle - buffer_), static_cast<size_t>(p_ - handle));
    while (is_blank(*p_))
      ++p_;
    const char* prefix = p_;
    while (is_uri_char(*p_))
      ++p_;
    if (p_ == prefix || !is_blankz(*p_)) fail_here("invalid %TAG directive: expected a tag prefix");
    t.suffix = text_.substr(static_cast<size_t>(prefix - buffer_), static_cast<size_t>(p_ - prefix));
    t.span.end = pos();
    finish_line("the %TAG directive");
  } else {
    t.kind = Tok::ReservedDirective;  // ignored, as the spec asks
    const char* last = p_;
    while (!is_break(*p_) && *p_ != '\0' && !(*p_ == '#' && is_blank(p_[-1]))) {
      if (!is_blank(*p_)) last = p_ + 1;
      ++p_;
    }
    t.span.end = position_at(last);
    if (*p_ == '#') scan_comment();
  }
}

void Parser::fetch_document_marker(Tok kind) {
  if (simple_keys_.size() > 1) fail_here("document marker inside a flow collection");
  unroll_indent(-1);
  remove_simple_key();
  simple_key_allowed_ = false;
  const Position begin = pos();
  p_ += 3;
  push(kind, {begin, pos()});
  if (kind == Tok::DocEnd) finish_line("the document end marker '...'");
}

void Parser::fetch_flow_start(Tok kind) {
  save_simple_key();
  simple_keys_.emplace_back();
  if (simple_keys_.size() > max_depth_ + 2) {
    const Position here = pos();
    fail(ErrorKind::Limit, {here, here}, fmt::format("nesting exceeds the maximum depth of {}", max_depth_));
  }
  simple_key_allowed_ = true;
  push_indicator(kind);
}

void Parser::fetch_flow_end(Tok kind) {
  if (simple_keys_.size() == 1) fail_here(fmt::format("'{}' without a matching opening bracket", *p_));
  remove_simple_key();
  simple_keys_.pop_back();
  simple_key_allowed_ = false;
  push_indicator(kind);
  last_json_like_ = true;
}

void Parser::fetch_flow_entry() {
  if (simple_keys_.size() == 1) fail_here("',' is only allowed inside flow collections");
  remove_simple_key();
  simple_key_allowed_ = true;
  push_indicator(Tok::FlowEntry);
}

void Parser::fetch_block_entry() {
  if (simple_keys_.size() > 1) fail_here("block sequence entries are not allowed inside flow collections");
  if (!simple_key_allowed_) fail_here("block sequence entries are not allowed here");
  roll_indent(column(), SIZE_MAX, Tok::BlockSeqStart, pos(), whitespace_had_tab_);
  remove_simple_key();
  simple_key_allowed_ = true;
  push_indicator(Tok::BlockEntry);
}

void Parser::fetch_key() {
  const bool in_block = simple_keys_.size() == 1;
  if (in_block) {
    if (!simple_key_allowed_) fail_here("mapping keys are not allowed here");
    roll_indent(column(), SIZE_MAX, Tok::BlockMapStart, pos(), whitespace_had_tab_);
  }
  remove_simple_key();
  simple_key_allowed_ = in_block;
  push_indicator(Tok::Key);
}

void Parser::fetch_value() {
  SimpleKey& key = simple_keys_.back();
  const bool in_block = simple_keys_.size() == 1;
  if (key.possible) {
    insert_token(key.token_number, Tok::Key, key.mark);
    key.possible = false;
    --possible_keys_;
    roll_indent(static_cast<int>(key.mark.column) - 1, key.token_number, Tok::BlockMapStart, key.mark,
                key.after_tab);
    simple_key_allowed_ = false;
  } else {
    if (in_block) {
      if (!simple_key_allowed_) fail_here("mapping values are not allowed here");
      roll_indent(column(), SIZE_MAX, Tok::BlockMapStart, pos(), whitespace_had_tab_);
    }
    simple_key_allowed_ = in_block;
  }
  push_indicator(Tok::Value);
}

void Parser::fetch_anchor(Tok kind) {
  save_simple_key();
  simple_key_allowed_ = false;
  const Position begin = pos();
  ++p_;
  const char* name = p_;
  while (!is_blankz(*p_) && !is_flow_indicator(*p_))
    ++p_;
  const char* what = kind == Tok::Alias ? "alias" : "anchor";
  if (p_ == name) fail_here(fmt::format("{} name must not be empty", what));
  Token& t = tokens_.emplace_back();
  t.kind = kind;
  t.span = {begin, pos()};
  t.text = source(begin, t.span.end).substr(1);
}

void Parser::fetch_tag() {
  save_simple_key();
  simple_key_allowed_ = false;
  const Position begin = pos();
  Token& t = tokens_.emplace_back();
  t.kind = Tok::Tag;
  ++p_;
  if (*p_ == '<') {
    ++p_;
    const char* uri = p_;
    while (is_uri_char(*p_) && *p_ != '>')
      ++p_;
    if (*p_ != '>' || p_ == uri) fail_here("invalid verbatim tag: expected '>'");
    t.verbatim_tag = true;
    t.suffix = text_.substr(static_cast<size_t>(uri - buffer_), static_cast<size_t>(p_ - uri));
    ++p_;
  } else {
    const char* handle_start = p_ - 1;
    while (is_word_char(*p_))
      ++p_;
    if (*p_ == '!') {
      ++p_;
    } else {
      p_ = handle_start + 1;  // "!suffix": the primary handle
    }
    t.text =
        text_.substr(static_cast<size_t>(handle_start - buffer_), static_cast<size_t>(p_ - handle_start));
    const char* suffix = p_;
    while (is_uri_char(*p_) && *p_ != '!' && !is_flow_indicator(*p_))
      ++p_;
    t.suffix = text_.substr(static_cast<size_t>(suffix - buffer_), static_cast<size_t>(p_ - suffix));
    if (t.suffix.empty() && t.text != "!") fail_here("tag suffix must not be empty");
  }
  if (!is_blankz(*p_) && !(simple_keys_.size() > 1 && is_flow_indicator(*p_)))
    fail_here("a tag must be followed by a blank");
  t.span = {begin, pos()};
}

void Parser::fetch_quoted_scalar() {
  save_simple_key();
  simple_key_allowed_ = false;
  const Position begin = pos();
  const char quote = *p_;
  const char* kind_name = quote == '"' ? "double" : "single";
  bool needs_decoding = false;
  ++p_;
  for (;;) {
    const char c = *p_;
    if (c == '\0' || at_document_marker()) {
      fail(Span{begin, pos()},
           fmt::format("unterminated {}-quoted string starting at {}", kind_name, position_text(begin)));
    }
    if (c == quote) {
      if (quote == '\'' && p_[1] == '\'') {
        needs_decoding = true;
        p_ += 2;
        continue;
      }
      break;
    }
    if (c == '\\' && quote == '"' && p_[1] != '\0') {
      needs_decoding = true;
      ++p_;
      if (is_break(*p_)) {
        skip_break();
      } else {
        ++p_;
      }
      continue;
    }
    if (is_break(c)) {
      needs_decoding = true;
      skip_break();
      // Continuation lines of a block-context string must be indented.
      while (*p_ == ' ')
        ++p_;
      const int spaces = column();
      while (is_blank(*p_))
        ++p_;
      if (simple_keys_.size() == 1 && spaces <= indent_ && !is_break(*p_) && *p_ != '\0' &&
          !at_document_marker())
        fail_here(fmt::format("{}-quoted string continuation line is not indented enough", kind_name));
      continue;
    }
    ++p_;
  }
  ++p_;
  Token& t = tokens_.emplace_back();
  t.kind = Tok::Scalar;
  t.style = quote == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
  t.needs_decoding = needs_decoding;
  t.span = {begin, pos()};
  t.text = source(begin, t.span.end);
  last_json_like_ = true;
}

void Parser::fetch_plain_scalar() {
  save_simple_key();
  simple_key_allowed_ = false;
  const PlainScalar scalar = scan_plain_scalar();
  Token& t = tokens_.emplace_back();
  t.kind = Tok::Scalar;
  t.span = {scalar.begin, scalar.end};
  t.text = source(scalar.begin, scalar.end);
  t.needs_decoding = scalar.multiline;
}

Parser::PlainScalar Parser::scan_plain_scalar() {
  const bool in_flow = simple_keys_.size() > 1;
  const Position begin = pos();
  Position end = begin;
  bool multiline = false;
  for (;;) {
    if (at_document_marker() || *p_ == '#') break;
    const char* run = p_;
    const char* q = p_;
    for (;;) {
      q = find_plain_stop(q, in_flow);
      // ':' ends the scalar only before a blank (or a flow indicator in flow).
      if (*q == ':' && !is_blankz(q[1]) && !(in_flow && is_flow_indicator(q[1]))) {
        ++q;
        continue;
      }
      break;
    }
    p_ = q;
    if (p_ == run) break;
    multiline |= end.line != line_;
    end = pos();
    if (!is_blank(*p_) && !is_break(*p_)) break;
    bool crossed_line = false;
    for (;;) {
      const char* q = skip_spaces(p_);
      while (is_blank(*q))
        ++q;
      p_ = q;
      if (!is_break(*p_)) break;
      skip_break();
      crossed_line = true;
    }
    if (crossed_line) {
      simple_key_allowed_ = !in_flow;
      const char* indentation_end = skip_spaces(line_start_);
      if (*indentation_end == '\t' && indentation_end - line_start_ <= indent_ && *p_ != '\0' && *p_ != '#')
        fail(Span{position_at(indentation_end), pos()}, "tab characters must not be used for indentation");
      if (!in_flow && column() <= indent_) break;
    }
  }
  return {begin, end, multiline};
}

void Parser::fetch_block_scalar() {
  remove_simple_key();
  simple_key_allowed_ = true;
  const Position begin = pos();
  const bool folded = *p_ == '>';
  ++p_;
  int explicit_indent = 0;
  bool chomping_seen = false;
  for (int k = 0; k < 2; ++k) {
    if ((*p_ == '+' || *p_ == '-') && !chomping_seen) {
      chomping_seen = true;
      ++p_;
    } else if (*p_ >= '0' && *p_ <= '9' && !explicit_indent) {
      if (*p_ == '0') fail_here("block scalar indentation indicator must be between 1 and 9");
      explicit_indent = *p_ - '0';
      ++p_;
    }
  }
  Position end = pos();  // moves to the end of the last content line
  const char* before_blanks = p_;
  while (is_blank(*p_))
    ++p_;
  if (*p_ == '#' && p_ != before_blanks) scan_comment();
  if (!is_break(*p_) && *p_ != '\0') fail_here("invalid block scalar header");
  if (*p_ != '\0') skip_break();

  const int parent = indent_;
  int indent = explicit_indent ? std::max(parent, 0) + explicit_indent : -1;
  int longest_empty = 0;
  for (;;) {
    const char* line = p_;
    p_ = skip_spaces(p_);
    const int spaces = static_cast<int>(p_ - line);
    if (indent < 0 && !is_break(*p_) && *p_ != '\0') {
      // The first non-empty line decides the indentation.
      indent = std::max(spaces, parent + 1);
      if (longest_empty > indent)
        fail_here("a leading empty line of the block scalar has more spaces than its content");
    }
    if (is_break(*p_)) {
      longest_empty = std::max(longest_empty, spaces);
      skip_break();
      continue;
    }
    if (*p_ == '\0') break;
    if (spaces == 0 && at_document_marker()) break;
    if (spaces < indent) {
      if (*p_ == '\t') {
        // A line of blanks is empty; otherwise the tab is indentation and
        // ends the scalar (scan_to_next_token() reports it).
        const char* q = p_;
        while (is_blank(*q))
          ++q;
        if (is_break(*q) || *q == '\0') {
          if (spaces <= parent) fail_here("tab characters must not be used for indentation");
          p_ = q;
          if (*p_ != '\0') skip_break();
          continue;
        }
      }
      p_ = line;  // a less indented line ends the scalar
      break;
    }
    p_ = find_line_end(p_);
    end = pos();
    if (*p_ != '\0') skip_break();
  }
  Token& t = tokens_.emplace_back();
  t.kind = Tok::Scalar;
  t.style = folded ? ScalarStyle::Folded : ScalarStyle::Literal;
  t.block_indent = parent;
  t.needs_decoding = true;
  t.span = {begin, end};
  t.text = text_.substr(begin.offset, static_cast<size_t>(p_ - buffer_) - begin.offset);
}

// ====================================================================== parser

void Parser::decode_scalar(const Token& t, Node* node) {
  std::pmr::memory_resource& arena = *doc().arena;
  DecodedScalar decoded;
  switch (t.style) {
    case ScalarStyle::Plain:
      decoded = decode_plain(t.text, arena);
      break;
    case ScalarStyle::SingleQuoted:
      decoded = decode_single_quoted(t.text, arena);
      break;
    case ScalarStyle::DoubleQuoted:
      decoded = decode_double_quoted(t.text, arena);
      break;
    case ScalarStyle::Literal:
    case ScalarStyle::Folded:
      decoded = decode_block(t.text, t.block_indent, arena);
      break;
  }
  if (decoded.error) {
    // Walk to the offending byte to name its line and column.
    Position at = t.span.begin;
    for (uint32_t k = 0; k < decoded.error_offset && k < t.text.size(); ++k) {
      if (t.text[k] == '\n' || (t.text[k] == '\r' && (k + 1 >= t.text.size() || t.text[k + 1] != '\n'))) {
        ++at.line;
        at.column = 1;
      } else {
        ++at.column;
      }
      ++at.offset;
    }
    Position after = at;
    ++after.offset;
    ++after.column;
    fail(Span{at, after}, decoded.error);
  }
  node->value = decoded.value;
}

std::string_view Parser::resolve_tag(const Token& t) {
  std::string_view prefix;
  if (!t.verbatim_tag) {
    if (t.text == "!" && t.suffix.empty()) return "!";
    bool found = false;
    for (const auto& [handle, value] : tag_handles_) {
      if (handle == t.text) {
        prefix = value;
        found = true;
      }
    }
    if (!found) {
      if (t.text == "!!") {
        prefix = "tag:yaml.org,2002:";
      } else if (t.text == "!") {
        prefix = "!";
      } else {
        fail(t.span, fmt::format("undefined tag handle \"{}\"", t.text));
      }
    }
  }
  const std::string_view suffix = t.suffix;
  if (suffix.find('%') == std::string_view::npos && prefix.empty()) return suffix;
  auto* out = static_cast<char*>(doc().arena->allocate(prefix.size() + suffix.size(), 1));
  if (!prefix.empty()) std::memcpy(out, prefix.data(), prefix.size());  // verbatim tags have no prefix
  size_t n = prefix.size();
  for (size_t i = 0; i < suffix.size(); ++i) {
    auto hex = [](char c) {
      return c >= '0' && c <= '9'                     ? c - '0'
             : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                      : -1;
    };
    if (suffix[i] == '%' && i + 2 < suffix.size() && hex(suffix[i + 1]) >= 0 && hex(suffix[i + 2]) >= 0) {
      out[n++] = static_cast<char>(hex(suffix[i + 1]) * 16 + hex(suffix[i + 2]));
      i += 2;
    } else {
      out[n++] = suffix[i];
    }
  }
  return {out, n};
}

uint64_t Parser::parse_alias(Node*& out) {
  const Token t = next();
  const auto it = anchors_.find(t.text);
  if (it == anchors_.end()) fail(t.span, fmt::format("undefined alias \"{}\"", t.text));
  Node* node = new_node(NodeKind::Alias, t.span);
  node->anchor = t.text;
  node->target = it->second.node;
  out = node;
  expanded_ = add(expanded_, it->second.weight);
  if (expanded_ > options_.max_alias_expansion)
    fail(ErrorKind::Limit, t.span,
         fmt::format("aliases expand to more than {} nodes (alias \"{}\")", options_.max_alias_expansion,
                     t.text));
  return it->second.weight;
}

uint64_t Parser::parse_node(bool block, bool indentless, Node*& out) {
  Token* t = &peek();
  if (t->kind == Tok::Alias) return parse_alias(out);
  std::string_view anchor;
  std::string_view tag;
  bool has_tag = false;
  while (t->kind == Tok::Anchor || t->kind == Tok::Tag) {
    const Token& property = next();  // valid until the next peek()
    if (property.kind == Tok::Anchor) {
      if (!anchor.empty()) fail(property.span, "a node must not have more than one anchor");
      anchor = property.text;
    } else {
      if (has_tag) fail(property.span, "a node must not have more than one tag");
      tag = resolve_tag(property);
      has_tag = true;
    }
    t = &peek();
  }
  if (t->kind == Tok::Alias) fail(t->span, "an alias must not have an anchor or a tag");
  Node* node = nullptr;
  uint64_t weight = 1;
  auto collection = [&](NodeKind kind, bool flow) {
    node = new_node(kind, t->span);
    node->flow = flow;
    node->tag = tag;
    node->anchor = anchor;
    if (!anchor.empty()) anchors_[anchor] = {node, 1};
    enter(t->span);
  };
  switch (t->kind) {
    case Tok::Scalar:
      node = scalar_node(next());
      break;
    case Tok::FlowSeqStart:
      collection(NodeKind::Sequence, true);
      parse_flow_sequence(node, weight);
      break;
    case Tok::FlowMapStart:
      collection(NodeKind::Mapping, true);
      parse_flow_mapping(node, weight);
      break;
    case Tok::BlockSeqStart:
      if (!block) fail(t->span, "block collections are not allowed inside flow collections");
      collection(NodeKind::Sequence, false);
      parse_block_sequence(node, weight);
      break;
    case Tok::BlockMapStart:
      if (!block) fail(t->span, "block collections are not allowed inside flow collections");
      collection(NodeKind::Mapping, false);
      parse_block_mapping(node, weight);
      break;
    case Tok::BlockEntry:
      if (indentless) {
        collection(NodeKind::Sequence, false);
        parse_indentless_sequence(node, weight);
        break;
      }
      [[fallthrough]];
    default:
      if (anchor.empty() && !has_tag) {
        fail_no_node(*t);
      }
      node = empty_node(prev_end_);
      break;
  }
  if (node->kind != NodeKind::Scalar) {
    --depth_;
  } else {
    node->tag = tag;
    node->anchor = anchor;
  }
  if (!anchor.empty()) anchors_[anchor] = {node, weight};
  expanded_ = add(expanded_, 1);
  out = node;
  return weight;
}

void Parser::finish_items(Node* node, size_t base) {
  const size_t count = item_scratch_.size() - base;
  auto* items = static_cast<Node**>(doc().arena->allocate(count * sizeof(Node*), alignof(Node*)));
  std::copy(item_scratch_.begin() + static_cast<ptrdiff_t>(base), item_scratch_.end(), items);
  item_scratch_.resize(base);
  node->items = {items, count};
  node->span.end =
      std::max(prev_end_, node->span.begin, [](auto& a, auto& b) { return a.offset < b.offset; });
}

void Parser::finish_pairs(Node* node, size_t base) {
  const size_t count = pair_scratch_.size() - base;
  auto* pairs = static_cast<Pair*>(doc().arena->allocate(count * sizeof(Pair), alignof(Pair)));
  std::copy(pair_scratch_.begin() + static_cast<ptrdiff_t>(base), pair_scratch_.end(), pairs);
  pair_scratch_.resize(base);
  node->pairs = {pairs, count};
  node->span.end =
      std::max(prev_end_, node->span.begin, [](auto& a, auto& b) { return a.offset < b.offset; });
  if (options_.report_duplicate_keys && count > 1) check_duplicate_keys(node->pairs);
}

void Parser::check_duplicate_keys(std::span<Pair> pairs) {
  auto report = [&](const Node* first, const Node* again) {
    Error error;
    error.kind = ErrorKind::DuplicateKey;
    error.span = again->span;
    error.message = fmt::format("duplicate key \"{}\" (first defined at {})", again->value,
                                position_text(first->span.begin));
    error.has_related = true;
    error.related = first->span;
    doc().errors.push_back(std::move(error));
  };
  if (pairs.size() <= 16) {
    for (size_t i = 1; i < pairs.size(); ++i) {
      const Node* key = pairs[i].key;
      if (!key->is_scalar()) continue;
      for (size_t j = 0; j < i; ++j) {
        const Node* other = pairs[j].key;
        if (other->is_scalar() && other->value == key->value) {
          report(other, key);
          break;
        }
      }
    }
    return;
  }
  key_scratch_.clear();
  for (const Pair& pair : pairs) {
    if (!pair.key->is_scalar()) continue;
    const auto [it, inserted] = key_scratch_.emplace(pair.key->value, pair.key);
    if (!inserted) report(it->second, pair.key);
  }
}

// Reports a token that cannot continue a block collection.
void Parser::fail_in_block(const Token& t, const Node& collection, const char* entry) {
  if (t.span.begin.line == prev_end_.line) fail(t.span, "unexpected content after the value on this line");
  if (t.span.begin.column != collection.span.begin.column)
    fail(t.span, fmt::format("bad indentation of a {}", entry));
  fail(t.span, fmt::format("expected a {}", entry));
}

void Parser::fail_no_node(const Token& t) {
  fail(t.span, fmt::format("expected a node, found {}", describe(t.kind)));
}

void Parser::parse_block_sequence(Node* node, uint64_t& weight, bool first_entry_taken) {
  if (!first_entry_taken) next();  // the block sequence start
  const size_t base = item_scratch_.size();
  try {
    for (bool took_entry = first_entry_taken;; took_entry = false) {
      if (!took_entry && queue_drained()) {
        skip_to_next_token();
        const char* key_end;
        const char* colon;
        if (column() == indent_ && at_block_entry()) {
          take_block_entry();
          took_entry = true;
        } else if (column() < indent_ && plain_key_here(key_end, colon)) {
          end_block();
          break;
        } else {
          fetch_token_here();
        }
      }
      if (!took_entry) {
        const Token* t = &peek();
        if (t->kind == Tok::BlockEnd) {
          next();
          break;
        }
        if (t->kind != Tok::BlockEntry) fail_in_block(*t, *node, "sequence entry");
        next();
      }
      Node* item = queue_drained() ? read_block_value(BlockSlot::Entry, weight) : nullptr;
      if (!item) {
        const Tok following = peek().kind;
        if (following == Tok::BlockEntry || following == Tok::BlockEnd) {
          item = empty_node(prev_end_);
          weight = add(weight, 1);
        } else {
          weight = add(weight, parse_node(true, false, item));
        }
      }
      item_scratch_.push_back(item);
    }
  } catch (const Failure&) {
    finish_items(node, base);
    throw;
  }
  finish_items(node, base);
}

void Parser::parse_indentless_sequence(Node* node, uint64_t& weight, bool first_entry_taken) {
  const size_t base = item_scratch_.size();
  try {
    for (bool took_entry = first_entry_taken;; took_entry = false) {
      if (!took_entry && queue_drained()) {
        skip_to_next_token();
        const char* key_end;
        const char* colon;
        if (column() == indent_ && at_block_entry()) {
          take_block_entry();
          took_entry = true;
        } else if (column() <= indent_ && plain_key_here(key_end, colon)) {
          break;  // the next key of the enclosing mapping
        } else {
          fetch_token_here();
        }
      }
      if (!took_entry) {
        if (peek().kind != Tok::BlockEntry) break;
        next();
      }
      Node* item = queue_drained() ? read_block_value(BlockSlot::IndentlessEntry, weight) : nullptr;
      if (!item) {
        const Tok following = peek().kind;
        if (following == Tok::BlockEntry || following == Tok::Key || following == Tok::Value ||
            following == Tok::BlockEnd) {
          item = empty_node(prev_end_);
          weight = add(weight, 1);
        } else {
          weight = add(weight, parse_node(true, false, item));
        }
      }
      item_scratch_.push_back(item);
    }
  } catch (const Failure&) {
    finish_items(node, base);
    throw;
  }
  finish_items(node, base);
}

void Parser::parse_block_mapping(Node* node, uint64_t& weight, Node* first_key) {
  if (!first_key) next();  // the block mapping start
  const size_t base = pair_scratch_.size();
  auto ends_entry = [](Tok kind) { return kind == Tok::Key || kind == Tok::Value || kind == Tok::BlockEnd; };
  try {
    for (;;) {
      Node* key = first_key;
      first_key = nullptr;
      if (!key && queue_drained()) {
        skip_to_next_token();
        const char* key_end;
        const char* colon;
        if (column() <= indent_ && plain_key_here(key_end, colon)) {
          if (column() < indent_) {
            end_block();
            break;
          }
          key = take_plain_key(key_end, colon);
        } else {
          fetch_token_here();
        }
      }
      bool has_value_indicator = true;
      if (key) {
        weight = add(weight, 1);
      } else {
        const Token* t = &peek();
        if (t->kind == Tok::BlockEnd) {
          next();
          break;
        }
        if (t->kind == Tok::Key) {
          next();
          if (ends_entry(peek().kind)) {
            key = empty_node(prev_end_);
            weight = add(weight, 1);
          } else {
            weight = add(weight, parse_node(true, true, key));
          }
        } else if (t->kind == Tok::Value) {
          key = empty_node(t->span.begin);
          weight = add(weight, 1);
        } else {
          fail_in_block(*t, *node, "mapping entry");
        }
        has_value_indicator = peek().kind == Tok::Value;
        if (has_value_indicator) next();
      }
      Node* value = has_value_indicator && queue_drained() ? read_block_value(BlockSlot::MappingValue, weight)
                                                           : nullptr;
      if (!value) {
        if (!has_value_indicator || ends_entry(peek().kind)) {
          value = empty_node(prev_end_);
          weight = add(weight, 1);
        } else {
          weight = add(weight, parse_node(true, true, value));
        }
      }
      pair_scratch_.push_back({key, value});
    }
  } catch (const Failure&) {
    finish_pairs(node, base);
    throw;
  }
  finish_pairs(node, base);
}

// ============================================================== direct reading

// A plain scalar starts at p_. It is an implicit key when ": " follows it on
// its line before any comment.
Parser::KeyAhead Parser::plain_key_ahead(const char*& key_end, const char*& colon) const {
  const char* q = p_;
  for (;;) {
    q = find_plain_stop(q, false);
    if (*q == ':') {
      if (is_blankz(q[1])) {
        key_end = q;
        break;
      }
      ++q;
      continue;
    }
    key_end = q;
    while (is_blank(*q))
      ++q;
    if (*q == ':' && is_blankz(q[1])) break;
    if (is_blankz(*q) || *q == '#') return KeyAhead::None;
  }
  colon = q;
  // A key longer than implicit keys may be is an error, and the token path
  // reports an oversized document when it consumes the token that crosses
  // the limit.
  const uint64_t after_colon = static_cast<uint64_t>(q - buffer_) + 1;
  if (q - p_ > 1024 || after_colon > document_end_limit_) return KeyAhead::Unsure;
  return KeyAhead::Found;
}

bool Parser::next_token_is_safe() const {
  if (*p_ == '\0') return static_cast<size_t>(p_ - buffer_) == text_.size();
  if (at_document_marker()) return *p_ == '-';
  if (p_[0] == '-' && is_blankz(p_[1])) return simple_key_allowed_ && !whitespace_had_tab_;
  const char* key_end;
  const char* colon;
  return plain_key_here(key_end, colon);
}

// The key found by plain_key_here() and its ':', as the Key, Scalar and
// Value tokens would have given them.
Node* Parser::take_plain_key(const char* key_end, const char* colon) {
  Node* key = new_node(NodeKind::Scalar, {pos(), position_at(key_end)});
  key->value = source(key->span.begin, key->span.end);
  expanded_ = add(expanded_, 1);
  p_ = colon + 1;
  prev_end_ = pos();
  simple_key_allowed_ = false;
  last_json_like_ = false;
  return key;
}

// A scalar scanned at p_, as parse_node() makes it of its token.
Node* Parser::plain_scalar_node(const PlainScalar& scalar) {
  Token t;
  t.kind = Tok::Scalar;
  t.span = {scalar.begin, scalar.end};
  t.text = source(scalar.begin, scalar.end);
  t.needs_decoding = scalar.multiline;
  prev_end_ = scalar.end;
  check_document_size(t.span);
  Node* node = scalar_node(t);
  expanded_ = add(expanded_, 1);
  return node;
}

// A quoted scalar at p_ that ends on its line and needs no decoding, as
// parse_node() makes it of its token; null, having consumed nothing, for any
// other.
Node* Parser::take_simple_quoted_scalar() {
  const char quote = *p_;
  const char* q = p_ + 1;
  while (*q != quote) {
    if (is_break(*q) || *q == '\0' || (*q == '\\' && quote == '"')) return nullptr;
    ++q;
  }
  if (quote == '\'' && q[1] == '\'') return nullptr;
  Token t;
  t.kind = Tok::Scalar;
  t.style = quote == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
  t.span.begin = pos();
  p_ = q + 1;
  t.span.end = pos();
  t.text = source(t.span.begin, t.span.end);
  last_json_like_ = true;
  prev_end_ = t.span.end;
  check_document_size(t.span);
  Node* node = scalar_node(t);
  expanded_ = add(expanded_, 1);
  return node;
}

void Parser::take_block_entry() {
  const Position begin = pos();
  ++p_;
  prev_end_ = pos();
  check_document_size({begin, prev_end_});
  simple_key_allowed_ = true;
  last_json_like_ = false;
}

Node* Parser::read_block_value(BlockSlot slot, uint64_t& weight) {
  skip_to_next_token();
  const char* key_end;
  const char* colon;
  if (at_block_entry()) {
    // A new block sequence (its start token's tab check passes), or an
    // indentless one as a mapping value.
    if (column() > indent_ && !whitespace_had_tab_) return start_block_sequence(false, weight);
    if (column() == indent_ && slot == BlockSlot::MappingValue) return start_block_sequence(true, weight);
  }
  if (column() > indent_ && !simple_key_allowed_ && (*p_ == '"' || *p_ == '\'')) {
    // On the line of its ':', where no key may start.
    if (Node* node = take_simple_quoted_scalar()) {
      weight = add(weight, 1);
      return node;
    }
  } else if (column() > indent_ && !at_document_marker() && starts_block_plain_scalar(p_)) {
    if (!simple_key_allowed_) {
      // On the line of its ':', where no key may start.
      last_json_like_ = false;
      const PlainScalar scalar = scan_plain_scalar();
      weight = add(weight, 1);
      return plain_scalar_node(scalar);
    }
    switch (plain_key_ahead(key_end, colon)) {
      case KeyAhead::Found:
        if (!whitespace_had_tab_) return start_plain_mapping(key_end, colon, weight);
        break;
      case KeyAhead::None: {
        // A scalar where a key may start; the token path sorts out those
        // that continue on later lines.
        const char* const start = p_;
        const char* const start_line = line_start_;
        const uint32_t line = line_;
        simple_key_allowed_ = false;
        last_json_like_ = false;
        const PlainScalar scalar = scan_plain_scalar();
        if (!scalar.multiline) {
          // Before a comment or the end of the input, and within the reach
          // of implicit keys, the token path reads the next token (and checks
          // the keys it may start) before it can tell that this is no key.
          if (line_ == line && p_ - start <= 1024) {
            skip_to_next_token();
            if (!next_token_is_safe()) {
              fetch_token_here();
              stale_simple_keys();
            }
          }
          weight = add(weight, 1);
          return plain_scalar_node(scalar);
        }
        p_ = start;
        line_start_ = start_line;
        line_ = line;
        simple_key_allowed_ = true;
        break;
      }
      case KeyAhead::Unsure:
        break;
    }
  } else if (column() <= indent_ && (column() < indent_ || slot != BlockSlot::Entry) &&
             plain_key_here(key_end, colon)) {
    weight = add(weight, 1);
    return empty_node(prev_end_);
  }
  fetch_token_here();
  return nullptr;
}

// The sequence whose first '-' is at p_, as parse_node() makes it of a
// BlockSeqStart token (or, indentless, of the BlockEntry token).
Node* Parser::start_block_sequence(bool indentless, uint64_t& weight) {
  const Position mark = pos();
  Node* node = new_node(NodeKind::Sequence, {mark, indentless ? position_at(p_ + 1) : mark});
  enter(node->span);
  if (!indentless) {
    indents_.push_back(indent_);
    indent_ = column();
    prev_end_ = mark;
    check_document_size(node->span);
  }
  take_block_entry();
  uint64_t sequence_weight = 1;
  if (indentless) {
    parse_indentless_sequence(node, sequence_weight, true);
  } else {
    parse_block_sequence(node, sequence_weight, true);
  }
  --depth_;
  expanded_ = add(expanded_, 1);
  weight = add(weight, sequence_weight);
  return node;
}

Node* Parser::start_plain_mapping(const char* key_end, const char* colon, uint64_t& weight) {
  const Position mark = pos();
  Node* node = new_node(NodeKind::Mapping, {mark, mark});
  enter(node->span);
  indents_.push_back(indent_);
  indent_ = column();
  uint64_t mapping_weight = 1;
  parse_block_mapping(node, mapping_weight, take_plain_key(key_end, colon));
  --depth_;
  expanded_ = add(expanded_, 1);
  weight = add(weight, mapping_weight);
  return node;
}

// One "key: value" entry of a flow collection (the key may be implicit or
// empty). Stops before ',' or the closing bracket.
uint64_t Parser::parse_flow_pair(Tok closing, Node*& key, Node*& value) {
  uint64_t weight = 0;
  auto ends_entry = [closing](Tok kind) { return kind == Tok::FlowEntry || kind == closing; };
  const Token* t = &peek();
  if (t->kind == Tok::Key) {
    next();
    const Tok following = peek().kind;
    if (following == Tok::Value || ends_entry(following)) {
      key = empty_node(prev_end_);
      weight = 1;
    } else {
      weight = parse_node(false, false, key);
    }
  } else if (t->kind == Tok::Value) {
    key = empty_node(t->span.begin);
    weight = 1;
  } else {
    weight = parse_node(false, false, key);
  }
  if (peek().kind == Tok::Value) {
    next();
    if (ends_entry(peek().kind)) {
      value = empty_node(prev_end_);
      weight = add(weight, 1);
    } else {
      weight = add(weight, parse_node(false, false, value));
    }
  } else {
    value = empty_node(prev_end_);
    weight = add(weight, 1);
  }
  return weight;
}

void Parser::parse_flow_sequence(Node* node, uint64_t& weight) {
  const Span open = next().span;
  const size_t base = item_scratch_.size();
  try {
    bool first = true;
    for (;;) {
      const Token* t = &peek();
      if (t->kind == Tok::FlowSeqEnd) {
        next();
        break;
      }
      if (t->kind == Tok::StreamEnd || t->kind == Tok::DocStart || t->kind == Tok::DocEnd)
        fail_unterminated("flow sequence", open);
      if (!first) {
        if (t->kind != Tok::FlowEntry) fail(t->span, "did not find expected ',' or ']'");
        next();
        if (peek().kind == Tok::FlowSeqEnd) {
          next();
          break;
        }
      }
      first = false;
      t = &peek();
      Node* item;
      if (t->kind == Tok::Key || t->kind == Tok::Value) {
        // A single "key: value" pair is a one-entry mapping.
        item = new_node(NodeKind::Mapping, {t->span.begin, t->span.begin});
        item->flow = true;
        Pair pair;
        weight = add(weight, add(1, parse_flow_pair(Tok::FlowSeqEnd, pair.key, pair.value)));
        auto* pairs = static_cast<Pair*>(doc().arena->allocate(sizeof(Pair), alignof(Pair)));
        *pairs = pair;
        item->pairs = {pairs, 1};
        item->span.begin = pair.key->span.begin;
        item->span.end = prev_end_;
      } else {
        weight = add(weight, parse_node(false, false, item));
        if (peek().kind == Tok::Value)
          fail(peek().span, "implicit keys of flow mappings must be on a single line");
      }
      item_scratch_.push_back(item);
    }
  } catch (const Failure&) {
    blame_unclosed("flow sequence", open);
    finish_items(node, base);
    throw;
  }
  finish_items(node, base);
}

void Parser::parse_flow_mapping(Node* node, uint64_t& weight) {
  const Span open = next().span;
  const size_t base = pair_scratch_.size();
  try {
    bool first = true;
    for (;;) {
      const Token* t = &peek();
      if (t->kind == Tok::FlowMapEnd) {
        next();
        break;
      }
      if (t->kind == Tok::StreamEnd || t->kind == Tok::DocStart || t->kind == Tok::DocEnd)
        fail_unterminated("flow mapping", open);
      if (!first) {
        if (t->kind != Tok::FlowEntry) fail(t->span, "did not find expected ',' or '}'");
        next();
        if (peek().kind == Tok::FlowMapEnd) {
          next();
          break;
        }
      }
      first = false;
      Pair pair;
      weight = add(weight, parse_flow_pair(Tok::FlowMapEnd, pair.key, pair.value));
      pair_scratch_.push_back(pair);
    }
  } catch (const Failure&) {
    blame_unclosed("flow mapping", open);
    finish_pairs(node, base);
    throw;
  }
  finish_pairs(node, base);
}

void Parser::parse_document() {
  Document& document = doc();
  const Token* t = &peek();
  begin_document_at(t->span.begin);
  bool has_directives = false;
  while (t->kind == Tok::VersionDirective || t->kind == Tok::TagDirective ||
         t->kind == Tok::ReservedDirective) {
    if (doc_index_ > 0 && !stream_.documents[doc_index_ - 1].explicit_end)
      fail(t->span, "a directive must follow a document end marker '...'");
    next();
    if (t->kind == Tok::VersionDirective) {
      if (had_yaml_directive_) fail(t->span, "duplicate %YAML directive");
      had_yaml_directive_ = true;
    } else if (t->kind == Tok::TagDirective) {
      for (const auto& [handle, prefix] : tag_handles_)
        if (handle == t->text) fail(t->span, fmt::format("duplicate %TAG directive for \"{}\"", t->text));
      tag_handles_.emplace_back(t->text, t->suffix);
    }
    has_directives = true;
    t = &peek();
  }
  Node* root = nullptr;
  if (t->kind == Tok::DocStart) {
    next();
    document.explicit_start = true;
    uint64_t weight = 0;
    if (queue_drained()) root = read_block_value(BlockSlot::Entry, weight);
    if (!root) {
      const Tok following = peek().kind;
      if (following == Tok::DocStart || following == Tok::DocEnd || following == Tok::StreamEnd ||
          following == Tok::VersionDirective || following == Tok::TagDirective ||
          following == Tok::ReservedDirective) {
        root = empty_node(prev_end_);
      } else {
        parse_node(true, false, root);
      }
    }
  } else {
    if (has_directives) fail(t->span, "expected '---' after the directives");
    parse_node(true, false, root);
  }
  finish_document(root);
}

// A document without directives or "---" whose root is a block mapping with
// a plain first key, read directly. Returns false, with the next token
// queued, for any other start.
bool Parser::read_plain_document() {
  skip_to_next_token();
  const Position begin = pos();
  // The key is checked against the size limit of the document it would
  // begin; the document itself begins only once its first token is taken.
  document_end_limit_ = uint64_t{begin.offset} + options_.max_document_bytes;
  const char* key_end;
  const char* colon;
  if (!plain_key_here(key_end, colon)) {
    fetch_token_here();
    return false;
  }
  begin_document_at(begin);
  start_document();
  uint64_t weight = 0;
  finish_document(start_plain_mapping(key_end, colon, weight));
  return true;
}

void Parser::finish_document(Node* root) {
  Document& document = doc();
  document.root = root;
  const Token* t = &peek();
  if (t->kind == Tok::DocEnd) {
    next();
    document.explicit_end = true;
  } else if (t->kind != Tok::DocStart && t->kind != Tok::StreamEnd && t->kind != Tok::VersionDirective &&
             t->kind != Tok::TagDirective && t->kind != Tok::ReservedDirective) {
    fail(t->span, "expected the end of the document or '---'");
  }
  document.span.end = prev_end_;
}

// Skips to the next line that starts a document ("---", or "..." which ends
// the broken one) and resets the scanner there.
void Parser::recover() {
  tokens_.clear();
  head_ = 0;
  token_available_ = false;
  simple_keys_.assign(1, SimpleKey{});
  possible_keys_ = 0;
  indents_.clear();
  indent_ = -1;
  simple_key_allowed_ = true;
  depth_ = 0;
  item_scratch_.clear();
  pair_scratch_.clear();
  const bool bad_byte = *p_ == '\0' && limit_ < text_.size();
  if (bad_byte) {
    // Continue past the invalid byte and look for the next one further on.
    const size_t at = limit_;
    set_limit(at + 1);
    p_ = buffer_ + at + 1;
  }
  if (p_ == line_start_ && at_document_marker() && !bad_byte && p_ != last_recovery_) {
    last_recovery_ = p_;
  } else {
    const char* const end = buffer_ + text_.size();
    // A directive may start the next document right after a "..." line.
    bool after_end_marker = line_start_[0] == '.' && line_start_[1] == '.' && line_start_[2] == '.';
    for (;;) {
      while (*p_ != '\0' && !is_break(*p_))
        ++p_;
      if (*p_ == '\0') {
        if (p_ >= end) break;
        // Invalid bytes in the skipped part are not reported.
        set_limit(static_cast<size_t>(p_ - buffer_) + 1);
        ++p_;
        continue;
      }
      skip_break();
      if (at_document_marker() || (after_end_marker && *p_ == '%')) break;
      after_end_marker = false;
    }
  }
  doc().span.end = pos();
  doc().explicit_end = p_[0] == '.' || p_[0] == '%';
}

void Parser::assign_comments(bool all) {
  size_t boundary = SIZE_MAX;
  if (!all && head_ < tokens_.size()) boundary = tokens_[head_].span.begin.offset;
  auto& comments = doc().comments;
  size_t taken = 0;
  while (taken < pending_comments_.size() && pending_comments_[taken].span.begin.offset < boundary) {
    comments.push_back(pending_comments_[taken]);
    ++taken;
  }
  pending_comments_.erase(pending_comments_.begin(),
                          pending_comments_.begin() + static_cast<ptrdiff_t>(taken));
}

Stream Parser::run() {
  add_document();
  next();  // the stream start
  for (;;) {
    Document& document = doc();
    bool ended = false;
    try {
      if (!queue_drained() || !read_plain_document()) {
        const Tok kind = peek().kind;
        begin_document_at(peek().span.begin);
        if (kind == Tok::StreamEnd) {
          ended = true;
        } else if (kind == Tok::DocEnd) {
          next();  // "..." after a document that already ended
          if (doc_index_ > 0) stream_.documents[doc_index_ - 1].explicit_end = true;
          continue;
        } else {
          start_document();
          parse_document();
        }
      }
    } catch (const Failure&) {
      recover();
    }
    if (ended) {
      const bool empty = !document.root && document.errors.empty();
      if (empty) {
        stream_.documents.pop_back();
        if (!stream_.documents.empty()) {
          doc_index_ = stream_.documents.size() - 1;
          doc_ = &stream_.documents.back();
          assign_comments(true);
        }
      } else {
        assign_comments(true);
      }
      break;
    }
    assign_comments(false);
    add_document();
  }
  if (limit_ < text_.size()) buffer_[limit_] = text_[limit_];
  return std::move(stream_);
}

}  // namespace

Stream parse(std::string_view text, const ParseOptions& options) {
  if (text.size() >= UINT32_MAX - 16) {
    // Positions hold 32-bit offsets.
    Stream stream;
    stream.text = text;
    Error error;
    error.kind = ErrorKind::Limit;
    error.message = "input of 4 GiB or more cannot be parsed";
    stream.documents.emplace_back().errors.push_back(std::move(error));
    return stream;
  }
  thread_local Scratch scratch;
  Stream stream;
  {
    Parser parser(text, options, scratch);
    stream = parser.run();
  }
  scratch.trim();
  return stream;
}

}  // namespace podlint::yaml
