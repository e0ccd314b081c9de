// missing-resources: containers should state the requests and limits the cluster relies on.
#include <fmt/format.h>

#include <array>

#include "engine/rule.hpp"
#include "support/misspellings.hpp"
#include "support/pod_helpers.hpp"
#include "support/quantity.hpp"

namespace podlint {
namespace {

// "requests.cpu", "limits.memory": which entry a container must set.
std::string check_requirement(std::string_view item) {
  for (const std::string_view prefix : {"requests.", "limits."}) {
    if (item.starts_with(prefix) && item.size() > prefix.size()) return {};
  }
  return fmt::format("\"{}\" is not requests.RESOURCE or limits.RESOURCE", item);
}

const ListOption kRequired{
    "required", {"requests.cpu", "requests.memory", "limits.memory"}, check_requirement};
constexpr std::array<const OptionSpec*, 1> kOptions{&kRequired};

class MissingResources final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-resources",
        .severity = Severity::Warning,
        .category = Category::Resources,
        .consequence = Consequence::Risk,
        .options = kOptions,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const std::vector<std::string>& required = reporter.option(kRequired);
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      // A misspelt resources key is unknown-field's one finding.
      if (c->kind == model::ContainerKind::Ephemeral ||
          rules::misspelt(reporter.facts(), c->node, "resources"))
        continue;
      std::vector<std::string> missing;
      for (const std::string& entry : required) {
        const bool limit = entry.starts_with("limits.");
        const std::string_view resource = std::string_view(entry).substr(entry.find('.') + 1);
        if (!has(*c, resource, limit))
          missing.push_back(fmt::format("{} {}", resource, limit ? "limit" : "request"));
      }
      if (missing.empty()) continue;
      std::string list;
      for (size_t i = 0; i < missing.size(); ++i)
        list += (i == 0 ? "" : i + 1 == missing.size() ? " or " : ", ") + missing[i];
      const bool no_resources = !c->resources || !c->resources->key;
      reporter.report(no_resources ? rules::container_span(*c) : c->resources->key->span,
                      rules::describe(*c) + " has no " + list);
    }
  }

 private:
  static bool has(const model::Container& c, std::string_view resource, bool limit) {
    if (!c.resources) return false;
    auto set = [&](const std::vector<model::ResourceQuantity>& list) {
      const model::ResourceQuantity* entry = rules::find_entry(list, resource);
      return entry && !rules::is_null(entry->value);
    };
    // A missing request defaults to the limit.
    return set(c.resources->limits) || (!limit && set(c.resources->requests));
  }
};

PODLINT_REGISTER_RULE(MissingResources);

}  // namespace
}  // namespace podlint
