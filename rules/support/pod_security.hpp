// The Pod Security Standards as the PodSecurity admission controller applies
// them: which policies (level and version) judge an object's pods, from its
// Namespace's labels when the run defines that Namespace, else from the
// configuration; which controls each policy runs; and how a violation is
// worded and graded for the policy that finds it. Each control is a rule
// (rules/pss-*.cpp) that says what it checks at a version; this file says
// when and how it is reported. The facts are in docs/pod-security-standards.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/edits.hpp"
#include "engine/rule.hpp"

namespace podlint::rules {

// How admission acts on a policy, and the configuration's stand-in.
enum class PolicyMode { Enforce, Warn, Audit, Configured };

struct Policy {
  PolicyMode mode = PolicyMode::Configured;
  PodSecurityLevel level = PodSecurityLevel::Baseline;
  PodSecurityVersion version{};
  std::string namespace_{};  // the labelled namespace (not for Configured)

  // "baseline:latest", "restricted:v1.30": as admission prints a policy.
  std::string name() const;
};

// The labels' keys: pod-security.kubernetes.io/<mode>[-version].
inline constexpr std::string_view kLabelPrefix = "pod-security.kubernetes.io/";

// A Namespace's policies as admission reads its labels: an invalid enforce
// level counts as restricted, an invalid warn or audit level as privileged,
// an invalid version as latest; warn follows a stricter enforce when it has
// no label. Nothing when no level label is set. Enforce, warn, audit order;
// privileged ones are left out.
std::optional<std::vector<Policy>> namespace_policies(const StringMap& labels, std::string_view namespace_);

// The policies that judge a workload's pods: its Namespace's labels when the
// run defines that Namespace with a level label, else the configuration's.
std::vector<Policy> applicable_policies(const model::Workload& workload, const Reporter& reporter);

// A control of the standard: the level it belongs to, the policy version it
// appears at, and for a baseline control that a restricted one replaces, the
// version from which it does.
struct Control {
  PodSecurityLevel level = PodSecurityLevel::Baseline;
  int since_minor = 0;
  std::optional<int> replaced_at_restricted_from{};
  // The control demands a setting (not only forbids values), so it cannot
  // judge a partial object, a kustomize patch.
  bool demands_a_setting = false;

  bool runs_under(const Policy& policy) const;
};

// A setting that satisfies a control: `value` at `path` under `mapping` (a
// container's or the pod spec's), added with the mappings it lacks or
// written over the value there. Offered as an unsafe fix: it changes what
// the containers may do, and the software in them may need what it takes.
struct Setting {
  const yaml::Node* mapping;
  std::vector<std::string_view> path;
  NewValue value;
  std::string title;                       // "Set securityContext.allowPrivilegeEscalation: false"
  std::vector<std::string_view> before{};  // a new key goes before the first of these there
};

// The unsafe fix that makes `setting` in the workload's manifest; none where
// the manifest cannot take it in place (an anchored mapping, a value that
// is no mapping).
std::optional<Fix> setting_fix(const model::Workload& workload, const Reporter& reporter,
                               const Setting& setting);

// A control's finding: where, and what is wrong (without the policy's words);
// the setting that resolves it, when one does without side effects the API
// refuses.
struct Violation {
  yaml::Span span;
  std::string problem;
  std::optional<Setting> fix{};
};

// spec.os.name: windows (Linux-only settings such as capabilities, seccomp
// and a read-only root filesystem do not apply, and the API refuses them).
bool windows_pod(const model::PodSpec& spec);

// The pod a control judges.
struct PodUnderReview {
  const model::Workload& workload;
  const model::PodSpec& spec;
  const Policy& policy;

  int minor() const { return policy.version.effective_minor(); }
  bool is_pod() const { return workload.kind.value == "Pod"; }
  bool windows() const { return windows_pod(spec); }
  // spec.hostUsers: false, set explicitly (a user namespace).
  bool user_namespace() const;
};

// A control of the standard as a rule: the metadata every control shares
// (a warning where no namespace label says otherwise, category security,
// refused by admission) and a check_workload that runs check() under each
// policy that applies to the workload and runs the control, and reports the
// violations of the first policy that has any: an error saying admission
// will reject the pod under enforce, a warning under warn or audit, the
// configured severity otherwise.
class ControlRule : public Rule {
 public:
  ControlRule(std::string_view id, double security_severity, Control control);

  const RuleInfo& info() const final { return info_; }
  void check_workload(const model::Workload& workload, Reporter& reporter) const final;

 protected:
  // What is wrong with one pod under one policy (its level and version).
  virtual std::vector<Violation> check(const PodUnderReview& pod) const = 0;

 private:
  RuleInfo info_;
  Control control_;
};

// Every container with its securityContext (null when it has none).
struct ContainerContext {
  const model::Container* container;
  const model::SecurityContext* context;
};
std::vector<ContainerContext> containers_with_context(const model::PodSpec& spec);

// The setting of `field` in a container's securityContext to `value` (YAML
// text): "Set securityContext.runAsNonRoot: true in container \"web\"".
Setting container_setting(const model::Container& container, std::string_view field, std::string_view value);

// The pod's securityContext, null when it has none.
const model::SecurityContext* pod_context(const model::PodSpec& spec);

// Where a finding about the pod spec as a whole goes: its "containers" key,
// else the spec's mapping.
yaml::Span pod_span(const model::PodSpec& spec);

// The volume source fields a volume sets (its keys other than "name" whose
// value is not null), in source order.
std::vector<const yaml::Node*> volume_sources(const model::Volume& volume);

// `volume "data"`, or `volumes[2]` when it has no name.
std::string describe_volume(const model::Volume& volume, size_t index);

}  // namespace podlint::rules
