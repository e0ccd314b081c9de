#include "model/pod.hpp"

#include <algorithm>
#include <array>

#include "model/read.hpp"
#include "model/scalar.hpp"

namespace podlint::model {

template <class T>
yaml::Span Field<T>::span() const {
  if (node && node->span.begin.offset != node->span.end.offset) return node->span;
  if (key) return key->span;
  return node ? node->span : yaml::Span{};
}

template struct Field<int64_t>;
template struct Field<bool>;
template struct Field<std::string_view>;
template struct Field<IntOrString>;

std::string_view Container::list_name() const {
  switch (kind) {
    case ContainerKind::Init:
      return "initContainers";
    case ContainerKind::Ephemeral:
      return "ephemeralContainers";
    case ContainerKind::Regular:
      break;
  }
  return "containers";
}

std::vector<const Container*> PodSpec::all_containers() const {
  std::vector<const Container*> all;
  all.reserve(init_containers.size() + containers.size() + ephemeral_containers.size());
  for (const auto* list : {&init_containers, &containers, &ephemeral_containers})
    for (const Container& c : *list)
      all.push_back(&c);
  return all;
}

namespace {

using yaml::Node;
using namespace read;

// Lists nested in Lists.
constexpr int kMaxListDepth = 16;
// Up to this many entries, duplicates are found by comparing pairs.
constexpr size_t kSmallList = 16;

ContainerPort parse_port(const Node& node) {
  ContainerPort port;
  port.node = &node;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "containerPort") {
      assign(port.container_port, &key, value);
    } else if (name == "hostPort") {
      assign(port.host_port, &key, value);
    } else if (name == "name") {
      assign(port.name, &key, value);
    } else if (name == "protocol") {
      assign(port.protocol, &key, value);
    } else if (name == "hostIP") {
      assign(port.host_ip, &key, value);
    }
  };
  visit_entries(node, visit);
  return port;
}

Handler parse_handler(HandlerKind kind, const Node& key, const Node& node) {
  Handler handler;
  handler.kind = kind;
  handler.key = &key;
  handler.node = &node;
  auto visit = [&](std::string_view name, const Node& k, const Node& value) {
    if (name == "port") {
      if (kind == HandlerKind::Grpc) {
        assign(handler.grpc_port, &k, value);
      } else if (kind == HandlerKind::HttpGet || kind == HandlerKind::TcpSocket) {
        assign(handler.port, &k, value);
      }
    } else if (name == "path" && kind == HandlerKind::HttpGet) {
      assign(handler.path, &k, value);
    } else if (name == "host" && (kind == HandlerKind::HttpGet || kind == HandlerKind::TcpSocket)) {
      assign(handler.host, &k, value);
    }
  };
  visit_entries(node, visit);
  return handler;
}

std::optional<HandlerKind> handler_kind(std::string_view name) {
  if (name == "exec") return HandlerKind::Exec;
  if (name == "httpGet") return HandlerKind::HttpGet;
  if (name == "tcpSocket") return HandlerKind::TcpSocket;
  if (name == "grpc") return HandlerKind::Grpc;
  if (name == "sleep") return HandlerKind::Sleep;
  return std::nullopt;
}

std::optional<Probe> parse_probe(const Node& key, const Node& node) {
  if (is_null(node)) return std::nullopt;  // JSON null: no probe
  Probe probe;
  probe.key = &key;
  probe.node = &node;
  // One slot per kind so that a duplicate handler key keeps its last value.
  std::array<std::optional<Handler>, 5> slots;
  auto visit = [&](std::string_view name, const Node& k, const Node& value) {
    if (const auto kind = handler_kind(name)) {
      slots[static_cast<size_t>(*kind)] = parse_handler(*kind, k, value);
    } else if (name == "initialDelaySeconds") {
      assign(probe.initial_delay_seconds, &k, value);
    } else if (name == "periodSeconds") {
      assign(probe.period_seconds, &k, value);
    } else if (name == "timeoutSeconds") {
      assign(probe.timeout_seconds, &k, value);
    } else if (name == "successThreshold") {
      assign(probe.success_threshold, &k, value);
    } else if (name == "failureThreshold") {
      assign(probe.failure_threshold, &k, value);
    } else if (name == "terminationGracePeriodSeconds") {
      assign(probe.termination_grace_period_seconds, &k, value);
    }
  };
  visit_entries(node, visit);
  for (auto& slot : slots)
    if (slot) probe.handlers.push_back(std::move(*slot));
  std::sort(probe.handlers.begin(), probe.handlers.end(), [](const Handler& a, const Handler& b) {
    return a.key->span.begin.offset < b.key->span.begin.offset;
  });
  return probe;
}

