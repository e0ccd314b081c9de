#include "output/printable.hpp"

#include <fmt/format.h>

#include "yaml/source.hpp"

namespace podlint {

namespace {

bool needs_escape(uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)  // C0, DEL, C1 (0x9B is a CSI)
         || cp == 0x061C || cp == 0x200E || cp == 0x200F        // bidirectional marks
         || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string printable(std::string_view text, bool keep_tabs) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const yaml::Utf8Char c = yaml::decode_utf8(text, i);
    if (c.length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (needs_escape(c.code_point) && !(keep_tabs && c.code_point == '\t')) {
      out +=
          c.length == 1 ? fmt::format("\\x{:02x}", c.code_point) : fmt::format("\\u{{{:04x}}}", c.code_point);
    } else {
      out.append(text.substr(i, c.length));
    }
    i += c.length;
  }
  return out;
}

}  // namespace podlint
