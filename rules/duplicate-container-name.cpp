// duplicate-container-name: two containers of one pod have the same name.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class DuplicateContainerName final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "duplicate-container-name",
        .severity = Severity::Error,
        .category = Category::Containers,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    // Names share one space across containers, init containers and
    // ephemeral containers; each is reported where it comes again, in
    // source order of the lists (init, regular, ephemeral).
    std::vector<const model::Container*> seen;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (!c->name.valid() || c->name.value.empty()) continue;  // missing-required-field's
      const auto first = std::find_if(seen.begin(), seen.end(), [&](const model::Container* s) {
        return s->name.value == c->name.value;
      });
      if (first == seen.end()) {
        seen.push_back(c);
        continue;
      }
      Diagnostic& d = reporter.report(
          c->name.span(),
          fmt::format("container name \"{}\" is already used by {}[{}]: every container, init "
                      "container and ephemeral container of a pod needs its own name",
                      c->name.value, (*first)->list_name(), (*first)->index));
      d.related.push_back({(*first)->name.span(), "first used here"});
    }
  }
};

PODLINT_REGISTER_RULE(DuplicateContainerName);

}  // namespace
}  // namespace podlint
