#include "lsp/positions.hpp"

namespace podlint::lsp {

uint32_t Lines::offset(uint32_t line, uint32_t character, Encoding encoding) const {
  if (line < lines_before_) return 0;
  line -= lines_before_;
  if (line >= index_.line_count()) return static_cast<uint32_t>(text_.size());
  const std::string_view text = index_.line_text(line + 1);
  const auto start = static_cast<uint32_t>(text.data() - text_.data());
  if (encoding == Encoding::Utf8)
    return start + std::min<uint32_t>(character, static_cast<uint32_t>(text.size()));
  uint32_t units = 0;
  size_t at = 0;
  while (at < text.size() && units < character) {
    const yaml::Utf8Char c = yaml::decode_utf8(text, at);
    // An invalid byte counts as one unit, as utf16_column counts it.
    units += c.length != 0 && c.code_point >= 0x10000 ? 2 : 1;
    at += c.length != 0 ? c.length : 1;
  }
  return start + static_cast<uint32_t>(at);
}

uint32_t Lines::offset(const nlohmann::json& position, Encoding encoding) const {
  return offset(position.at("line").get<uint32_t>(), position.at("character").get<uint32_t>(), encoding);
}

nlohmann::json Lines::position(const yaml::Position& p, Encoding encoding) const {
  const uint32_t line = (p.line == 0 ? 0 : p.line - 1) + lines_before_;
  uint32_t character = p.column == 0 ? 0 : p.column - 1;
  if (encoding == Encoding::Utf16 && p.line >= 1 && p.line <= index_.line_count()) {
    character = yaml::utf16_column(index_.line_text(p.line), p.column);
  }
  return {{"line", line}, {"character", character}};
}

nlohmann::json Lines::range(const yaml::Span& span, Encoding encoding) const {
  return {{"start", position(span.begin, encoding)}, {"end", position(span.end, encoding)}};
}

}  // namespace podlint::lsp
