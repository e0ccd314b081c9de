#include "yaml/scalars.hpp"

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "yaml/characters.hpp"

namespace podlint::yaml {
namespace {

// Output buffer that lives in the arena once finished. Decoded text is never
// longer than its raw form (escapes shrink), so one allocation of raw.size()
// bytes is enough.
class Builder {
 public:
  Builder(size_t capacity, std::pmr::memory_resource& arena)
      : begin_(static_cast<char*>(arena.allocate(capacity ? capacity : 1, 1))), end_(begin_) {}
  void push(char c) { *end_++ = c; }
  void append(std::string_view s) {
    if (!s.empty()) std::memcpy(end_, s.data(), s.size());
    end_ += s.size();
  }
  // Removes trailing blanks (those before a folded line break), but never
  // blanks that came from escape sequences.
  void trim_blanks() {
    while (end_ > kept_ && is_blank(end_[-1]))
      --end_;
  }
  void keep_all() { kept_ = end_; }
  std::string_view view() const { return {begin_, static_cast<size_t>(end_ - begin_)}; }

 private:
  char* begin_;
  char* end_;
  char* kept_ = begin_;
};

// The index of the first line break at or after `from`, or raw.size().
size_t find_break(std::string_view raw, size_t from) {
  size_t i = from;
#ifdef __SSE2__
  // Block scalar lines are often long: look at 16 bytes at a time.
  const auto* s = reinterpret_cast<const unsigned char*>(raw.data());
  for (; i + 16 <= raw.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const int mask = _mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < raw.size() && !is_break(raw[i]))
    ++i;
  return i;
}

// Skips one line break (LF, CRLF or CR) at raw[i]; returns the new index.
size_t skip_break(std::string_view raw, size_t i) {
  if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') return i + 2;
  return i + 1;
}

// Folds the line break at raw[i] and the blank lines after it (YAML 6.5): one
// break becomes a space, n+1 breaks become n newlines. Leading blanks of the
// next line are skipped. Returns the index of the next line's content.
size_t fold_lines(std::string_view raw, size_t i, Builder& out) {
  out.trim_blanks();
  i = skip_break(raw, i);
  size_t breaks = 0;
  for (;;) {
    while (i < raw.size() && is_blank(raw[i]))
      ++i;
    if (i < raw.size() && is_break(raw[i])) {
      ++breaks;
      i = skip_break(raw, i);
    } else {
      break;
    }
  }
  if (breaks == 0) {
    out.push(' ');
  } else {
    for (size_t k = 0; k < breaks; ++k)
      out.push('\n');
  }
  return i;
}

void append_utf8(Builder& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push(static_cast<char>(0xC0 | (cp >> 6)));
    out.push(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push(static_cast<char>(0xE0 | (cp >> 12)));
    out.push(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push(static_cast<char>(0xF0 | (cp >> 18)));
    out.push(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

DecodedScalar decode_plain(std::string_view raw, std::pmr::memory_resource& arena) {
  const size_t first_break = raw.find_first_of("\r\n");
  if (first_break == std::string_view::npos) return {raw};
  Builder out(raw.size(), arena);
  out.append(raw.substr(0, first_break));
  size_t i = first_break;
  while (i < raw.size()) {
    if (is_break(raw[i])) {
      i = fold_lines(raw, i, out);
    } else {
      out.push(raw[i++]);
    }
  }
  return {out.view()};
}

DecodedScalar decode_single_quoted(std::string_view raw, std::pmr::memory_resource& arena) {
  if (raw.size() < 2) return {{}, "unterminated single-quoted string", 0};
  const std::string_view body = raw.substr(1, raw.size() - 2);
  if (body.find_first_of("'\r\n") == std::string_view::npos) return {body};
  Builder out(body.size(), arena);
  size_t i = 0;
  while (i < body.size()) {
    const char c = body[i];
    if (c == '\'') {
      out.push('\'');
      i += 2;  // '' is the only way a quote appears inside
    } else if (is_break(c)) {
      i = fold_lines(body, i, out);
    } else {
      out.push(c);
      ++i;
    }
  }
  return {out.view()};
}

DecodedScalar decode_double_quoted(std::string_view raw, std::pmr::memory_resource& arena) {
  if (raw.size() < 2) return {{}, "unterminated double-quoted string", 0};
  const std::string_view body = raw.substr(1, raw.size() - 2);
  if (body.find_first_of("\\\r\n") == std::string_view::npos) return {body};
  Builder out(body.size(), arena);
  size_t i = 0;
  while (i < body.size()) {
    const char c = body[i];
    if (is_break(c)) {
      i = fold_lines(body, i, out);
      continue;
    }
    if (c != '\\') {
      out.push(c);
      ++i;
      continue;
    }
    const uint32_t escape_offset = static_cast<uint32_t>(i + 1);  // the backslash, within raw
    if (i + 1 >= body.size()) return {{}, "unterminated escape sequence", escape_offset};
    const char e = body[i + 1];
    i += 2;
    int hex_digits = 0;
    switch (e) {
      case '0':
        out.push('\0');
        break;
      case 'a':
        out.push('\a');
        break;
      case 'b':
        out.push('\b');
        break;
      case 't':
      case '\t':
        out.push('\t');
        break;
      case 'n':
        out.push('\n');
        break;
      case 'v':
        out.push('\v');
        break;
      case 'f':
        out.push('\f');
        break;
      case 'r':
        out.push('\r');
        break;
      case 'e':
        out.push('\x1b');
        break;
      case ' ':
        out.push(' ');
        break;
      case '"':
        out.push('"');
        break;
      case '/':
        out.push('/');
        break;
      case '\\':
        out.push('\\');
        break;
      case 'N':
        append_utf8(out, 0x85);
        break;
      case '_':
        append_utf8(out, 0xA0);
        break;
      case 'L':
        append_utf8(out, 0x2028);
        break;
      case 'P':
        append_utf8(out, 0x2029);
        break;
      case 'x':
        hex_digits = 2;
        break;
      case 'u':
        hex_digits = 4;
        break;
      case 'U':
        hex_digits = 8;
        break;
      case '\r':
      case '\n': {
        // An escaped line break joins the lines: the break and the next
        // line's leading blanks vanish, but empty lines still count.
        i = skip_break(body, i - 1);
        for (;;) {
          while (i < body.size() && is_blank(body[i]))
            ++i;
          if (i < body.size() && is_break(body[i])) {
            out.push('\n');
            i = skip_break(body, i);
          } else {
            break;
          }
        }
        break;
      }
      default:
        return {{}, "invalid escape sequence in double-quoted string", escape_offset};
    }
    out.keep_all();
    if (hex_digits) {
      uint32_t cp = 0;
      for (int k = 0; k < hex_digits; ++k) {
        const int digit = i < body.size() ? hex_value(body[i]) : -1;
        if (digit < 0) return {{}, "invalid hexadecimal escape in double-quoted string", escape_offset};
        cp = cp * 16 + static_cast<uint32_t>(digit);
        ++i;
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return {{}, "escape does not denote a valid Unicode character", escape_offset};
      append_utf8(out, cp);
      out.keep_all();
    }
  }
  return {out.view()};
}

DecodedScalar decode_block(std::string_view raw, int parent_indent, std::pmr::memory_resource& arena) {
  if (raw.empty()) return {};
  const bool folded = raw[0] == '>';
  char chomping = 0;  // '-', '+' or 0 (clip)
  int explicit_indent = 0;
  size_t i = 1;
  for (; i < raw.size() && i < 3; ++i) {
    const char c = raw[i];
    if ((c == '-' || c == '+') && !chomping) {
      chomping = c;
    } else if (c >= '1' && c <= '9' && !explicit_indent) {
      explicit_indent = c - '0';
    } else {
      break;
    }
  }
  while (i < raw.size() && !is_break(raw[i]))
    ++i;  // blanks and a comment
  if (i < raw.size()) i = skip_break(raw, i);

  const int base = parent_indent < 0 ? 0 : parent_indent;
  int indent = explicit_indent ? base + explicit_indent : -1;
  if (indent < 0) {
    // Auto-detect: the first non-empty line sets the indentation; leading
    // empty lines must not be longer than it.
    int longest_empty = 0;
    size_t j = i;
    uint32_t longest_empty_offset = 0;
    for (;;) {
      size_t spaces = 0;
      while (j + spaces < raw.size() && raw[j + spaces] == ' ')
        ++spaces;
      const size_t k = j + spaces;
      if (k < raw.size() && !is_break(raw[k])) {
        indent = static_cast<int>(spaces);
        if (longest_empty > indent)
          return {
              {}, "leading empty line has more spaces than the block scalar's content", longest_empty_offset};
        break;
      }
      if (static_cast<int>(spaces) > longest_empty) {
        longest_empty = static_cast<int>(spaces);
        longest_empty_offset = static_cast<uint32_t>(j);
      }
      if (k >= raw.size()) {
        indent = longest_empty;
        break;
      }
      j = skip_break(raw, k);
    }
    if (indent < parent_indent + 1) indent = parent_indent + 1;
  }

  Builder out(raw.size() + 1, arena);
  size_t pending_breaks = 0;  // empty lines since the last content line
  bool seen_content = false;
  bool previous_more_indented = false;
  while (i < raw.size()) {
    size_t spaces = 0;
    while (i + spaces < raw.size() && raw[i + spaces] == ' ' && static_cast<int>(spaces) < indent)
      ++spaces;
    const size_t line_end = find_break(raw, i + spaces);
    const bool has_text = static_cast<int>(spaces) == indent && line_end > i + spaces;
    if (!has_text) {
      ++pending_breaks;
      i = line_end < raw.size() ? skip_break(raw, line_end) : line_end;
      continue;
    }
    const std::string_view text = raw.substr(i + spaces, line_end - i - spaces);
    const bool more_indented = is_blank(text[0]);
    if (!seen_content) {
      for (size_t k = 0; k < pending_breaks; ++k)
        out.push('\n');
    } else if (folded && !more_indented && !previous_more_indented) {
      if (pending_breaks == 0) {
        out.push(' ');
      } else {
        for (size_t k = 0; k < pending_breaks; ++k)
          out.push('\n');
      }
    } else {
      for (size_t k = 0; k <= pending_breaks; ++k)
        out.push('\n');
    }
    out.append(text);
    seen_content = true;
    previous_more_indented = more_indented;
    pending_breaks = 0;
    i = line_end < raw.size() ? skip_break(raw, line_end) : line_end;
  }
  // The last content line's break was not counted in pending_breaks; the end
  // of the input ends a line like a break does.
  if (chomping == '+') {
    if (seen_content) out.push('\n');
    for (size_t k = 0; k < pending_breaks; ++k)
      out.push('\n');
  } else if (chomping == 0 && seen_content) {
    out.push('\n');
  }
  return {out.view()};
}

}  // namespace podlint::yaml
