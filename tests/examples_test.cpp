// examples/ is the README's showcase: every rule must fire somewhere in it,
// linted as a user would lint it (each file with its .podlint.yaml, every
// Namespace of the run labelling the pods of the others).
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "engine/driver.hpp"
#include "engine/rule.hpp"

// Linted as `podlint examples/` lints them: each folder with its
// .podlint.yaml (examples/kubernetes-1.30/ targets an older release).
TEST_CASE("examples/ shows every rule", "[examples]") {
  podlint::LintRequest request;
  request.paths = {PODLINT_SOURCE_DIR "/examples"};
  const podlint::LintRun run = podlint::lint_inputs(request);
  REQUIRE(run.config_errors.empty());
  std::set<std::string> fired;
  for (const auto& report : run.reports)
    for (const auto& d : report.diagnostics)
      fired.insert(d.rule);
  for (const auto& rule : podlint::all_rules()) {
    INFO("rule " << rule->info().id << " fires nowhere in examples/");
    CHECK(fired.count(std::string(rule->info().id)) == 1);
  }
}
