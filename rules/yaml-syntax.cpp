// yaml-syntax: the input must be well-formed YAML.
#include "engine/rule.hpp"

namespace podlint {
namespace {

class YamlSyntax final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "yaml-syntax",
        .severity = Severity::Error,
        .category = Category::Yaml,
        .consequence = Consequence::Rejected,
        .suppressible = false,
    };
    return info;
  }

  void check_document(const yaml::Document& document, Reporter& reporter) const override {
    for (const auto& error : document.errors) {
      if (error.kind != yaml::ErrorKind::DuplicateKey) reporter.report(error.span, error.message);
    }
  }
};

PODLINT_REGISTER_RULE(YamlSyntax);

}  // namespace
}  // namespace podlint
