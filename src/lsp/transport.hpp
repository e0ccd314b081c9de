// JSON-RPC 2.0 messages over a byte stream, framed as the Language Server
// Protocol frames them: "Content-Length: N\r\n" (other headers ignored), a
// blank line, then N bytes of JSON.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace podlint::lsp {

// The largest message read; a longer one is skipped, unread.
inline constexpr size_t kMaxMessageBytes = 256u << 20;

// What reading the next message found.
struct Incoming {
  enum class Kind { Message, Malformed, End } kind = Kind::End;
  std::string body;   // Message: the JSON text, not parsed yet
  std::string error;  // Malformed: why the frame was skipped
};

// Reads frames from a file descriptor (blocking); one reader at a time.
class FrameReader {
 public:
  // before_read, when given, runs each time the reader is about to block for
  // more input: every frame that had arrived has been returned by then.
  explicit FrameReader(int fd, std::function<void()> before_read = {})
      : fd_(fd), before_read_(std::move(before_read)) {}
  Incoming next();

 private:
  bool fill();  // false at the end of the input
  std::optional<std::string> header_line();

  int fd_;
  std::function<void()> before_read_;
  std::string buffer_;
  size_t at_ = 0;
};

// Writes frames to a file descriptor; safe to call from several threads.
class FrameWriter {
 public:
  explicit FrameWriter(int fd) : fd_(fd) {}
  // False when the output is gone (the client closed it).
  bool write(std::string_view body);

 private:
  int fd_;
  std::mutex mutex_;
};

}  // namespace podlint::lsp
