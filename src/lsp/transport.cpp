#include "lsp/transport.hpp"

#include <sys/uio.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <string_view>

namespace podlint::lsp {

bool FrameReader::fill() {
  if (at_ > 0 && at_ == buffer_.size()) {
    buffer_.clear();
    at_ = 0;
  }
  if (before_read_) before_read_();
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<size_t>(n));
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

// One header line without its line break; nullopt at the end of the input.
std::optional<std::string> FrameReader::header_line() {
  for (;;) {
    const size_t newline = buffer_.find('\n', at_);
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(at_, newline - at_);
      at_ = newline + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    // A header line longer than any sound one: drop what was read so far.
    if (buffer_.size() - at_ > 8192) at_ = buffer_.size();
    if (!fill()) return std::nullopt;
  }
}

Incoming FrameReader::next() {
  std::optional<size_t> length;
  bool bad_length = false;
  bool any_header = false;
  for (;;) {
    const std::optional<std::string> line = header_line();
    if (!line) return {};
    if (line->empty()) {
      if (!any_header) continue;  // blank lines between frames
      break;
    }
    any_header = true;
    const std::string_view text = *line;
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(text.substr(0, colon));
    for (char& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name != "content-length") continue;
    std::string_view value = text.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
      value.remove_suffix(1);
    size_t n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size()) {
      bad_length = true;
    } else {
      length = n;
    }
  }
  if (!length) {
    return {Incoming::Kind::Malformed,
            {},
            bad_length ? "a frame's Content-Length is not a number" : "a frame has no Content-Length header"};
  }
  if (*length > kMaxMessageBytes) {
    // Skipped unread, so that the frames after it still line up.
    size_t left = *length;
    while (left > 0) {
      if (at_ == buffer_.size() && !fill()) return {};
      const size_t n = std::min(left, buffer_.size() - at_);
      at_ += n;
      left -= n;
    }
    return {Incoming::Kind::Malformed,
            {},
            "a message of " + std::to_string(*length) + " bytes is over the limit of " +
                std::to_string(kMaxMessageBytes)};
  }
  while (buffer_.size() - at_ < *length) {
    if (!fill()) return {};
  }
  Incoming message{Incoming::Kind::Message, buffer_.substr(at_, *length), {}};
  at_ += *length;
  return message;
}

bool FrameWriter::write(std::string_view body) {
  const std::string header = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  // Header and body in one call, without copying the body (a publication
  // may be hundreds of kilobytes).
  std::array<iovec, 2> parts = {iovec{const_cast<char*>(header.data()), header.size()},
                                iovec{const_cast<char*>(body.data()), body.size()}};
  const std::lock_guard lock(mutex_);
  size_t first = 0;
  while (first < parts.size()) {
    const ssize_t n = ::writev(fd_, parts.data() + first, static_cast<int>(parts.size() - first));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    auto written = static_cast<size_t>(n);
    while (first < parts.size() && written >= parts[first].iov_len) {
      written -= parts[first].iov_len;
      ++first;
    }
    if (first < parts.size()) {
      parts[first].iov_base = static_cast<char*>(parts[first].iov_base) + written;
      parts[first].iov_len -= written;
    }
  }
  return true;
}

}  // namespace podlint::lsp
