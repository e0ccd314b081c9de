// Helpers several test files share.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.hpp"
#include "yaml/source.hpp"

namespace podlint::test {

struct CommandResult {
  int status;       // the exit status, -1 when the command did not exit
  std::string out;  // standard output and standard error, interleaved
};

// Runs a shell command with `stdin_text` as its standard input.
inline CommandResult run_command(const std::string& command, const std::string& stdin_text = "") {
  // ctest runs test cases in parallel processes: each needs its own file.
  std::string input = (std::filesystem::temp_directory_path() / "podlint-test-stdin-XXXXXX").string();
  const int fd = mkstemp(input.data());
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(input, std::ios::binary) << stdin_text;
  std::FILE* pipe = popen((command + " <" + input + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    out.append(buffer, n);
  const int status = pclose(pipe);
  std::filesystem::remove(input);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// The lines of a text, without their line breaks.
inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

// Adds a finding on the first occurrence of `needle` in the report's text.
inline Diagnostic& add_diagnostic(FileReport& report, std::string rule, Severity severity,
                                  std::string_view needle, std::string message) {
  const yaml::LineIndex lines(report.text);
  const size_t found = report.text.find(needle);
  REQUIRE(found != std::string::npos);
  const auto begin = static_cast<uint32_t>(found);
  Diagnostic& d = report.diagnostics.emplace_back();
  d.rule = std::move(rule);
  d.severity = severity;
  d.span = {lines.position(begin), lines.position(begin + static_cast<uint32_t>(needle.size()))};
  d.message = std::move(message);
  return d;
}

// A directory tree under the temporary directory, removed at the end.
class TempTree {
  using path = std::filesystem::path;

 public:
  TempTree() {
    std::string pattern = (std::filesystem::temp_directory_path() / "podlint-test-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    root_ = path(pattern).lexically_normal();
  }
  ~TempTree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  const path& root() const { return root_; }
  path write(const std::string& relative, std::string_view text) const {
    const path file = root_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }
  void mkdir(const std::string& relative) const { std::filesystem::create_directories(root_ / relative); }

 private:
  path root_;
};

}  // namespace podlint::test
