// api-warning: what the API server accepts but answers with a warning: a
// null labelSelector in scheduling terms, overlapping volume item paths, an
// empty projected source, duplicate host alias IPs and image pull secrets,
// fractional bytes, hostIP without hostPort, a negative grace period, a
// CronJob name that is no DNS label.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "schema/formats.hpp"
#include "support/fields.hpp"
#include "support/pod_helpers.hpp"
#include "support/quantity.hpp"
#include "support/selectors.hpp"

namespace podlint {
namespace {

constexpr __int128 kMebibyteMilli = static_cast<__int128>(1024) * 1024 * 1000;

// Whether one path is the other, or a directory above it.
bool overlap(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  return b.starts_with(a) && (b.size() == a.size() || b[a.size()] == '/');
}

class ApiWarning final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "api-warning",
        .severity = Severity::Warning,
        .category = Category::Schema,
        .consequence = Consequence::Risk,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (w.kind.value == "CronJob" && w.name.valid() && !w.name.value.empty() &&
        w.name.key != w.generate_name.key &&
        !schema::matches_format(schema::Format::Dns1123Label, w.name.value))
      reporter.report(w.name.span(),
                      fmt::format("CronJob name \"{}\" is not a DNS label: it is used in the names "
                                  "and hostnames of its pods, where it may surprise",
                                  w.name.value));
    if (!w.pod_spec) return;
    const model::PodSpec& spec = *w.pod_spec;
    check_null_selectors(spec.node, reporter);
    for (const model::Volume& v : spec.volumes)
      check_volume_paths(v, reporter);
    check_duplicates(spec.node, "hostAliases", "ip", "host alias IP", false, reporter);
    check_duplicates(spec.node, "imagePullSecrets", "name", "image pull secret", true, reporter);
    for (const model::Container* c : spec.all_containers()) {
      if (c->resources) {
        check_fractional(c->resources->requests, rules::describe(*c), reporter);
        check_fractional(c->resources->limits, rules::describe(*c), reporter);
      }
      for (const model::ContainerPort& port : c->ports)
        if (port.host_ip.valid() && !port.host_ip.value.empty() &&
            !(port.host_port.valid() && port.host_port.value))
          reporter.report(port.host_ip.span(), fmt::format("a port of {} sets hostIP but no hostPort: hostIP "
                                                           "does nothing without it",
                                                           rules::describe(*c)));
    }
    check_fractional(spec.overhead, "the pod's overhead", reporter);
    const yaml::Node* grace = rules::field(spec.node, "terminationGracePeriodSeconds");
    if (const auto seconds = rules::int_value(grace); seconds && *seconds < 0)
      reporter.report(grace->span, fmt::format("terminationGracePeriodSeconds {} is negative: the API server "
                                               "treats it as 1",
                                               *seconds));
  }

 private:
  static void check_null_selectors(const yaml::Node* spec, Reporter& reporter) {
    for (const yaml::Node* term : rules::pod_affinity_terms(spec))
      if (!rules::field(term, "labelSelector"))
        reporter.report(term->span, "a pod affinity term without a labelSelector matches no pod");
    for (const yaml::Node* c : rules::items(rules::field(spec, "topologySpreadConstraints")))
      if (!rules::field(c, "labelSelector"))
        reporter.report(c->span,
                        "a topology spread constraint without a labelSelector matches no pod, so it "
                        "spreads nothing");
  }

  // Items of a configMap, secret, downwardAPI volume, or across the sources of
  // a projected one, whose paths are equal or one inside the other.
  static void check_volume_paths(const model::Volume& v, Reporter& reporter) {
    const yaml::Node* source = rules::mapping_field(v.node, v.source());
    std::vector<const yaml::Node*> paths;
    const auto add_items = [&](const yaml::Node* with_items) {
      for (const yaml::Node* item : rules::items(rules::field(with_items, "items")))
        if (const yaml::Node* path = rules::field(item, "path"); rules::string_value(path))
          paths.push_back(path);
    };
    const std::string_view kind = v.source();
    if (kind == "configMap" || kind == "secret" || kind == "downwardAPI") add_items(source);
    const bool projected = kind == "projected";
    if (projected) {
      for (const yaml::Node* s : rules::items(rules::field(source, "sources"))) {
        if (s->is_mapping() && s->pairs.empty())
          reporter.report(s->span, fmt::format("an entry of projected volume \"{}\" projects nothing",
                                               v.name.valid() ? v.name.value : std::string_view()));
        for (std::string_view name : {"configMap", "secret", "downwardAPI"})
          add_items(rules::mapping_field(s, name));
        for (std::string_view name : {"serviceAccountToken", "clusterTrustBundle"})
          if (const yaml::Node* path = rules::field(rules::mapping_field(s, name), "path");
              rules::string_value(path))
            paths.push_back(path);
      }
    }
    for (size_t i = 0; i < paths.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        const std::string_view a = paths[j]->value, b = paths[i]->value;
        // Equal paths across projected sources are rejected (invalid-volume).
        if (!overlap(a, b) || (projected && a == b)) continue;
        Diagnostic& d =
            reporter.report(paths[i]->span, fmt::format("path \"{}\" of volume \"{}\" overlaps \"{}\": "
                                                        "one file hides the other",
                                                        b, v.name.valid() ? v.name.value : "", a));
        d.related.push_back({paths[j]->span, "the other path"});
        break;
      }
    }
  }

  static void check_duplicates(const yaml::Node* spec, std::string_view list, std::string_view field,
                               std::string_view what, bool empty_is_ignored, Reporter& reporter) {
    std::vector<std::string_view> seen;
    for (const yaml::Node* item : rules::items(rules::field(spec, list))) {
      const yaml::Node* node = rules::field(item, field);
      const auto value = rules::string_value(node);
      if (!value) continue;
      if (value->empty() && empty_is_ignored)
        reporter.report(node->span, fmt::format("an {} with an empty {} is ignored", what, field));
      else if (std::find(seen.begin(), seen.end(), *value) != seen.end())
        reporter.report(node->span, fmt::format("{} \"{}\" is listed twice", what, *value));
      seen.push_back(*value);
    }
  }

  // Memory and ephemeral storage are whole bytes; values below 1Mi are
  // memory-too-small's.
  static void check_fractional(const std::vector<model::ResourceQuantity>& list, const std::string& who,
                               Reporter& reporter) {
    for (const model::ResourceQuantity& entry : list) {
      if (entry.name != "memory" && entry.name != "ephemeral-storage") continue;
      const auto q = rules::entry_quantity(entry);
      if (!q || q->is_integer() || (entry.name == "memory" && q->milli < kMebibyteMilli)) continue;
      reporter.report(entry.value->span, fmt::format("{} \"{}\" of {} is not a whole number of bytes",
                                                     entry.name, entry.quantity, who));
    }
  }
};

PODLINT_REGISTER_RULE(ApiWarning);

}  // namespace
}  // namespace podlint
