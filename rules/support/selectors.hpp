// Where label selectors stand in an object: a controller's selector, pod
// (anti-)affinity terms, topology spread constraints, a
// PodDisruptionBudget's selector, a NetworkPolicy's pod and peer selectors.
#pragma once

#include <string_view>
#include <vector>

#include "model/pod.hpp"

namespace podlint::rules {

struct SelectorSite {
  const yaml::Node* selector = nullptr;  // a LabelSelector mapping
  std::string_view what;                 // "the selector", "a topology spread constraint's labelSelector"...
};

// Every label selector of an object (LabelSelector mappings, not map selectors).
std::vector<SelectorSite> label_selectors(const model::Workload& workload);

// The term mappings of pod affinity and anti-affinity, required and preferred.
std::vector<const yaml::Node*> pod_affinity_terms(const yaml::Node* pod_spec);

}  // namespace podlint::rules
