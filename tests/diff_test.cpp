// Unified diffs (output/diff.hpp): the format patch reads, and diffs that
// turn the old text into the new one.
#include "output/diff.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

using podlint::test::split_lines;

std::string diff(std::string_view before, std::string_view after, const podlint::DiffOptions& options = {}) {
  std::ostringstream out;
  podlint::write_unified_diff(out, "x.yaml", before, after, options);
  return out.str();
}

// Applies a unified diff as patch does, checking every context and removed
// line against `before`; texts here end with a line break.
std::string patch(const std::string& before, const std::string& unified) {
  const std::vector<std::string> old_lines = split_lines(before);
  std::vector<std::string> out;
  size_t next = 0;  // the next old line not yet copied
  for (const std::string& line : split_lines(unified)) {
    if (line.starts_with("---") || line.starts_with("+++")) continue;
    if (line.starts_with("@@")) {
      size_t start = std::stoul(line.substr(4));
      const size_t comma = line.find(',');
      const size_t count =
          comma != std::string::npos && comma < line.find(' ', 4) ? std::stoul(line.substr(comma + 1)) : 1;
      if (count > 0) --start;  // 1-based, or the line before an empty range
      REQUIRE(start >= next);
      while (next < start)
        out.push_back(old_lines[next++]);
      continue;
    }
    REQUIRE(!line.empty());
    if (line[0] == '+') {
      out.push_back(line.substr(1));
    } else {
      REQUIRE(next < old_lines.size());
      CHECK(old_lines[next] == line.substr(1));
      if (line[0] == ' ') out.push_back(old_lines[next]);
      ++next;
    }
  }
  while (next < old_lines.size())
    out.push_back(old_lines[next++]);
  std::string text;
  for (const std::string& line : out)
    text += line + "\n";
  return text;
}

}  // namespace

TEST_CASE("a unified diff has headers, hunks with three lines of context, and nothing for no change",
          "[diff]") {
  const std::string before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
  std::string after = before;
  after.replace(after.find("b\n"), 2, "B\n");
  after.replace(after.find("m\n"), 2, "");
  CHECK(diff(before, after) ==
        "--- x.yaml\n+++ x.yaml\n"
        "@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n"
        "@@ -10,5 +10,4 @@\n j\n k\n l\n-m\n n\n");
  CHECK(diff(before, before).empty());
  // Changes whose contexts meet are one hunk.
  std::string near = before;
  near.replace(near.find("c\n"), 2, "C\n");
  near.replace(near.find("i\n"), 2, "I\n");
  CHECK(diff(before, near) ==
        "--- x.yaml\n+++ x.yaml\n"
        "@@ -1,12 +1,12 @@\n a\n b\n-c\n+C\n d\n e\n f\n g\n h\n-i\n+I\n j\n k\n l\n");
}

TEST_CASE("a diff says where a line lacks its line break, and where nothing was", "[diff]") {
  CHECK(diff("a\nb", "a\nb\n") ==
        "--- x.yaml\n+++ x.yaml\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  CHECK(diff("", "a\n") == "--- x.yaml\n+++ x.yaml\n@@ -0,0 +1 @@\n+a\n");
  CHECK(diff("a\n", "") == "--- x.yaml\n+++ x.yaml\n@@ -1 +0,0 @@\n-a\n");
  CHECK(diff("a\nb\n", "a\nx\nb\n", {.context = 0}) == "--- x.yaml\n+++ x.yaml\n@@ -1,0 +2 @@\n+x\n");
}

TEST_CASE("a diff without headers, indented, for the text output", "[diff]") {
  CHECK(diff("a\nb\nc\n", "a\nB\nc\n", {.context = 0, .headers = false, .indent = "    "}) ==
        "    @@ -2 +2 @@\n    -b\n    +B\n");
  CHECK(diff("a\n", "b\n", {.context = 0, .headers = false, .color = true}) ==
        "\x1b[36m@@ -1 +1 @@\x1b[0m\n\x1b[31m-a\x1b[0m\n\x1b[32m+b\x1b[0m\n");
}

TEST_CASE("every diff patches the old text into the new one", "[diff]") {
  std::mt19937 random(15);
  const std::vector<std::string> words{"a", "b", "c", "d", "e"};
  for (int round = 0; round < 400; ++round) {
    const auto make = [&] {
      std::string text;
      const int lines = static_cast<int>(random() % 30);
      for (int i = 0; i < lines; ++i)
        text += words[random() % words.size()] + "\n";
      return text;
    };
    const std::string before = make();
    const std::string after = round % 3 == 0 ? before + make() : make();
    INFO(before << "----\n" << after);
    const std::string unified = diff(before, after, {.context = static_cast<size_t>(round % 4)});
    CHECK(patch(before, unified) == after);
  }
}
