// invalid-name: an object's name, generateName or namespace is not in the
// format its kind requires (a DNS subdomain, a DNS label, at most 52
// characters for a CronJob...).
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "model/scalar.hpp"
#include "schema/formats.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

struct KindFormat {
  std::string_view api_version;
  std::string_view kind;
  schema::Format format;
};

// The kinds whose name format the API server's validation fixes.
constexpr KindFormat kNameFormats[] = {
    {"v1", "Pod", schema::Format::Dns1123Subdomain},
    {"v1", "PodTemplate", schema::Format::Dns1123Subdomain},
    {"v1", "ReplicationController", schema::Format::Dns1123Subdomain},
    {"v1", "ConfigMap", schema::Format::Dns1123Subdomain},
    {"v1", "Secret", schema::Format::Dns1123Subdomain},
    {"v1", "ServiceAccount", schema::Format::Dns1123Subdomain},
    {"v1", "Service", schema::Format::Dns1035Label},
    {"v1", "Namespace", schema::Format::Dns1123Label},
    {"apps/v1", "Deployment", schema::Format::Dns1123Subdomain},
    {"apps/v1", "ReplicaSet", schema::Format::Dns1123Subdomain},
    {"apps/v1", "DaemonSet", schema::Format::Dns1123Subdomain},
    {"apps/v1", "StatefulSet", schema::Format::Dns1123Label},
    {"batch/v1", "Job", schema::Format::Dns1123Subdomain},
    {"batch/v1", "CronJob", schema::Format::Dns1123Subdomain},
};

// A CronJob's jobs are named after it plus an 11-character suffix, within 63.
constexpr size_t kCronJobNameLimit = 52;

const yaml::Node* spec_field(const model::Workload& w, std::string_view name) {
  return w.spec && w.spec->is_mapping() ? yaml::find(*w.spec, name) : nullptr;
}

class InvalidName final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-name",
        .severity = Severity::Error,
        .category = Category::Metadata,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    const KindFormat* kind = nullptr;
    for (const KindFormat& k : kNameFormats)
      if (k.api_version == w.api_version.value && k.kind == w.kind.value) kind = &k;
    if (!kind) return;
    check_names(w, *kind, reporter);
    check_namespace(w, reporter);
  }

 private:
  static void check_names(const model::Workload& w, const KindFormat& kind, Reporter& reporter) {
    const bool has_name = w.name.valid() && !w.name.value.empty() && w.name.key != w.generate_name.key;
    if (has_name) {
      check(w.name, kind, "name", w.name.value, reporter);
      if (kind.kind == "CronJob" && w.name.value.size() > kCronJobNameLimit)
        reporter.report(
            w.name.span(),
            fmt::format("the name of a CronJob may have at most {} characters, and \"{}\" has {}: its "
                        "jobs are named after it with an 11-character suffix, within 63",
                        kCronJobNameLimit, w.name.value, w.name.value.size()));
      if (kind.kind == "Job") check_indexed_job(w, reporter);
    }
    if (w.generate_name.valid() && !w.generate_name.value.empty()) {
      // generateName gets random characters appended: a trailing '-' is fine.
      std::string completed(w.generate_name.value);
      if (completed.back() == '-') completed.back() = 'a';
      check(w.generate_name, kind, "generateName", completed, reporter);
    }
  }

  // `checked` is the field's value as the API server checks it.
  static void check(const model::Field<std::string_view>& field, const KindFormat& kind,
                    std::string_view what, std::string_view checked, Reporter& reporter) {
    if (schema::matches_format(kind.format, checked)) return;
    reporter.report(field.span(),
                    fmt::format("the {} of a {} must be {}: \"{}\" {}{}", what, kind.kind,
                                schema::format_name(kind.format), field.value,
                                schema::describe_format_problems(kind.format, checked),
                                text::did_you_mean(schema::format_suggestion(kind.format, field.value))));
  }

  // An Indexed Job's pods get the hostname "<name>-<index>", a DNS label.
  static void check_indexed_job(const model::Workload& w, Reporter& reporter) {
    const yaml::Node* mode = spec_field(w, "completionMode");
    if (!mode || mode->value != "Indexed") return;
    const yaml::Node* completions = spec_field(w, "completions");
    const auto count = completions ? model::parse_int(*completions) : std::nullopt;
    if (!count || *count < 1) return;
    const std::string hostname = fmt::format("{}-{}", w.name.value, *count - 1);
    if (schema::matches_format(schema::Format::Dns1123Label, hostname)) return;
    reporter.report(
        w.name.span(),
        fmt::format("the pods of an Indexed Job are named \"{}-0\" up to \"{}\", which must be DNS-1123 "
                    "labels: that one {}",
                    w.name.value, hostname,
                    schema::describe_format_problems(schema::Format::Dns1123Label, hostname)));
  }

  static void check_namespace(const model::Workload& w, Reporter& reporter) {
    if (!w.namespace_.valid() || w.namespace_.value.empty()) return;
    if (w.kind.value == "Namespace") {
      reporter.report(w.namespace_.span(), "a Namespace is not in a namespace: remove metadata.namespace");
      return;
    }
    const std::string_view ns = w.namespace_.value;
    if (schema::matches_format(schema::Format::Dns1123Label, ns)) return;
    reporter.report(
        w.namespace_.span(),
        fmt::format("the namespace must be a DNS-1123 label: \"{}\" {}{}", ns,
                    schema::describe_format_problems(schema::Format::Dns1123Label, ns),
                    text::did_you_mean(schema::format_suggestion(schema::Format::Dns1123Label, ns))));
  }
};

PODLINT_REGISTER_RULE(InvalidName);

}  // namespace
}  // namespace podlint
