// unserved-api-version: a pod-carrying kind written with an apiVersion the API
// server does not serve it in, or a misspelt kind in a Kubernetes API group.
#include <fmt/format.h>

#include <array>

#include "engine/rule.hpp"
#include "schema/schema.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

// API versions the modelled kinds were once served in, and the Kubernetes
// release that stopped serving them (Kubernetes' deprecated API migration
// guide and the 1.16 removal announcement; batch/v2alpha1 left in 1.21).
struct RemovedVersion {
  std::string_view api_version;
  std::string_view kind;
  std::string_view removed_in;
  bool alpha = false;  // never served unless the cluster enabled it
};

constexpr std::array kRemovedVersions{
    RemovedVersion{"extensions/v1beta1", "Deployment", "1.16"},
    RemovedVersion{"extensions/v1beta1", "DaemonSet", "1.16"},
    RemovedVersion{"extensions/v1beta1", "ReplicaSet", "1.16"},
    RemovedVersion{"apps/v1beta1", "Deployment", "1.16"},
    RemovedVersion{"apps/v1beta1", "StatefulSet", "1.16"},
    RemovedVersion{"apps/v1beta2", "Deployment", "1.16"},
    RemovedVersion{"apps/v1beta2", "StatefulSet", "1.16"},
    RemovedVersion{"apps/v1beta2", "DaemonSet", "1.16"},
    RemovedVersion{"apps/v1beta2", "ReplicaSet", "1.16"},
    RemovedVersion{"batch/v1beta1", "CronJob", "1.25"},
    RemovedVersion{"batch/v2alpha1", "CronJob", "1.21", true},
};

// Kubernetes' own API groups: the core group (an apiVersion without a group),
// groups without a dot (apps, batch, extensions...) and *.k8s.io. A custom
// resource's group must contain a dot, and *.k8s.io is reserved for the
// Kubernetes project.
bool is_built_in_group(std::string_view api_version) {
  const size_t slash = api_version.find('/');
  if (slash == std::string_view::npos) return true;
  const std::string_view group = api_version.substr(0, slash);
  return group.find('.') == std::string_view::npos || group.ends_with(".k8s.io");
}

const schema::KindInfo* modelled_kind(std::string_view kind) {
  for (const schema::KindInfo& k : schema::all_kinds())
    if (k.kind == kind) return &k;
  return nullptr;
}

const std::vector<std::string_view>& modelled_kind_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const schema::KindInfo& k : schema::all_kinds())
      out.push_back(k.kind);
    return out;
  }();
  return names;
}

class UnservedApiVersion final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "unserved-api-version",
        .severity = Severity::Error,
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.api_version.valid() || !w.kind.valid()) return;  // missing-api-version-or-kind's
    const std::string_view api_version = w.api_version.value;
    const std::string_view kind = w.kind.value;
    if (schema::type_for_kind(api_version, kind)) return;

    if (const schema::KindInfo* served = modelled_kind(kind)) {
      for (const RemovedVersion& removed : kRemovedVersions) {
        if (removed.api_version != api_version || removed.kind != kind) continue;
        reporter.report(
            w.api_version.span(),
            removed.alpha
                ? fmt::format("{} as {} was an alpha version, off by default and removed in Kubernetes "
                              "{}: use {}",
                              kind, api_version, removed.removed_in, served->api_version)
                : fmt::format("{} is no longer served as {} (removed in Kubernetes {}): use {}", kind,
                              api_version, removed.removed_in, served->api_version));
        return;
      }
      if (is_built_in_group(api_version))
        reporter.report(w.api_version.span(),
                        fmt::format("{} is served as {}, not {}", kind, served->api_version, api_version));
      return;
    }

    // Only a likely typo: podlint has no list of every built-in kind.
    if (!is_built_in_group(api_version)) return;
    const std::string_view guess = text::closest(kind, modelled_kind_names());
    if (guess.empty()) return;
    const std::string_view guess_version = modelled_kind(guess)->api_version;
    const std::string elsewhere = guess_version == api_version ? "" : fmt::format("in {}", guess_version);
    reporter.report(w.kind.span(), fmt::format("unknown kind \"{}\" in {}{}", kind, api_version,
                                               text::did_you_mean(guess, elsewhere)));
  }
};

PODLINT_REGISTER_RULE(UnservedApiVersion);

}  // namespace
}  // namespace podlint
