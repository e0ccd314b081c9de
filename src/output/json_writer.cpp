#include "output/json_writer.hpp"

#include <fmt/format.h>

#include <array>

#include "yaml/source.hpp"

namespace podlint {

namespace {

// Whether JSON takes a byte as it is: printable ASCII but the quote and the backslash.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c)
    plain[c] = c != '"' && c != '\\';
  return plain;
}();

// A line break and the indentation of the deepest lines written in one append.
constexpr size_t kIndentedDepth = 32;
constexpr std::string_view kNewlineAndSpaces =
    "\n                                                                ";
static_assert(kNewlineAndSpaces.size() == 1 + 2 * kIndentedDepth);

}  // namespace

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  escaped(name);
  buffer_ += ": ";
  after_key_ = true;
  return *this;
}

void JsonWriter::value(std::string_view text) {
  before_value();
  escaped(text);
}

void JsonWriter::boolean(bool flag) {
  before_value();
  buffer_ += flag ? "true" : "false";
}

void JsonWriter::signed_number(int64_t number) {
  before_value();
  fmt::format_to(std::back_inserter(buffer_), "{}", number);
}

void JsonWriter::unsigned_number(uint64_t number) {
  before_value();
  fmt::format_to(std::back_inserter(buffer_), "{}", number);
}

void JsonWriter::null() {
  before_value();
  buffer_ += "null";
}

void JsonWriter::raw(std::string_view json) {
  before_value();
  for (const char c : json) {
    if (c == '\n') {
      newline();
    } else {
      buffer_ += c;
    }
  }
}

JsonWriter JsonWriter::continuing(size_t depth) {
  JsonWriter json;
  json.empty_.assign(depth, false);
  if (depth > 0) json.empty_.back() = true;
  return json;
}

void JsonWriter::elements(std::string_view text) {
  if (text.empty()) return;
  if (!empty_.back()) buffer_ += ',';
  empty_.back() = false;
  buffer_ += text;
}

void JsonWriter::open(char bracket) {
  before_value();
  buffer_ += bracket;
  empty_.push_back(true);
}

void JsonWriter::close(char bracket) {
  const bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty) newline();
  buffer_ += bracket;
  if (empty_.empty()) buffer_ += '\n';
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;
  if (!empty_.back()) buffer_ += ',';
  empty_.back() = false;
  newline();
}

void JsonWriter::newline() {
  if (empty_.size() <= kIndentedDepth) {
    buffer_.append(kNewlineAndSpaces.data(), 1 + 2 * empty_.size());
  } else {
    buffer_ += '\n';
    buffer_.append(2 * empty_.size(), ' ');
  }
}

void JsonWriter::escaped(std::string_view text) {
  buffer_ += '"';
  for (size_t i = 0; i < text.size();) {
    // Most text is plain: copied a run at a time, not a byte at a time.
    size_t run = i;
    while (run < text.size() && kPlain[static_cast<unsigned char>(text[run])])
      ++run;
    buffer_.append(text.substr(i, run - i));
    i = run;
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const yaml::Utf8Char decoded = yaml::decode_utf8(text, i);
      if (decoded.length == 0) {
        buffer_ += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
        ++i;
      } else {
        buffer_.append(text.substr(i, decoded.length));
        i += decoded.length;
      }
      continue;
    }
    switch (c) {
      case '"':
        buffer_ += "\\\"";
        break;
      case '\\':
        buffer_ += "\\\\";
        break;
      case '\n':
        buffer_ += "\\n";
        break;
      case '\r':
        buffer_ += "\\r";
        break;
      case '\t':
        buffer_ += "\\t";
        break;
      case '\b':
        buffer_ += "\\b";
        break;
      case '\f':
        buffer_ += "\\f";
        break;
      default:
        if (c < 0x20) {
          fmt::format_to(std::back_inserter(buffer_), "\\u{:04x}", c);
        } else {
          buffer_ += static_cast<char>(c);
        }
    }
    ++i;
  }
  buffer_ += '"';
}

}  // namespace podlint