// requests/limits entries in source order; a duplicate resource name keeps
// its last occurrence.
std::vector<ResourceQuantity> parse_quantities(const Node& node) {
  std::vector<ResourceQuantity> entries;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    entries.push_back({&key, &value, name, value.is_scalar() ? value.value : std::string_view{}});
  };
  visit_entries(node, visit);
  // Few entries: compare each with the later ones. Many: sort indices, so
  // that hostile input stays O(n log n).
  std::vector<bool> dropped(entries.size(), false);
  bool any_dropped = false;
  if (entries.size() <= kSmallList) {
    for (size_t i = 0; i < entries.size(); ++i)
      for (size_t j = i + 1; j < entries.size() && !dropped[i]; ++j)
        dropped[i] = entries[i].name == entries[j].name;
  } else {
    std::vector<size_t> order(entries.size());
    for (size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return entries[a].name < entries[b].name; });
    for (size_t i = 0; i + 1 < order.size(); ++i)
      dropped[order[i]] = entries[order[i]].name == entries[order[i + 1]].name;
  }
  for (bool d : dropped)
    any_dropped |= d;
  if (!any_dropped) return entries;
  std::vector<ResourceQuantity> kept;
  kept.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i)
    if (!dropped[i]) kept.push_back(entries[i]);
  return kept;
}

std::optional<ResourceRequirements> parse_resources(const Node& key, const Node& node) {
  if (is_null(node)) return std::nullopt;
  ResourceRequirements resources;
  resources.key = &key;
  resources.node = &node;
  auto visit = [&](std::string_view name, const Node& k, const Node& value) {
    if (name == "requests") {
      resources.requests_key = &k;
      resources.requests = parse_quantities(value);
    } else if (name == "limits") {
      resources.limits_key = &k;
      resources.limits = parse_quantities(value);
    }
  };
  visit_entries(node, visit);
  return resources;
}

KeyToPath parse_key_to_path(const Node& node) {
  KeyToPath item;
  item.node = &node;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "key") {
      assign(item.key, &key, value);
    } else if (name == "path") {
      assign(item.path, &key, value);
    }
  };
  visit_entries(node, visit);
  return item;
}

// A configMap/secret reference of any shape; `name_field` is "secretName"
// in a secret volume, else "name".
ConfigRef parse_config_ref(const Node& key, const Node& node, bool secret,
                           std::string_view name_field = "name") {
  ConfigRef ref;
  ref.key = &key;
  ref.node = &node;
  ref.secret = secret;
  auto visit = [&](std::string_view name, const Node& k, const Node& value) {
    if (name == name_field) {
      assign(ref.name, &k, value);
    } else if (name == "key") {
      assign(ref.item_key, &k, value);
    } else if (name == "optional") {
      assign(ref.optional, &k, value);
    } else if (name == "items") {
      ref.items =
          parse_list<KeyToPath>(value, [](size_t, const Node& item) { return parse_key_to_path(item); });
    }
  };
  visit_entries(node, visit);
  return ref;
}

void parse_value_from(EnvVar& env, const Node& node) {
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (is_null(value)) return;  // an explicit null is no source
    if (name == "configMapKeyRef" || name == "secretKeyRef") {
      env.key_refs.push_back(parse_config_ref(key, value, name == "secretKeyRef"));
    } else if (name == "fieldRef") {
      if (const Node* path = child(&value, "fieldPath")) assign(env.field_path, nullptr, *path);
    } else if (name == "resourceFieldRef") {
      if (const Node* resource = child(&value, "resource")) assign(env.resource, nullptr, *resource);
      env.divisor = child(&value, "divisor");
    } else if (name != "fileKeyRef") {
      return;
    }
    env.sources.push_back(&key);
  };
  visit_entries(node, visit);
  const auto by_position = [](const Node* a, const Node* b) {
    return a->span.begin.offset < b->span.begin.offset;
  };
  std::sort(env.sources.begin(), env.sources.end(), by_position);
}

