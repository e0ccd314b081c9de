#include "yaml/scanner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace podlint::yaml {
namespace {

// Copies text to out for as long as it is printable ASCII, tab, LF or CR (all
// valid), so that the usual input is copied and checked in one pass. Returns
// how far it got; find_invalid_character() takes it from there.
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

}  // namespace

void TokenQueue::grow() {
  const size_t capacity = capacity_ ? capacity_ * 2 : 64;
  auto storage = std::make_unique<Token[]>(capacity);
  std::copy_n(storage_.get(), size_, storage.get());
  storage_ = std::move(storage);
  capacity_ = capacity;
}

void ScannerScratch::trim() {
  if (buffer_size > kScratchKeepBytes) {
    buffer.reset();
    buffer_size = 0;
  }
  if (tokens.capacity() * sizeof(Token) > kScratchKeepBytes) tokens = TokenQueue{};
  release_if_large(simple_keys);
  release_if_large(indents);
  release_if_large(pending_comments);
}

Scanner::Scanner(std::string_view text, ScannerScratch& scratch, TreeBuilder& builder, uint32_t first_line)
    : text_(text),
      scratch_(scratch),
      builder_(builder),
      tokens_(std::move(scratch.tokens)),
      simple_keys_(std::move(scratch.simple_keys)),
      indents_(std::move(scratch.indents)),
      pending_comments_(scratch.pending_comments) {
  tokens_.clear();
  simple_keys_.assign(1, SimpleKey{});
  indents_.clear();
  pending_comments_.clear();
  const size_t size = text.size() + kPadding;
  if (scratch.buffer_size < size) {
    scratch.buffer = std::make_unique_for_overwrite<char[]>(size);
    scratch.buffer_size = size;
  }
  // A private copy with NUL padding: the scanner stops at a NUL, which also
  // marks the first invalid character, so its loops need no bounds checks.
  buffer_ = scratch.buffer.get();
  const size_t checked = copy_text_ascii(text, buffer_);
  if (checked < text.size()) std::memcpy(buffer_ + checked, text.data() + checked, text.size() - checked);
  std::memset(buffer_ + text.size(), 0, kPadding);
  cur_.p = cur_.line_start = buffer_;
  cur_.line = first_line;
  set_limit(checked);
}

Scanner::~Scanner() {
  scratch_.tokens = std::move(tokens_);
  scratch_.simple_keys = std::move(simple_keys_);
  scratch_.indents = std::move(indents_);
  scratch_.trim();
}

void Scanner::fail(Error error) {
  if (*cur_.p == '\0' && limit_ < text_.size()) {
    const Position bad = pos();
    error.kind = ErrorKind::Encoding;
    error.span = {bad, {bad.offset + 1, bad.line, bad.column + 1}};
    error.message = limit_message_;
  }
  builder_.add_error(std::move(error));
  throw Failure{};
}

void Scanner::fail(Span span, const char* message) {
  fail(make_error(ErrorKind::Syntax, span, message));
}

std::string Scanner::unterminated(std::string_view what, Position open) {
  return fmt::format("unterminated {} starting at {}", what, position_text(open));
}

void Scanner::fail_unterminated(const char* what, Span open) {
  fail(open, unterminated(what, open.begin));
}

uint32_t Scanner::line_indentation(Position at) const {
  const char* line = buffer_ + at.offset - (at.column - 1);
  const char* q = line;
  while (*q == ' ')
    ++q;
  return static_cast<uint32_t>(q - line);
}

void Scanner::set_limit(size_t from) {
  if (limit_ < text_.size()) buffer_[limit_] = text_[limit_];
  InvalidCharacter invalid = find_invalid_character(text_, from);
  limit_ = invalid.offset;
  limit_message_ = std::move(invalid.message);
  buffer_[limit_] = '\0';
}

const Token& Scanner::next() {
  const Token& t = peek();
  ++head_;
  ++tokens_parsed_;
  token_available_ = false;
  if (t.kind != Tok::BlockEnd && t.kind != Tok::StreamEnd) prev_end_ = t.span.end;
  check_document_size(t.span);
  return t;
}

