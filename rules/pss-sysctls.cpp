// pss-sysctls: the Pod Security Standards' "Sysctls" control (baseline):
// only the namespaced sysctls known to be safe.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "support/pod_security.hpp"

namespace podlint {
namespace {

struct SafeSysctl {
  std::string_view name;
  int since_minor;  // the policy version that allows it
};

constexpr std::array<SafeSysctl, 14> kSafe{{
    {"kernel.shm_rmid_forced", 0},
    {"net.ipv4.ip_local_port_range", 0},
    {"net.ipv4.tcp_syncookies", 0},
    {"net.ipv4.ping_group_range", 0},
    {"net.ipv4.ip_unprivileged_port_start", 0},
    {"net.ipv4.ip_local_reserved_ports", 27},
    {"net.ipv4.tcp_keepalive_time", 29},
    {"net.ipv4.tcp_fin_timeout", 29},
    {"net.ipv4.tcp_keepalive_intvl", 29},
    {"net.ipv4.tcp_keepalive_probes", 29},
    {"net.ipv4.tcp_rmem", 32},
    {"net.ipv4.tcp_wmem", 32},
    {"net.ipv4.tcp_slow_start_after_idle", 37},
    {"net.ipv4.tcp_notsent_lowat", 37},
}};

class PssSysctls final : public rules::ControlRule {
 public:
  PssSysctls() : ControlRule("pss-sysctls", 6.0, {.level = PodSecurityLevel::Baseline}) {}

 private:
  std::vector<rules::Violation> check(const rules::PodUnderReview& pod) const override {
    std::vector<rules::Violation> out;
    const model::SecurityContext* context = rules::pod_context(pod.spec);
    if (!context) return out;
    for (const model::Sysctl& sysctl : context->sysctls) {
      if (!sysctl.name.valid()) continue;
      const auto safe = std::ranges::find(kSafe, sysctl.name.value, &SafeSysctl::name);
      if (safe != kSafe.end() && safe->since_minor <= pod.minor()) continue;
      std::string problem = fmt::format("sysctl \"{}\" is not in the safe set", sysctl.name.value);
      if (safe != kSafe.end()) problem += fmt::format(" before policy v1.{}", safe->since_minor);
      out.push_back({sysctl.name.span(), std::move(problem)});
    }
    return out;
  }
};

PODLINT_REGISTER_RULE(PssSysctls);

}  // namespace
}  // namespace podlint
