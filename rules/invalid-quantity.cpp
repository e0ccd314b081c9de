// invalid-quantity: every requests/limits value must be a quantity the API can parse.
#include <fmt/format.h>

#include "engine/edits.hpp"
#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "support/quantity.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

class InvalidQuantity final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-quantity",
        .severity = Severity::Error,
        .category = Category::Resources,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (!c->resources) continue;
      check_list(c->resources->requests, false, reporter);
      check_list(c->resources->limits, true, reporter);
    }
  }

 private:
  static void check_list(const std::vector<model::ResourceQuantity>& list, bool is_limit,
                         Reporter& reporter) {
    for (const model::ResourceQuantity& entry : list) {
      if (!rules::has_quantity_text(entry)) continue;
      const std::string what =
          rules::entry_label(entry, is_limit) + " \"" + std::string(entry.quantity) + "\"";
      const rules::ParsedQuantity parsed = rules::parse_quantity(entry.quantity);
      if (!parsed.ok) {
        Diagnostic& d =
            reporter.report(entry.value->span, what + " is not a valid quantity: " + parsed.problem +
                                                   text::did_you_mean(parsed.suggestions));
        // One reading: the rewrite is safe; MB may mean M or Mi: each is a guess.
        const Editor editor(reporter.source(), nullptr);
        for (const std::string& rewrite : parsed.suggestions) {
          if (auto edit = editor.replace_scalar(*entry.value, rewrite))
            d.fixes.push_back({fmt::format("Change \"{}\" to \"{}\"", entry.quantity, rewrite),
                               parsed.certain ? Applicability::Safe : Applicability::Unsafe,
                               {std::move(*edit)}});
        }
      } else if (parsed.value.negative()) {
        reporter.report(entry.value->span, what + " must not be negative");
      } else if (rules::is_extended_resource(entry.name) && !parsed.value.is_integer()) {
        reporter.report(entry.value->span,
                        what + " must be a whole number: extended resources are not divisible");
      }
    }
  }
};

PODLINT_REGISTER_RULE(InvalidQuantity);

}  // namespace
}  // namespace podlint
