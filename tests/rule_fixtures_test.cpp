// Every rule's fixture, tests/rules/<rule-id>.yaml, states the diagnostics it
// must produce next to the lines they sit on:
//
//   image: nginx            # expect: rule-id@COLUMN "exact message"
//   # expect: rule-id@COLUMN "exact message"     (a whole-line comment: the next line)
//
// Several expectations on one line are separated by ';'. The message may be
// left out; the rule id and column may not. The fixture must produce exactly
// the expected diagnostics of its rule: none missing, none extra.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/lint.hpp"
#include "engine/rule.hpp"

namespace {

using podlint::Diagnostic;

struct Expectation {
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;  // empty: any message
  bool has_message = false;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Parses the "# expect:" comments of a fixture. Fails the test on a
// malformed one, naming its line.
std::vector<Expectation> read_expectations(const std::string& text, const std::string& rule_id) {
  static const std::regex item(R"re(^\s*([a-z0-9-]+)@([0-9]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*$)re");
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);

  std::vector<Expectation> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const size_t at = line.find("# expect:");
    if (at == std::string::npos) continue;
    const bool whole_line = line.find_first_not_of(" \t") == at;
    // A whole-line expectation belongs to the next line that is not a comment.
    size_t target = i;
    if (whole_line) {
      do {
        ++target;
      } while (target < lines.size() && (lines[target].find_first_not_of(" \t") == std::string::npos ||
                                         lines[target][lines[target].find_first_not_of(" \t")] == '#'));
    }
    std::istringstream items(line.substr(at + 9));
    for (std::string spec; std::getline(items, spec, ';');) {
      std::smatch m;
      INFO("line " << i + 1 << ": " << spec);
      REQUIRE(std::regex_match(spec, m, item));
      REQUIRE(m[1] == rule_id);
      Expectation e{static_cast<uint32_t>(target + 1), static_cast<uint32_t>(std::stoul(m[2])), {}, false};
      if (m[3].matched) {
        e.has_message = true;
        e.message = std::regex_replace(m[3].str(), std::regex(R"(\\(.))"), "$1");
      }
      out.push_back(e);
    }
  }
  return out;
}

std::string describe(const Diagnostic& d) {
  return std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.column) + " " + d.rule +
         " \"" + d.message + "\"";
}

std::vector<Diagnostic> diagnostics_of(const podlint::FileReport& report, std::string_view rule_id) {
  std::vector<Diagnostic> out;
  for (const auto& d : report.diagnostics) {
    if (d.rule == rule_id) out.push_back(d);
  }
  return out;
}

}  // namespace

TEST_CASE("every rule's fixture produces exactly its inline expectations", "[rules][fixtures]") {
  REQUIRE(!podlint::all_rules().empty());
  for (const auto& rule : podlint::all_rules()) {
    const std::string id(rule->info().id);
    const std::string path = PODLINT_SOURCE_DIR "/tests/rules/" + id + ".yaml";
    INFO("fixture " << path);
    REQUIRE(std::filesystem::exists(path));
    const std::string text = read_file(path);
    const std::vector<Expectation> expected = read_expectations(text, id);
    CHECK(!expected.empty());
    const auto actual = diagnostics_of(podlint::lint_text(path, text), id);

    std::vector<bool> matched(actual.size(), false);
    for (const Expectation& e : expected) {
      bool found = false;
      for (size_t k = 0; k < actual.size() && !found; ++k) {
        const Diagnostic& d = actual[k];
        if (!matched[k] && d.span.begin.line == e.line && d.span.begin.column == e.column &&
            (!e.has_message || d.message == e.message)) {
          matched[k] = found = true;
        }
      }
      if (!found)
        FAIL_CHECK("missing: " << e.line << ":" << e.column << " " << id << " \"" << e.message << "\"");
    }
    for (size_t k = 0; k < actual.size(); ++k) {
      if (!matched[k]) FAIL_CHECK("unexpected: " << describe(actual[k]));
    }
  }
}

TEST_CASE("every rule's documented examples behave as documented", "[rules][docs]") {
  for (const auto& rule : podlint::all_rules()) {
    const auto& info = rule->info();
    INFO("rule " << info.id);
    CHECK(!diagnostics_of(podlint::lint_text("bad.yaml", std::string(info.bad)), info.id).empty());
    // The good example may only have findings it waives in source.
    for (const auto& d : podlint::lint_text("good.yaml", std::string(info.good)).diagnostics) {
      INFO(d.rule << ": " << d.message);
      CHECK(d.suppression.has_value());
    }
  }
}

TEST_CASE("every rule has a unique kebab-case id and complete documentation", "[rules][docs]") {
  static const std::regex kebab("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
  std::set<std::string_view> ids;
  for (const auto& rule : podlint::all_rules()) {
    const auto& info = rule->info();
    INFO("rule " << info.id);
    CHECK(std::regex_match(std::string(info.id), kebab));
    CHECK(ids.insert(info.id).second);
    CHECK(podlint::find_rule(info.id) == rule.get());
    for (std::string_view part :
         {info.category, info.summary, info.what, info.why, info.bad, info.good, info.fix})
      CHECK(!part.empty());
  }
  CHECK(podlint::find_rule("no-such-rule") == nullptr);
}
