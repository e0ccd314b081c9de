// The parser's scanner: bytes to tokens. It makes indentation explicit (block
// collection start and end tokens), detects implicit keys by remembering
// where a key could have started ("simple keys", as libyaml does), collects
// the comments, and stops at the input's first invalid character. It works on
// a NUL-padded copy of the input (characters.hpp), whose first invalid
// character is a NUL too, so that its loops need no bounds checks.
//
// Besides the token queue (peek(), next()), it gives the block fast path
// (block_reader.hpp) a read-only view of the bytes at its cursor and "direct
// tokens": operations that consume a token without queuing it, leaving the
// scanner exactly as consuming the queued token would have.
//
// A syntax error records itself in the current document through the tree
// builder and unwinds with Failure to the parser's document loop, which calls
// recover().
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/characters.hpp"
#include "yaml/document.hpp"
#include "yaml/tree_builder.hpp"

namespace podlint::yaml {

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
  bool needs_decoding = false;  // scalars: escapes, quotes or line breaks inside
  int32_t block_indent = -1;    // block scalars: indentation of the parent
  Span span;
  // Scalars: the raw source (block scalars: through trailing empty lines).
  // Anchors and aliases: the name. Tags: the handle (empty for a verbatim
  // tag). %TAG: the handle.
  std::string_view text;
  std::string_view suffix;  // tags: the suffix (verbatim: the URI); %TAG: the prefix
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
  [[gnu::noinline]] void grow();

  std::unique_ptr<Token[]> storage_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// Thrown once the error that ends a document is recorded; caught by the
// parser's document loop.
struct Failure {};

struct SimpleKey {
  bool possible = false;
  bool required = false;
  bool after_tab = false;
  size_t token_number = 0;
  Position mark;
};

// Where the scanner stands in its copy of the input.
struct Cursor {
  const char* p = nullptr;  // the next byte
  const char* line_start = nullptr;
  uint32_t line = 1;
};

struct PlainScalar {
  Position begin;
  Position end;
  bool multiline;
};

// An implicit plain key found ahead of the cursor: where it ends and its ':'.
struct PlainKey {
  const char* end = nullptr;
  const char* colon = nullptr;
};

// The scanner's working memory, kept per thread like TreeScratch.
struct ScannerScratch {
  std::unique_ptr<char[]> buffer;
  size_t buffer_size = 0;
  TokenQueue tokens;
  std::vector<SimpleKey> simple_keys;  // one per flow level
  std::vector<int> indents;
  std::vector<Comment> pending_comments;

  void trim();
};

class Scanner {
 public:
  // `first_line`: the line `text` starts on (ParseOptions::first_line).
  Scanner(std::string_view text, ScannerScratch& scratch, TreeBuilder& builder, uint32_t first_line = 1);
  // Gives the working memory back to `scratch`, trimmed.
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // ---- errors that end the document ----

  // Records the error and throws Failure. Whatever went wrong, running into
  // the first invalid character is the cause: when the cursor stands on it,
  // that is the error recorded.
  [[noreturn]] void fail(Error error);
  [[noreturn]] void fail(Span span, std::string message) {
    fail(make_error(ErrorKind::Syntax, span, std::move(message)));
  }
  // Out of line, so that callers in the parser's recursion keep no string
  // temporaries in their frames.
  [[noreturn, gnu::noinline]] void fail(Span span, const char* message);
  [[noreturn, gnu::noinline]] void fail_unterminated(const char* what, Span open);
  // "unterminated WHAT starting at LINE:COLUMN"
  static std::string unterminated(std::string_view what, Position open);
  // The indentation of the line a position is on.
  uint32_t line_indentation(Position at) const;

  // ---- the token queue ----

  Token& peek() {
    if (!token_available_) {
      fetch_more_tokens();
      token_available_ = true;
    }
    return tokens_[head_];
  }
  // The reference stays valid until the next peek().
  const Token& next();
  // The end of the last token taken, queued or direct.
  Position last_end() const { return prev_end_; }
  std::string_view source(const Span& span) const {
    return text_.substr(span.begin.offset, span.end.offset - span.begin.offset);
  }
  // Moves the comments scanned so far to `to`: all of them, or those before
  // the next queued token.
  void move_comments(std::vector<Comment>& to, bool all);
  // Skips to the next line that starts a document ("---", or "..." which
  // ends the broken one) after the error at `error_offset`, and resets the
  // scanner there: one already read ahead if there is one. Returns whether
  // a "..." line or a directive ends the broken document.
  bool recover(uint32_t error_offset);

  // ---- the fast path's view ----

