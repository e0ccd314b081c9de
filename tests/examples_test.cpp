// examples/ is the README's showcase: every rule must fire somewhere in it.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/inputs.hpp"
#include "engine/lint.hpp"
#include "engine/rule.hpp"

TEST_CASE("examples/ shows every rule", "[examples]") {
  // examples/ is one run, as `podlint examples/` lints it.
  std::vector<std::pair<std::string, std::string>> inputs;
  podlint::RunIndex index;
  for (const auto& path : podlint::collect_inputs({PODLINT_SOURCE_DIR "/examples"})) {
    std::string text, error;
    REQUIRE(podlint::read_input(path, text, error));
    index.add_input(path, text);
    inputs.emplace_back(path, std::move(text));
  }
  std::set<std::string> fired;
  for (auto& [path, text] : inputs) {
    for (const auto& d :
         podlint::lint_text(path, std::move(text), {.parse = {}, .config = {}, .index = &index}).diagnostics)
      fired.insert(d.rule);
  }
  for (const auto& rule : podlint::all_rules()) {
    INFO("rule " << rule->info().id << " fires nowhere in examples/");
    CHECK(fired.count(std::string(rule->info().id)) == 1);
  }
}
