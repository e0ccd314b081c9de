// invalid-scheduling: scheduling constraints the API server rejects:
// tolerations, node affinity requirements, pod affinity label keys,
// topology spread constraints, scheduling gates.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "schema/formats.hpp"
#include "support/fields.hpp"
#include "support/selectors.hpp"

namespace podlint {
namespace {

std::vector<std::string_view> strings(const yaml::Node* list) {
  std::vector<std::string_view> out;
  for (const yaml::Node* item : rules::items(list))
    if (const auto s = rules::string_value(item)) out.push_back(*s);
  return out;
}

// The label keys a LabelSelector constrains.
std::vector<std::string_view> selector_keys(const yaml::Node* selector) {
  std::vector<std::string_view> keys;
  if (const yaml::Node* labels = rules::mapping_field(selector, "matchLabels"))
    for (const yaml::Pair& pair : labels->pairs)
      keys.push_back(yaml::resolve(*pair.key).value);
  for (const yaml::Node* e : rules::items(rules::field(selector, "matchExpressions")))
    if (const auto key = rules::string_value(rules::field(e, "key"))) keys.push_back(*key);
  return keys;
}

bool contains(const std::vector<std::string_view>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

class InvalidScheduling final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-scheduling",
        .severity = Severity::Error,
        .category = Category::Scheduling,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    const yaml::Node* spec = w.pod_spec->node;
    check_tolerations(spec, reporter);
    check_node_affinity(spec, reporter);
    for (const yaml::Node* term : rules::pod_affinity_terms(spec))
      check_label_keys(term, "a pod affinity term", {"matchLabelKeys", "mismatchLabelKeys"}, reporter);
    check_topology_spread(spec, reporter);
    check_gates(spec, w.kind.value == "Pod", reporter);
  }

 private:
  static void check_tolerations(const yaml::Node* spec, Reporter& reporter) {
    for (const yaml::Node* t : rules::items(rules::field(spec, "tolerations"))) {
      const auto key = rules::string_value(rules::field(t, "key")).value_or("");
      const auto op = rules::string_value(rules::field(t, "operator")).value_or("Equal");
      const yaml::Node* value_node = rules::field(t, "value");
      const auto value = rules::string_value(value_node).value_or("");
      if (key.empty() && op != "Exists")
        reporter.report(t->span, "a toleration without a key matches every taint only with operator: Exists");
      if (op == "Exists" && !value.empty())
        reporter.report(value_node->span,
                        fmt::format("the toleration of \"{}\" uses operator Exists, which takes no "
                                    "value",
                                    key));
      if (op != "Exists" && !value.empty() && !schema::matches_format(schema::Format::LabelValue, value))
        reporter.report(
            value_node->span,
            fmt::format("the value \"{}\" of the toleration of \"{}\" must be a label "
                        "value: it {}",
                        value, key, schema::describe_format_problems(schema::Format::LabelValue, value)));
      if (rules::field(t, "tolerationSeconds") &&
          rules::string_value(rules::field(t, "effect")) != "NoExecute")
        reporter.report(
            rules::field_span(t, "tolerationSeconds"),
            fmt::format("the toleration of \"{}\" sets tolerationSeconds, which only effect NoExecute "
                        "takes",
                        key));
    }
  }

  static void check_node_affinity(const yaml::Node* spec, Reporter& reporter) {
    const yaml::Node* node_affinity =
        rules::mapping_field(rules::mapping_field(spec, "affinity"), "nodeAffinity");
    const yaml::Node* required =
        rules::mapping_field(node_affinity, "requiredDuringSchedulingIgnoredDuringExecution");
    for (const yaml::Node* term : rules::items(rules::field(required, "nodeSelectorTerms")))
      check_term(term, true, reporter);
    for (const yaml::Node* preferred :
         rules::items(rules::field(node_affinity, "preferredDuringSchedulingIgnoredDuringExecution")))
      check_term(rules::mapping_field(preferred, "preference"), false, reporter);
  }

