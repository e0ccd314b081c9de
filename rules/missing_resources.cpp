// missing-resources: containers should state the requests and limits the cluster relies on.
#include <array>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "support/quantity.hpp"

namespace podlint {
namespace {

constexpr std::array kOptions{
    RuleOption{"required", "requests.cpu,requests.memory,limits.memory",
               "The entries every container must set, each requests.<resource> or limits.<resource>, "
               "comma-separated. Entries of another form are ignored."},
};

class MissingResources final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-resources",
        .severity = Severity::Warning,
        .category = "resources",
        .summary = "A container does not set the resource requests or limits it should",
        .what =
            "Reports each regular, sidecar and init container (not ephemeral containers, which "
            "cannot have resources) that lacks any of the entries listed in the option `required`: "
            "by default a cpu request, a memory request and a memory limit. One finding per "
            "container names everything missing. A limit counts as the request of the same "
            "resource, since the request defaults to it.",
        .why =
            "Without requests the scheduler places the pod as if it needed nothing, packs nodes "
            "beyond what they can run, and the pod is the first to be evicted under pressure. "
            "Without a memory limit one leaking container can take a node's memory from its "
            "neighbours. A CPU limit is not required by default: it throttles a container even when "
            "the node is idle. A warning: the API accepts the pod.",
        .bad = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 8080
      resources:
        requests: {cpu: 100m}
      livenessProbe:
        httpGet: {path: /healthz, port: http}
      readinessProbe:
        httpGet: {path: /ready, port: http}
)",
        .good = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
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
            "Measure what the container uses and set requests to its usual need and the memory "
            "limit to its peak, under resources. Use the option `required` to demand more (e.g. "
            "limits.cpu, requests.ephemeral-storage) or less.",
        .options = kOptions,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const std::vector<Requirement> required = parse_required(reporter.option("required"));
    if (required.empty()) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (c->kind == model::ContainerKind::Ephemeral) continue;
      std::vector<std::string> missing;
      for (const Requirement& r : required) {
        if (!has(*c, r)) missing.push_back(r.resource + (r.limit ? " limit" : " request"));
      }
      if (missing.empty()) continue;
      std::string list;
      for (size_t i = 0; i < missing.size(); ++i)
        list += (i == 0 ? "" : i + 1 == missing.size() ? " or " : ", ") + missing[i];
      const bool no_resources = !c->resources || !c->resources->key;
      reporter.report(no_resources ? rules::container_span(*c) : c->resources->key->span,
                      rules::describe(*c) + " has no " + list);
    }
  }

 private:
  struct Requirement {
    std::string resource;
    bool limit = false;
  };

  static std::vector<Requirement> parse_required(std::string_view option) {
    std::vector<Requirement> out;
    while (!option.empty()) {
      const size_t comma = option.find(',');
      std::string_view item = option.substr(0, comma);
      option = comma == std::string_view::npos ? std::string_view{} : option.substr(comma + 1);
      while (!item.empty() && item.front() == ' ')
        item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ')
        item.remove_suffix(1);
      for (const auto& [prefix, limit] :
           {std::pair{std::string_view("requests."), false}, {"limits.", true}}) {
        if (item.starts_with(prefix) && item.size() > prefix.size())
          out.push_back({std::string(item.substr(prefix.size())), limit});
      }
    }
    return out;
  }

  static bool has(const model::Container& c, const Requirement& r) {
    if (!c.resources) return false;
    auto set = [&](const std::vector<model::ResourceQuantity>& list) {
      const model::ResourceQuantity* entry = rules::find_entry(list, r.resource);
      return entry && !rules::is_null(entry->value);
    };
    // A missing request defaults to the limit.
    return set(c.resources->limits) || (!r.limit && set(c.resources->requests));
  }
};

PODLINT_REGISTER_RULE(MissingResources);

}  // namespace
}  // namespace podlint
