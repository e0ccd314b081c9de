// requests-exceed-limits: a container cannot request more than its limit.
#include "engine/rule.hpp"
#include "support/quantity.hpp"

namespace podlint {
namespace {

class RequestsExceedLimits final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "requests-exceed-limits",
        .severity = Severity::Error,
        .category = "resources",
        .summary = "A resource request is larger than its limit",
        .what =
            "Compares each request with the limit of the same resource (cpu, memory, "
            "ephemeral-storage and other overcommittable resources) by value, not by spelling: 100m "
            "is less than 1, 1Gi is more than 1000Mi and less than 1.1G, 1e3 is 1k. Extended "
            "resources and hugepages, whose request must equal the limit, are "
            "extended-resource-mismatch's job.",
        .why =
            "The API server rejects the object (\"must be less than or equal to ... limit\"): the "
            "scheduler would reserve more than the container is ever allowed to use. It usually "
            "means a unit slip (Mi against Gi, m forgotten) or one value updated without the other.",
        .bad = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 8080
      resources:
        requests: {cpu: 100m, memory: 256Mi}
        limits: {memory: 128Mi}
      livenessProbe:
        httpGet: {path: /healthz, port: http}
      readinessProbe:
        httpGet: {path: /ready, port: http}
)",
        .good = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 8080
      resources:
        requests: {cpu: 100m, memory: 128Mi}
        limits: {memory: 256Mi}
      livenessProbe:
        httpGet: {path: /healthz, port: http}
      readinessProbe:
        httpGet: {path: /ready, port: http}
)",
        .fix =
            "Lower the request or raise the limit so that the request is at most the limit; check the units.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (!c->resources) continue;
      for (const model::ResourceQuantity& request : c->resources->requests) {
        if (!rules::is_overcommittable(request.name)) continue;
        const model::ResourceQuantity* limit = rules::find_entry(c->resources->limits, request.name);
        if (!limit) continue;
        const auto requested = rules::entry_quantity(request), allowed = rules::entry_quantity(*limit);
        if (!requested || !allowed || *requested <= *allowed) continue;
        Diagnostic& d = reporter.report(
            request.value->span, rules::entry_label(request, false) + " \"" + std::string(request.quantity) +
                                     "\" exceeds its limit \"" + std::string(limit->quantity) + "\"");
        d.related.push_back({limit->value->span, "the limit"});
      }
    }
  }
};

PODLINT_REGISTER_RULE(RequestsExceedLimits);

}  // namespace
}  // namespace podlint