// ---- direct tokens -----------------------------------------------------------

void Scanner::take_block_entry() {
  const Position begin = pos();
  ++cur_.p;
  take({begin, pos()});
  simple_key_allowed_ = true;
  last_json_like_ = false;
}

Span Scanner::take_plain_key(const PlainKey& key) {
  const Span span{pos(), position_at(key.end)};
  cur_.p = key.colon + 1;
  prev_end_ = pos();
  simple_key_allowed_ = false;
  last_json_like_ = false;
  return span;
}

Span Scanner::take_quoted_scalar(const char* closing_quote) {
  const Position begin = pos();
  cur_.p = closing_quote + 1;
  const Span span{begin, pos()};
  last_json_like_ = true;
  take(span);
  return span;
}

// ---- the token path -------------------------------------------------------------

void Scanner::fetch_more_tokens() {
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

void Scanner::fetch_next_token() {
  if (!stream_start_produced_) {
    stream_start_produced_ = true;
    simple_key_allowed_ = true;
    if (static_cast<unsigned char>(cur_.p[0]) == 0xEF && static_cast<unsigned char>(cur_.p[1]) == 0xBB &&
        static_cast<unsigned char>(cur_.p[2]) == 0xBF) {
      cur_.p += 3;
      cur_.line_start = cur_.p;  // the byte order mark is not part of line 1
    }
    push(Tok::StreamStart, {pos(), pos()});
    return;
  }
  scan_to_next_token();
  fetch_token_here();
}

void Scanner::fetch_token_here() {
  if (possible_keys_ > 0) stale_simple_keys();
  if (indent_ > column()) unroll_indent(column());

  const bool after_json_node = last_json_like_;
  last_json_like_ = false;
  const char c = *cur_.p;
  if (c == '\0') {
    if (static_cast<size_t>(cur_.p - buffer_) < text_.size()) fail_here("invalid character");
    fetch_stream_end();
    return;
  }
  if (cur_.p == cur_.line_start) {
    if (c == '%') return fetch_directive();
    if (at_document_marker()) return fetch_document_marker(c == '-' ? Tok::DocStart : Tok::DocEnd);
  }
  // Most tokens are plain scalars starting with a letter or a digit: spare
  // them the dispatch below.
  if (is_alnum(c)) return fetch_plain_scalar();
  const bool in_flow = simple_keys_.size() > 1;
  const char n = cur_.p[1];
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

void Scanner::scan_comment() {
  const Position begin = pos();
  // The line ends at LF, CR or the NUL at limit_ (no NUL comes before it).
  const char* limit = buffer_ + limit_;
  const auto* lf = static_cast<const char*>(std::memchr(cur_.p, '\n', static_cast<size_t>(limit - cur_.p)));
  const char* q = lf ? lf : limit;
  if (const auto* cr = static_cast<const char*>(std::memchr(cur_.p, '\r', static_cast<size_t>(q - cur_.p))))
    q = cr;
  cur_.p = q;
  const Position end = pos();
  pending_comments_.push_back({{begin, end}, source({begin, end}).substr(1)});
}

void Scanner::skip_whitespace() {
  whitespace_had_tab_ = false;
  for (;;) {
    const char* blanks_start = cur_.p;
    const bool at_line_start = cur_.p == cur_.line_start;
    if (at_line_start && static_cast<unsigned char>(cur_.p[0]) == 0xEF &&
        static_cast<unsigned char>(cur_.p[1]) == 0xBB && static_cast<unsigned char>(cur_.p[2]) == 0xBF) {
      cur_.p += 3;
    }
    const char* q = skip_spaces(cur_.p);
    bool tab = false;
    while (is_blank(*q)) {
      tab |= *q == '\t';
      ++q;
    }
    cur_.p = q;
    whitespace_had_tab_ = tab;
    // A comment needs a blank before it (or starts the line).
    if (*cur_.p == '#' && (cur_.p == cur_.line_start || is_blank(cur_.p[-1]))) scan_comment();
    if (is_break(*cur_.p)) {
      skip_break();
      if (simple_keys_.size() == 1) simple_key_allowed_ = true;
      continue;
    }
    if (at_line_start && *cur_.p != '\0') {
      // A tab may separate tokens but never indent content.
      if (tab) {
        const char* first_tab = blanks_start;
        while (*first_tab == ' ')
          ++first_tab;
        if (first_tab - cur_.line_start <= indent_)
          fail(Span{position_at(first_tab), pos()}, "tab characters must not be used for indentation");
      }
      if (simple_keys_.size() > 1 && column() <= indent_)
        fail_here("flow collection content must be indented more than its parent block");
    }
    return;
  }
}

void Scanner::stale_simple_keys() {
  if (possible_keys_ == 0) return;
  const uint32_t offset = static_cast<uint32_t>(cur_.p - buffer_);
  for (SimpleKey& key : simple_keys_) {
    // Implicit keys are limited to one line and 1024 characters.
    if (key.possible && (key.mark.line < cur_.line || key.mark.offset + 1024 < offset)) {
      if (key.required) fail(Span{key.mark, key.mark}, "could not find expected ':' after this implicit key");
      key.possible = false;
      --possible_keys_;
    }
  }
}

inline void Scanner::save_simple_key() {
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

inline void Scanner::remove_simple_key() {
  SimpleKey& key = simple_keys_.back();
  if (!key.possible) return;
  if (key.required) fail(Span{key.mark, key.mark}, "could not find expected ':' after this implicit key");
  key.possible = false;
  --possible_keys_;
}

void Scanner::start_block(int col, size_t number, Tok kind, Position mark, bool after_tab) {
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

void Scanner::unroll_indent(int col) {
  if (simple_keys_.size() > 1) return;
  while (indent_ > col) {
    push(Tok::BlockEnd, {pos(), pos()});
    indent_ = indents_.back();
    indents_.pop_back();
  }
}

void Scanner::fetch_stream_end() {
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
void Scanner::finish_line(const char* what) {
  const char* before = cur_.p;
  while (is_blank(*cur_.p))
    ++cur_.p;
  if (*cur_.p == '#' && cur_.p != before) scan_comment();
  if (!is_break(*cur_.p) && *cur_.p != '\0') fail_here(fmt::format("unexpected content after {}", what));
}

void Scanner::fetch_directive() {
  unroll_indent(-1);
  remove_simple_key();
  simple_key_allowed_ = false;
  const Position begin = pos();
  ++cur_.p;
  const char* name_start = cur_.p;
  while (!is_blankz(*cur_.p))
    ++cur_.p;
  const std::string_view name(name_start, static_cast<size_t>(cur_.p - name_start));
  Token& t = tokens_.emplace_back();
  t.span.begin = begin;
  if (name == "YAML") {
    t.kind = Tok::VersionDirective;
    while (is_blank(*cur_.p))
      ++cur_.p;
    const char* version = cur_.p;
    while (*cur_.p >= '0' && *cur_.p <= '9')
      ++cur_.p;
    if (*cur_.p != '.' || cur_.p == version)
      fail_here("invalid %YAML directive: expected a version like 1.2");
    ++cur_.p;
    const char* minor = cur_.p;
    while (*cur_.p >= '0' && *cur_.p <= '9')
      ++cur_.p;
    if (cur_.p == minor || !is_blankz(*cur_.p))
      fail_here("invalid %YAML directive: expected a version like 1.2");
    t.text = text_.substr(static_cast<size_t>(version - buffer_), static_cast<size_t>(cur_.p - version));
    t.span.end = pos();
    finish_line("the %YAML directive");
  } else if (name == "TAG") {
    t.kind = Tok::TagDirective;
    while (is_blank(*cur_.p))
      ++cur_.p;
    const char* handle = cur_.p;
    if (*cur_.p != '!') fail_here("invalid %TAG directive: expected a tag handle");
    ++cur_.p;
    while (is_word_char(*cur_.p))
      ++cur_.p;
    if (*cur_.p == '!') {
      ++cur_.p;
    } else if (cur_.p != handle + 1) {
      fail_here("invalid %TAG directive: a named tag handle must end with '!'");
    }
    if (!is_blank(*cur_.p)) fail_here("invalid %TAG directive: expected blanks after the handle");
    t.text = text_.substr(static_cast<size_t>(handle - buffer_), static_cast<size_t>(cur_.p - handle));
    while (is_blank(*cur_.p))
      ++cur_.p;
    const char* prefix = cur_.p;
    while (is_uri_char(*cur_.p))
      ++cur_.p;
    if (cur_.p == prefix || !is_blankz(*cur_.p)) fail_here("invalid %TAG directive: expected a tag prefix");
    t.suffix = text_.substr(static_cast<size_t>(prefix - buffer_), static_cast<size_t>(cur_.p - prefix));
    t.span.end = pos();
    finish_line("the %TAG directive");
  } else {
    t.kind = Tok::ReservedDirective;  // ignored, as the spec asks
    const char* last = cur_.p;
    while (!is_break(*cur_.p) && *cur_.p != '\0' && !(*cur_.p == '#' && is_blank(cur_.p[-1]))) {
      if (!is_blank(*cur_.p)) last = cur_.p + 1;
      ++cur_.p;
    }
    t.span.end = position_at(last);
    if (*cur_.p == '#') scan_comment();
  }
}

void Scanner::fetch_document_marker(Tok kind) {
  if (simple_keys_.size() > 1) fail_here("document marker inside a flow collection");
  unroll_indent(-1);
  remove_simple_key();
  simple_key_allowed_ = false;
  const Position begin = pos();
  cur_.p += 3;
  push(kind, {begin, pos()});
  if (kind == Tok::DocEnd) finish_line("the document end marker '...'");
}

void Scanner::fetch_flow_start(Tok kind) {
  save_simple_key();
  simple_keys_.emplace_back();
  if (simple_keys_.size() > builder_.max_depth() + 2) {
    const Position here = pos();
    fail(builder_.too_deep({here, here}));
  }
  simple_key_allowed_ = true;
  push_indicator(kind);
}

void Scanner::fetch_flow_end(Tok kind) {
  if (simple_keys_.size() == 1) fail_here(fmt::format("'{}' without a matching opening bracket", *cur_.p));
  remove_simple_key();
  simple_keys_.pop_back();
  simple_key_allowed_ = false;
  push_indicator(kind);
  last_json_like_ = true;
}

void Scanner::fetch_flow_entry() {
  if (simple_keys_.size() == 1) fail_here("',' is only allowed inside flow collections");
  remove_simple_key();
  simple_key_allowed_ = true;
  push_indicator(Tok::FlowEntry);
}

void Scanner::fetch_block_entry() {
  if (simple_keys_.size() > 1) fail_here("block sequence entries are not allowed inside flow collections");
  if (!simple_key_allowed_) fail_here("block sequence entries are not allowed here");
  roll_indent(column(), SIZE_MAX, Tok::BlockSeqStart, pos(), whitespace_had_tab_);
  remove_simple_key();
  simple_key_allowed_ = true;
  push_indicator(Tok::BlockEntry);
}

void Scanner::fetch_key() {
  const bool in_block = simple_keys_.size() == 1;
  if (in_block) {
    if (!simple_key_allowed_) fail_here("mapping keys are not allowed here");
    roll_indent(column(), SIZE_MAX, Tok::BlockMapStart, pos(), whitespace_had_tab_);
  }
  remove_simple_key();
  simple_key_allowed_ = in_block;
  push_indicator(Tok::Key);
}

void Scanner::fetch_value() {
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

void Scanner::fetch_anchor(Tok kind) {
  save_simple_key();
  simple_key_allowed_ = false;
  const Position begin = pos();
  ++cur_.p;
  const char* name = cur_.p;
  while (!is_blankz(*cur_.p) && !is_flow_indicator(*cur_.p))
    ++cur_.p;
  const char* what = kind == Tok::Alias ? "alias" : "anchor";
  if (cur_.p == name) fail_here(fmt::format("{} name must not be empty", what));
  Token& t = tokens_.emplace_back();
  t.kind = kind;
  t.span = {begin, pos()};
  t.text = source(t.span).substr(1);
}

void Scanner::fetch_tag() {
  save_simple_key();
  simple_key_allowed_ = false;
  const Position begin = pos();
  Token& t = tokens_.emplace_back();
  t.kind = Tok::Tag;
  ++cur_.p;
  if (*cur_.p == '<') {
    ++cur_.p;
    const char* uri = cur_.p;
    while (is_uri_char(*cur_.p) && *cur_.p != '>')
      ++cur_.p;
    if (*cur_.p != '>' || cur_.p == uri) fail_here("invalid verbatim tag: expected '>'");
    t.suffix = text_.substr(static_cast<size_t>(uri - buffer_), static_cast<size_t>(cur_.p - uri));
    ++cur_.p;
  } else {
    const char* handle_start = cur_.p - 1;
    while (is_word_char(*cur_.p))
      ++cur_.p;
    if (*cur_.p == '!') {
      ++cur_.p;
    } else {
      cur_.p = handle_start + 1;  // "!suffix": the primary handle
    }
    t.text =
        text_.substr(static_cast<size_t>(handle_start - buffer_), static_cast<size_t>(cur_.p - handle_start));
    const char* suffix = cur_.p;
    while (is_uri_char(*cur_.p) && *cur_.p != '!' && !is_flow_indicator(*cur_.p))
      ++cur_.p;
    t.suffix = text_.substr(static_cast<size_t>(suffix - buffer_), static_cast<size_t>(cur_.p - suffix));
    if (t.suffix.empty() && t.text != "!") fail_here("tag suffix must not be empty");
  }
  if (!is_blankz(*cur_.p) && !(simple_keys_.size() > 1 && is_flow_indicator(*cur_.p)))
    fail_here("a tag must be followed by a blank");
  t.span = {begin, pos()};
}

void Scanner::fetch_quoted_scalar() {
  save_simple_key();
  simple_key_allowed_ = false;
  const Position begin = pos();
  const char quote = *cur_.p;
  const char* kind_name = quote == '"' ? "double" : "single";
  bool needs_decoding = false;
  ++cur_.p;
  for (;;) {
    const char c = *cur_.p;
    if (c == '\0' || at_document_marker()) {
      fail(Span{begin, pos()}, unterminated(fmt::format("{}-quoted string", kind_name), begin));
    }
    if (c == quote) {
      if (quote == '\'' && cur_.p[1] == '\'') {
        needs_decoding = true;
        cur_.p += 2;
        continue;
      }
      break;
    }
    if (c == '\\' && quote == '"' && cur_.p[1] != '\0') {
      needs_decoding = true;
      ++cur_.p;
      if (is_break(*cur_.p)) {
        skip_break();
      } else {
        ++cur_.p;
      }
      continue;
    }
    if (is_break(c)) {
      needs_decoding = true;
      skip_break();
      // Continuation lines of a block-context string must be indented.
      while (*cur_.p == ' ')
        ++cur_.p;
      const int spaces = column();
      while (is_blank(*cur_.p))
        ++cur_.p;
      if (simple_keys_.size() == 1 && spaces <= indent_ && !is_break(*cur_.p) && *cur_.p != '\0' &&
          !at_document_marker())
        fail_here(fmt::format("{}-quoted string continuation line is not indented enough", kind_name));
      continue;
    }
    ++cur_.p;
  }
  ++cur_.p;
  Token& t = tokens_.emplace_back();
  t.kind = Tok::Scalar;
  t.style = quote == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
  t.needs_decoding = needs_decoding;
  t.span = {begin, pos()};
  t.text = source(t.span);
  last_json_like_ = true;
}

void Scanner::fetch_plain_scalar() {
  save_simple_key();
  simple_key_allowed_ = false;
  const PlainScalar scalar = scan_plain_scalar();
  Token& t = tokens_.emplace_back();
  t.kind = Tok::Scalar;
  t.span = {scalar.begin, scalar.end};
  t.text = source(t.span);
  t.needs_decoding = scalar.multiline;
}

PlainScalar Scanner::scan_plain_scalar() {
  const bool in_flow = simple_keys_.size() > 1;
  const Position begin = pos();
  Position end = begin;
  bool multiline = false;
  for (;;) {
    if (at_document_marker() || *cur_.p == '#') break;
    const char* run = cur_.p;
    const char* q = cur_.p;
    for (;;) {
      q = find_plain_stop(q, in_flow);
      // ':' ends the scalar only before a blank (or a flow indicator in flow).
      if (*q == ':' && !is_blankz(q[1]) && !(in_flow && is_flow_indicator(q[1]))) {
        ++q;
        continue;
      }
      break;
    }
    cur_.p = q;
    if (cur_.p == run) break;
    multiline |= end.line != cur_.line;
    end = pos();
    if (!is_blank(*cur_.p) && !is_break(*cur_.p)) break;
    bool crossed_line = false;
    for (;;) {
      const char* q = skip_spaces(cur_.p);
      while (is_blank(*q))
        ++q;
      cur_.p = q;
      if (!is_break(*cur_.p)) break;
      skip_break();
      crossed_line = true;
    }
    if (crossed_line) {
      simple_key_allowed_ = !in_flow;
      const char* indentation_end = skip_spaces(cur_.line_start);
      if (*indentation_end == '\t' && indentation_end - cur_.line_start <= indent_ && *cur_.p != '\0' &&
          *cur_.p != '#')
        fail(Span{position_at(indentation_end), pos()}, "tab characters must not be used for indentation");
      if (!in_flow && column() <= indent_) break;
    }
  }
  return {begin, end, multiline};
}

void Scanner::fetch_block_scalar() {
  remove_simple_key();
  simple_key_allowed_ = true;
  const Position begin = pos();
  const bool folded = *cur_.p == '>';
  ++cur_.p;
  int explicit_indent = 0;
  bool chomping_seen = false;
  for (int k = 0; k < 2; ++k) {
    if ((*cur_.p == '+' || *cur_.p == '-') && !chomping_seen) {
      chomping_seen = true;
      ++cur_.p;
    } else if (*cur_.p >= '0' && *cur_.p <= '9' && !explicit_indent) {
      if (*cur_.p == '0') fail_here("block scalar indentation indicator must be between 1 and 9");
      explicit_indent = *cur_.p - '0';
      ++cur_.p;
    }
  }
  Position end = pos();  // moves to the end of the last content line
  const char* before_blanks = cur_.p;
  while (is_blank(*cur_.p))
    ++cur_.p;
  if (*cur_.p == '#' && cur_.p != before_blanks) scan_comment();
  if (!is_break(*cur_.p) && *cur_.p != '\0') fail_here("invalid block scalar header");
  if (*cur_.p != '\0') skip_break();

  const int parent = indent_;
  int indent = explicit_indent ? std::max(parent, 0) + explicit_indent : -1;
  int longest_empty = 0;
  for (;;) {
    const char* line = cur_.p;
    cur_.p = skip_spaces(cur_.p);
    const int spaces = static_cast<int>(cur_.p - line);
    if (indent < 0 && !is_break(*cur_.p) && *cur_.p != '\0') {
      // The first non-empty line decides the indentation.
      indent = std::max(spaces, parent + 1);
      if (longest_empty > indent)
        fail_here("a leading empty line of the block scalar has more spaces than its content");
    }
    if (is_break(*cur_.p)) {
      longest_empty = std::max(longest_empty, spaces);
      skip_break();
      continue;
    }
    if (*cur_.p == '\0') break;
    if (spaces == 0 && at_document_marker()) break;
    if (spaces < indent) {
      if (*cur_.p == '\t') {
        // A line of blanks is empty; otherwise the tab is indentation and
        // ends the scalar (scan_to_next_token() reports it).
        const char* q = cur_.p;
        while (is_blank(*q))
          ++q;
        if (is_break(*q) || *q == '\0') {
          if (spaces <= parent) fail_here("tab characters must not be used for indentation");
          cur_.p = q;
          if (*cur_.p != '\0') skip_break();
          continue;
        }
      }
      cur_.p = line;  // a less indented line ends the scalar
      break;
    }
    cur_.p = find_line_end(cur_.p);
    end = pos();
    if (*cur_.p != '\0') skip_break();
  }
  Token& t = tokens_.emplace_back();
  t.kind = Tok::Scalar;
  t.style = folded ? ScalarStyle::Folded : ScalarStyle::Literal;
  t.block_indent = parent;
  t.needs_decoding = true;
  t.span = {begin, end};
  t.text = text_.substr(begin.offset, static_cast<size_t>(cur_.p - buffer_) - begin.offset);
}

bool Scanner::recover(uint32_t error_offset) {
  // A document marker read ahead, past the error (while looking beyond the
  // node's last line for more of it), begins the next document: go back to
  // it, not past it, or that document is lost.
  for (size_t i = head_; i < tokens_.size(); ++i) {
    const Token& t = tokens_[i];
    if ((t.kind == Tok::DocStart || t.kind == Tok::DocEnd) && t.span.begin.column == 1 &&
        t.span.begin.offset > error_offset) {
      cur_.p = buffer_ + t.span.begin.offset;
      cur_.line_start = cur_.p;
      cur_.line = t.span.begin.line;
      break;
    }
  }
  tokens_.clear();
  head_ = 0;
  token_available_ = false;
  simple_keys_.assign(1, SimpleKey{});
  possible_keys_ = 0;
  indents_.clear();
  indent_ = -1;
  simple_key_allowed_ = true;
  const bool bad_byte = *cur_.p == '\0' && limit_ < text_.size();
  if (bad_byte) {
    // Continue past the invalid byte and look for the next one further on.
    const size_t at = limit_;
    set_limit(at + 1);
    cur_.p = buffer_ + at + 1;
  }
  if (cur_.p == cur_.line_start && at_document_marker() && !bad_byte && cur_.p != last_recovery_) {
    last_recovery_ = cur_.p;
  } else {
    const char* const end = buffer_ + text_.size();
    // A directive may start the next document right after a "..." line.
    bool after_end_marker =
        cur_.line_start[0] == '.' && cur_.line_start[1] == '.' && cur_.line_start[2] == '.';
    for (;;) {
      while (*cur_.p != '\0' && !is_break(*cur_.p))
        ++cur_.p;
      if (*cur_.p == '\0') {
        if (cur_.p >= end) break;
        // Invalid bytes in the skipped part are not reported.
        set_limit(static_cast<size_t>(cur_.p - buffer_) + 1);
        ++cur_.p;
        continue;
      }
      skip_break();
      if (at_document_marker() || (after_end_marker && *cur_.p == '%')) break;
      after_end_marker = false;
    }
  }
  return cur_.p[0] == '.' || cur_.p[0] == '%';
}

void Scanner::move_comments(std::vector<Comment>& to, bool all) {
  size_t boundary = SIZE_MAX;
  if (!all && head_ < tokens_.size()) boundary = tokens_[head_].span.begin.offset;
  size_t taken = 0;
  while (taken < pending_comments_.size() && pending_comments_[taken].span.begin.offset < boundary) {
    to.push_back(pending_comments_[taken]);
    ++taken;
  }
  pending_comments_.erase(pending_comments_.begin(),
                          pending_comments_.begin() + static_cast<ptrdiff_t>(taken));
}

}  // namespace podlint::yaml
