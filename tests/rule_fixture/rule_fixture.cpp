// Runs one rule fixture, tests/rules/<rule-id>/<name>.yaml, or checks one
// rule's page examples; ctest runs it once per fixture and once per rule.
//
//   rule_fixture FIXTURE     the fixture's rule findings are exactly its expectations
//   rule_fixture --page ID   the page's bad example triggers the rule, its good one does not
//                            (each linted with its leading "# config:" lines, if any)
//
// A fixture states the findings of its rule (its folder's name) next to the
// lines they sit on:
//
//   image: nginx            # expect: rule-id@COLUMN "exact message"
//   # expect: rule-id@COLUMN "exact message"     (a whole-line comment: the next line)
//
// Several expectations on one line are separated by ';'. The message may be
// left out; the rule id and column may not. An expectation may go on with the
// finding's related locations, all of them, in order:
// `related@LINE:COLUMN "message"`. Leading `# config: ...` lines hold a
// .podlint.yaml (joined into one document; flow style reads best) that the
// fixture is linted with; without them, the defaults. Leading `# run-with:
// FILE` lines name files of the fixture's folder that belong to its run
// (their objects are indexed, not linted: a Namespace in another file). Other
// rules' findings are ignored; a fixture without expectations states that
// its rule reports nothing there. A fixture (and a page example) is its own
// run: a Namespace in it labels the namespace of the pods beside it.
//
// Where the rule's findings offer fixes, <name>.fixed.yaml is the fixture as
// `podlint fix --rule <rule-id>` leaves it (safe fixes), and
// <name>.unsafe-fixed.yaml as `podlint fix --unsafe --rule <rule-id>` does;
// each must exist exactly when such fixes are offered, and fixing must leave
// no finding with a fix to apply. `rule_fixture --update FIXTURE` writes them.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "engine/config_file.hpp"
#include "engine/fix.hpp"
#include "engine/lint.hpp"
#include "engine/rule.hpp"

