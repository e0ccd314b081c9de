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
        .category = "yaml",
        .summary = "The document is not well-formed YAML",
        .what =
            "Reports the first YAML syntax error of each document (an unterminated string or "
            "bracket, a bad indentation, a tab used for indentation, an undefined alias...), bytes "
            "that are not valid UTF-8 or not allowed in YAML, and documents beyond podlint's "
            "limits (nesting deeper than 512 levels, aliases that would expand to more than a "
            "million nodes, documents over 64 MiB). The other documents of the same file are "
            "still read and linted.",
        .why =
            "kubectl and the API server reject a document they cannot parse, often with a message "
            "about a line far from the cause. Nothing else in a broken document can be checked.",
        .bad =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: \"web\n"
            "spec:\n"
            "  containers:\n"
            "    - name: web\n"
            "      image: nginx:1.27\n",
        .good =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: \"web\"\n"
            "spec:\n"
            "  containers:\n"
            "    - name: web\n"
            "      image: nginx:1.27\n"
            "      ports: [{name: http, containerPort: 8080}]\n"
            "      resources:\n"
            "        requests: {cpu: 100m, memory: 64Mi}\n"
            "        limits: {memory: 128Mi}\n"
            "      livenessProbe: {httpGet: {path: /healthz, port: http}}\n"
            "      readinessProbe: {httpGet: {path: /ready, port: http}}\n",
        .fix =
            "Go to the position given: the message says what was expected there. For an "
            "unterminated string or bracket the position is where it opened.",
        // Nothing else in the document was checked: waiving this would hide that.
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
