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
        .category = "yaml",
        .summary = "A key appears twice in one mapping",
        .what = "Reports every key that repeats an earlier key of the same mapping, pointing at both.",
        .why =
            "YAML forbids it, yet many readers accept it and keep only the last value: the "
            "manifest then says two things and the cluster gets one of them, silently. A strict "
            "reader (kubectl with strict field validation) rejects the object instead.",
        .bad =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: worker\n"
            "spec:\n"
            "  containers:\n"
            "    - name: worker\n"
            "      image: busybox:1.36\n"
            "      image: busybox:1.37\n",
        .good =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: worker\n"
            "spec:\n"
            "  containers:\n"
            "    - name: worker\n"
            "      image: busybox:1.37\n"
            "      ports: [{name: http, containerPort: 8080}]\n"
            "      resources:\n"
            "        requests: {cpu: 100m, memory: 64Mi}\n"
            "        limits: {memory: 128Mi}\n"
            "      livenessProbe: {httpGet: {path: /healthz, port: http}}\n"
            "      readinessProbe: {httpGet: {path: /ready, port: http}}\n",
        .fix = "Keep one of the two entries: merge what each says into it and delete the other.",
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
