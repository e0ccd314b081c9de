// Typed rule options: each type reads a configuration value, refuses a wrong
// one with a reason and the node at fault, and writes values back as YAML.
#include "engine/options.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "yaml/parser.hpp"

namespace {

using podlint::OptionValue;

// Reads `value` (a YAML value) with `option`: the value, or "error: ..." with
// the line:column of the node at fault.
std::string read(const podlint::OptionSpec& option, const std::string& value) {
  const std::string text = "v: " + value + "\n";  // the nodes are views into it
  const auto stream = podlint::yaml::parse(text);
  REQUIRE(stream.documents.size() == 1);
  const podlint::yaml::Node* node = podlint::yaml::find(*stream.documents[0].root, "v");
  REQUIRE(node != nullptr);
  std::string error;
  const podlint::yaml::Node* at = nullptr;
  const auto parsed = option.parse(*node, error, at);
  if (parsed) return option.format(*parsed);
  REQUIRE(at != nullptr);
  return "error at " + std::to_string(at->span.begin.column) + ": " + error;
}

std::string no_dots(std::string_view item) {
  return item.find('.') == std::string_view::npos ? "" : "\"" + std::string(item) + "\" has a dot";
}

}  // namespace

TEST_CASE("a boolean option takes YAML's booleans only", "[options]") {
  const podlint::BoolOption option{"strict", false};
  CHECK(read(option, "true") == "true");
  CHECK(read(option, "True") == "true");
  CHECK(read(option, "FALSE") == "false");
  CHECK(read(option, "yes") == "error at 4: expected true or false, found \"yes\"");
  CHECK(read(option, "\"true\"") == "error at 4: expected true or false, found \"true\"");
  CHECK(read(option, "1") == "error at 4: expected true or false, found the number 1");
  CHECK(option.signature() == "(boolean, default `false`)");
}

TEST_CASE("an integer option takes integers within its bounds", "[options]") {
  const podlint::IntegerOption option{"minimum-uid", 10000, 1, 2147483647};
  CHECK(read(option, "1000") == "1000");
  CHECK(read(option, "0x10") == "16");
  CHECK(read(option, "0") == "error at 4: expected an integer from 1 to 2147483647, found the number 0");
  CHECK(read(option, "1.5") == "error at 4: expected an integer from 1 to 2147483647, found the number 1.5");
  CHECK(read(option, "ten") == "error at 4: expected an integer from 1 to 2147483647, found \"ten\"");
  CHECK(option.signature() == "(integer from 1 to 2147483647, default `10000`)");
}

TEST_CASE("a string option takes any scalar but a boolean, vetted by its check", "[options]") {
  const podlint::StringOption option{"registry", "example.com", no_dots};
  CHECK(read(option, "registry") == "registry");
  CHECK(read(option, "1.30") == "error at 4: \"1.30\" has a dot");
  CHECK(read(option, "\"with space\"") == "\"with space\"");
  CHECK(read(option, "[a]") == "error at 4: expected a string, found a list");
  CHECK(read(option, "true") == "error at 4: expected a string, found the boolean true");
  CHECK(option.signature() == "(string, default `example.com`)");
}

TEST_CASE("a list option takes a sequence or one comma-separated string", "[options]") {
  const podlint::ListOption option{"required", {"a", "b"}, no_dots};
  CHECK(read(option, "[x, y]") == "[x, y]");
  CHECK(read(option, "\"x, y ,z\"") == "[x, y, z]");
  CHECK(read(option, "[]") == "[]");
  CHECK(read(option, "[x, a.b]") == "error at 8: \"a.b\" has a dot");
  CHECK(read(option, "\"x,,y\"") == "error at 4: an empty item in \"x,,y\"");
  CHECK(read(option, "[x, {y: 1}]") == "error at 8: expected a list item, found a mapping");
  CHECK(read(option, "3") == "error at 4: expected a list or a comma-separated string, found the number 3");
  CHECK(read(option, "[\"needs: quotes\"]") == "[\"needs: quotes\"]");
  CHECK(option.signature() == "(list, default `[a, b]`)");
}

TEST_CASE("an enum option takes one of its words, with a suggestion", "[options]") {
  static constexpr std::array<std::string_view, 3> kLevels{"baseline", "restricted", "privileged"};
  const podlint::EnumOption option{"level", kLevels, "baseline"};
  CHECK(read(option, "restricted") == "restricted");
  CHECK(read(option, "Restricted") ==
        "error at 4: expected baseline, restricted or privileged, found \"Restricted\" (did you mean "
        "\"restricted\"?)");
  CHECK(read(option, "3") == "error at 4: expected baseline, restricted or privileged, found the number 3");
  CHECK(option.signature() == "(one of `baseline`, `restricted`, `privileged`, default `baseline`)");
}
