#include "model/selector.hpp"

#include <algorithm>

#include "model/pod.hpp"
#include "model/read.hpp"

namespace podlint::model {

namespace {

const std::string* label_value(const Labels& labels, const std::string& key) {
  const auto it = std::find_if(labels.begin(), labels.end(), [&](const auto& l) { return l.first == key; });
  return it == labels.end() ? nullptr : &it->second;
}

bool satisfies(const SelectorRequirement& r, const Labels& labels) {
  const std::string* value = label_value(labels, r.key);
  const auto listed = [&] {
    return value && std::find(r.values.begin(), r.values.end(), *value) != r.values.end();
  };
  if (r.op == "In") return listed();
  if (r.op == "NotIn") return !listed();
  if (r.op == "Exists") return value != nullptr;
  if (r.op == "DoesNotExist") return value == nullptr;
  return false;
}

}  // namespace

bool SelectorRequirement::well_formed() const {
  if (op == "In" || op == "NotIn") return !values.empty();
  if (op == "Exists" || op == "DoesNotExist") return values.empty();
  return false;
}

bool LabelSelector::matches(const Labels& labels) const {
  for (const auto& [key, value] : match_labels) {
    const std::string* found = label_value(labels, key);
    if (!found || *found != value) return false;
  }
  return std::all_of(expressions.begin(), expressions.end(),
                     [&](const SelectorRequirement& r) { return satisfies(r, labels); });
}

Labels read_labels(const yaml::Node* map) {
  Labels out;
  for (const auto& [key, value] : string_map(map))
    out.emplace_back(key, value);
  return out;
}

LabelSelector read_map_selector(const yaml::Node& node) {
  LabelSelector selector;
  selector.match_labels = read_labels(&node);
  return selector;
}

LabelSelector read_label_selector(const yaml::Node& node) {
  LabelSelector selector;
  auto visit = [&](std::string_view name, const yaml::Node&, const yaml::Node& value) {
    if (name == "matchLabels") {
      selector.match_labels = read_labels(&value);
    } else if (name == "matchExpressions") {
      selector.expressions.clear();
      read::for_each_item(value, [&](size_t, const yaml::Node& item) {
        SelectorRequirement r;
        auto field = [&](std::string_view field_name, const yaml::Node&, const yaml::Node& field_value) {
          std::string_view text;
          if (field_name == "key" && read::decode(field_value, text)) {
            r.key = std::string(text);
          } else if (field_name == "operator" && read::decode(field_value, text)) {
            r.op = std::string(text);
          } else if (field_name == "values") {
            r.values.clear();
            for (const auto& v : read::parse_scalar_list(field_value))
              if (v.valid()) r.values.emplace_back(v.value);
          }
        };
        read::visit_entries(item, field);
        selector.expressions.push_back(std::move(r));
      });
    }
  };
  read::visit_entries(node, visit);
  return selector;
}

}  // namespace podlint::model