EnvVar parse_env_var(const Node& node) {
  EnvVar env;
  env.node = &node;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "name") {
      assign(env.name, &key, value);
    } else if (name == "value") {
      assign(env.value, &key, value);
    } else if (name == "valueFrom") {
      // A duplicate valueFrom replaces the earlier one whole.
      env.sources.clear();
      env.key_refs.clear();
      env.field_path = {};
      env.resource = {};
      env.divisor = nullptr;
      env.value_from_key = &key;
      env.value_from = &value;
      parse_value_from(env, value);
    }
  };
  visit_entries(node, visit);
  return env;
}

EnvFromSource parse_env_from(const Node& node) {
  EnvFromSource source;
  source.node = &node;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "secretRef") source.secret_ref = &key;
    if (name == "configMapRef") source.config_map_ref = &key;
    if (name == "prefix") {
      assign(source.prefix, &key, value);
    } else if ((name == "configMapRef" || name == "secretRef") && !is_null(value)) {
      source.sources.push_back(&key);
      source.refs.push_back(parse_config_ref(key, value, name == "secretRef"));
    }
  };
  visit_entries(node, visit);
  return source;
}

VolumeMount parse_volume_mount(const Node& node) {
  VolumeMount mount;
  mount.node = &node;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "name") {
      assign(mount.name, &key, value);
    } else if (name == "mountPath") {
      assign(mount.mount_path, &key, value);
    } else if (name == "subPath") {
      assign(mount.sub_path, &key, value);
    } else if (name == "subPathExpr") {
      assign(mount.sub_path_expr, &key, value);
    } else if (name == "readOnly") {
      assign(mount.read_only, &key, value);
    } else if (name == "mountPropagation") {
      assign(mount.mount_propagation, &key, value);
    } else if (name == "recursiveReadOnly") {
      assign(mount.recursive_read_only, &key, value);
    }
  };
  visit_entries(node, visit);
  return mount;
}

VolumeDevice parse_volume_device(const Node& node) {
  VolumeDevice device;
  device.node = &node;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "name") {
      assign(device.name, &key, value);
    } else if (name == "devicePath") {
      assign(device.device_path, &key, value);
    }
  };
  visit_entries(node, visit);
  return device;
}

std::optional<Capabilities> parse_capabilities(const Node& key, const Node& node) {
  if (is_null(node)) return std::nullopt;
  Capabilities caps;
  caps.key = &key;
  caps.node = &node;
  auto visit = [&](std::string_view name, const Node&, const Node& value) {
    if (name == "add") {
      caps.add = parse_scalar_list(value);
    } else if (name == "drop") {
      caps.drop = parse_scalar_list(value);
    }
  };
  visit_entries(node, visit);
  return caps;
}

// A string field of a mapping: `field` of node.
void assign_child(Field<std::string_view>& out, const Node& mapping, std::string_view field) {
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == field) assign(out, &key, value);
  };
  visit_entries(mapping, visit);
}

std::optional<SeLinuxOptions> parse_se_linux_options(const Node& key, const Node& node) {
  if (is_null(node)) return std::nullopt;
  SeLinuxOptions options;
  options.key = &key;
  options.node = &node;
  auto visit = [&](std::string_view name, const Node& k, const Node& value) {
    if (name == "type") {
      assign(options.type, &k, value);
    } else if (name == "user") {
      assign(options.user, &k, value);
    } else if (name == "role") {
      assign(options.role, &k, value);
    }
  };
  visit_entries(node, visit);
  return options;
}

