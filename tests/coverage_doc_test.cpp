// docs/validation-coverage.md maps each validation fact to the rules that
// check it: every rule it names must exist, and its totals must be its rows'.
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "engine/rule.hpp"

TEST_CASE("the validation coverage table names real rules and counts its rows", "[coverage]") {
  std::ifstream in(PODLINT_SOURCE_DIR "/docs/validation-coverage.md");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();

  size_t facts = 0, left_out = 0;
  std::istringstream lines(doc);
  const std::regex row(R"(^\| (.+) \| (.+) \|$)");
  const std::regex rule_name("`([a-z0-9-]+)`");
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, row) || m[1] == "fact") continue;
    ++facts;
    const std::string status = m[2];
    if (status.starts_with("left out")) {
      ++left_out;
      continue;
    }
    bool named = false;
    for (std::sregex_iterator it(status.begin(), status.end(), rule_name), end; it != end; ++it) {
      INFO(line);
      CHECK(podlint::find_rule((*it)[1].str()) != nullptr);
      named = true;
    }
    INFO(line);
    CHECK(named);  // a covered fact names its rules
  }
  CHECK(facts > 200);
  const std::string totals = "**Covered: " + std::to_string(facts - left_out) + " of " +
                             std::to_string(facts) + " facts listed; " + std::to_string(left_out) +
                             " left out, each with its reason.**";
  CHECK(doc.find(totals) != std::string::npos);
}
