// pod-security-label: a Namespace's pod-security.kubernetes.io/ labels that
// admission refuses (a level or version it cannot read) or ignores (a key
// it does not know).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "support/pod_security.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

constexpr std::array<std::string_view, 6> kKeys{"enforce",         "warn",         "audit",
                                                "enforce-version", "warn-version", "audit-version"};

class PodSecurityLabel final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "pod-security-label",
        .severity = Severity::Error,
        .category = Category::Security,
        .consequence = Consequence::Rejected,
        .security_severity = 5.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (workload.kind.value != "Namespace" || !workload.labels) return;
    for (const yaml::Pair& pair : yaml::resolve(*workload.labels).pairs) {
      const yaml::Node& key = yaml::resolve(*pair.key);
      const yaml::Node& value = yaml::resolve(*pair.value);
      if (!key.is_scalar() || !key.value.starts_with(rules::kLabelPrefix)) continue;
      const std::string_view mode = key.value.substr(rules::kLabelPrefix.size());
      const auto known = std::ranges::find(kKeys, mode);
      if (known == kKeys.end()) {
        reporter.report(key.span, fmt::format("unknown Pod Security label \"{}\": admission ignores it{}",
                                              key.value, text::did_you_mean(mode, kKeys)));
        continue;
      }
      if (!value.is_scalar()) continue;  // the schema rules report a label that is no string
      if (mode.ends_with("-version")) {
        if (!parse_pod_security_version(value.value))
          reporter.report(value.span,
                          fmt::format("\"{}\" is not a Pod Security version (latest or v1.N): admission "
                                      "rejects the Namespace",
                                      value.value));
      } else if (!parse_pod_security_level(value.value)) {
        reporter.report(
            value.span,
            fmt::format("\"{}\" is not a Pod Security level (privileged, baseline or restricted): "
                        "admission rejects the Namespace{}",
                        value.value, text::did_you_mean(value.value, pod_security_level_names())));
      }
    }
  }
};

PODLINT_REGISTER_RULE(PodSecurityLabel);

}  // namespace
}  // namespace podlint
