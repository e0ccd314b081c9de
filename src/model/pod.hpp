// The typed pod model: the Kubernetes objects of a YAML document and their
// pod specs, as typed structs whose every field keeps the YAML node it came
// from (and so its exact span). Built by extract_workloads(); rules read it.
//
// The model is lenient: a field of the wrong type, or an unknown one, does not
// stop it (schema validation reports those); such a field is present() but
// not valid(), and holds no value.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "yaml/document.hpp"

namespace podlint::model {

// A field as written: absent, or present with its key and value nodes
// (aliases resolved) and, when the value has the expected type, the value.
template <class T>
struct Field {
  const yaml::Node* key = nullptr;
  const yaml::Node* node = nullptr;
  T value{};
  bool has_value = false;

  bool present() const { return node != nullptr; }
  bool valid() const { return has_value; }
  // Where a diagnostic about the value goes (the key's span when the value is
  // an empty node with no extent of its own).
  yaml::Span span() const;
  yaml::Span key_span() const { return key ? key->span : yaml::Span{}; }
};

// An int-or-string value (ports, probe ports, maxSurge...).
struct IntOrString {
  bool is_int = false;
  int64_t number = 0;
  std::string_view text;
};

struct ContainerPort {
  const yaml::Node* node = nullptr;
  Field<int64_t> container_port;
  Field<int64_t> host_port;
  Field<std::string_view> name;
  Field<std::string_view> protocol;  // absent means TCP
  Field<std::string_view> host_ip;
};

// Probes and lifecycle handlers. Each handler kind present is listed, in
// source order, so "no handler" and "two handlers" are both visible.
enum class HandlerKind { Exec, HttpGet, TcpSocket, Grpc, Sleep };

struct Handler {
  HandlerKind kind = HandlerKind::Exec;
  const yaml::Node* key = nullptr;   // "httpGet"
  const yaml::Node* node = nullptr;  // its mapping
  Field<IntOrString> port;           // httpGet.port, tcpSocket.port
  Field<int64_t> grpc_port;          // grpc.port
  Field<std::string_view> path;      // httpGet.path
  Field<std::string_view> host;      // httpGet.host, tcpSocket.host
};

struct Probe {
  const yaml::Node* key = nullptr;  // "livenessProbe"
  const yaml::Node* node = nullptr;
  std::vector<Handler> handlers;
  Field<int64_t> initial_delay_seconds;
  Field<int64_t> period_seconds;
  Field<int64_t> timeout_seconds;
  Field<int64_t> success_threshold;
  Field<int64_t> failure_threshold;
  Field<int64_t> termination_grace_period_seconds;
};

// One entry of resources.requests or resources.limits: `cpu: 500m`.
struct ResourceQuantity {
  const yaml::Node* key = nullptr;    // the resource name node
  const yaml::Node* value = nullptr;  // the quantity node
  std::string_view name;
  std::string_view quantity;  // the scalar as written; empty if not a scalar
};

struct ResourceRequirements {
  const yaml::Node* key = nullptr;  // "resources"
  const yaml::Node* node = nullptr;
  const yaml::Node* requests_key = nullptr;
  const yaml::Node* limits_key = nullptr;
  std::vector<ResourceQuantity> requests;
  std::vector<ResourceQuantity> limits;
};

// An item of a configMap, secret or projected volume: which key goes to which file.
struct KeyToPath {
  const yaml::Node* node = nullptr;
  Field<std::string_view> key;
  Field<std::string_view> path;
};

// A reference to a ConfigMap or a Secret: configMapKeyRef and secretKeyRef
// (one key), envFrom's configMapRef and secretRef (all keys), configMap and
// secret volumes and projections (all keys, or their items').
struct ConfigRef {
  const yaml::Node* key = nullptr;  // "configMapKeyRef", "secretRef", "configMap"...
  const yaml::Node* node = nullptr;
  bool secret = false;
  Field<std::string_view> name;      // name (secretName in a secret volume)
  Field<std::string_view> item_key;  // a *KeyRef's key
  Field<bool> optional;
  std::vector<KeyToPath> items;
};

struct EnvVar {
  const yaml::Node* node = nullptr;
  Field<std::string_view> name;
  Field<std::string_view> value;
  const yaml::Node* value_from_key = nullptr;
  const yaml::Node* value_from = nullptr;
  // The keys under valueFrom that name a source (fieldRef, resourceFieldRef,
  // configMapKeyRef, secretKeyRef, fileKeyRef), in source order.
  std::vector<const yaml::Node*> sources;
  std::vector<ConfigRef> key_refs;      // configMapKeyRef, secretKeyRef
  Field<std::string_view> field_path;   // fieldRef.fieldPath
  Field<std::string_view> resource;     // resourceFieldRef.resource
  const yaml::Node* divisor = nullptr;  // resourceFieldRef.divisor
};

// envFrom[]: a whole ConfigMap's or Secret's keys as variables.
struct EnvFromSource {
  const yaml::Node* node = nullptr;
  const yaml::Node* secret_ref = nullptr;  // the "secretRef" key
  const yaml::Node* config_map_ref = nullptr;
  // The configMapRef and secretRef keys that are not null, in source order.
  std::vector<const yaml::Node*> sources;
  std::vector<ConfigRef> refs;
  Field<std::string_view> prefix;
};

struct VolumeMount {
  const yaml::Node* node = nullptr;
  Field<std::string_view> name;
  Field<std::string_view> mount_path;
  Field<std::string_view> sub_path;
  Field<std::string_view> sub_path_expr;
  Field<bool> read_only;
  Field<std::string_view> mount_propagation;
  Field<std::string_view> recursive_read_only;
};

struct VolumeDevice {
  const yaml::Node* node = nullptr;
  Field<std::string_view> name;
  Field<std::string_view> device_path;
};

struct Capabilities {
  const yaml::Node* key = nullptr;  // "capabilities"
  const yaml::Node* node = nullptr;
  std::vector<Field<std::string_view>> add;
  std::vector<Field<std::string_view>> drop;
};

struct SeLinuxOptions {
  const yaml::Node* key = nullptr;
  const yaml::Node* node = nullptr;
  Field<std::string_view> type;
  Field<std::string_view> user;
  Field<std::string_view> role;
};

// securityContext.sysctls[] (pod level).
struct Sysctl {
  const yaml::Node* node = nullptr;
  Field<std::string_view> name;
};

// Container- and pod-level security contexts share these fields; the ones a
// level lacks stay absent.
struct SecurityContext {
  const yaml::Node* key = nullptr;
  const yaml::Node* node = nullptr;
  Field<bool> privileged;
  Field<bool> allow_privilege_escalation;
  Field<bool> read_only_root_filesystem;
  Field<bool> run_as_non_root;
  Field<int64_t> run_as_user;
  Field<int64_t> run_as_group;
  std::optional<Capabilities> capabilities;
  const yaml::Node* seccomp_profile = nullptr;
  // What the Pod Security Standards read besides. A profile's key is null
  // when it is absent or written null (no profile).
  const yaml::Node* seccomp_profile_key = nullptr;
  Field<std::string_view> seccomp_type;  // seccompProfile.type
  const yaml::Node* app_armor_profile_key = nullptr;
  const yaml::Node* app_armor_profile = nullptr;  // its mapping
  Field<std::string_view> app_armor_type;         // appArmorProfile.type
  std::optional<SeLinuxOptions> se_linux_options;
  Field<std::string_view> proc_mount;  // container level
  Field<bool> windows_host_process;    // windowsOptions.hostProcess
  std::vector<Sysctl> sysctls;         // pod level
};

enum class ContainerKind { Init, Regular, Ephemeral };

struct Container {
  ContainerKind kind = ContainerKind::Regular;
  size_t index = 0;  // position in its list
  const yaml::Node* node = nullptr;
  Field<std::string_view> name;
  Field<std::string_view> image;
  Field<std::string_view> image_pull_policy;
  Field<std::string_view> restart_policy;  // containers[].restartPolicy (sidecars)
  std::vector<ContainerPort> ports;
  std::optional<Probe> liveness_probe;
  std::optional<Probe> readiness_probe;
  std::optional<Probe> startup_probe;
  std::optional<ResourceRequirements> resources;
  std::vector<EnvVar> env;
  std::vector<EnvFromSource> env_from;
  const yaml::Node* command_key = nullptr;
  std::vector<Field<std::string_view>> command;
  const yaml::Node* args_key = nullptr;
  std::vector<Field<std::string_view>> args;
  std::vector<VolumeMount> volume_mounts;
  std::vector<VolumeDevice> volume_devices;
  std::optional<SecurityContext> security_context;
  // lifecycle.postStart and preStop; only their handlers are read.
  std::optional<Probe> post_start;
  std::optional<Probe> pre_stop;

