// The kinds besides the pod carriers that checks across objects read:
// ConfigMap, Secret, Service, PodDisruptionBudget, HorizontalPodAutoscaler,
// NetworkPolicy (and ServiceAccount and Namespace, which need no more than
// their metadata). Every object is extracted as a Workload; these readers
// take one of the right kind and return what the checks need, with nodes for
// positions. Their selectors are Workload::selector.
#pragma once

#include <string_view>
#include <vector>

#include "model/pod.hpp"

namespace podlint::model {

// Whether an apiVersion and kind is one of those above.
bool is_modelled_object_kind(std::string_view api_version, std::string_view kind);

// The keys of a ConfigMap (data, binaryData) or a Secret (data, stringData).
std::vector<Field<std::string_view>> config_keys(const Workload& object);

struct ServicePort {
  const yaml::Node* node = nullptr;
  Field<std::string_view> name;
  Field<int64_t> port;
  Field<IntOrString> target_port;  // absent: the same as port
  Field<std::string_view> protocol;
};

struct Service {
  Field<std::string_view> type;  // ClusterIP when absent
  std::vector<ServicePort> ports;
};
Service read_service(const Workload& object);

struct DisruptionBudget {
  Field<IntOrString> min_available;
  Field<IntOrString> max_unavailable;
};
DisruptionBudget read_disruption_budget(const Workload& object);

// A metric an autoscaler scales on by a resource of its pods' containers:
// autoscaling/v2 metrics[] of type Resource or ContainerResource, or v1's
// targetCPUUtilizationPercentage (resource "cpu").
struct ResourceMetric {
  const yaml::Node* node = nullptr;  // where it is written
  std::string_view resource;         // "cpu", "memory"
  bool utilization = false;          // a target in percent of the request
};

struct Autoscaler {
  const yaml::Node* target_key = nullptr;  // scaleTargetRef
  Field<std::string_view> target_api_version;
  Field<std::string_view> target_kind;
  Field<std::string_view> target_name;
  std::vector<ResourceMetric> metrics;
};
Autoscaler read_autoscaler(const Workload& object);

// A NetworkPolicy's spec.podSelector (null when absent).
struct NetworkPolicy {
  const yaml::Node* pod_selector_key = nullptr;
  const yaml::Node* pod_selector = nullptr;
};
NetworkPolicy read_network_policy(const Workload& object);

}  // namespace podlint::model
