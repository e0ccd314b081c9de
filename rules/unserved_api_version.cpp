// unserved-api-version: a pod-carrying kind written with an apiVersion the API
// server does not serve it in, or a misspelt kind in a Kubernetes API group.
#include <fmt/format.h>

#include <array>

#include "engine/rule.hpp"
#include "schema/schema.hpp"
#include "schema/validate.hpp"

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
        .category = "schema",
        .summary = "A workload kind with an apiVersion Kubernetes does not serve, or a misspelt kind",
        .what =
            "For the kinds podlint models (Pod, PodTemplate and ReplicationController in v1; Deployment, "
            "StatefulSet, DaemonSet and ReplicaSet in apps/v1; Job and CronJob in batch/v1), reports an "
            "apiVersion they are not served in: a version Kubernetes removed (extensions/v1beta1, "
            "apps/v1beta1 and apps/v1beta2 in 1.16, batch/v1beta1 CronJob in 1.25, the alpha "
            "batch/v2alpha1), naming the release and the version to use, or any other version of a "
            "Kubernetes API group (`apps/v2`). It also reports a kind in a Kubernetes API group (the core "
            "group, a group without a dot, or *.k8s.io) that is not one of these kinds but a likely "
            "misspelling of one (`Pdo`, `deployment`). Kinds podlint does not model (Service, ConfigMap...) "
            "and custom groups (CRDs such as monitoring.coreos.com) are not checked: podlint does not know "
            "which kinds and versions they serve.",
        .why =
            "kubectl and the API server reject the object with `no matches for kind ... in version ...`. "
            "Old versions linger in copied manifests and charts long after the cluster stopped serving "
            "them, and the error names neither the release that dropped them nor the replacement.",
        .bad =
            "apiVersion: extensions/v1beta1\n"
            "kind: Deployment\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  selector:\n"
            "    matchLabels: {app: web}\n"
            "  template:\n"
            "    metadata:\n"
            "      labels: {app: web}\n"
            "    spec:\n"
            "      containers:\n"
            "        - name: web\n"
            "          image: nginx:1.27\n",
        .good =
            "apiVersion: apps/v1\n"
            "kind: Deployment\n"
            "metadata:\n"
            "  name: web\n"
            "spec:\n"
            "  selector:\n"
            "    matchLabels: {app: web}\n"
            "  template:\n"
            "    metadata:\n"
            "      labels: {app: web}\n"
            "    spec:\n"
            "      containers:\n"
            "        - name: web\n"
            "          image: nginx:1.27\n"
            "          ports: [{name: http, containerPort: 8080}]\n"
            "          resources:\n"
            "            requests: {cpu: 100m, memory: 64Mi}\n"
            "            limits: {memory: 128Mi}\n"
            "          livenessProbe: {httpGet: {path: /healthz, port: http}}\n"
            "          readinessProbe: {httpGet: {path: /ready, port: http}}\n",
        .fix =
            "Use the apiVersion the message names (apps/v1, batch/v1 or v1) and spell the kind as "
            "Kubernetes does. Moving a Deployment, DaemonSet or ReplicaSet off extensions/v1beta1 also "
            "needs a `spec.selector` that matches the template's labels.",
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
    const std::string_view guess = schema::suggest(kind, modelled_kind_names());
    if (guess.empty()) return;
    const std::string_view guess_version = modelled_kind(guess)->api_version;
    std::string message =
        fmt::format("unknown kind \"{}\" in {} (did you mean \"{}\"", kind, api_version, guess);
    message += guess_version == api_version ? "?)" : fmt::format(" in {}?)", guess_version);
    reporter.report(w.kind.span(), std::move(message));
  }
};

PODLINT_REGISTER_RULE(UnservedApiVersion);

}  // namespace
}  // namespace podlint