namespace {

namespace fs = std::filesystem;

struct Related {
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;
};

struct Expectation {
  uint32_t line = 0;
  uint32_t column = 0;
  std::optional<std::string> message;
  std::optional<std::vector<Related>> related;
};

int failures = 0;

void fail(const std::string& where, const std::string& what) {
  std::cerr << where << ": " << what << '\n';
  ++failures;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string unescape(const std::string& quoted) {
  return std::regex_replace(quoted, std::regex(R"(\\(.))"), "$1");
}

// The "# expect:" comments of a fixture; a malformed one is a failure.
std::vector<Expectation> read_expectations(const std::string& path, const std::string& text,
                                           const std::string& rule_id) {
  static const std::regex item(
      R"re(^\s*([a-z0-9-]+)@([0-9]+)(?:\s+"((?:[^"\\]|\\.)*)")?((?:\s+related@[0-9]+:[0-9]+\s+"(?:[^"\\]|\\.)*")*)\s*$)re");
  static const std::regex related(R"re(related@([0-9]+):([0-9]+)\s+"((?:[^"\\]|\\.)*)")re");
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);

  std::vector<Expectation> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const size_t at = line.find("# expect:");
    if (at == std::string::npos) continue;
    const auto blank_or_comment = [&](size_t k) {
      const size_t first = lines[k].find_first_not_of(" \t");
      return first == std::string::npos || lines[k][first] == '#';
    };
    // A whole-line expectation belongs to the next line that is not a comment.
    size_t target = i;
    if (line.find_first_not_of(" \t") == at) {
      do {
        ++target;
      } while (target < lines.size() && blank_or_comment(target));
    }
    std::istringstream items(line.substr(at + 9));
    for (std::string spec; std::getline(items, spec, ';');) {
      const std::string where = path + ":" + std::to_string(i + 1);
      std::smatch m;
      if (!std::regex_match(spec, m, item)) {
        fail(where, "malformed expectation: " + spec);
        continue;
      }
      if (m[1] != rule_id)
        fail(where, "an expectation of rule " + m[1].str() + " in a fixture of " + rule_id);
      Expectation e{static_cast<uint32_t>(target + 1), static_cast<uint32_t>(std::stoul(m[2])), {}, {}};
      if (m[3].matched) e.message = unescape(m[3].str());
      const std::string related_text = m[4].str();
      if (!related_text.empty()) {
        e.related.emplace();
        for (std::sregex_iterator r(related_text.begin(), related_text.end(), related), end; r != end; ++r)
          e.related->push_back({static_cast<uint32_t>(std::stoul((*r)[1])),
                                static_cast<uint32_t>(std::stoul((*r)[2])), unescape((*r)[3].str())});
      }
      out.push_back(std::move(e));
    }
  }
  return out;
}

// The configuration of the leading "# config:" lines; `fallback` when there
// are none.
podlint::LintConfig read_config(const std::string& path, const std::string& text,
                                const podlint::LintConfig& fallback) {
  std::string config;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line) && line.starts_with("#");) {
    if (line.starts_with("# config:")) config += line.substr(9) + '\n';
  }
  if (config.empty()) return fallback;
  std::vector<podlint::ConfigError> errors;
  const podlint::ConfigFile file = podlint::parse_config(path + " (# config:)", config, errors);
  for (const auto& e : errors)
    fail(path, "bad # config: " + e.format());
  return podlint::resolve_config(&file, std::nullopt).config;
}

std::string describe(const podlint::Diagnostic& d) {
  std::string out = std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.column) + " " +
                    d.rule + " \"" + d.message + "\"";
  for (const auto& r : d.related)
    out += " related@" + std::to_string(r.span.begin.line) + ":" + std::to_string(r.span.begin.column) +
           " \"" + r.message + "\"";
  return out;
}

bool matches(const Expectation& e, const podlint::Diagnostic& d) {
  if (d.span.begin.line != e.line || d.span.begin.column != e.column) return false;
  if (e.message && d.message != *e.message) return false;
  if (!e.related) return true;
  if (e.related->size() != d.related.size()) return false;
  for (size_t i = 0; i < d.related.size(); ++i) {
    const Related& want = (*e.related)[i];
    const auto& got = d.related[i];
    if (got.span.begin.line != want.line || got.span.begin.column != want.column ||
        got.message != want.message)
      return false;
  }
  return true;
}

// The fixed files: compared with what fixing the fixture gives, or written.
void check_fixed(const fs::path& fixture, const std::string& text, const podlint::LintSettings& settings,
                 const std::vector<podlint::Diagnostic>& findings, bool update) {
  const std::string rule_id = fixture.parent_path().filename().string();
  for (const bool unsafe : {false, true}) {
    const podlint::FixPolicy policy{.unsafe = unsafe, .rules = {rule_id}};
    const fs::path expected_path =
        fs::path(fixture).replace_extension(unsafe ? ".unsafe-fixed.yaml" : ".fixed.yaml");
    const std::string where = expected_path.string();
    // The unsafe file is there for the fixes only --unsafe applies.
    bool offered = false;
    for (const auto& d : findings) {
      const podlint::Fix* fix = podlint::chosen_fix(d, policy);
      offered =
          offered || (fix != nullptr && (fix->applicability == podlint::Applicability::Unsafe) == unsafe);
    }
    if (!offered) {
      if (fs::exists(expected_path)) fail(where, "no finding offers such a fix: remove this file");
      continue;
    }
    const podlint::FixResult result = podlint::fix_text(fixture.string(), text, settings, policy);
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << result.text;
      std::cerr << "wrote " << where << '\n';
    } else if (!fs::exists(expected_path)) {
      fail(where, "missing: the fixture's findings offer fixes (rule_fixture --update writes it)");
    } else if (read_file(expected_path) != result.text) {
      fail(where, "differs from the fixed fixture:\n" + result.text);
    }
    if (!result.converged) fail(where, "fixing did not settle");
    for (const auto& d : result.report.diagnostics) {
      if (podlint::chosen_fix(d, policy) != nullptr)
        fail(where, "still offers a fix after fixing: " + describe(d));
    }
  }
}

int check_fixture(const fs::path& fixture, bool update) {
  const std::string rule_id = fixture.parent_path().filename().string();
  const std::string path = fixture.string();
  if (podlint::find_rule(rule_id) == nullptr) {
    fail(path, "no rule " + rule_id + " for this fixture folder");
    return 1;
  }
  const std::string text = read_file(fixture);
  const std::vector<Expectation> expected = read_expectations(path, text, rule_id);
  podlint::LintSettings settings;
  // Without "# config:" lines, the defaults: a rule that is off by default
  // needs one that turns it on.
  settings.config = read_config(path, text, podlint::resolve_config(nullptr, std::nullopt).config);
  // The fixture is its own run, with the files its "# run-with:" lines name:
  // their Namespaces label its pods' namespaces.
  podlint::RunIndex index;
  index.add_input(path, text);
  std::istringstream header(text);
  for (std::string line; std::getline(header, line) && line.starts_with("#");) {
    if (!line.starts_with("# run-with: ")) continue;
    const fs::path other = fixture.parent_path() / line.substr(12);
    if (!fs::is_regular_file(other)) fail(path, "# run-with: no file " + other.string());
    index.add_input(other.string(), read_file(other));
  }
  settings.index = &index;
  std::vector<podlint::Diagnostic> actual;
  for (auto& d : podlint::lint_text(path, text, settings).diagnostics) {
    if (d.rule == rule_id) actual.push_back(std::move(d));
  }
  std::vector<bool> matched(actual.size(), false);
  for (const Expectation& e : expected) {
    bool found = false;
    for (size_t k = 0; k < actual.size() && !found; ++k) {
      if (!matched[k] && matches(e, actual[k])) matched[k] = found = true;
    }
    if (!found)
      fail(path + ":" + std::to_string(e.line), "missing: " + std::to_string(e.line) + ":" +
                                                    std::to_string(e.column) + " " + rule_id + " \"" +
                                                    e.message.value_or("") + "\"");
  }
  for (size_t k = 0; k < actual.size(); ++k) {
    if (!matched[k])
      fail(path + ":" + std::to_string(actual[k].span.begin.line), "unexpected: " + describe(actual[k]));
  }
  check_fixed(fixture, text, settings, actual, update);
  return failures == 0 ? 0 : 1;
}

int check_page(const std::string& rule_id) {
  const podlint::Rule* rule = podlint::find_rule(rule_id);
  if (rule == nullptr) {
    fail(rule_id, "no such rule");
    return 1;
  }
  const podlint::RulePage& page = podlint::rule_page(rule->info());
  const std::string where = "docs/rules/" + rule_id + ".md";
  // An example may begin with "# config:" lines, as a fixture does (a
  // kubernetesVersion the rule needs); otherwise every rule runs, so a page
  // shows a rule that is off by default without turning it on.
  const auto findings = [&](std::string_view manifest) {
    podlint::LintSettings settings;
    settings.config = read_config(where, std::string(manifest), podlint::LintConfig{});
    std::vector<podlint::Diagnostic> out;
    podlint::RunIndex index;
    index.add_input(where, manifest);
    settings.index = &index;
    for (auto& d : podlint::lint_text(where, std::string(manifest), settings).diagnostics) {
      if (d.rule == rule_id && !d.suppression) out.push_back(std::move(d));
    }
    return out;
  };
  if (findings(page.bad).empty()) fail(where, "the reported example (bad) does not trigger " + rule_id);
  for (const auto& d : findings(page.good))
    fail(where, "the fixed example (good) still triggers: " + describe(d));
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (const auto problems = podlint::rule_registry().problems(); !problems.empty()) {
    for (const auto& problem : problems)
      std::cerr << "registry: " << problem << '\n';
    return 1;
  }
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "--page") return check_page(args[1]);
  if (args.size() == 1) return check_fixture(args[0], false);
  if (args.size() == 2 && args[0] == "--update") return check_fixture(args[1], true);
  std::cerr << "usage: rule_fixture [--update] FIXTURE | rule_fixture --page RULE-ID\n";
  return 2;
}
