// YAML's character classes, and the scans the scanner and the block fast path
// make over the parser's copy of the input. That copy ends in kPadding NUL
// bytes (and its first invalid character is a NUL too), so a scan may load a
// whole 16-byte vector past the byte it stops at, and every scan stops at a
// NUL. Internal to the YAML front-ends.
#pragma once

#include <array>
#include <cstddef>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace podlint::yaml {

inline bool is_break(char c) {
  return c == '\n' || c == '\r';
}
inline bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
inline bool is_blankz(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
}
inline bool is_flow_indicator(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}
inline bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_word_char(char c) {
  return is_alnum(c) || c == '-';
}
inline bool is_uri_char(char c) {
  return is_word_char(c) || (c != '\0' && std::strchr("%;/?:@&=+$,_.!~*'()[]#", c) != nullptr);
}
// The value of a hexadecimal digit, or -1.
inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Whether a plain scalar starts at q in block context (document markers
// aside).
inline bool starts_block_plain_scalar(const char* q) {
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

#ifdef __SSE2__
// Marks the bytes that are not printable ASCII, tab, LF or CR.
inline __m128i non_text_ascii(__m128i v) {
  const __m128i allowed_control = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
      _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
  // Signed compare: bytes >= 0x80 count as below 0x20 too.
  const __m128i low = _mm_andnot_si128(allowed_control, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
  return _mm_or_si128(low, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
}
#endif

// The NUL bytes after the input in the parser's copy of it.
constexpr size_t kPadding = 16;

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
inline constexpr std::array<bool, 256> kBlockPlainStops = plain_stops(false);
inline constexpr std::array<bool, 256> kFlowPlainStops = plain_stops(true);

// The first byte at or after q that may end a run of plain scalar text.
inline const char* find_plain_stop(const char* q, bool flow) {
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
inline const char* find_line_end(const char* q) {
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
inline const char* skip_spaces(const char* q) {
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

}  // namespace podlint::yaml