  // An init container with restartPolicy: Always runs beside the regular
  // containers for the pod's whole life.
  bool is_sidecar() const {
    return kind == ContainerKind::Init && restart_policy.valid() && restart_policy.value == "Always";
  }
  // Runs for the pod's whole life: a regular container or a sidecar.
  bool is_long_running() const { return kind == ContainerKind::Regular || is_sidecar(); }
  // The list's field name: "containers", "initContainers" or "ephemeralContainers".
  std::string_view list_name() const;
};

struct Volume {
  const yaml::Node* node = nullptr;
  Field<std::string_view> name;
  const yaml::Node* source_key = nullptr;  // "configMap", "emptyDir"... (first one found)
  Field<std::string_view> host_path;       // hostPath.path
  // Every key naming a volume source, in source order (a volume must have
  // exactly one).
  std::vector<const yaml::Node*> source_keys;
  // The ConfigMaps and Secrets it mounts: a configMap or secret source, or
  // the sources of a projected one.
  std::vector<ConfigRef> config_refs;

  // The source's name ("persistentVolumeClaim"); empty when it has none.
  std::string_view source() const { return source_key ? source_key->value : std::string_view(); }
};

struct PodSpec {
  const yaml::Node* node = nullptr;  // the PodSpec mapping
  std::vector<Container> init_containers;
  std::vector<Container> containers;
  std::vector<Container> ephemeral_containers;
  const yaml::Node* containers_key = nullptr;  // null when "containers" is absent
  Field<std::string_view> restart_policy;
  Field<bool> host_network;
  Field<bool> host_pid;
  Field<bool> host_ipc;
  std::vector<Volume> volumes;
  std::optional<SecurityContext> security_context;
  // Pod-level resources (spec.resources) and the runtime's overhead.
  std::optional<ResourceRequirements> resources;
  std::vector<ResourceQuantity> overhead;
  Field<bool> host_users;
  Field<std::string_view> os_name;  // os.name
  Field<bool> automount_service_account_token;
  Field<std::string_view> service_account_name;
  Field<std::string_view> service_account;  // the deprecated alias of serviceAccountName

