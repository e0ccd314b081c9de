// Rule options change what a rule reports: the defaults, and overrides given
// through LintSettings (as a configuration file will).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/lint.hpp"

namespace {

std::vector<std::string> findings(const std::string& text, const podlint::LintSettings& settings,
                                  std::string_view rule) {
  std::vector<std::string> out;
  for (const auto& d : podlint::lint_text("pod.yaml", text, settings).diagnostics) {
    if (d.rule == rule)
      out.push_back(std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.column) + " " +
                    d.message);
  }
  return out;
}

constexpr const char* kTrainer =
    "apiVersion: v1\n"
    "kind: Pod\n"
    "metadata:\n"
    "  name: trainer\n"
    "spec:\n"
    "  restartPolicy: Never\n"
    "  initContainers:\n"
    "    - name: download\n"
    "      image: example.com/download:1.0\n"
    "      restartPolicy: Never\n"
    "  containers:\n"
    "    - name: train\n"
    "      image: example.com/train:4.0\n"
    "      restartPolicy: OnFailure\n"
    "    - name: eval\n"
    "      image: example.com/eval:4.0\n"
    "      restartPolicy: onfailure\n";

}  // namespace

TEST_CASE("container-restart-rules lets a standalone Pod's containers set any restart policy",
          "[rules][options]") {
  CHECK(findings(kTrainer, {}, "container-restart-policy") ==
        std::vector<std::string>{"10:22 init container \"download\": restartPolicy must be Always (a "
                                 "sidecar) or unset, not \"Never\"",
                                 "14:22 container \"train\": restartPolicy may only be set on init "
                                 "containers (Always makes a sidecar)",
                                 "17:22 container \"eval\": restartPolicy may only be set on init containers "
                                 "(Always makes a sidecar)"});
  podlint::LintSettings gate_on;
  gate_on.config.rules["container-restart-policy"].options["container-restart-rules"] = "true";
  CHECK(findings(kTrainer, gate_on, "container-restart-policy") ==
        std::vector<std::string>{
            "17:22 container \"eval\": unsupported restartPolicy \"onfailure\": it must be "
            "Always, OnFailure or Never (did you mean \"OnFailure\"?)"});
}
