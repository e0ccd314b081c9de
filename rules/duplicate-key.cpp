// duplicate-key: a key may appear only once in a mapping.
#include "engine/rule.hpp"

namespace podlint {
namespace {

class DuplicateKey final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "duplicate-key",
        .severity = Severity::Error,
        .category = Category::Yaml,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_document(const yaml::Document& document, Reporter& reporter) const override {
    for (const auto& error : document.errors) {
      if (error.kind != yaml::ErrorKind::DuplicateKey) continue;
      Diagnostic& d = reporter.report(error.span, error.message);
      if (error.has_related) d.related.push_back({error.related, "first defined here"});
    }
  }
};

PODLINT_REGISTER_RULE(DuplicateKey);

}  // namespace
}  // namespace podlint
