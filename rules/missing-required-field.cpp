// missing-required-field: fields Kubernetes requires must be present.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "schema/schema.hpp"
#include "schema/validate.hpp"
#include "support/misspellings.hpp"

namespace podlint {
namespace {

class MissingRequiredField final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-required-field",
        .severity = Severity::Error,
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
        .needs_whole_object = true,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    check_name(workload, reporter);
    for (const schema::Finding& finding : reporter.facts().schema_findings()) {
      if (finding.problem != schema::Problem::MissingRequired) continue;
      // A misspelt key ("contianers") is unknown-field's one finding.
      if (!finding.empty && rules::misspelt(reporter.facts(), finding.mapping, finding.field)) continue;
      reporter.report(finding.span,
                      finding.empty
                          ? fmt::format("required field \"{}\" in {} is empty", finding.field, finding.owner)
                          : fmt::format("missing required field \"{}\" in {}", finding.field, finding.owner));
    }
  }

 private:
  // metadata.name, unless generateName asks the API server to make one up;
  // only for the kinds podlint knows (other documents may be configuration
  // files that merely look like objects).
  static void check_name(const model::Workload& w, Reporter& reporter) {
    if (!schema::type_for_kind(w.api_version.value, w.kind.value)) return;
    if (w.name.valid() && !w.name.value.empty()) return;
    if (w.name.valid()) {
      reporter.report(w.name.span(), fmt::format("required field \"{}\" in ObjectMeta is empty",
                                                 w.generate_name.present() ? "generateName" : "name"));
      return;
    }
    const yaml::Node* at = w.metadata_key ? w.metadata_key : w.kind.key;
    reporter.report(at ? at->span : w.object->span,
                    "missing required field \"name\" in ObjectMeta (or \"generateName\", for a name the API "
                    "server completes)");
  }
};

PODLINT_REGISTER_RULE(MissingRequiredField);

}  // namespace
}  // namespace podlint
