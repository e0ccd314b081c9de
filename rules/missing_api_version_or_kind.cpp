// missing-api-version-or-kind: an object must say what it is.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "model/scalar.hpp"

namespace podlint {
namespace {

enum class TypeField { Absent, Empty, NotAString, Ok };

TypeField classify(const model::Field<std::string_view>& field) {
  if (!field.present()) return TypeField::Absent;
  if (model::scalar_type(*field.node) == model::ScalarType::Null) return TypeField::Empty;
  if (!field.valid()) return TypeField::NotAString;
  return field.value.empty() ? TypeField::Empty : TypeField::Ok;
}

class MissingApiVersionOrKind final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "missing-api-version-or-kind",
        .severity = Severity::Error,
        .category = "schema",
        .summary = "An object lacks apiVersion or kind, or has an empty or non-string one",
        .what =
            "Reports a document (or an item of a List) that looks like a Kubernetes object but does not say "
            "which one it is: its apiVersion or kind is missing, null, an empty string or not a string at "
            "all. A mapping is taken for an object when it has a `kind` key, or a `metadata` key next to "
            "an `apiVersion` or a `spec`; every item of a List's items is one. Other YAML is left alone, "
            "because podlint lints whole directories and they hold Helm values, Chart.yaml (an apiVersion "
            "but no object), tool configuration with its own `metadata` and CI files too: a document such "
            "as `key: value` is not reported. A Kustomization may leave "
            "out its apiVersion (kustomize fills it in), so `kind: Kustomization` alone is accepted.",
        .why =
            "apiVersion and kind tell the API server (and kubectl) how to decode the object; without them "
            "kubectl refuses the whole file before anything reaches the cluster. podlint cannot check such "
            "an object either, so every other rule is silent on it.",
        .bad =
            "kind: Pod\n"
            "metadata:\n"
            "  name: web\n"
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
        .good =
            "apiVersion: v1\n"
            "kind: Pod\n"
            "metadata:\n"
            "  name: web\n"
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
            "Write the object's apiVersion and kind as plain strings at the top of the document, e.g. "
            "`apiVersion: apps/v1` and `kind: Deployment`; `kubectl api-resources` lists the pairs a cluster "
            "serves.",
    };
    return info;
  }

  void check_document(const yaml::Document& document, Reporter& reporter) const override {
    if (document.broken()) return;  // its tree stops at the error
    for (const model::ObjectHeader& header : model::object_headers(document))
      check(header, reporter);
  }

 private:
  static void check(const model::ObjectHeader& h, Reporter& reporter) {
    const TypeField api_version = classify(h.api_version);
    const TypeField kind = classify(h.kind);
    if (api_version == TypeField::Ok && kind == TypeField::Ok) return;
    const bool looks_like_object =
        h.list_item || h.kind.present() || (h.metadata_key && (h.api_version.present() || h.spec));
    if (!looks_like_object) return;
    if (api_version == TypeField::Absent && kind == TypeField::Ok && h.kind.value == "Kustomization") return;

    if (api_version == TypeField::Absent && kind == TypeField::Absent) {
      if (h.metadata_key) {
        reporter.report(h.metadata_key->span, "object has metadata but no apiVersion or kind");
      } else {
        reporter.report(h.object->span, "list item has no apiVersion or kind");
      }
      return;
    }
    // One finding for each field that is wrong, which also names the other
    // field when that one is missing.
    if (api_version == TypeField::Absent && kind == TypeField::Ok) {
      reporter.report(h.kind.key_span(),
                      fmt::format("object has kind \"{}\" but no apiVersion", h.kind.value));
    } else if (kind == TypeField::Absent && api_version == TypeField::Ok) {
      reporter.report(h.api_version.key_span(),
                      fmt::format("object has apiVersion \"{}\" but no kind", h.api_version.value));
    }
    report_bad("apiVersion", h.api_version, api_version, kind == TypeField::Absent ? "kind" : "", reporter);
    report_bad("kind", h.kind, kind, api_version == TypeField::Absent ? "apiVersion" : "", reporter);
  }

  // An empty or non-string field; `missing` names the other field when it is absent.
  static void report_bad(std::string_view name, const model::Field<std::string_view>& field, TypeField state,
                         std::string_view missing, Reporter& reporter) {
    const std::string also = missing.empty() ? std::string() : fmt::format(", and there is no {}", missing);
    if (state == TypeField::Empty) {
      reporter.report(field.key_span(), fmt::format("{} is empty{}", name, also));
    } else if (state == TypeField::NotAString) {
      reporter.report(field.span(), fmt::format("{} must be a string, not {}{}", name,
                                                model::describe_type(*field.node), also));
    }
  }
};

PODLINT_REGISTER_RULE(MissingApiVersionOrKind);

}  // namespace
}  // namespace podlint