// The pod level lacks privileged, allowPrivilegeEscalation,
// readOnlyRootFilesystem and capabilities: those keys are ignored there.
std::optional<SecurityContext> parse_security_context(const Node& key, const Node& node,
                                                      bool container_level) {
  if (is_null(node)) return std::nullopt;
  SecurityContext sc;
  sc.key = &key;
  sc.node = &node;
  auto visit = [&](std::string_view name, const Node& k, const Node& value) {
    if (name == "runAsNonRoot") {
      assign(sc.run_as_non_root, &k, value);
    } else if (name == "runAsUser") {
      assign(sc.run_as_user, &k, value);
    } else if (name == "runAsGroup") {
      assign(sc.run_as_group, &k, value);
    } else if (name == "seccompProfile") {
      sc.seccomp_profile = &value;
      sc.seccomp_profile_key = is_null(value) ? nullptr : &k;
      sc.seccomp_type = {};
      if (sc.seccomp_profile_key) assign_child(sc.seccomp_type, value, "type");
    } else if (name == "appArmorProfile") {
      sc.app_armor_profile = is_null(value) ? nullptr : &value;
      sc.app_armor_profile_key = sc.app_armor_profile ? &k : nullptr;
      sc.app_armor_type = {};
      if (sc.app_armor_profile) assign_child(sc.app_armor_type, value, "type");
    } else if (name == "seLinuxOptions") {
      sc.se_linux_options = parse_se_linux_options(k, value);
    } else if (name == "windowsOptions") {
      sc.windows_host_process = {};
      auto host_process = [&](std::string_view field, const Node& hk, const Node& hv) {
        if (field == "hostProcess") assign(sc.windows_host_process, &hk, hv);
      };
      visit_entries(value, host_process);
    } else if (!container_level) {
      if (name == "sysctls") {
        sc.sysctls = parse_list<Sysctl>(value, [](size_t, const Node& item) {
          Sysctl sysctl{.node = &item, .name = {}};
          assign_child(sysctl.name, item, "name");
          return sysctl;
        });
      }
      return;
    } else if (name == "procMount") {
      assign(sc.proc_mount, &k, value);
    } else if (name == "privileged") {
      assign(sc.privileged, &k, value);
    } else if (name == "allowPrivilegeEscalation") {
      assign(sc.allow_privilege_escalation, &k, value);
    } else if (name == "readOnlyRootFilesystem") {
      assign(sc.read_only_root_filesystem, &k, value);
    } else if (name == "capabilities") {
      sc.capabilities = parse_capabilities(k, value);
    }
  };
  visit_entries(node, visit);
  return sc;
}

Container parse_container(ContainerKind kind, size_t index, const Node& node) {
  Container c;
  c.kind = kind;
  c.index = index;
  c.node = &node;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "name") {
      assign(c.name, &key, value);
    } else if (name == "image") {
      assign(c.image, &key, value);
    } else if (name == "imagePullPolicy") {
      assign(c.image_pull_policy, &key, value);
    } else if (name == "restartPolicy") {
      assign(c.restart_policy, &key, value);
    } else if (name == "ports") {
      c.ports = parse_list<ContainerPort>(value, [](size_t, const Node& item) { return parse_port(item); });
    } else if (name == "livenessProbe") {
      c.liveness_probe = parse_probe(key, value);
    } else if (name == "readinessProbe") {
      c.readiness_probe = parse_probe(key, value);
    } else if (name == "startupProbe") {
      c.startup_probe = parse_probe(key, value);
    } else if (name == "resources") {
      c.resources = parse_resources(key, value);
    } else if (name == "env") {
      c.env = parse_list<EnvVar>(value, [](size_t, const Node& item) { return parse_env_var(item); });
    } else if (name == "envFrom") {
      c.env_from =
          parse_list<EnvFromSource>(value, [](size_t, const Node& item) { return parse_env_from(item); });
    } else if (name == "command") {
      c.command_key = &key;
      c.command = parse_scalar_list(value);
    } else if (name == "args") {
      c.args_key = &key;
      c.args = parse_scalar_list(value);
    } else if (name == "volumeMounts") {
      c.volume_mounts =
          parse_list<VolumeMount>(value, [](size_t, const Node& item) { return parse_volume_mount(item); });
    } else if (name == "volumeDevices") {
      c.volume_devices =
          parse_list<VolumeDevice>(value, [](size_t, const Node& item) { return parse_volume_device(item); });
    } else if (name == "securityContext") {
      c.security_context = parse_security_context(key, value, true);
    } else if (name == "lifecycle") {
      auto hook = [&](std::string_view hook_name, const Node& hook_key, const Node& hook_value) {
        if (hook_name == "postStart") c.post_start = parse_probe(hook_key, hook_value);
        if (hook_name == "preStop") c.pre_stop = parse_probe(hook_key, hook_value);
      };
      visit_entries(value, hook);
    }
  };
  visit_entries(node, visit);
  return c;
}

