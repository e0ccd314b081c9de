// extended-resource-mismatch: extended resources and hugepages need request == limit.
#include "engine/rule.hpp"
#include "support/quantity.hpp"

namespace podlint {
namespace {

class ExtendedResourceMismatch final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "extended-resource-mismatch",
        .severity = Severity::Error,
        .category = "resources",
        .summary = "An extended resource or hugepages request is not equal to its limit",
        .what =
            "For resources that cannot be overcommitted, extended resources (a prefixed name "
            "outside kubernetes.io, such as nvidia.com/gpu) and hugepages-<size>, reports a request "
            "with no limit, and a request whose value differs from the limit's (compared as "
            "quantities, so 1 and 1000m are equal). A limit alone is fine: the request defaults to it.",
        .why =
            "The API server rejects both (\"Limit must be set for non overcommitable resources\", "
            "\"must be equal to ... limit\"). A device or a huge page is handed to one container "
            "whole, so there is no room between what it reserves and what it may use.",
        .bad = R"(apiVersion: v1
kind: Pod
metadata:
  name: trainer
spec:
  containers:
    - name: trainer
      image: pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime
      ports:
        - name: http
          containerPort: 8080
      resources:
        requests: {cpu: "2", memory: 8Gi, nvidia.com/gpu: 1}
        limits: {memory: 8Gi}
      livenessProbe:
        httpGet: {path: /healthz, port: http}
      readinessProbe:
        httpGet: {path: /ready, port: http}
)",
        .good = R"(apiVersion: v1
kind: Pod
metadata:
  name: trainer
spec:
  containers:
    - name: trainer
      image: pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime
      ports:
        - name: http
          containerPort: 8080
      resources:
        requests: {cpu: "2", memory: 8Gi, nvidia.com/gpu: 1}
        limits: {memory: 8Gi, nvidia.com/gpu: 1}
      livenessProbe:
        httpGet: {path: /healthz, port: http}
      readinessProbe:
        httpGet: {path: /ready, port: http}
)",
        .fix = "Set the limit to the same value as the request, or give only the limit.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (!c->resources) continue;
      for (const model::ResourceQuantity& request : c->resources->requests) {
        if (rules::is_overcommittable(request.name) || !request.key) continue;
        const std::string label = rules::entry_label(request, false);
        const model::ResourceQuantity* limit = rules::find_entry(c->resources->limits, request.name);
        if (!limit) {
          reporter.report(request.key->span,
                          label + " has no limit (it must have one, equal to the request)");
          continue;
        }
        const auto requested = rules::entry_quantity(request), allowed = rules::entry_quantity(*limit);
        if (!requested || !allowed || *requested == *allowed) continue;
        Diagnostic& d =
            reporter.report(request.value->span,
                            label + " \"" + std::string(request.quantity) + "\" differs from its limit \"" +
                                std::string(limit->quantity) + "\" (they must be equal)");
        d.related.push_back({limit->value->span, "the limit"});
      }
    }
  }
};

PODLINT_REGISTER_RULE(ExtendedResourceMismatch);

}  // namespace
}  // namespace podlint
