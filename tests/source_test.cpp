#include "yaml/source.hpp"

#include <catch2/catch.hpp>

using podlint::yaml::LineIndex;
using podlint::yaml::Position;
using podlint::yaml::utf16_column;

TEST_CASE("LineIndex maps offsets to 1-based lines and byte columns", "[source]") {
  const LineIndex lines("a: 1\nbb: 2\r\nccc: 3\rd");
  CHECK(lines.line_count() == 4);
  CHECK(lines.position(0) == Position{0, 1, 1});
  CHECK(lines.position(3) == Position{3, 1, 4});
  CHECK(lines.position(5) == Position{5, 2, 1});
  CHECK(lines.position(12) == Position{12, 3, 1});
  CHECK(lines.position(19) == Position{19, 4, 1});
  CHECK(lines.line_text(2) == "bb: 2");
  CHECK(lines.line_text(3) == "ccc: 3");
  CHECK(lines.line_text(4) == "d");
  CHECK(lines.line_text(5).empty());
}

TEST_CASE("LineIndex clamps offsets past the end", "[source]") {
  const LineIndex lines("ab\n");
  CHECK(lines.position(99) == Position{3, 2, 1});
}

TEST_CASE("utf16_column counts UTF-16 code units before a byte column", "[source]") {
  CHECK(utf16_column("name: x", 7) == 6);
  // "é" is 2 bytes and 1 unit; "😀" is 4 bytes and 2 units.
  CHECK(utf16_column("é: x", 4) == 2);
  CHECK(utf16_column("😀: x", 6) == 3);
  // Invalid bytes count one unit each.
  CHECK(utf16_column("\xff\xfe: x", 3) == 2);
  // Columns past the end stop at the end of the line.
  CHECK(utf16_column("ab", 10) == 2);
}

TEST_CASE("LineIndex leaves a byte order mark out of line 1", "[source]") {
  const LineIndex lines(
      "\xEF\xBB\xBF"
      "a: 1\nb: 2\n");
  CHECK(lines.position(3) == Position{3, 1, 1});
  CHECK(lines.position(6) == Position{6, 1, 4});
  CHECK(lines.position(8) == Position{8, 2, 1});
  CHECK(lines.position(1) == Position{1, 1, 1});
  CHECK(lines.line_text(1) == "a: 1");
}