std::vector<Container> parse_containers(ContainerKind kind, const Node& node) {
  return parse_list<Container>(node,
                               [kind](size_t i, const Node& item) { return parse_container(kind, i, item); });
}

constexpr std::string_view kVolumeSources[] = {"awsElasticBlockStore",
                                               "azureDisk",
                                               "azureFile",
                                               "cephfs",
                                               "cinder",
                                               "configMap",
                                               "csi",
                                               "downwardAPI",
                                               "emptyDir",
                                               "ephemeral",
                                               "fc",
                                               "flexVolume",
                                               "flocker",
                                               "gcePersistentDisk",
                                               "gitRepo",
                                               "glusterfs",
                                               "hostPath",
                                               "image",
                                               "iscsi",
                                               "nfs",
                                               "persistentVolumeClaim",
                                               "photonPersistentDisk",
                                               "portworxVolume",
                                               "projected",
                                               "quobyte",
                                               "rbd",
                                               "scaleIO",
                                               "secret",
                                               "storageos",
                                               "vsphereVolume"};

// The configMap and secret sources of a projected volume.
void parse_projected(const Node& projected, std::vector<ConfigRef>& out) {
  const Node* sources = child(&projected, "sources");
  if (!sources) return;
  for_each_item(*sources, [&](size_t, const Node& source) {
    auto visit = [&](std::string_view name, const Node& key, const Node& value) {
      if ((name == "configMap" || name == "secret") && value.is_mapping())
        out.push_back(parse_config_ref(key, value, name == "secret"));
    };
    visit_entries(source, visit);
  });
}

Volume parse_volume(const Node& node) {
  Volume volume;
  volume.node = &node;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "name") {
      assign(volume.name, &key, value);
      return;
    }
    const bool source =
        std::find(std::begin(kVolumeSources), std::end(kVolumeSources), name) != std::end(kVolumeSources);
    // An explicit null is no source (the API reads it as absent).
    if (!source || is_null(value)) return;
    // A duplicate key replaces its earlier value: it is one source.
    const auto same = std::find_if(volume.source_keys.begin(), volume.source_keys.end(),
                                   [&](const Node* k) { return k->value == name; });
    if (same != volume.source_keys.end()) volume.source_keys.erase(same);
    volume.source_keys.push_back(&key);
    if (name == "configMap" || name == "secret") {
      std::erase_if(volume.config_refs, [&](const ConfigRef& r) { return r.key->value == name; });
      if (value.is_mapping())
        volume.config_refs.push_back(
            parse_config_ref(key, value, name == "secret", name == "secret" ? "secretName" : "name"));
    } else if (name == "projected" && value.is_mapping()) {
      parse_projected(value, volume.config_refs);
    }
    if (name == "hostPath") assign_child(volume.host_path, value, "path");
  };
  visit_entries(node, visit);
  std::sort(volume.source_keys.begin(), volume.source_keys.end(),
            [](const Node* a, const Node* b) { return a->span.begin.offset < b->span.begin.offset; });
  if (!volume.source_keys.empty()) volume.source_key = volume.source_keys.front();
  return volume;
}

