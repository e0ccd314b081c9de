#include "selectors.hpp"

#include "fields.hpp"

namespace podlint::rules {

std::vector<const yaml::Node*> pod_affinity_terms(const yaml::Node* pod_spec) {
  std::vector<const yaml::Node*> terms;
  const yaml::Node* affinity = mapping_field(pod_spec, "affinity");
  for (std::string_view kind : {"podAffinity", "podAntiAffinity"}) {
    const yaml::Node* a = mapping_field(affinity, kind);
    for (const yaml::Node* term : items(field(a, "requiredDuringSchedulingIgnoredDuringExecution")))
      if (term->is_mapping()) terms.push_back(term);
    for (const yaml::Node* weighted : items(field(a, "preferredDuringSchedulingIgnoredDuringExecution")))
      if (const yaml::Node* term = mapping_field(weighted, "podAffinityTerm")) terms.push_back(term);
  }
  return terms;
}

std::vector<SelectorSite> label_selectors(const model::Workload& w) {
  std::vector<SelectorSite> out;
  const auto add = [&](const yaml::Node* selector, std::string_view what) {
    if (selector && selector->is_mapping()) out.push_back({selector, what});
  };
  const std::string_view kind = w.kind.value;
  if (kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" || kind == "StatefulSet" ||
      kind == "Job" || kind == "PodDisruptionBudget")
    add(w.selector, "the selector");
  if (kind == "NetworkPolicy") {
    add(mapping_field(w.spec, "podSelector"), "the podSelector");
    for (std::string_view direction : {"ingress", "egress"})
      for (const yaml::Node* rule : items(field(w.spec, direction)))
        for (const yaml::Node* peer : items(field(rule, direction == "ingress" ? "from" : "to"))) {
          add(mapping_field(peer, "podSelector"), "a peer's podSelector");
          add(mapping_field(peer, "namespaceSelector"), "a peer's namespaceSelector");
        }
  }
  if (!w.pod_spec) return out;
  for (const yaml::Node* term : pod_affinity_terms(w.pod_spec->node)) {
    add(mapping_field(term, "labelSelector"), "a pod affinity term's labelSelector");
    add(mapping_field(term, "namespaceSelector"), "a pod affinity term's namespaceSelector");
  }
  for (const yaml::Node* constraint : items(field(w.pod_spec->node, "topologySpreadConstraints")))
    add(mapping_field(constraint, "labelSelector"), "a topology spread constraint's labelSelector");
  return out;
}

}  // namespace podlint::rules
