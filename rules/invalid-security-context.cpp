// invalid-security-context: security settings the API server rejects
// together or on their own terms: seccomp and AppArmor profiles and their
// localhostProfile, privilege escalation with privileged, an unmasked /proc
// in the host's user namespace, sysctls with host namespaces, user
// namespaces with host namespaces, Windows options and HostProcess pods.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "support/fields.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

constexpr size_t kMaxLocalhostProfile = 4095;
constexpr size_t kMaxGmsaCredentialSpec = 64 * 1024;

bool is_ipc_sysctl(std::string_view name) {
  return name == "kernel.sem" || name.starts_with("kernel.shm") || name.starts_with("kernel.msg") ||
         name.starts_with("fs.mqueue.");
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// What is wrong with a Windows runAsUserName (DOMAIN\user or user), or empty.
std::string run_as_user_name_problem(std::string_view name) {
  if (name.empty()) return "it is empty";
  if (std::any_of(name.begin(), name.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    return "it has control characters";
  if (std::count(name.begin(), name.end(), '\\') > 1) return "it has more than one '\\'";
  const size_t slash = name.find('\\');
  const std::string_view domain =
      slash == std::string_view::npos ? std::string_view() : name.substr(0, slash);
  const std::string_view user = slash == std::string_view::npos ? name : name.substr(slash + 1);
  if (domain.size() >= 256) return "its domain has 256 characters or more";
  if (user.empty() || user.size() > 104) return "its user name must have 1 to 104 characters";
  if (std::all_of(user.begin(), user.end(), [](char c) { return c == '.' || c == ' '; }))
    return "its user name is only dots and spaces";
  if (user.find_first_of("\"/\\:;|=,+*?<>@[]") != std::string_view::npos)
    return "its user name has one of \" / \\ : ; | = , + * ? < > @ [ ]";
  return {};
}

class InvalidSecurityContext final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-security-context",
        .severity = Severity::Error,
        .category = Category::Containers,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    const model::PodSpec& spec = *w.pod_spec;
    const yaml::Node* pod_sc = rules::mapping_field(spec.node, "securityContext");
    check_profiles(pod_sc, "the pod", reporter);
    check_windows_options(pod_sc, "the pod", reporter);
    check_pod(spec, pod_sc, reporter);
    const auto pod_host_process =
        rules::bool_value(rules::field(rules::mapping_field(pod_sc, "windowsOptions"), "hostProcess"));
    size_t host_process = 0, containers = 0;
    for (const model::Container* c : spec.all_containers()) {
      const yaml::Node* sc = rules::mapping_field(c->node, "securityContext");
      const std::string who = rules::describe(*c);
      check_profiles(sc, who, reporter);
      check_windows_options(sc, who, reporter);
      check_container(sc, who, spec, reporter);
      const yaml::Node* hp_node = rules::field(rules::mapping_field(sc, "windowsOptions"), "hostProcess");
      const auto hp = rules::bool_value(hp_node);
      if (hp && pod_host_process && *hp != *pod_host_process)
        reporter.report(hp_node->span,
                        fmt::format("{} sets hostProcess: {} but the pod sets hostProcess: {}: they "
                                    "must agree",
                                    who, *hp, *pod_host_process));
      if (c->kind == model::ContainerKind::Ephemeral) continue;
      ++containers;
      host_process += hp.value_or(pod_host_process.value_or(false));
    }
    if (host_process > 0 && host_process < containers)
      reporter.report(
          spec.containers_key ? spec.containers_key->span : spec.node->span,
          "a HostProcess pod must run every container as HostProcess: some containers do and some do not");
    if (host_process > 0 && !(spec.host_network.valid() && spec.host_network.value))
      reporter.report(spec.containers_key ? spec.containers_key->span : spec.node->span,
                      "HostProcess containers need hostNetwork: true");
  }

 private:
  static void check_profiles(const yaml::Node* sc, const std::string& who, Reporter& reporter) {
    for (std::string_view field : {"seccompProfile", "appArmorProfile"}) {
      const yaml::Node* profile = rules::mapping_field(sc, field);
      if (!profile) continue;
      const auto type = rules::string_value(rules::field(profile, "type"));
      const yaml::Node* local = rules::field(profile, "localhostProfile");
      const auto local_text = rules::string_value(local);
      if (type == "Localhost") {
        if (!local_text || local_text->empty()) {
          reporter.report(
              rules::field_span(sc, field),
              fmt::format("the {} of {} is of type Localhost and so needs a localhostProfile", field, who));
        } else if (field == "appArmorProfile" &&
                   (is_space(local_text->front()) || is_space(local_text->back()) ||
                    local_text->size() > kMaxLocalhostProfile)) {
          reporter.report(local->span,
                          fmt::format("the localhostProfile of the appArmorProfile of {} must have no "
                                      "surrounding whitespace and at most {} characters",
                                      who, kMaxLocalhostProfile));
        }
      } else if (type && local) {
        reporter.report(
            rules::field_span(profile, "localhostProfile"),
            fmt::format("the {} of {} is of type {}: only type Localhost takes a localhostProfile", field,
                        who, *type));
      }
    }
  }

  static void check_windows_options(const yaml::Node* sc, const std::string& who, Reporter& reporter) {
    const yaml::Node* options = rules::mapping_field(sc, "windowsOptions");
    if (!options) return;
    const yaml::Node* spec = rules::field(options, "gmsaCredentialSpec");
    if (const auto text = rules::string_value(spec);
        text && (text->empty() || text->size() > kMaxGmsaCredentialSpec))
      reporter.report(spec->span, fmt::format("the gmsaCredentialSpec of {} must have 1 to {} bytes", who,
                                              kMaxGmsaCredentialSpec));
    const yaml::Node* user = rules::field(options, "runAsUserName");
    if (const auto text = rules::string_value(user))
      if (const std::string problem = run_as_user_name_problem(*text); !problem.empty())
        reporter.report(user->span, fmt::format("runAsUserName \"{}\" of {} is not a Windows user name: {}",
                                                *text, who, problem));
  }

  static void check_container(const yaml::Node* sc, const std::string& who, const model::PodSpec& spec,
                              Reporter& reporter) {
    if (!sc) return;
    const yaml::Node* escalation = rules::field(sc, "allowPrivilegeEscalation");
    if (rules::bool_value(escalation) == false) {
      if (rules::bool_value(rules::field(sc, "privileged")) == true)
        reporter.report(escalation->span,
                        fmt::format("{} is privileged, which always allows privilege escalation: "
                                    "allowPrivilegeEscalation: false contradicts it",
                                    who));
      for (const yaml::Node* cap :
           rules::items(rules::field(rules::mapping_field(sc, "capabilities"), "add")))
        if (rules::string_value(cap) == "CAP_SYS_ADMIN")
          reporter.report(cap->span, fmt::format("{} adds CAP_SYS_ADMIN, which allows privilege escalation: "
                                                 "allowPrivilegeEscalation: false contradicts it",
                                                 who));
    }
    const yaml::Node* proc_mount = rules::field(sc, "procMount");
    if (rules::string_value(proc_mount) == "Unmasked" &&
        rules::bool_value(rules::field(spec.node, "hostUsers")) != false)
      reporter.report(proc_mount->span,
                      fmt::format("procMount Unmasked of {} needs a pod in its own user namespace "
                                  "(hostUsers: false)",
                                  who));
  }

  static void check_pod(const model::PodSpec& spec, const yaml::Node* pod_sc, Reporter& reporter) {
    const auto set = [&](std::string_view name) {
      return rules::bool_value(rules::field(spec.node, name)) == true;
    };
    if (set("shareProcessNamespace") && set("hostPID"))
      reporter.report(
          rules::field_span(spec.node, "shareProcessNamespace"),
          "shareProcessNamespace and hostPID cannot both be true: the pod shares either its own process "
          "namespace or the host's");
    if (rules::bool_value(rules::field(spec.node, "hostUsers")) == false)
      for (std::string_view name : {"hostNetwork", "hostPID", "hostIPC"})
        if (set(name))
          reporter.report(
              rules::field_span(spec.node, name),
              fmt::format("a pod with hostUsers: false has its own user namespace and may not set {}", name));
    std::vector<std::string_view> seen;
    for (const yaml::Node* sysctl : rules::items(rules::field(pod_sc, "sysctls"))) {
      const yaml::Node* name_node = rules::field(sysctl, "name");
      const auto name = rules::string_value(name_node);
      if (!name || name->empty()) continue;
      if (std::find(seen.begin(), seen.end(), *name) != seen.end())
        reporter.report(name_node->span, fmt::format("sysctl \"{}\" is set twice", *name));
      seen.push_back(*name);
      if (name->starts_with("net.") && set("hostNetwork"))
        reporter.report(name_node->span,
                        fmt::format("sysctl \"{}\" belongs to the network namespace, which a pod "
                                    "with hostNetwork: true shares with the host",
                                    *name));
      if (is_ipc_sysctl(*name) && set("hostIPC"))
        reporter.report(name_node->span,
                        fmt::format("sysctl \"{}\" belongs to the IPC namespace, which a pod with "
                                    "hostIPC: true shares with the host",
                                    *name));
    }
  }
};

PODLINT_REGISTER_RULE(InvalidSecurityContext);

}  // namespace
}  // namespace podlint
