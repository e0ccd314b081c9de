// missing-liveness-probe: a long-running container should say how to tell it is stuck.
#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class MissingLivenessProbe final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-liveness-probe",
        .severity = Severity::Warning,
        .category = "probes",
        .summary = "A long-running container has no liveness probe",
        .what =
            "Reports every regular container and every sidecar (an init container with restartPolicy: "
            "Always) that sets no livenessProbe. Plain init containers, ephemeral containers and the "
            "pods of Jobs and CronJobs are left alone: they are meant to finish, and a liveness probe "
            "is either forbidden there or pointless.",
        .why =
            "Without a liveness probe the kubelet restarts a container only when its process exits. A "
            "server that deadlocks or wedges keeps running, keeps its place in the Service, and fails "
            "every request until someone notices. A warning, not an error: the API accepts the pod, "
            "and some containers really have nothing to probe.",
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
          readinessProbe:
            httpGet: {path: /ready, port: http}
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
            "Add a livenessProbe that fails only when the process cannot recover by itself (an HTTP "
            "health endpoint, a TCP connect, a gRPC health check or a command). Keep it cheaper and "
            "more tolerant than the readiness probe: a failing liveness probe restarts the container.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec || workload.is_job()) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (c->is_long_running() && !c->liveness_probe)
        reporter.report(rules::container_span(*c), rules::describe(*c) + " has no liveness probe");
    }
  }
};

PODLINT_REGISTER_RULE(MissingLivenessProbe);

}  // namespace
}  // namespace podlint