  // Every container in source order of the lists: init, regular, ephemeral.
  std::vector<const Container*> all_containers() const;
};

// A Kubernetes object of a document (or an item of a List).
struct Workload {
  const yaml::Node* object = nullptr;  // the object's mapping
  Field<std::string_view> api_version;
  Field<std::string_view> kind;
  Field<std::string_view> name;        // metadata.name (or generateName when no name)
  Field<std::string_view> namespace_;  // metadata.namespace
  const yaml::Node* metadata_key = nullptr;
  const yaml::Node* metadata = nullptr;
  Field<std::string_view> generate_name;  // metadata.generateName as written
  // The pod template's metadata mapping (annotations), null for a Pod.
  const yaml::Node* template_metadata = nullptr;
  const yaml::Node* labels = nullptr;  // metadata.labels
  // Its pods' annotations: a Pod's own metadata.annotations, a pod
  // template's; null when there are none.
  const yaml::Node* pod_annotations = nullptr;
  // The labels its pods carry: a Pod's own metadata.labels, a controller's
  // pod template's; null when there are none.
  const yaml::Node* pod_labels = nullptr;
  const yaml::Node* spec = nullptr;  // the object's spec, as written
  // spec.selector, of the kinds that have one: a label selector (a map for
  // a ReplicationController or a Service); null when absent or null.
  const yaml::Node* selector_key = nullptr;
  const yaml::Node* selector = nullptr;
  // Where the pod spec sits: "spec", "template.spec" (PodTemplate),
  // "spec.template.spec", "spec.jobTemplate.spec.template.spec"; empty for
  // kinds without one.
  std::string_view pod_spec_path;
  // The pod spec, when the kind carries one and it is a mapping.
  std::optional<PodSpec> pod_spec;

  bool is_job() const { return kind.value == "Job" || kind.value == "CronJob"; }
  // Whether its pods run to completion rather than for ever: those of Jobs
  // and CronJobs, pods with restartPolicy Never or OnFailure, and Helm test
  // hooks (a Pod annotated helm.sh/hook: test).
  bool runs_to_completion() const;
};

// The top-level fields of a mapping that say which object it is:
// apiVersion and kind (Kubernetes' TypeMeta), metadata and spec, and for a
// List (a kind ending in "List") its items.
struct ObjectHeader {
  const yaml::Node* object = nullptr;  // the mapping
  Field<std::string_view> api_version;
  Field<std::string_view> kind;
  const yaml::Node* metadata_key = nullptr;
  const yaml::Node* metadata = nullptr;
  Field<std::string_view> name;           // metadata.name (or generateName when no name)
  Field<std::string_view> namespace_;     // metadata.namespace
  Field<std::string_view> generate_name;  // metadata.generateName as written
  const yaml::Node* labels = nullptr;     // metadata.labels
  const yaml::Node* spec = nullptr;
  // A List's items (a sequence) when apiVersion and kind are present; else null.
  const yaml::Node* items = nullptr;
  bool list_item = false;  // an item of a List's items

  bool has_type() const { return api_version.present() && kind.present(); }
};

// The string entries of a map such as labels or a selector's matchLabels, as
// Kubernetes reads them (merge keys followed, a duplicate key's last value
// winning); entries whose key or value is not a string are left out.
std::vector<std::pair<std::string_view, std::string_view>> string_map(const yaml::Node* map);

// The header of every mapping of a document that stands where an object
// must: the root, and the items of a List that has apiVersion and kind (of
// nested Lists too), a List before its items.
std::vector<ObjectHeader> object_headers(const yaml::Document& document);

// The objects of a document: its root when it has apiVersion and kind (other
// documents are skipped quietly), with a List's items expanded. Any kind is
// returned; only the ones that carry a pod spec get pod_spec.
std::vector<Workload> extract_workloads(const yaml::Document& document);

}  // namespace podlint::model
