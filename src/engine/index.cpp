#include "engine/index.hpp"

#include "model/pod.hpp"
#include "model/scalar.hpp"
#include "yaml/parser.hpp"

namespace podlint {

namespace {

StringMap copy(const yaml::Node* map) {
  StringMap out;
  for (const auto& [key, value] : model::string_map(map))
    out.emplace_back(key, value);
  return out;
}

// A top-level boolean of an object (the last one written).
std::optional<bool> top_level_bool(const yaml::Node& object, std::string_view name) {
  std::optional<bool> out;
  for (const yaml::Pair& pair : yaml::resolve(object).pairs) {
    if (yaml::resolve(*pair.key).value == name) out = model::parse_bool(yaml::resolve(*pair.value));
  }
  return out;
}

std::string text(const model::Field<std::string_view>& field) {
  return field.valid() ? std::string(field.value) : std::string();
}

}  // namespace

std::string RunIndex::key(std::string_view kind, std::string_view namespace_, std::string_view name) {
  std::string key;
  key.reserve(kind.size() + namespace_.size() + name.size() + 2);
  key.append(kind).append(1, '\0').append(namespace_).append(1, '\0').append(name);
  return key;
}

void RunIndex::add_input(const std::string& input, std::string_view content) {
  const yaml::Stream stream = yaml::parse(content);
  for (const auto& document : stream.documents) {
    if (document.broken()) continue;
    for (const model::Workload& w : model::extract_workloads(document)) {
      by_key_.emplace(key(text(w.kind), text(w.namespace_), text(w.name)),
                      objects_.size());  // the first wins
      objects_.push_back(
          {.ref = {text(w.api_version), text(w.kind), text(w.namespace_), text(w.name)},
           .input = input,
           .span = w.object->span,
           .labels = copy(w.labels),
           .pod_labels = copy(w.pod_labels),
           .automount_service_account_token = w.kind.value == "ServiceAccount"
                                                  ? top_level_bool(*w.object, "automountServiceAccountToken")
                                                  : std::nullopt});
    }
  }
}

const IndexedObject* RunIndex::find(std::string_view kind, std::string_view namespace_,
                                    std::string_view name) const {
  const auto it = by_key_.find(key(kind, namespace_, name));
  return it == by_key_.end() ? nullptr : &objects_[it->second];
}

const StringMap* RunIndex::namespace_labels(std::string_view name) const {
  const IndexedObject* ns = find("Namespace", "", name);
  return ns == nullptr ? nullptr : &ns->labels;
}

}  // namespace podlint
