// invalid-resources: resource names the API server does not accept, hugepages
// that are not whole pages or come without cpu or memory, resource claims
// that name no claim of the pod, resizePolicy entries it rejects, and
// pod-level resources that do not cover the containers'.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "schema/formats.hpp"
#include "support/fields.hpp"
#include "support/pod_helpers.hpp"
#include "support/quantity.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

constexpr std::string_view kContainerResources[] = {"cpu", "memory", "ephemeral-storage"};
// Standard resource names that are not for containers (quotas, nodes, volumes).
constexpr std::string_view kNotForContainers[] = {"pods",
                                                  "storage",
                                                  "services",
                                                  "secrets",
                                                  "configmaps",
                                                  "persistentvolumeclaims",
                                                  "replicationcontrollers",
                                                  "resourcequotas",
                                                  "services.loadbalancers",
                                                  "services.nodeports"};

// "hugepages-2Mi" -> its page size; nothing when the size does not parse.
std::optional<rules::Quantity> page_size(std::string_view name) {
  const rules::ParsedQuantity parsed =
      rules::parse_quantity(name.substr(std::string_view("hugepages-").size()));
  if (!parsed.ok || parsed.value.milli <= 0) return std::nullopt;
  return parsed.value;
}

class InvalidResources final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-resources",
        .severity = Severity::Error,
        .category = Category::Resources,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    const model::PodSpec& spec = *w.pod_spec;
    const auto claims = pod_claims(spec);
    for (const model::Container* c : spec.all_containers()) {
      const std::string who = rules::describe(*c);
      if (c->resources) {
        check_names(c->resources->requests, who, reporter);
        check_names(c->resources->limits, who, reporter);
        check_hugepages(*c->resources, who, reporter);
        check_claims(c->node, claims, who, reporter);
      }
      check_resize_policy(*c, spec, reporter);
    }
    check_names(spec.overhead, "the pod's overhead", reporter);
    if (spec.resources) check_pod_resources(spec, reporter);
  }

 private:
  static void check_names(const std::vector<model::ResourceQuantity>& list, const std::string& who,
                          Reporter& reporter) {
    for (const model::ResourceQuantity& entry : list) {
      const std::string_view name = entry.name;
      if (!schema::matches_format(schema::Format::QualifiedName, name)) {
        reporter.report(entry.key->span,
                        fmt::format("resource name \"{}\" of {} is not a qualified name: it {}", name, who,
                                    schema::describe_format_problems(schema::Format::QualifiedName, name)));
      } else if (name.find('/') == std::string_view::npos && !rules::is_hugepages(name) &&
                 std::find(std::begin(kContainerResources), std::end(kContainerResources), name) ==
                     std::end(kContainerResources)) {
        const bool standard = std::find(std::begin(kNotForContainers), std::end(kNotForContainers), name) !=
                              std::end(kNotForContainers);
        reporter.report(
            entry.key->span,
            standard ? fmt::format("resource \"{}\" of {} is not one a container can request: use cpu, "
                                   "memory, ephemeral-storage or hugepages-SIZE",
                                   name, who)
                     : fmt::format("resource \"{}\" of {} is neither cpu, memory, ephemeral-storage nor "
                                   "hugepages-SIZE: an extended resource needs a domain, as in "
                                   "example.com/{}{}",
                                   name, who, name, text::did_you_mean(name, kContainerResources)));
      }
    }
  }

  static void check_hugepages(const model::ResourceRequirements& resources, const std::string& who,
                              Reporter& reporter) {
    bool any = false;
    for (const auto* list : {&resources.requests, &resources.limits}) {
      for (const model::ResourceQuantity& entry : *list) {
        if (!rules::is_hugepages(entry.name)) continue;
        any = true;
        const auto size = page_size(entry.name);
        if (!size) {
          reporter.report(entry.key->span,
                          fmt::format("\"{}\" of {} names no page size the API server can read "
                                      "(hugepages-2Mi, hugepages-1Gi)",
                                      entry.name, who));
          continue;
        }
        const auto value = rules::entry_quantity(entry);
        if (value && (value->milli < 0 || value->milli % size->milli != 0))
          reporter.report(entry.value->span, fmt::format("{} of {} is not a whole number of {} pages",
                                                         entry.quantity, who, entry.name.substr(10)));
      }
    }
    if (!any) return;
    const auto has = [&](std::string_view name) {
      return rules::find_entry(resources.requests, name) || rules::find_entry(resources.limits, name);
    };
    if (!has("cpu") && !has("memory"))
      reporter.report(
          resources.key->span,
          fmt::format("{} requests hugepages but neither cpu nor memory: the API server requires one "
                      "of them with hugepages",
                      who));
  }

  static std::vector<std::string_view> pod_claims(const model::PodSpec& spec) {
    std::vector<std::string_view> names;
    for (const yaml::Node* claim : rules::items(rules::field(spec.node, "resourceClaims")))
      if (const auto name = rules::string_value(rules::field(claim, "name"))) names.push_back(*name);
    return names;
  }

  static void check_claims(const yaml::Node* container, const std::vector<std::string_view>& claims,
                           const std::string& who, Reporter& reporter) {
    std::vector<std::pair<std::string_view, std::string_view>> seen;  // name, request
    for (const yaml::Node* claim :
         rules::items(rules::field(rules::mapping_field(container, "resources"), "claims"))) {
      const yaml::Node* name_node = rules::field(claim, "name");
      const auto name = rules::string_value(name_node);
      if (!name || name->empty()) continue;
      const std::pair entry{*name, rules::string_value(rules::field(claim, "request")).value_or("")};
      if (std::find(seen.begin(), seen.end(), entry) != seen.end())
        reporter.report(name_node->span, fmt::format("{} lists resource claim \"{}\" twice", who, *name));
      seen.push_back(entry);
      if (std::find(claims.begin(), claims.end(), *name) == claims.end())
        reporter.report(name_node->span, fmt::format("resource claim \"{}\" of {} is not among the pod's "
                                                     "resourceClaims{}",
                                                     *name, who, text::did_you_mean(*name, claims)));
    }
  }

  static void check_resize_policy(const model::Container& c, const model::PodSpec& spec, Reporter& reporter) {
    const bool never = spec.restart_policy.valid() && spec.restart_policy.value == "Never";
    std::vector<std::string_view> seen;
    for (const yaml::Node* entry : rules::items(rules::field(c.node, "resizePolicy"))) {
      const yaml::Node* resource = rules::field(entry, "resourceName");
      if (const auto name = rules::string_value(resource)) {
        if (std::find(seen.begin(), seen.end(), *name) != seen.end())
          reporter.report(resource->span,
                          fmt::format("the resizePolicy of {} lists {} twice", rules::describe(c), *name));
        seen.push_back(*name);
      }
      const yaml::Node* policy = rules::field(entry, "restartPolicy");
      if (never && rules::string_value(policy) == "RestartContainer")
        reporter.report(policy->span,
                        fmt::format("the resizePolicy of {} restarts the container, which a pod with "
                                    "restartPolicy: Never cannot: use NotRequired",
                                    rules::describe(c)));
    }
  }

  // Pod-level resources: cpu, memory and hugepages only, no claims, and
  // room for what the containers ask.
  static void check_pod_resources(const model::PodSpec& spec, Reporter& reporter) {
    const model::ResourceRequirements& pod = *spec.resources;
    for (const auto* list : {&pod.requests, &pod.limits})
      for (const model::ResourceQuantity& entry : *list)
        if (entry.name != "cpu" && entry.name != "memory" && !rules::is_hugepages(entry.name))
          reporter.report(entry.key->span, fmt::format("pod-level resources may only be cpu, memory and "
                                                       "hugepages-SIZE, not \"{}\"",
                                                       entry.name));
    if (rules::field(pod.node, "claims"))
      reporter.report(rules::field_span(pod.node, "claims"),
                      "pod-level resources may not list claims: list them in the containers' resources");
    for (std::string_view name : {"cpu", "memory"}) {
      const model::ResourceQuantity* request = rules::find_entry(pod.requests, name);
      const auto pod_request = request ? rules::entry_quantity(*request) : std::nullopt;
      const model::ResourceQuantity* limit = rules::find_entry(pod.limits, name);
      const auto pod_limit = limit ? rules::entry_quantity(*limit) : std::nullopt;
      rules::Quantity sum;
      for (const model::Container& c : spec.containers) {
        if (!c.resources) continue;
        const model::ResourceQuantity* r = rules::find_entry(c.resources->requests, name);
        if (const auto q = r ? rules::entry_quantity(*r) : std::nullopt) sum.milli += q->milli;
        const model::ResourceQuantity* l = rules::find_entry(c.resources->limits, name);
        const auto q = l ? rules::entry_quantity(*l) : std::nullopt;
        if (pod_limit && q && *q > *pod_limit)
          reporter.report(l->value->span,
                          fmt::format("the {} limit {} of {} is more than the pod's limit {}", name,
                                      l->quantity, rules::describe(c), limit->quantity));
      }
      if (pod_request && sum > *pod_request)
        reporter.report(request->value->span,
                        fmt::format("the pod's {} request {} is less than its containers request together",
                                    name, request->quantity));
    }
  }
};

PODLINT_REGISTER_RULE(InvalidResources);

}  // namespace
}  // namespace podlint
