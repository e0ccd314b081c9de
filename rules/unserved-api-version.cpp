// unserved-api-version: a pod-carrying kind written with an apiVersion the API
// server does not serve it in, or a misspelt kind in a Kubernetes API group.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>

#include "engine/edits.hpp"
#include "engine/rule.hpp"
#include "schema/schema.hpp"
#include "schema/validate.hpp"
#include "support/pod_helpers.hpp"
#include "support/selector.hpp"
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

// Defaults that changed between a removed version and the served one
// (Kubernetes' defaulting of each version): where the object leaves such a
// field unset, changing only its version changes what it does.
struct ChangedDefault {
  std::string_view api_version;
  std::string_view kind;
  std::string_view path;  // from the object
  std::string_view change;
};

constexpr std::array kChangedDefaults{
    ChangedDefault{"extensions/v1beta1", "Deployment", "spec.revisionHistoryLimit",
                   "revisionHistoryLimit: every old ReplicaSet kept, now 10"},
    ChangedDefault{"extensions/v1beta1", "Deployment", "spec.progressDeadlineSeconds",
                   "progressDeadlineSeconds: none, now 600"},
    ChangedDefault{"extensions/v1beta1", "Deployment", "spec.strategy.rollingUpdate.maxSurge",
                   "maxSurge: 1, now 25%"},
    ChangedDefault{"extensions/v1beta1", "Deployment", "spec.strategy.rollingUpdate.maxUnavailable",
                   "maxUnavailable: 1, now 25%"},
    ChangedDefault{"apps/v1beta1", "Deployment", "spec.revisionHistoryLimit",
                   "revisionHistoryLimit: 2, now 10"},
    ChangedDefault{"extensions/v1beta1", "DaemonSet", "spec.updateStrategy.type",
                   "updateStrategy: OnDelete, now RollingUpdate"},
    ChangedDefault{"apps/v1beta1", "StatefulSet", "spec.updateStrategy.type",
                   "updateStrategy: OnDelete, now RollingUpdate"},
};

const yaml::Node* at_path(const yaml::Node& object, std::string_view path) {
  const yaml::Node* node = &object;
  while (node != nullptr && !path.empty()) {
    const size_t dot = path.find('.');
    const yaml::Node& mapping = yaml::resolve(*node);
    node = mapping.is_mapping() ? yaml::find(mapping, path.substr(0, dot)) : nullptr;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return node;
}

// The defaults the object relies on that the served version changed.
std::vector<std::string_view> changed_defaults(const model::Workload& w) {
  std::vector<std::string_view> out;
  const yaml::Node* strategy = at_path(*w.object, "spec.strategy.type");
  const bool recreate = strategy != nullptr && yaml::resolve(*strategy).value == "Recreate";
  for (const ChangedDefault& d : kChangedDefaults) {
    if (d.api_version != w.api_version.value || d.kind != w.kind.value) continue;
    if (recreate && d.path.starts_with("spec.strategy.rollingUpdate")) continue;  // no rolling update
    const yaml::Node* set = at_path(*w.object, d.path);
    if (set == nullptr || rules::is_null(set)) out.push_back(d.change);
  }
  return out;
}

// The fix for an object written in another version than the one serving its
// kind: that version, and the selector apps/v1 requires (its old versions
// made one from the pod template's labels). None when the object would need
// more than that to be valid there: a fix must not trade one finding for
// others.
std::optional<Fix> version_fix(const model::Workload& w, const schema::KindInfo& served,
                               std::string_view source) {
  const schema::TypeInfo* type = schema::type_for_kind(served.api_version, w.kind.value);
  if (type == nullptr) return std::nullopt;
  bool needs_selector = false;
  for (const schema::Finding& f :
       schema::validate(*w.object, *type, w.kind.key ? w.kind.key->span : w.object->span)) {
    if (f.problem != schema::Problem::MissingRequired || f.field != "selector" || f.empty)
      return std::nullopt;
    needs_selector = true;
  }
  auto version = Editor(source, w.object).replace_scalar(*w.api_version.node, served.api_version);
  if (!version) return std::nullopt;
  Fix fix{
      fmt::format("Change apiVersion to {}", served.api_version), Applicability::Safe, {std::move(*version)}};
  if (needs_selector) {
    // The old versions selected by every label of the template too, but a
    // selector is immutable: a choice to make, not a spelling.
    auto selector = rules::selector_from_pod_labels(w, source);
    if (!selector) return std::nullopt;
    fix.title += " and add the selector it requires, from the pod template's labels";
    fix.applicability = Applicability::Unsafe;
    fix.edits.push_back(std::move(*selector));
  }
  if (const auto changes = changed_defaults(w); !changes.empty()) {
    fix.title += fmt::format(" (defaults differ there: {})", fmt::join(changes, "; "));
    fix.applicability = Applicability::Unsafe;
  }
  return fix;
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
        Diagnostic& d = reporter.report(
            w.api_version.span(),
            removed.alpha
                ? fmt::format("{} as {} was an alpha version, off by default and removed in Kubernetes "
                              "{}: use {}",
                              kind, api_version, removed.removed_in, served->api_version)
                : fmt::format("{} is no longer served as {} (removed in Kubernetes {}): use {}", kind,
                              api_version, removed.removed_in, served->api_version));
        if (auto fix = version_fix(w, *served, reporter.source())) d.fixes.push_back(std::move(*fix));
        return;
      }
      if (is_built_in_group(api_version)) {
        Diagnostic& d = reporter.report(w.api_version.span(), fmt::format("{} is served as {}, not {}", kind,
                                                                          served->api_version, api_version));
        if (auto fix = version_fix(w, *served, reporter.source())) d.fixes.push_back(std::move(*fix));
      }
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
