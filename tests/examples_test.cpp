// examples/ is the README's showcase: every rule must fire somewhere in it.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "engine/driver.hpp"
#include "engine/rule.hpp"

// Linted as `podlint examples/` lints them: each folder with its
// .podlint.yaml (examples/kubernetes-1.30/ targets an older release).
TEST_CASE("examples/ shows every rule", "[examples]") {
  std::set<std::string> fired;
  const podlint::LintRun run = podlint::lint_inputs({.paths = {PODLINT_SOURCE_DIR "/examples"}});
  REQUIRE(run.config_errors.empty());
  for (const auto& report : run.reports) {
    for (const auto& d : report.diagnostics)
      fired.insert(d.rule);
  }
  for (const auto& rule : podlint::all_rules()) {
    INFO("rule " << rule->info().id << " fires nowhere in examples/");
    CHECK(fired.count(std::string(rule->info().id)) == 1);
  }
}
