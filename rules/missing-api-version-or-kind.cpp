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
        .category = Category::Schema,
        .consequence = Consequence::Rejected,
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
