// A rule is three things named by its id: rules/<id>.cpp, docs/rules/<id>.md
// and tests/rules/<id>/. The fixtures and page examples themselves run as
// ctest tests of their own (rule_fixture/rule_fixture.cpp).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "engine/rule.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kSource = PODLINT_SOURCE_DIR;

class NamedRule final : public podlint::Rule {
 public:
  explicit NamedRule(std::string_view id) : info_{.id = id} {}
  const podlint::RuleInfo& info() const override { return info_; }

 private:
  podlint::RuleInfo info_;
};

}  // namespace

TEST_CASE("every rule has its code, its page and its fixtures, and nothing else does", "[rules][docs]") {
  CHECK(podlint::rule_registry().problems().empty());
  REQUIRE(!podlint::all_rules().empty());
  std::set<std::string> ids;
  for (const auto& rule : podlint::all_rules()) {
    const std::string id(rule->info().id);
    INFO("rule " << id);
    ids.insert(id);
    CHECK(fs::exists(kSource / "rules" / (id + ".cpp")));
    CHECK(fs::exists(kSource / "docs" / "rules" / (id + ".md")));
    CHECK(podlint::rule_page(rule->info()).id == id);
    size_t fixtures = 0;
    for (const auto& entry : fs::directory_iterator(kSource / "tests" / "rules" / id))
      fixtures += entry.path().extension() == ".yaml";
    CHECK(fixtures > 0);
  }
  for (const auto& entry : fs::directory_iterator(kSource / "tests" / "rules")) {
    INFO(entry.path());
    CHECK(ids.count(entry.path().filename().string()) == 1);
  }
  CHECK(podlint::find_rule("no-such-rule") == nullptr);
}

TEST_CASE("the README's table of fixes names exactly the rules whose fixtures are fixed",
          "[rules][docs][fix]") {
  std::ifstream in(kSource / "README.md");
  std::set<std::string> listed;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("<!-- fixes:begin")) inside = true;
    if (line.starts_with("<!-- fixes:end")) inside = false;
    if (inside && line.starts_with("| `")) listed.insert(line.substr(3, line.find('`', 3) - 3));
  }
  std::set<std::string> fixed;
  for (const auto& entry : fs::recursive_directory_iterator(kSource / "tests" / "rules")) {
    if (entry.path().filename().string().ends_with("fixed.yaml"))
      fixed.insert(entry.path().parent_path().filename().string());
  }
  CHECK(!fixed.empty());
  CHECK(listed == fixed);
}

TEST_CASE("a registry with a duplicate id, a bad id or a rule without a page is unsound", "[rules]") {
  podlint::RuleRegistry registry;
  registry.add(std::make_unique<NamedRule>("port-conflict"));
  registry.add(std::make_unique<NamedRule>("port-conflict"));
  registry.add(std::make_unique<NamedRule>("Port_Conflict"));
  static constexpr podlint::RulePage kPages[] = {{.id = "port-conflict"}, {.id = "orphan"}};
  registry.add_pages(kPages);
  CHECK(registry.rules().size() == 2);
  CHECK(registry.problems() == std::vector<std::string>{
                                   R"(rule id "port-conflict" is registered twice)",
                                   R"(rule id "Port_Conflict" is not kebab-case)",
                                   "rule Port_Conflict has no page docs/rules/Port_Conflict.md",
                                   "docs/rules/orphan.md is the page of no rule",
                               });
}

TEST_CASE("a rule id is kebab-case: lower-case words of letters and digits joined by single hyphens",
          "[rules]") {
  const auto kebab = [](std::string id) {
    podlint::RuleRegistry registry;
    registry.add(std::make_unique<NamedRule>(id));
    const auto problems = registry.problems();
    return std::none_of(problems.begin(), problems.end(),
                        [](const std::string& p) { return p.ends_with("is not kebab-case"); });
  };
  for (const char* good : {"a", "port-conflict", "pss-host-path-volumes", "k8s-1-36", "a1-b2"}) {
    INFO(good);
    CHECK(kebab(good));
  }
  for (const char* bad : {"", "-a", "a-", "a--b", "1a", "Port", "port_conflict", "port conflict", "a-B"}) {
    INFO(bad);
    CHECK_FALSE(kebab(bad));
  }
}

TEST_CASE("a rule's page describes its options as they are declared", "[rules][options]") {
  static const podlint::BoolOption kStrict{"strict", false};
  static const podlint::ListOption kNames{"names", {"a", "b c"}};
  static constexpr std::array<const podlint::OptionSpec*, 2> kOptions{&kStrict, &kNames};
  class WithOptions final : public podlint::Rule {
   public:
    const podlint::RuleInfo& info() const override {
      static const podlint::RuleInfo info{.id = "with-options", .options = kOptions};
      return info;
    }
  };
  CHECK(kStrict.signature() == "(boolean, default `false`)");
  CHECK(kNames.signature() == R"((list, default `[a, "b c"]`))");
  static constexpr podlint::OptionDoc kDocs[] = {{"strict", "(boolean, default `true`)", "Be strict."},
                                                 {"extra", "(string, default `x`)", "Not declared."}};
  static constexpr podlint::RulePage kPages[] = {{.id = "with-options", .options = kDocs}};
  podlint::RuleRegistry registry;
  registry.add(std::make_unique<WithOptions>());
  registry.add_pages(kPages);
  CHECK(registry.problems() ==
        std::vector<std::string>{
            "docs/rules/with-options.md introduces option strict as (boolean, default `true`), but it is "
            "declared (boolean, default `false`)",
            "docs/rules/with-options.md does not describe option names",
            "docs/rules/with-options.md describes option extra, which the rule does not declare",
        });
}
