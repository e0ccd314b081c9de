#include "support/pod_security.hpp"

#include <fmt/format.h>

#include <array>

#include "support/pod_helpers.hpp"

namespace podlint::rules {

namespace {

constexpr std::array<PolicyMode, 3> kLabelModes{PolicyMode::Enforce, PolicyMode::Warn, PolicyMode::Audit};

std::string_view mode_name(PolicyMode mode) {
  switch (mode) {
    case PolicyMode::Enforce:
      return "enforce";
    case PolicyMode::Warn:
      return "warn";
    case PolicyMode::Audit:
      return "audit";
    case PolicyMode::Configured:
      break;
  }
  return "";
}

const std::string* label(const StringMap& labels, std::string_view key) {
  for (const auto& [name, value] : labels) {
    if (name.size() == kLabelPrefix.size() + key.size() && name.starts_with(kLabelPrefix) &&
        name.ends_with(key))
      return &value;
  }
  return nullptr;
}

}  // namespace

std::string Policy::name() const {
  return fmt::format("{}:{}", pod_security_level_name(level), version.name());
}

std::optional<std::vector<Policy>> namespace_policies(const StringMap& labels, std::string_view namespace_) {
  std::array<std::optional<Policy>, 3> modes;
  bool any_level = false;
  for (size_t i = 0; i < kLabelModes.size(); ++i) {
    const std::string_view mode = mode_name(kLabelModes[i]);
    Policy policy{.mode = kLabelModes[i],
                  .level = PodSecurityLevel::Privileged,
                  .version = {},
                  .namespace_ = std::string(namespace_)};
    if (const std::string* level = label(labels, mode)) {
      any_level = true;
      // Admission fails closed on a bad enforce level, open on the others.
      policy.level = parse_pod_security_level(*level).value_or(kLabelModes[i] == PolicyMode::Enforce
                                                                   ? PodSecurityLevel::Restricted
                                                                   : PodSecurityLevel::Privileged);
    }
    if (const std::string* version = label(labels, std::string(mode) + "-version"))
      policy.version = parse_pod_security_version(*version).value_or(PodSecurityVersion{});
    modes[i] = std::move(policy);
  }
  if (!any_level) return std::nullopt;
  // Warn follows a valid enforce level stricter than its own, when unlabelled.
  Policy& enforce = *modes[0];
  Policy& warn = *modes[1];
  const std::string* enforce_level = label(labels, "enforce");
  if (enforce_level && parse_pod_security_level(*enforce_level) && !label(labels, "warn") &&
      enforce.level > warn.level) {
    warn.level = enforce.level;
    if (!label(labels, "warn-version")) warn.version = enforce.version;
  }
  std::vector<Policy> out;
  for (auto& policy : modes) {
    if (policy->level != PodSecurityLevel::Privileged) out.push_back(std::move(*policy));
  }
  return out;
}

std::vector<Policy> applicable_policies(const model::Workload& workload, const Reporter& reporter) {
  if (workload.namespace_.valid() && !workload.namespace_.value.empty()) {
    if (const StringMap* labels = reporter.index().namespace_labels(workload.namespace_.value)) {
      if (auto policies = namespace_policies(*labels, workload.namespace_.value)) return std::move(*policies);
    }
  }
  const PodSecuritySettings& settings = reporter.pod_security();
  if (settings.level == PodSecurityLevel::Privileged) return {};
  return {Policy{.mode = PolicyMode::Configured, .level = settings.level, .version = settings.version}};
}

bool Control::runs_under(const Policy& policy) const {
  const int minor = policy.version.effective_minor();
  if (policy.level < level || minor < since_minor) return false;
  return !(policy.level == PodSecurityLevel::Restricted && level == PodSecurityLevel::Baseline &&
           replaced_at_restricted_from && minor >= *replaced_at_restricted_from);
}

bool windows_pod(const model::PodSpec& spec) {
  return spec.os_name.valid() && spec.os_name.value == "windows";
}

bool PodUnderReview::user_namespace() const {
  return spec.host_users.valid() && !spec.host_users.value;
}

namespace {

// Words and grades a violation for the policy that found it.
void report_violation(const model::Workload& workload, Reporter& reporter, const Policy& policy,
                      const Violation& violation) {
  const std::string pods =
      workload.kind.value == "Pod" ? "this Pod" : fmt::format("this {}'s pods", workload.kind.value);
  std::string message;
  std::optional<Severity> severity;
  switch (policy.mode) {
    case PolicyMode::Enforce:
      message = fmt::format("{}: admission will reject {} (namespace \"{}\" enforces Pod Security \"{}\")",
                            violation.problem, pods, policy.namespace_, policy.name());
      severity = Severity::Error;
      break;
    case PolicyMode::Warn:
      message =
          fmt::format("{}: admission will warn about {} (namespace \"{}\" warns on Pod Security \"{}\")",
                      violation.problem, pods, policy.namespace_, policy.name());
      severity = Severity::Warning;
      break;
    case PolicyMode::Audit:
      message = fmt::format(
          "{}: admission will record {} as a violation in the audit log (namespace \"{}\" audits Pod "
          "Security \"{}\")",
          violation.problem, pods, policy.namespace_, policy.name());
      severity = Severity::Warning;
      break;
    case PolicyMode::Configured:
      message = fmt::format("{} (Pod Security \"{}\")", violation.problem, policy.name());
      if (!reporter.severity_configured()) severity = reporter.pod_security().severity;
      break;
  }
  Diagnostic& d = reporter.report(violation.span, std::move(message));
  if (severity) d.severity = *severity;
  if (!violation.fix) return;
  if (auto fix = setting_fix(workload, reporter, *violation.fix)) d.fixes.push_back(std::move(*fix));
}

}  // namespace

ControlRule::ControlRule(std::string_view id, double security_severity, Control control)
    : info_{.id = id,
            .severity = Severity::Warning,
            .category = Category::Security,
            .consequence = Consequence::Rejected,
            .security_severity = security_severity,
            .needs_whole_object = control.demands_a_setting},
      control_(control) {}

void ControlRule::check_workload(const model::Workload& workload, Reporter& reporter) const {
  if (!workload.pod_spec) return;
  for (const Policy& policy : applicable_policies(workload, reporter)) {
    if (!control_.runs_under(policy)) continue;
    const std::vector<Violation> violations = check(PodUnderReview{workload, *workload.pod_spec, policy});
    if (violations.empty()) continue;
    for (const Violation& violation : violations)
      report_violation(workload, reporter, policy, violation);
    return;
  }
}

std::vector<ContainerContext> containers_with_context(const model::PodSpec& spec) {
  std::vector<ContainerContext> out;
  for (const model::Container* c : spec.all_containers())
    out.push_back({c, c->security_context ? &*c->security_context : nullptr});
  return out;
}

std::optional<Fix> setting_fix(const model::Workload& workload, const Reporter& reporter,
                               const Setting& setting) {
  auto edit = Editor(reporter.source(), workload.object)
                  .set(*setting.mapping, setting.path, setting.value, setting.before);
  if (!edit) return std::nullopt;
  return Fix{setting.title, Applicability::Unsafe, {std::move(*edit)}};
}

Setting container_setting(const model::Container& container, std::string_view field, std::string_view value) {
  return {container.node,
          {"securityContext", field},
          NewValue::raw(std::string(value)),
          fmt::format("Set securityContext.{}: {} in {}", field, value, describe(container))};
}

const model::SecurityContext* pod_context(const model::PodSpec& spec) {
  return spec.security_context ? &*spec.security_context : nullptr;
}

yaml::Span pod_span(const model::PodSpec& spec) {
  return spec.containers_key ? spec.containers_key->span : spec.node->span;
}

std::vector<const yaml::Node*> volume_sources(const model::Volume& volume) {
  std::vector<const yaml::Node*> out;
  const yaml::Node& mapping = yaml::resolve(*volume.node);
  for (const yaml::Pair& pair : mapping.pairs) {
    const yaml::Node& key = yaml::resolve(*pair.key);
    if (!key.is_scalar() || key.value == "name" || key.value == "<<" || is_null(&yaml::resolve(*pair.value)))
      continue;
    out.push_back(&key);
  }
  return out;
}

std::string describe_volume(const model::Volume& volume, size_t index) {
  if (volume.name.valid() && !volume.name.value.empty())
    return fmt::format("volume \"{}\"", volume.name.value);
  return fmt::format("volumes[{}]", index);
}

}  // namespace podlint::rules