PodSpec parse_pod_spec(const Node& node) {
  PodSpec spec;
  spec.node = &node;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "containers") {
      spec.containers_key = &key;
      spec.containers = parse_containers(ContainerKind::Regular, value);
    } else if (name == "initContainers") {
      spec.init_containers = parse_containers(ContainerKind::Init, value);
    } else if (name == "ephemeralContainers") {
      spec.ephemeral_containers = parse_containers(ContainerKind::Ephemeral, value);
    } else if (name == "restartPolicy") {
      assign(spec.restart_policy, &key, value);
    } else if (name == "hostNetwork") {
      assign(spec.host_network, &key, value);
    } else if (name == "hostPID") {
      assign(spec.host_pid, &key, value);
    } else if (name == "hostIPC") {
      assign(spec.host_ipc, &key, value);
    } else if (name == "volumes") {
      spec.volumes = parse_list<Volume>(value, [](size_t, const Node& item) { return parse_volume(item); });
    } else if (name == "securityContext") {
      spec.security_context = parse_security_context(key, value, false);
    } else if (name == "resources") {
      spec.resources = parse_resources(key, value);
    } else if (name == "overhead") {
      spec.overhead = parse_quantities(value);
    } else if (name == "hostUsers") {
      assign(spec.host_users, &key, value);
    } else if (name == "os") {
      spec.os_name = {};
      assign_child(spec.os_name, value, "name");
    } else if (name == "automountServiceAccountToken") {
      assign(spec.automount_service_account_token, &key, value);
    } else if (name == "serviceAccountName") {
      assign(spec.service_account_name, &key, value);
    } else if (name == "serviceAccount") {
      assign(spec.service_account, &key, value);
    }
  };
  visit_entries(node, visit);
  return spec;
}

// A pod template's metadata and spec.
struct Template {
  const Node* metadata = nullptr;
  const Node* spec = nullptr;
};

Template read_template(const Node* node) {
  Template t;
  if (!node) return t;
  auto visit = [&](std::string_view name, const Node&, const Node& value) {
    if (name == "metadata") {
      t.metadata = &value;
    } else if (name == "spec") {
      t.spec = &value;
    }
  };
  visit_entries(*node, visit);
  return t;
}

void read_metadata(ObjectHeader& h, const Node& metadata) {
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "name") {
      assign(h.name, &key, value);
    } else if (name == "generateName") {
      assign(h.generate_name, &key, value);
    } else if (name == "namespace") {
      assign(h.namespace_, &key, value);
    } else if (name == "labels") {
      h.labels = mapping_or_null(&value);
    }
  };
  visit_entries(metadata, visit);
  // An empty name counts as none: the API server then generates one.
  if (h.generate_name.present() && !(h.name.valid() && !h.name.value.empty())) h.name = h.generate_name;
}

ObjectHeader read_header(const Node& object) {
  ObjectHeader h;
  h.object = &object;
  const Node* items = nullptr;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (name == "apiVersion") {
      assign(h.api_version, &key, value);
    } else if (name == "kind") {
      assign(h.kind, &key, value);
    } else if (name == "metadata") {
      h.metadata_key = &key;
      h.metadata = &value;
    } else if (name == "spec") {
      h.spec = &value;
    } else if (name == "items") {
      items = &value;
    }
  };
  visit_entries(object, visit);
  if (mapping_or_null(h.metadata)) read_metadata(h, *h.metadata);
  // kubectl also emits typed lists (PodList...) whose items are objects.
  if (h.has_type() && h.kind.valid() && h.kind.value.ends_with("List") && items && items->is_sequence())
    h.items = items;
  return h;
}

void collect_headers(const Node& root, bool list_item, int list_depth, std::vector<ObjectHeader>& out) {
  const Node& object = yaml::resolve(root);
  if (!object.is_mapping()) return;
  out.push_back(read_header(object));
  out.back().list_item = list_item;
  const Node* items = out.back().items;
  if (!items || list_depth >= kMaxListDepth) return;
  for_each_item(*items, [&](size_t, const Node& item) { collect_headers(item, true, list_depth + 1, out); });
}

