#include "lsp/server.hpp"

#include <condition_variable>
#include <csignal>
#include <deque>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "lsp/session.hpp"
#include "lsp/transport.hpp"

namespace podlint::lsp {

namespace {

// What the reading thread hands the serving one.
struct Inbox {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Incoming> messages;
  std::set<std::string> cancelled;  // ids (as JSON text) of requests cancelled while waiting
  bool ended = false;
};

// Reads frames as they come, so that a $/cancelRequest is seen while the
// request it cancels still waits, and a burst of edits is linted once. Frames
// that arrived together are handed over together: a request and its
// cancellation sent in one write are never served apart.
void read_frames(int fd, Inbox& inbox) {
  std::vector<Incoming> arrived;
  const auto hand_over = [&] {
    if (arrived.empty()) return;
    const std::lock_guard lock(inbox.mutex);
    for (Incoming& in : arrived) {
      if (in.kind == Incoming::Kind::Message && in.body.find("$/cancelRequest") != std::string::npos) {
        const json message = json::parse(in.body, nullptr, false);
        if (message.is_object() && message.value("method", "") == "$/cancelRequest" &&
            message.contains("params") && message["params"].is_object() && message["params"].contains("id")) {
          inbox.cancelled.insert(message["params"]["id"].dump());
          continue;
        }
      }
      inbox.messages.push_back(std::move(in));
    }
    arrived.clear();
    inbox.ready.notify_one();
  };
  FrameReader reader(fd, hand_over);
  for (;;) {
    Incoming in = reader.next();
    if (in.kind == Incoming::Kind::End) {
      hand_over();
      const std::lock_guard lock(inbox.mutex);
      inbox.ended = true;
      inbox.ready.notify_one();
      return;
    }
    arrived.push_back(std::move(in));
  }
}

// JSON text with each lone UTF-16 surrogate escape (\uD83D without its pair,
// which JavaScript clients send for a broken character) made U+FFFD, which
// the JSON parser takes; true when there was any.
bool replace_lone_surrogates(std::string& body) {
  const auto surrogate_at = [&](size_t i, unsigned low, unsigned high) {
    if (i + 6 > body.size() || body[i] != '\\' || body[i + 1] != 'u') return false;
    unsigned value = 0;
    for (size_t k = i + 2; k < i + 6; ++k) {
      const char c = body[k];
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return false;
      value = value * 16 + static_cast<unsigned>(digit);
    }
    return value >= low && value <= high;
  };
  bool replaced = false;
  for (size_t i = 0; i + 1 < body.size(); ++i) {
    if (body[i] != '\\') continue;
    if (surrogate_at(i, 0xD800, 0xDBFF) && surrogate_at(i + 6, 0xDC00, 0xDFFF)) {
      i += 11;
    } else if (surrogate_at(i, 0xD800, 0xDFFF)) {
      body.replace(i + 2, 4, "FFFD");
      replaced = true;
      i += 5;
    } else {
      ++i;  // an escaped character, the backslash itself included
    }
  }
  return replaced;
}

}  // namespace

int serve(int input_fd, int output_fd) {
  // A client that goes away must not kill the server mid-write.
  std::signal(SIGPIPE, SIG_IGN);
  FrameWriter writer(output_fd);
  Session session([&writer](const std::string& body) { writer.write(body); });
  Inbox inbox;
  // Detached: when exit comes, it may be blocked reading a client that keeps
  // the pipe open; the process ends it.
  std::thread(read_frames, input_fd, std::ref(inbox)).detach();
  for (;;) {
    Incoming in;
    bool cancelled = false;
    {
      std::unique_lock lock(inbox.mutex);
      if (inbox.messages.empty() && !inbox.ended) {
        lock.unlock();
        session.idle();
        lock.lock();
      }
      inbox.ready.wait(lock, [&] { return !inbox.messages.empty() || inbox.ended; });
      if (inbox.messages.empty()) break;
      in = std::move(inbox.messages.front());
      inbox.messages.pop_front();
    }
    if (in.kind == Incoming::Kind::Malformed) {
      session.malformed(in.error);
      continue;
    }
    json message = json::parse(in.body, nullptr, false);
    if (message.is_discarded() && replace_lone_surrogates(in.body))
      message = json::parse(in.body, nullptr, false);
    if (message.is_discarded()) {
      session.malformed("a message is not valid JSON");
      continue;
    }
    if (message.is_object() && message.contains("id") && message.contains("method")) {
      const std::lock_guard lock(inbox.mutex);
      cancelled = inbox.cancelled.erase(message["id"].dump()) > 0;
    }
    if (cancelled) {
      session.cancelled(message["id"]);
      continue;
    }
    session.handle(message);
    if (session.exited()) break;
  }
  return session.exit_status();
}

}  // namespace podlint::lsp
