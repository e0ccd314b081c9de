// examples/ is the README's showcase: every rule must fire somewhere in it.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "engine/inputs.hpp"
#include "engine/lint.hpp"
#include "engine/rule.hpp"

TEST_CASE("examples/ shows every rule", "[examples]") {
  std::set<std::string> fired;
  for (const auto& path : podlint::collect_inputs({PODLINT_SOURCE_DIR "/examples"})) {
    std::string text, error;
    REQUIRE(podlint::read_input(path, text, error));
    for (const auto& d : podlint::lint_text(path, std::move(text)).diagnostics)
      fired.insert(d.rule);
  }
  for (const auto& rule : podlint::all_rules()) {
    INFO("rule " << rule->info().id << " fires nowhere in examples/");
    CHECK(fired.count(std::string(rule->info().id)) == 1);
  }
}
