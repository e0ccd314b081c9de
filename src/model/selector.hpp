// Label selectors as Kubernetes matches them against labels. They hold copies
// of their strings, so the run index can keep them past their document.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "yaml/document.hpp"

namespace podlint::model {

using Labels = std::vector<std::pair<std::string, std::string>>;

struct SelectorRequirement {
  std::string key;
  std::string op;  // In, NotIn, Exists, DoesNotExist
  std::vector<std::string> values;

  // A known operator with values as it takes them (In and NotIn some,
  // Exists and DoesNotExist none): the API server rejects the others.
  bool well_formed() const;
};

struct LabelSelector {
  Labels match_labels;
  std::vector<SelectorRequirement> expressions;

  // An empty selector ({}) selects everything.
  bool empty() const { return match_labels.empty() && expressions.empty(); }
  // Whether labels satisfy every matchLabels entry and every expression; an
  // expression with an unknown operator matches nothing (the API rejects it).
  bool matches(const Labels& labels) const;
};

// A LabelSelector: {matchLabels: {...}, matchExpressions: [...]}.
LabelSelector read_label_selector(const yaml::Node& node);
// A plain map of labels (a ReplicationController's or a Service's selector).
LabelSelector read_map_selector(const yaml::Node& node);
// The string entries of a map such as labels, copied (string_map's).
Labels read_labels(const yaml::Node* map);

}  // namespace podlint::model