void extract(const ObjectHeader& header, std::vector<Workload>& out) {
  if (!header.has_type() || header.items) return;
  Workload w;
  w.object = header.object;
  w.api_version = header.api_version;
  w.kind = header.kind;
  w.name = header.name;
  w.namespace_ = header.namespace_;
  w.metadata_key = header.metadata_key;
  w.metadata = header.metadata;
  w.generate_name = header.generate_name;
  w.labels = header.labels;
  const Node* spec = header.spec;
  w.spec = spec;

  const std::string_view kind = w.kind.value;
  Template t;
  const Node* pod_spec = nullptr;
  if (kind == "Pod") {
    w.pod_spec_path = "spec";
    pod_spec = spec;
  } else if (kind == "PodTemplate") {
    w.pod_spec_path = "template.spec";
    t = read_template(child(header.object, "template"));
  } else if (kind == "ReplicationController" || kind == "Deployment" || kind == "StatefulSet" ||
             kind == "DaemonSet" || kind == "ReplicaSet" || kind == "Job") {
    w.pod_spec_path = "spec.template.spec";
    t = read_template(child(spec, "template"));
  } else if (kind == "CronJob") {
    w.pod_spec_path = "spec.jobTemplate.spec.template.spec";
    t = read_template(child(child(child(spec, "jobTemplate"), "spec"), "template"));
  }
  if (mapping_or_null(spec)) {
    auto visit = [&](std::string_view name, const Node& key, const Node& value) {
      if (name != "selector") return;
      w.selector_key = &key;
      w.selector = is_null(value) ? nullptr : &value;
    };
    visit_entries(*spec, visit);
  }
  if (!pod_spec) pod_spec = t.spec;
  w.template_metadata = mapping_or_null(t.metadata);
  w.pod_labels = kind == "Pod" ? header.labels : mapping_or_null(child(w.template_metadata, "labels"));
  w.pod_annotations = mapping_or_null(
      child(kind == "Pod" ? mapping_or_null(header.metadata) : w.template_metadata, "annotations"));
  if (mapping_or_null(pod_spec)) w.pod_spec = parse_pod_spec(*pod_spec);
  out.push_back(std::move(w));
}

}  // namespace

std::vector<std::pair<std::string_view, std::string_view>> string_map(const yaml::Node* map) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  if (map == nullptr) return out;
  auto visit = [&](std::string_view name, const Node& key, const Node& value) {
    if (scalar_type(key) != ScalarType::String || scalar_type(value) != ScalarType::String) return;
    const auto same =
        std::find_if(out.begin(), out.end(), [&](const auto& entry) { return entry.first == name; });
    if (same != out.end()) {
      same->second = value.value;
    } else {
      out.emplace_back(name, value.value);
    }
  };
  visit_entries(*map, visit);
  return out;
}

bool Workload::runs_to_completion() const {
  if (is_job()) return true;
  if (pod_spec && pod_spec->restart_policy.valid() &&
      (pod_spec->restart_policy.value == "Never" || pod_spec->restart_policy.value == "OnFailure"))
    return true;
  // Helm runs `helm test` hooks once and reads their exit status.
  const yaml::Node* annotations = kind.value == "Pod" && metadata && metadata->is_mapping()
                                      ? yaml::find(*metadata, "annotations")
                                      : nullptr;
  const yaml::Node* hook =
      annotations && annotations->is_mapping() ? yaml::find(*annotations, "helm.sh/hook") : nullptr;
  if (!hook || scalar_type(*hook) != ScalarType::String) return false;
  for (std::string_view test_hook : {"test", "test-success", "test-failure"}) {
    std::string_view hooks = hook->value;
    while (!hooks.empty()) {
      const size_t comma = hooks.find(',');
      std::string_view one = hooks.substr(0, comma);
      while (!one.empty() && one.front() == ' ')
        one.remove_prefix(1);
      while (!one.empty() && one.back() == ' ')
        one.remove_suffix(1);
      if (one == test_hook) return true;
      hooks = comma == std::string_view::npos ? std::string_view() : hooks.substr(comma + 1);
    }
  }
  return false;
}

std::vector<ObjectHeader> object_headers(const yaml::Document& document) {
  std::vector<ObjectHeader> headers;
  if (document.root) collect_headers(*document.root, false, 0, headers);
  return headers;
}

std::vector<Workload> extract_workloads(const yaml::Document& document) {
  std::vector<Workload> workloads;
  for (const ObjectHeader& header : object_headers(document))
    extract(header, workloads);
  return workloads;
}

}  // namespace podlint::model
