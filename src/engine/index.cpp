#include "engine/index.hpp"

#include <algorithm>
#include <iterator>

#include "engine/ordered_work.hpp"
#include "model/objects.hpp"
#include "model/pod.hpp"
#include "model/scalar.hpp"
#include "model/selector.hpp"
#include "yaml/batches.hpp"

namespace podlint {

namespace {

// A top-level boolean of an object (the last one written).
std::optional<bool> top_level_bool(const yaml::Node& object, std::string_view name) {
  std::optional<bool> out;
  for (const yaml::Pair& pair : yaml::resolve(object).pairs) {
    if (yaml::resolve(*pair.key).value == name) out = model::parse_bool(yaml::resolve(*pair.value));
  }
  return out;
}

bool same_key(const ObjectRef& a, const ObjectRef& b) {
  return a.kind == b.kind && a.namespace_ == b.namespace_ && a.name == b.name;
}

// A namespace as the API server places an object: none given is "default".
std::string_view placed_in(std::string_view namespace_) {
  return namespace_.empty() ? std::string_view("default") : namespace_;
}

std::string text(const model::Field<std::string_view>& field) {
  return field.valid() ? std::string(field.value) : std::string();
}

bool has_entry(const std::vector<model::ResourceQuantity>& list, std::string_view name) {
  return std::any_of(list.begin(), list.end(), [&](const model::ResourceQuantity& q) {
    return q.name == name && model::scalar_type(*q.value) != model::ScalarType::Null;
  });
}

// What the object's pods are: replicas, ports, containers without cpu.
void add_pod_facts(const model::Workload& w, IndexedObject& o) {
  const std::string_view kind = w.kind.value;
  o.makes_pods = true;
  o.runs_to_completion = w.runs_to_completion();
  if (kind == "Pod") {
    o.replicas = 1;
  } else if (kind == "Deployment" || kind == "ReplicaSet" || kind == "StatefulSet" ||
             kind == "ReplicationController") {
    const yaml::Node* replicas = w.spec && w.spec->is_mapping() ? yaml::find(*w.spec, "replicas") : nullptr;
    const bool unset = !replicas || model::scalar_type(*replicas) == model::ScalarType::Null;
    o.replicas = unset ? std::optional<int64_t>(1) : model::parse_int(*replicas);
  }
  for (const model::Container* c : w.pod_spec->all_containers()) {
    if (!c->is_long_running()) continue;
    for (const model::ContainerPort& port : c->ports) {
      if (!port.container_port.valid()) continue;
      o.ports.push_back({.container = text(c->name),
                         .name = text(port.name),
                         .number = port.container_port.value,
                         .protocol = port.protocol.valid() && !port.protocol.value.empty()
                                         ? std::string(port.protocol.value)
                                         : std::string("TCP")});
    }
    if (c->kind != model::ContainerKind::Regular) continue;
    // A request missing from the manifest defaults to the limit.
    const auto requests = [&](std::string_view resource) {
      return c->resources &&
             (has_entry(c->resources->requests, resource) || has_entry(c->resources->limits, resource));
    };
    if (!requests("cpu")) o.containers_without_cpu_request.push_back(text(c->name));
    if (!requests("memory")) o.containers_without_memory_request.push_back(text(c->name));
  }
}

}  // namespace

uint64_t RunIndex::key(std::string_view kind, std::string_view namespace_, std::string_view name) {
  // Each name's hash, mixed in order (boost's hash_combine, in 64 bits).
  const std::hash<std::string_view> hash;
  uint64_t key = hash(kind);
  for (const std::string_view part : {namespace_, name})
    key ^= hash(part) + 0x9e3779b97f4a7c15ULL + (key << 12) + (key >> 4);
  return key;
}

void RunIndex::add_input(const std::string& input, std::string_view content, unsigned jobs) {
  const std::string_view name = *inputs_.emplace_back(std::make_unique<const std::string>(input));
  // A batch of documents at a time: a long stream is never one tree.
  const std::vector<yaml::Batch> batches = yaml::split_documents(content, yaml::kBatchBytes);
  if (jobs <= 1 || batches.size() == 1) {
    for (const yaml::Batch& batch : batches)
      add_batch(name, yaml::parse(batch));
    return;
  }
  std::vector<RunIndex> parts(batches.size());
  in_order(
      batches.size(), jobs, [&](size_t i) { parts[i].add_batch(name, yaml::parse(batches[i])); },
      [&](size_t i) { merge(std::move(parts[i])); });
}

void RunIndex::add_batch(std::string_view input, const yaml::Stream& stream) {
  for (const auto& document : stream.documents) {
    if (document.broken()) continue;
    for (const model::Workload& w : model::extract_workloads(document)) {
      IndexedObject o;
      o.ref = {text(w.api_version), text(w.kind), text(w.namespace_), text(w.name)};
      o.input = input;
      o.span = w.object->span;
      if (w.kind.value == "Namespace" && o.ref.namespace_.empty())
        namespace_labels_.try_emplace(o.ref.name, model::read_labels(w.labels));  // the first wins
      o.pod_labels = model::read_labels(w.pod_labels);
      if (w.kind.value == "ConfigMap" || w.kind.value == "Secret") {
        for (const auto& key : model::config_keys(w))
          if (key.valid()) o.keys.emplace_back(key.value);
        const yaml::Node* type = yaml::find(*w.object, "type");
        o.keys_filled_in = type && type->value == "kubernetes.io/service-account-token";
      }
      if (w.kind.value == "ServiceAccount")
        o.automount_service_account_token = top_level_bool(*w.object, "automountServiceAccountToken");
      if (w.pod_spec) add_pod_facts(w, o);
      add(std::move(o));
    }
  }
}

void RunIndex::add(IndexedObject object) {
  const auto position = static_cast<uint32_t>(objects_.size());
  const ObjectRef& ref = object.ref;
  // Only the first object of a key is listed (the one find() gives): a
  // thousand objects of one name make no list to walk.
  const uint64_t hash = key(ref.kind, ref.namespace_, ref.name);
  const auto [first, last] = by_key_.equal_range(hash);
  if (std::none_of(first, last, [&](const auto& entry) { return same_key(objects_[entry.second].ref, ref); }))
    by_key_.emplace(hash, position);
  if (object.makes_pods) {
    const std::string_view namespace_ = placed_in(ref.namespace_);
    makers_by_namespace_[std::string(namespace_)].push_back(position);
    for (const auto& [label, value] : object.pod_labels) {
      std::vector<uint32_t>& labelled = makers_by_label_[key(namespace_, label, value)];
      // A label written twice lists the object once.
      if (labelled.empty() || labelled.back() != position) labelled.push_back(position);
    }
  }
  objects_.push_back(std::move(object));
}

void RunIndex::merge(RunIndex&& other) {
  std::vector<std::unique_ptr<const std::string>> inputs = std::move(inputs_);
  std::move(other.inputs_.begin(), other.inputs_.end(), std::back_inserter(inputs));
  // The first objects are taken whole: a run of one long input never holds
  // its index twice.
  if (objects_.empty()) {
    *this = std::move(other);
  } else {
    for (IndexedObject& object : other.objects_)
      add(std::move(object));
    // This index's objects come first: a Namespace here wins.
    for (auto& [name, labels] : other.namespace_labels_)
      namespace_labels_.try_emplace(name, std::move(labels));
  }
  inputs_ = std::move(inputs);
  other = RunIndex();
}

const IndexedObject* RunIndex::find(std::string_view kind, std::string_view namespace_,
                                    std::string_view name) const {
  // The first object of the key; others of the same hash are rare.
  const auto [first, last] = by_key_.equal_range(key(kind, namespace_, name));
  for (auto it = first; it != last; ++it) {
    const ObjectRef& ref = objects_[it->second].ref;
    if (ref.kind == kind && ref.namespace_ == namespace_ && ref.name == name) return &objects_[it->second];
  }
  return nullptr;
}

const IndexedObject* RunIndex::find_in_namespace(std::string_view kind, std::string_view namespace_,
                                                 std::string_view name) const {
  if (const IndexedObject* found = find(kind, namespace_, name)) return found;
  if (namespace_.empty()) return find(kind, "default", name);
  if (namespace_ == "default") return find(kind, "", name);
  return nullptr;
}

const StringMap* RunIndex::namespace_labels(std::string_view name) const {
  const auto it = namespace_labels_.find(std::string(name));
  return it == namespace_labels_.end() ? nullptr : &it->second;
}

std::span<const uint32_t> RunIndex::pod_makers(std::string_view namespace_) const {
  const auto it = makers_by_namespace_.find(std::string(placed_in(namespace_)));
  return it == makers_by_namespace_.end() ? std::span<const uint32_t>() : it->second;
}

std::span<const uint32_t> RunIndex::pod_makers_labelled(std::string_view namespace_, std::string_view label,
                                                        std::string_view value) const {
  const auto it = makers_by_label_.find(key(placed_in(namespace_), label, value));
  return it == makers_by_label_.end() ? std::span<const uint32_t>() : it->second;
}

}  // namespace podlint
