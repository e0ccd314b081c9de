#include "model/objects.hpp"

#include "model/read.hpp"

namespace podlint::model {

namespace {

using namespace read;

struct KindName {
  std::string_view api_version;
  std::string_view kind;
};

constexpr KindName kModelled[] = {
    {"v1", "ConfigMap"},
    {"v1", "Secret"},
    {"v1", "Service"},
    {"v1", "ServiceAccount"},
    {"v1", "Namespace"},
    {"policy/v1", "PodDisruptionBudget"},
    {"autoscaling/v1", "HorizontalPodAutoscaler"},
    {"autoscaling/v2", "HorizontalPodAutoscaler"},
    {"networking.k8s.io/v1", "NetworkPolicy"},
};

// The keys of the maps `names` of the object's top level, in source order.
std::vector<Field<std::string_view>> keys_of(const Workload& object,
                                             std::initializer_list<std::string_view> names) {
  std::vector<Field<std::string_view>> keys;
  for (std::string_view name : names) {
    const Node* map = mapping_or_null(child(object.object, name));
    if (!map) continue;
    auto visit = [&](std::string_view, const Node& key, const Node&) {
      keys.emplace_back();
      assign(keys.back(), nullptr, key);
    };
    visit_entries(*map, visit);
  }
  return keys;
}

ServicePort parse_service_port(const Node& node) {
  ServicePort port;
  port.node = &node;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "name") {
      assign(port.name, &key, value);
    } else if (name == "port") {
      assign(port.port, &key, value);
    } else if (name == "targetPort") {
      assign(port.target_port, &key, value);
    } else if (name == "protocol") {
      assign(port.protocol, &key, value);
    }
  };
  visit_entries(node, visit);
  return port;
}

void add_metric(const Node& metric, std::vector<ResourceMetric>& out) {
  const Node* type = child(&metric, "type");
  if (!type || (type->value != "Resource" && type->value != "ContainerResource")) return;
  const Node* source = child(&metric, type->value == "Resource" ? "resource" : "containerResource");
  const Node* name = child(source, "name");
  if (!name || scalar_type(*name) != ScalarType::String) return;
  const Node* target = child(source, "target");
  const Node* target_type = child(target, "type");
  out.push_back({&metric, name->value, target_type && target_type->value == "Utilization"});
}

}  // namespace

bool is_modelled_object_kind(std::string_view api_version, std::string_view kind) {
  for (const KindName& k : kModelled)
    if (k.api_version == api_version && k.kind == kind) return true;
  return false;
}

std::vector<Field<std::string_view>> config_keys(const Workload& object) {
  if (object.kind.value == "Secret") return keys_of(object, {"data", "stringData"});
  return keys_of(object, {"data", "binaryData"});
}

Service read_service(const Workload& object) {
  Service service;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "type") {
      assign(service.type, &key, value);
    } else if (name == "ports") {
      service.ports =
          parse_list<ServicePort>(value, [](size_t, const Node& item) { return parse_service_port(item); });
    }
  };
  if (mapping_or_null(object.spec)) visit_entries(*object.spec, visit);
  return service;
}

DisruptionBudget read_disruption_budget(const Workload& object) {
  DisruptionBudget budget;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "minAvailable") {
      assign(budget.min_available, &key, value);
    } else if (name == "maxUnavailable") {
      assign(budget.max_unavailable, &key, value);
    }
  };
  if (mapping_or_null(object.spec)) visit_entries(*object.spec, visit);
  return budget;
}

Autoscaler read_autoscaler(const Workload& object) {
  Autoscaler hpa;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "scaleTargetRef") {
      hpa.target_key = &key;
      hpa.target_api_version = {};
      hpa.target_kind = {};
      hpa.target_name = {};
      auto target = [&](std::string_view field, const Node& k, const Node& v) {
        if (field == "apiVersion") {
          assign(hpa.target_api_version, &k, v);
        } else if (field == "kind") {
          assign(hpa.target_kind, &k, v);
        } else if (field == "name") {
          assign(hpa.target_name, &k, v);
        }
      };
      visit_entries(value, target);
    } else if (name == "metrics") {
      hpa.metrics.clear();
      for_each_item(value, [&](size_t, const Node& metric) { add_metric(metric, hpa.metrics); });
    } else if (name == "targetCPUUtilizationPercentage") {
      hpa.metrics = {{&key, "cpu", true}};
    }
  };
  if (mapping_or_null(object.spec)) visit_entries(*object.spec, visit);
  return hpa;
}

NetworkPolicy read_network_policy(const Workload& object) {
  NetworkPolicy policy;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name != "podSelector") return;
    policy.pod_selector_key = &key;
    policy.pod_selector = is_null(value) ? nullptr : &value;
  };
  if (mapping_or_null(object.spec)) visit_entries(*object.spec, visit);
  return policy;
}

}  // namespace podlint::model
