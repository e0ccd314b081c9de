#include "engine/lint.hpp"

#include <utility>

namespace podlint {

namespace {

Diagnostic from_yaml_error(const yaml::Error& error) {
  Diagnostic d;
  d.rule = error.kind == yaml::ErrorKind::DuplicateKey ? "duplicate-key" : "yaml-syntax";
  d.severity = Severity::Error;
  d.span = error.span;
  d.message = error.message;
  if (error.has_related) d.related.push_back({error.related, "first defined here"});
  return d;
}

}  // namespace

FileReport lint_text(std::string path, std::string text, const yaml::ParseOptions& options) {
  FileReport report{std::move(path), std::move(text), {}, {}};
  const yaml::Stream stream = yaml::parse(report.text, options);
  for (const auto& document : stream.documents) {
    for (const auto& error : document.errors)
      report.diagnostics.push_back(from_yaml_error(error));
  }
  return report;
}

}  // namespace podlint
