// duplicate-port-name: one container names two of its ports alike.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class DuplicatePortName final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "duplicate-port-name",
        .severity = Severity::Error,
        .category = "ports",
        .summary = "Two ports of one container have the same name",
        .what =
            "Reports a port name that an earlier port of the same container already uses, pointing at both. "
            "The same name in two different containers is allowed and not reported.",
        .why =
            "Probes and Services refer to a port by name, so a name must pick out one port. The API server "
            "rejects the pod (a Duplicate error on the name).",
        .bad =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: api\n"
            "spec:\n"
            "  containers:\n"
            "    - name: api\n"
            "      image: example.com/api:3.4\n"
            "      ports:\n"
            "        - containerPort: 8080\n"
            "          name: http\n"
            "        - containerPort: 8443\n"
            "          name: http\n",
        .good =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: api\n"
            "spec:\n"
            "  containers:\n"
            "    - name: api\n"
            "      image: example.com/api:3.4\n"
            "      ports:\n"
            "        - containerPort: 8080\n"
            "          name: http\n"
            "        - containerPort: 8443\n"
            "          name: https\n"
            "      resources:\n"
            "        requests: {cpu: 100m, memory: 64Mi}\n"
            "        limits: {memory: 128Mi}\n"
            "      livenessProbe:\n"
            "        httpGet: {path: /livez, port: http}\n"
            "      readinessProbe:\n"
            "        httpGet: {path: /readyz, port: http}\n",
        .fix =
            "Rename one of the two ports (and whatever refers to it by name), or delete a duplicated entry.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      const auto& ports = container->ports;
      for (size_t k = 0; k < ports.size(); ++k) {
        const auto& name = ports[k].name;
        if (!name.valid() || name.value.empty()) continue;  // empty means unnamed
        for (size_t j = 0; j < k; ++j) {
          if (!ports[j].name.valid() || ports[j].name.value != name.value) continue;
          Diagnostic& d = reporter.report(
              name.span(), fmt::format("port name \"{}\" is already used by another port of {}", name.value,
                                       rules::describe(*container)));
          d.related.push_back({ports[j].name.span(), "first used here"});
          break;
        }
      }
    }
  }
};

PODLINT_REGISTER_RULE(DuplicatePortName);

}  // namespace
}  // namespace podlint
