// A JSON writer that emits as it goes, for outputs too large to hold as a
// document (nlohmann-json, used elsewhere, only serializes whole trees).
// Pretty-printed with two spaces, like nlohmann's dump(2): empty arrays and
// objects as [] and {}. Strings are escaped as JSON requires; bytes that are
// not UTF-8 become U+FFFD, so any path or message makes valid JSON.
//
// Text collects in a buffer that the caller drains (drain_to) after each file,
// or sooner once it holds kFlushBytes.
#pragma once

#include <concepts>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace podlint {

// How much of a file's output a writer holds before it writes: a file with a
// million findings is written as it goes, not held whole.
inline constexpr size_t kFlushBytes = 1 << 20;

class JsonWriter {
 public:
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // The key of the next value in the current object.
  JsonWriter& key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(const std::string& text) { value(std::string_view(text)); }
  template <std::integral T>
  void value(T number) {
    if constexpr (std::is_same_v<T, bool>) {
      boolean(number);
    } else if constexpr (std::is_signed_v<T>) {
      signed_number(number);
    } else {
      unsigned_number(number);
    }
  }
  void null();
  // A value already written as JSON (e.g. by nlohmann-json), re-indented to
  // the current depth.
  void raw(std::string_view json);

  // `key(name).value(v)` in one call.
  template <class T>
  void field(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

  // A writer for elements that continue another writer's innermost
  // container, `depth` containers deep (a part of a large output made apart,
  // on another thread say): its text goes to that writer's elements().
  static JsonWriter continuing(size_t depth);
  // Elements a continuing() writer made at this writer's depth, as the next
  // of its innermost container.
  void elements(std::string_view text);

  // Hands over what was written so far.
  std::string take() { return std::exchange(buffer_, {}); }
  // Writes out what was written so far, keeping the buffer's room for more.
  void drain_to(std::ostream& out) {
    out.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }
  size_t size() const { return buffer_.size(); }

 private:
  void boolean(bool flag);
  void signed_number(int64_t number);
  void unsigned_number(uint64_t number);
  void open(char bracket);
  void close(char bracket);
  void before_value();
  void newline();
  void escaped(std::string_view text);

  std::string buffer_;
  std::vector<uint8_t> empty_;  // per open container: nothing in it yet (bytes: no bit packing to undo)
  bool after_key_ = false;
};

}  // namespace podlint
