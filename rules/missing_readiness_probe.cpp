// missing-readiness-probe: a long-running container should say when it can take traffic.
#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class MissingReadinessProbe final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-readiness-probe",
        .severity = Severity::Warning,
        .category = "probes",
        .summary = "A long-running container has no readiness probe",
        .what =
            "Reports every regular container and every sidecar (an init container with restartPolicy: "
            "Always) that sets no readinessProbe. Plain init containers, ephemeral containers and the "
            "pods of Jobs and CronJobs are left alone: nothing routes traffic to them, and a readiness "
            "probe is either forbidden there or pointless.",
        .why =
            "Without a readiness probe a pod counts as ready as soon as its containers start: Services "
            "send it requests while it is still loading, and a rolling update moves on before the new "
            "version can serve, or keeps routing to a pod that is overloaded. A warning, not an error: "
            "the API accepts the pod, and some containers serve no traffic at all.",
        .bad = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {memory: 128Mi}
          livenessProbe:
            httpGet: {path: /healthz, port: http}
)",
        .good = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {memory: 128Mi}
          livenessProbe:
            httpGet: {path: /healthz, port: http}
          readinessProbe:
            httpGet: {path: /ready, port: http}
)",
        .fix =
            "Add a readinessProbe that succeeds only once the container can answer requests (often an "
            "HTTP endpoint that also checks the dependencies the container cannot work without). It "
            "only takes the pod out of rotation, so it may be stricter than the liveness probe.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec || workload.is_job()) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (c->is_long_running() && !c->readiness_probe)
        reporter.report(rules::container_span(*c), rules::describe(*c) + " has no readiness probe");
    }
  }
};

PODLINT_REGISTER_RULE(MissingReadinessProbe);

}  // namespace
}  // namespace podlint
