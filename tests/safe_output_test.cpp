// Text from a manifest never reaches a terminal or a CI log raw: control
// characters, bidirectional overrides and invalid UTF-8 are escaped in the
// text and GitHub outputs, wherever they come from.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "output/github.hpp"
#include "output/printable.hpp"
#include "output/text.hpp"
#include "support.hpp"

using podlint::printable;

namespace {

bool has_raw_control(std::string_view out) {
  for (const char c : out) {
    const auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && c != '\n') || b == 0x7F) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("printable escapes controls, bidi overrides and invalid UTF-8", "[output][safe]") {
  CHECK(printable("plain text: é, 日本") == "plain text: é, 日本");
  CHECK(printable("a\x1b[2Jb") == "a\\x1b[2Jb");
  CHECK(printable("bell\x07") == "bell\\x07");
  CHECK(printable("over\rwrite") == "over\\x0dwrite");
  CHECK(printable("a\nb\tc") == "a\\x0ab\\x09c");
  CHECK(printable("a\tb", true) == "a\tb");
  CHECK(printable("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07");  // OSC: set the window title
  CHECK(printable("\xc2\x9b"
                  "31m") == "\\u{009b}31m");            // C1 CSI
  CHECK(printable("x\xe2\x80\xaey") == "x\\u{202e}y");  // right-to-left override
  CHECK(printable("\xff\xfe ok \xc3") == "\\xff\\xfe ok \\xc3");
  CHECK(printable("del\x7f") == "del\\x7f");
}

TEST_CASE("text output escapes what comes from the input", "[output][safe]") {
  podlint::FileReport report{.path = "evil\x1b[31m.yaml",
                             .text = "metadata:\n  name: \"\x1b]0;title\x07\"\n  \x1b[2Jkey: 1\n"};
  podlint::test::add_diagnostic(report, "unknown-field", podlint::Severity::Error, "\x1b[2Jkey",
                                "unknown field \"\x1b[2Jkey\" in ObjectMeta");
  auto& related = podlint::test::add_diagnostic(report, "x", podlint::Severity::Warning, "\x1b]0;title\x07",
                                                "value \"\x1b]0;title\x07\"");
  related.related.push_back({report.diagnostics[0].span, "see \x07 here"});
  std::ostringstream out;
  podlint::write_text(out, {report}, {.color = false});
  const std::string text = out.str();
  INFO(text);
  CHECK_FALSE(has_raw_control(text));
  CHECK(
      text.find("evil\\x1b[31m.yaml:3:3: error: unknown field \"\\x1b[2Jkey\" in ObjectMeta [unknown-field]\n"
                " 3 |   \\x1b[2Jkey: 1\n"
                "   |   ^~~~~~~~~~\n") != std::string::npos);
  CHECK(text.find(" 2 |   name: \"\\x1b]0;title\\x07\"\n"
                  "   |          ^~~~~~~~~~~~~~~~\n") != std::string::npos);
  CHECK(text.find("note: see \\x07 here\n") != std::string::npos);
}

TEST_CASE("text output of a binary file shows no raw byte", "[output][safe]") {
  std::string binary(
      "\x7f"
      "ELF\x02\x01\x01\x00\x00\x00\x00\x1b[6n\r\x9b\xff",
      18);
  podlint::FileReport report{.path = "a.out.yaml", .text = binary};
  podlint::Diagnostic& d = report.diagnostics.emplace_back();
  d.rule = "yaml-syntax";
  d.span = {{0, 1, 1}, {1, 1, 2}};
  d.message = "invalid UTF-8 byte";
  std::ostringstream out;
  podlint::write_text(out, {report}, {});
  INFO(out.str());
  CHECK_FALSE(has_raw_control(out.str()));
  // A carriage return ends a line: the rest is line 2.
  CHECK(out.str().find(" 1 | \\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x1b[6n\n"
                       "   | ^~~~\n") != std::string::npos);
}

TEST_CASE("GitHub output escapes what comes from the input", "[output][safe]") {
  podlint::FileReport report{.path = "a\x1b.yaml", .text = "key\x07: 1\n"};
  auto& d = podlint::test::add_diagnostic(report, "unknown-field", podlint::Severity::Error, "key\x07",
                                          "unknown field \"key\x07\"\r\x1b[1A");
  d.related.push_back({d.span, "here\x1b"});
  std::ostringstream out;
  podlint::write_github(out, {report});
  CHECK(out.str() ==
        "::error file=a\\x1b.yaml,line=1,endLine=1,col=1,endColumn=5,title=unknown-field::"
        "unknown field \"key\\x07\"\\x0d\\x1b[1A%0Aa\\x1b.yaml:1:1: note: here\\x1b\n");
}

TEST_CASE("podlint escapes a manifest's control bytes with --color never", "[output][safe][cli]") {
  const auto r = podlint::test::run_command(
      std::string(PODLINT_BINARY) + " - --stdin-filename pod.yaml --color never",
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"
      "      image: nginx\n      \"\\e]0;owned\\a\\e[2J\": 1\n");
  CHECK_FALSE(has_raw_control(r.out));
  CHECK(r.out.find("\\x1b]0;owned\\x07\\x1b[2J") != std::string::npos);
  const auto binary = podlint::test::run_command(std::string(PODLINT_BINARY) + " - --color never",
                                                 std::string("\x1b[31m\x00\x01\x02\xff\xfe\r\n", 10));
  CHECK(binary.status == 1);
  CHECK_FALSE(has_raw_control(binary.out));
}
