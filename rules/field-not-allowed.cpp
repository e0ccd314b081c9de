// field-not-allowed: a field set where the API server forbids it: lifecycle
// hooks and resizePolicy on plain init containers, a readiness probe's
// terminationGracePeriodSeconds, Linux-only fields in a Windows pod (and
// windowsOptions in a Linux one), activeDeadlineSeconds in a controller's
// pods, a rollingUpdate next to a strategy that does not roll.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "support/fields.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

constexpr std::string_view kWindowsPodSecurity[] = {"appArmorProfile",     "seLinuxOptions",
                                                    "seccompProfile",      "fsGroup",
                                                    "fsGroupChangePolicy", "sysctls",
                                                    "runAsUser",           "runAsGroup",
                                                    "supplementalGroups",  "supplementalGroupsPolicy",
                                                    "seLinuxChangePolicy"};
constexpr std::string_view kWindowsContainerSecurity[] = {
    "appArmorProfile", "seLinuxOptions",           "seccompProfile", "capabilities", "readOnlyRootFilesystem",
    "privileged",      "allowPrivilegeEscalation", "procMount",      "runAsUser",    "runAsGroup"};

bool keeps_pods_running(std::string_view kind) {
  return kind == "Deployment" || kind == "ReplicaSet" || kind == "ReplicationController" ||
         kind == "DaemonSet" || kind == "StatefulSet";
}

class FieldNotAllowed final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "field-not-allowed",
        .severity = Severity::Error,
        .category = Category::Containers,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    check_strategy(w, reporter);
    if (!w.pod_spec) return;
    const model::PodSpec& spec = *w.pod_spec;
    for (const model::Container* c : spec.all_containers()) {
      if (c->kind == model::ContainerKind::Init && !c->is_sidecar()) {
        for (std::string_view name : {"lifecycle", "resizePolicy"})
          if (const yaml::Node* key = set_key(c->node, name))
            reporter.report(key->span,
                            fmt::format("{} may not set {}: only a sidecar (restartPolicy: Always) may, "
                                        "a plain init container runs once to completion",
                                        rules::describe(*c), name));
      }
      if (c->readiness_probe && c->readiness_probe->termination_grace_period_seconds.present())
        reporter.report(
            c->readiness_probe->termination_grace_period_seconds.key_span(),
            fmt::format("the readinessProbe of {} may not set terminationGracePeriodSeconds: a failing "
                        "readiness probe does not kill the container",
                        rules::describe(*c)));
    }
    check_os(w, reporter);
    if (keeps_pods_running(w.kind.value))
      if (const yaml::Node* key = set_key(spec.node, "activeDeadlineSeconds"))
        reporter.report(key->span,
                        fmt::format("the pods of a {} may not set activeDeadlineSeconds: the "
                                    "controller keeps them running, and would replace each one the "
                                    "deadline killed",
                                    w.kind.value));
  }

 private:
  // The key of `name` in `mapping` when its value is set (not null).
  static const yaml::Node* set_key(const yaml::Node* mapping, std::string_view name) {
    return rules::field(mapping, name) ? rules::key_of(mapping, name) : nullptr;
  }

  static void check_os(const model::Workload& w, Reporter& reporter) {
    const model::PodSpec& spec = *w.pod_spec;
    if (!spec.os_name.valid()) return;
    const std::string_view os = spec.os_name.value;
    const yaml::Node* pod_security = rules::mapping_field(spec.node, "securityContext");
    if (os == "linux") {
      report_set(pod_security, "windowsOptions", "a Linux pod (os.name: linux)", reporter);
      for (const model::Container* c : spec.all_containers())
        report_set(rules::mapping_field(c->node, "securityContext"), "windowsOptions",
                   fmt::format("{} of a Linux pod", rules::describe(*c)), reporter);
      return;
    }
    if (os != "windows") return;
    for (std::string_view name : kWindowsPodSecurity)
      report_set(pod_security, name, "a Windows pod (os.name: windows)", reporter);
    for (std::string_view name : {"hostPID", "hostIPC", "shareProcessNamespace"})
      if (rules::bool_value(rules::field(spec.node, name)).value_or(false))
        reporter.report(rules::field_span(spec.node, name),
                        fmt::format("a Windows pod (os.name: windows) may not set {}", name));
    if (rules::bool_value(rules::field(spec.node, "hostUsers")) == false)
      reporter.report(
          rules::field_span(spec.node, "hostUsers"),
          "a Windows pod (os.name: windows) may not set hostUsers: Windows has no user namespaces");
    for (const model::Container* c : spec.all_containers())
      for (std::string_view name : kWindowsContainerSecurity)
        report_set(rules::mapping_field(c->node, "securityContext"), name,
                   fmt::format("{} of a Windows pod", rules::describe(*c)), reporter);
  }

  static void report_set(const yaml::Node* security, std::string_view name, const std::string& who,
                         Reporter& reporter) {
    if (const yaml::Node* key = set_key(security, name))
      reporter.report(key->span, fmt::format("{} may not set securityContext.{}", who, name));
  }

  // A rollingUpdate next to a strategy that does not roll.
  static void check_strategy(const model::Workload& w, Reporter& reporter) {
    const std::string_view kind = w.kind.value;
    const std::string_view field = kind == "Deployment"    ? "strategy"
                                   : kind == "StatefulSet" ? "updateStrategy"
                                                           : "";
    if (field.empty()) return;
    const yaml::Node* strategy = rules::mapping_field(w.spec, field);
    const auto type = rules::string_value(rules::field(strategy, "type"));
    const std::string_view still = kind == "Deployment" ? "Recreate" : "OnDelete";
    if (type != still) return;
    if (const yaml::Node* key = set_key(strategy, "rollingUpdate"))
      reporter.report(key->span,
                      fmt::format("a {} with {} type {} may not set rollingUpdate: remove it, or use type "
                                  "RollingUpdate",
                                  kind, field, still));
  }
};

PODLINT_REGISTER_RULE(FieldNotAllowed);

}  // namespace
}  // namespace podlint
