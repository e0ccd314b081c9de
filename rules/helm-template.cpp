// helm-template: a Helm template is reported once as such, not linted, and
// its template actions never read as YAML errors.
#include "engine/rule.hpp"

namespace podlint {
namespace {

class HelmTemplate final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "helm-template",
        .severity = Severity::Info,
        .category = Category::Yaml,
        .consequence = Consequence::Risk,
        // The engine reads no document of a template, so none of its
        // comments could waive this; the configuration turns it off.
        .suppressible = false,
    };
    return info;
  }

  void check_input(const InputFacts& input, Reporter& reporter) const override {
    if (input.template_action) {
      reporter.report(*input.template_action,
                      "Helm template, not linted: render it with `helm template` and pipe it to podlint");
    }
  }
};

PODLINT_REGISTER_RULE(HelmTemplate);

}  // namespace
}  // namespace podlint