  static void check_term(const yaml::Node* term, bool required, Reporter& reporter) {
    for (const yaml::Node* r : rules::items(rules::field(term, "matchExpressions"))) {
      const auto key = rules::string_value(rules::field(r, "key")).value_or("");
      const auto op = rules::string_value(rules::field(r, "operator"));
      const yaml::Node* values_node = rules::field(r, "values");
      const auto values = rules::items(values_node);
      if (!op) continue;
      const std::string who = fmt::format("the node requirement on \"{}\"", key);
      if ((*op == "In" || *op == "NotIn") && values.empty())
        reporter.report(rules::field_span(r, "operator"), fmt::format("{} uses {} with no values", who, *op));
      if ((*op == "Exists" || *op == "DoesNotExist") && !values.empty())
        reporter.report(values_node->span, fmt::format("{} uses {}, which takes no values", who, *op));
      if (*op == "Gt" || *op == "Lt") {
        if (values.size() != 1)
          reporter.report(rules::field_span(r, "operator"),
                          fmt::format("{} uses {}, which takes exactly one value", who, *op));
        else if (const auto v = rules::string_value(values[0]); v && !model::parse_int(*v))
          reporter.report(values[0]->span,
                          fmt::format("{} compares with {}, so its value must be an integer, not "
                                      "\"{}\"",
                                      who, *op, *v));
      }
      if (!required || *op == "Gt" || *op == "Lt") continue;
      for (const yaml::Node* value : values)
        if (const auto v = rules::string_value(value);
            v && !schema::matches_format(schema::Format::LabelValue, *v))
          reporter.report(value->span,
                          fmt::format("{} lists \"{}\", which is no label value: it {}", who, *v,
                                      schema::describe_format_problems(schema::Format::LabelValue, *v)));
    }
    for (const yaml::Node* r : rules::items(rules::field(term, "matchFields"))) {
      const yaml::Node* key = rules::field(r, "key");
      const auto op = rules::string_value(rules::field(r, "operator")).value_or("");
      if (rules::string_value(key) != "metadata.name") {
        reporter.report(key ? key->span : r->span, "matchFields can only match the field metadata.name");
        continue;
      }
      if ((op != "In" && op != "NotIn") || rules::items(rules::field(r, "values")).size() != 1)
        reporter.report(r->span,
                        "matchFields on metadata.name takes operator In or NotIn with exactly one value");
    }
  }

  // matchLabelKeys (and mismatchLabelKeys) need a labelSelector, and name
  // label keys that neither the selector nor the other list constrain.
  static void check_label_keys(const yaml::Node* term, std::string_view who,
                               std::vector<std::string_view> fields, Reporter& reporter) {
    const yaml::Node* selector = rules::mapping_field(term, "labelSelector");
    const auto selected = selector_keys(selector);
    std::vector<std::string_view> seen;
    for (std::string_view field : fields) {
      const yaml::Node* list = rules::field(term, field);
      if (!list || rules::items(list).empty()) continue;
      if (!selector) {
        reporter.report(rules::field_span(term, field),
                        fmt::format("{} sets {} but no labelSelector, which it extends", who, field));
        continue;
      }
      for (const yaml::Node* item : rules::items(list)) {
        const auto key = rules::string_value(item);
        if (!key) continue;
        if (contains(selected, *key))
          reporter.report(
              item->span,
              fmt::format("label key \"{}\" of the {} of {} is also in its labelSelector", *key, field, who));
        else if (contains(seen, *key))
          reporter.report(item->span, fmt::format("label key \"{}\" is in both matchLabelKeys and "
                                                  "mismatchLabelKeys of {}",
                                                  *key, who));
      }
      const auto keys = strings(list);
      seen.insert(seen.end(), keys.begin(), keys.end());
    }
  }

  static void check_topology_spread(const yaml::Node* spec, Reporter& reporter) {
    std::vector<std::pair<std::string_view, std::string_view>> seen;
    for (const yaml::Node* c : rules::items(rules::field(spec, "topologySpreadConstraints"))) {
      const auto key = rules::string_value(rules::field(c, "topologyKey")).value_or("");
      const auto when = rules::string_value(rules::field(c, "whenUnsatisfiable")).value_or("");
      if (!key.empty() && !when.empty()) {
        const std::pair pair{key, when};
        if (std::find(seen.begin(), seen.end(), pair) != seen.end())
          reporter.report(
              rules::field_span(c, "topologyKey"),
              fmt::format("two topology spread constraints spread over \"{}\" with {}", key, when));
        seen.push_back(pair);
      }
      if (rules::field(c, "minDomains") && when != "DoNotSchedule")
        reporter.report(rules::field_span(c, "minDomains"),
                        "minDomains only applies with whenUnsatisfiable: DoNotSchedule");
      check_label_keys(c, "a topology spread constraint", {"matchLabelKeys"}, reporter);
    }
  }

  static void check_gates(const yaml::Node* spec, bool pod, Reporter& reporter) {
    const auto gates = rules::items(rules::field(spec, "schedulingGates"));
    std::vector<std::string_view> seen;
    for (const yaml::Node* gate : gates) {
      const yaml::Node* name = rules::field(gate, "name");
      const auto text = rules::string_value(name);
      if (!text) continue;
      if (contains(seen, *text))
        reporter.report(name->span, fmt::format("scheduling gate \"{}\" is listed twice", *text));
      seen.push_back(*text);
    }
    if (pod && !gates.empty() && !rules::string_value(rules::field(spec, "nodeName")).value_or("").empty())
      reporter.report(rules::field_span(spec, "nodeName"),
                      "a Pod created with schedulingGates may not set nodeName: it would bypass the gates");
  }
};

PODLINT_REGISTER_RULE(InvalidScheduling);

}  // namespace
}  // namespace podlint
