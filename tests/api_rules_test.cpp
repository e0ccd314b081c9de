// API-validation and reference rules on cases a fixture cannot hold: inputs
// too large to write out, and references between files of one run.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/driver.hpp"
#include "engine/lint.hpp"
#include "support.hpp"

namespace {

std::vector<std::string> findings_of(const podlint::FileReport& report, std::string_view rule) {
  std::vector<std::string> out;
  for (const auto& d : report.diagnostics)
    if (d.rule == rule)
      out.push_back(std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.column) + " " + d.message);
  return out;
}

}  // namespace

TEST_CASE("more than 256 KiB of annotations is too much", "[api-rules]") {
  const auto manifest = [](size_t bytes) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  annotations:\n    a: \"" +
           std::string(bytes, 'x') + "\"\n";
  };
  CHECK(findings_of(podlint::lint_text("ok.yaml", manifest(262143)), "invalid-annotation").empty());
  CHECK(findings_of(podlint::lint_text("big.yaml", manifest(262144)), "invalid-annotation") ==
        std::vector<std::string>{"6:5 the annotations add up to 262145 bytes, more than the 262144 (256 KiB) the API "
                                 "server accepts: keep large data in a ConfigMap"});
}
