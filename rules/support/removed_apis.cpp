#include "support/removed_apis.hpp"

#include <array>

namespace podlint::rules {

namespace {

constexpr std::array kRemoved{
    RemovedApi{"extensions/v1beta1", "NetworkPolicy", 16, "networking.k8s.io/v1"},
    RemovedApi{"extensions/v1beta1", "PodSecurityPolicy", 16, "policy/v1beta1"},
    RemovedApi{"admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", 22,
               "admissionregistration.k8s.io/v1"},
    RemovedApi{"admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", 22,
               "admissionregistration.k8s.io/v1"},
    RemovedApi{"apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", 22, "apiextensions.k8s.io/v1"},
    RemovedApi{"apiregistration.k8s.io/v1beta1", "APIService", 22, "apiregistration.k8s.io/v1"},
    RemovedApi{"certificates.k8s.io/v1beta1", "CertificateSigningRequest", 22, "certificates.k8s.io/v1"},
    RemovedApi{"coordination.k8s.io/v1beta1", "Lease", 22, "coordination.k8s.io/v1"},
    RemovedApi{"extensions/v1beta1", "Ingress", 22, "networking.k8s.io/v1"},
    RemovedApi{"networking.k8s.io/v1beta1", "Ingress", 22, "networking.k8s.io/v1"},
    RemovedApi{"networking.k8s.io/v1beta1", "IngressClass", 22, "networking.k8s.io/v1"},
    RemovedApi{"rbac.authorization.k8s.io/v1beta1", "ClusterRole", 22, "rbac.authorization.k8s.io/v1"},
    RemovedApi{"rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", 22, "rbac.authorization.k8s.io/v1"},
    RemovedApi{"rbac.authorization.k8s.io/v1beta1", "Role", 22, "rbac.authorization.k8s.io/v1"},
    RemovedApi{"rbac.authorization.k8s.io/v1beta1", "RoleBinding", 22, "rbac.authorization.k8s.io/v1"},
    RemovedApi{"scheduling.k8s.io/v1beta1", "PriorityClass", 22, "scheduling.k8s.io/v1"},
    RemovedApi{"storage.k8s.io/v1beta1", "CSIDriver", 22, "storage.k8s.io/v1"},
    RemovedApi{"storage.k8s.io/v1beta1", "CSINode", 22, "storage.k8s.io/v1"},
    RemovedApi{"storage.k8s.io/v1beta1", "StorageClass", 22, "storage.k8s.io/v1"},
    RemovedApi{"storage.k8s.io/v1beta1", "VolumeAttachment", 22, "storage.k8s.io/v1"},
    RemovedApi{"discovery.k8s.io/v1beta1", "EndpointSlice", 25, "discovery.k8s.io/v1"},
    RemovedApi{"events.k8s.io/v1beta1", "Event", 25, "events.k8s.io/v1"},
    RemovedApi{"autoscaling/v2beta1", "HorizontalPodAutoscaler", 25, "autoscaling/v2"},
    RemovedApi{"policy/v1beta1", "PodDisruptionBudget", 25, "policy/v1"},
    RemovedApi{"policy/v1beta1", "PodSecurityPolicy", 25, ""},
    RemovedApi{"node.k8s.io/v1beta1", "RuntimeClass", 25, "node.k8s.io/v1"},
    RemovedApi{"flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", 26, "flowcontrol.apiserver.k8s.io/v1"},
    RemovedApi{"flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", 26,
               "flowcontrol.apiserver.k8s.io/v1"},
    RemovedApi{"autoscaling/v2beta2", "HorizontalPodAutoscaler", 26, "autoscaling/v2"},
    RemovedApi{"storage.k8s.io/v1beta1", "CSIStorageCapacity", 27, "storage.k8s.io/v1"},
    RemovedApi{"flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", 29, "flowcontrol.apiserver.k8s.io/v1"},
    RemovedApi{"flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", 29,
               "flowcontrol.apiserver.k8s.io/v1"},
    RemovedApi{"flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", 32, "flowcontrol.apiserver.k8s.io/v1"},
    RemovedApi{"flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", 32,
               "flowcontrol.apiserver.k8s.io/v1"},
};

}  // namespace

const RemovedApi* removed_api(const model::Workload& object) {
  if (!object.api_version.valid() || !object.kind.valid()) return nullptr;
  for (const RemovedApi& removed : kRemoved) {
    if (removed.api_version == object.api_version.value && removed.kind == object.kind.value) return &removed;
  }
  return nullptr;
}

std::string release_name(uint8_t minor) {
  return "1." + std::to_string(minor);
}

}  // namespace podlint::rules
