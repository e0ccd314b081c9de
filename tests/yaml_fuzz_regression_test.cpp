// Replays tests/fuzz-regressions/: hand-made nasty inputs and whatever the
// fuzzers (fuzz/) once crashed on. Every front-end must parse each file, with
// the default limits and the fuzzers' small ones, into a sane model (see
// fuzz/stream_checks.hpp) that dumps to events. A file named limit-*,
// encoding-* or syntax-* must also make parse() report an error of that kind.
//
// Each parse runs in a child process with a time limit, so that a crash or a
// hang fails the one file it concerns instead of taking the test run down.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../fuzz/stream_checks.hpp"
#include "yaml/events.hpp"
#include "yaml/parser.hpp"

#if __has_include("yaml/treesitter.hpp")
#include "yaml/treesitter.hpp"
#define PODLINT_TEST_TOLERANT 1
#endif

#if defined(__SANITIZE_ADDRESS__)
#define PODLINT_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PODLINT_TEST_ASAN 1
#endif
#endif

namespace {

namespace fs = std::filesystem;
using podlint::yaml::ErrorKind;
using podlint::yaml::ParseOptions;
using podlint::yaml::Stream;

// Generous: every file parses in milliseconds, even under sanitizers.
constexpr unsigned kTimeoutSeconds = 30;

struct Regression {
  std::string name;
  std::string text;
};

std::vector<Regression> regressions() {
  std::vector<Regression> out;
  const fs::path dir = fs::path(PODLINT_SOURCE_DIR) / "tests" / "fuzz-regressions";
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    out.push_back({entry.path().filename().string(), buf.str()});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

// Runs `check` in a child process and returns what went wrong: its own
// answer, or how the child died. Empty when all is well.
std::string isolated(const std::function<std::string()>& check) {
  int fds[2];
  if (pipe(fds) != 0) return std::string("pipe: ") + std::strerror(errno);
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return std::string("fork: ") + std::strerror(errno);
  if (pid == 0) {
    close(fds[0]);
    alarm(kTimeoutSeconds);
#ifndef PODLINT_TEST_ASAN
    // A runaway parser fails here rather than exhausting the machine;
    // AddressSanitizer reserves too much address space for this limit.
    const rlimit memory{4ul << 30, 4ul << 30};
    setrlimit(RLIMIT_AS, &memory);
#endif
    // Nothing may unwind into the test framework's copy in this process.
    std::string problem;
    try {
      problem = check();
    } catch (const std::exception& e) {
      problem = std::string("threw ") + e.what();
    } catch (...) {
      problem = "threw a non-standard exception";
    }
    if (!problem.empty() && write(fds[1], problem.data(), problem.size()) < 0) _exit(2);
    _exit(problem.empty() ? 0 : 1);
  }
  close(fds[1]);
  std::string answer;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fds[0], buffer, sizeof buffer)) > 0)
    answer.append(buffer, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    return sig == SIGALRM ? "no result within " + std::to_string(kTimeoutSeconds) + " s (hang?)"
                          : std::string("crashed: ") + strsignal(sig);
  }
  if (WEXITSTATUS(status) != 0 && answer.empty()) {
    return "exited with status " + std::to_string(WEXITSTATUS(status)) + " (sanitizer report above?)";
  }
  return answer;
}

std::string sanity(const Stream& stream, const std::string& text, const ParseOptions& options) {
  podlint::fuzz::StreamChecker checker(text, options);
  std::string problem = checker.check(stream);
  podlint::yaml::to_events(stream);
  podlint::yaml::to_events(stream, {.with_spans = true});
  return problem;
}

bool has_error(const Stream& stream, ErrorKind kind) {
  for (const auto& doc : stream.documents) {
    for (const auto& e : doc.errors) {
      if (e.kind == kind) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("fuzz regressions parse into a sane model", "[yaml][fuzz]") {
  const auto files = regressions();
  REQUIRE(!files.empty());
  const ParseOptions limits[] = {ParseOptions{}, podlint::fuzz::fuzz_parse_options()};
  for (const auto& file : files) {
    for (const ParseOptions& options : limits) {
      INFO(file.name << " with max_depth " << options.max_depth);
      CHECK(isolated([&] { return sanity(podlint::yaml::parse(file.text, options), file.text, options); }) ==
            "");
#ifdef PODLINT_TEST_TOLERANT
      INFO("parse_tolerant()");
      CHECK(isolated([&] {
              return sanity(podlint::yaml::parse_tolerant(file.text, options), file.text, options);
            }) == "");
#endif
    }
  }
}

TEST_CASE("fuzz regressions named for an error kind report it", "[yaml][fuzz]") {
  const std::pair<std::string_view, ErrorKind> prefixes[] = {
      {"limit-", ErrorKind::Limit}, {"encoding-", ErrorKind::Encoding}, {"syntax-", ErrorKind::Syntax}};
  for (const auto& file : regressions()) {
    for (const auto& [prefix, kind] : prefixes) {
      if (!std::string_view(file.name).starts_with(prefix)) continue;
      INFO(file.name);
      CHECK(isolated([&] {
              return has_error(podlint::yaml::parse(file.text), kind)
                         ? ""
                         : "parse() reported no " + std::string(prefix.substr(0, prefix.size() - 1)) +
                               " error";
            }) == "");
    }
  }
}