  // No token is queued or pending (a possible simple key).
  bool drained() const { return head_ == tokens_.size() && possible_keys_ == 0 && simple_keys_.size() == 1; }
  // Skips the whitespace and comments before the next token as the token
  // path would; fetch_token_here() can take over from there.
  void skip_to_next_token() {
    tokens_.clear();
    head_ = 0;
    scan_to_next_token();
  }
  // Queues the token at the cursor (skip_to_next_token() went before).
  void fetch_token_here();
  // The check of pending simple keys that fetching more tokens makes.
  void stale_simple_keys();

  const char* here() const { return cur_.p; }
  Cursor cursor() const { return cur_; }
  Position pos() const { return position_at(cur_.p); }
  Position position_at(const char* at) const {
    return {static_cast<uint32_t>(at - buffer_), cur_.line, static_cast<uint32_t>(at - cur_.line_start + 1)};
  }
  uint64_t offset_of(const char* at) const { return static_cast<uint64_t>(at - buffer_); }
  // At the end of the input rather than at an invalid character.
  bool at_input_end() const { return *cur_.p == '\0' && offset_of(cur_.p) == text_.size(); }
  int column() const { return static_cast<int>(cur_.p - cur_.line_start); }
  int indent() const { return indent_; }
  bool simple_key_allowed() const { return simple_key_allowed_; }
  // Whether the blanks just before the cursor held a tab.
  bool after_tab() const { return whitespace_had_tab_; }
  bool at_document_marker() const {
    const char* p = cur_.p;
    return p == cur_.line_start &&
           ((p[0] == '-' && p[1] == '-' && p[2] == '-') || (p[0] == '.' && p[1] == '.' && p[2] == '.')) &&
           is_blankz(p[3]);
  }

  // ---- direct tokens ----

  // The '-' of a block sequence entry.
  void take_block_entry();
  // An implicit plain key found by the fast path, with its ':'. Returns the
  // key's span.
  Span take_plain_key(const PlainKey& key);
  // Scans a plain scalar where no key may start, and the whitespace after
  // it; take() it once it is sure to be taken.
  PlainScalar scan_plain_value() {
    simple_key_allowed_ = false;
    last_json_like_ = false;
    return scan_plain_scalar();
  }
  // Back to before scan_plain_value(), at `start`, where a key may start.
  void unscan(const Cursor& start) {
    cur_ = start;
    simple_key_allowed_ = true;
  }
  // A quoted scalar on one line, whose closing quote is at `closing_quote`.
  // Returns its span.
  Span take_quoted_scalar(const char* closing_quote);
  // A token read directly is taken: the last token, and checked against the
  // document's size.
  void take(const Span& token) {
    prev_end_ = token.end;
    check_document_size(token);
  }
  // A block collection opens at the cursor's column.
  void open_block() {
    indents_.push_back(indent_);
    indent_ = column();
  }
  // What consuming a BlockEnd token does.
  void end_block() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

 private:
  void check_document_size(const Span& consumed) {
    if (builder_.exceeds_document_size(consumed.end.offset)) fail(builder_.too_large(consumed));
  }
  [[noreturn]] void fail_here(std::string message) {
    const Position here = pos();
    fail(Span{here, here}, std::move(message));
  }
  void skip_break() {
    if (cur_.p[0] == '\r' && cur_.p[1] == '\n') ++cur_.p;
    ++cur_.p;
    ++cur_.line;
    cur_.line_start = cur_.p;
  }
  // Finds the next invalid character from `from` on and puts the NUL there.
  void set_limit(size_t from);

  void fetch_more_tokens();
  void fetch_next_token();
  void scan_to_next_token() {
    // Most tokens follow one space, or none, on the same line.
    const char* q = cur_.p + (*cur_.p == ' ');
    const auto c = static_cast<unsigned char>(*q);
    if (c > ' ' && c < 0x80 && c != '#' && (cur_.p != cur_.line_start || simple_keys_.size() == 1)) {
      cur_.p = q;
      whitespace_had_tab_ = false;
      return;
    }
    skip_whitespace();
  }
  // Blanks, comments and line breaks, with the checks that come with them.
  [[gnu::noinline]] void skip_whitespace();
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
    ++cur_.p;
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
  // Scans the plain scalar at the cursor and the whitespace after it, up to
  // where the next token may start.
  PlainScalar scan_plain_scalar();
  void scan_comment();
  void finish_line(const char* what);

  std::string_view text_;
  ScannerScratch& scratch_;
  TreeBuilder& builder_;
  char* buffer_;
  size_t limit_ = 0;  // the first invalid character, or text_.size()
  std::string limit_message_;
  Cursor cur_;

  // The busiest scratch parts are owned while scanning, so that using them
  // takes no indirection.
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
  Position prev_end_;
  const char* last_recovery_ = nullptr;
};

}  // namespace podlint::yaml
