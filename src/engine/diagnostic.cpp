#include "engine/diagnostic.hpp"

namespace podlint {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::string_view applicability_name(Applicability applicability) {
  return applicability == Applicability::Safe ? "safe" : "unsafe";
}

bool Summary::any_at_least(Severity level) const {
  switch (level) {
    case Severity::Info:
      return errors + warnings + info > 0;
    case Severity::Warning:
      return errors + warnings > 0;
    case Severity::Error:
      return errors > 0;
  }
  return false;
}

Summary summarize(const std::vector<FileReport>& reports) {
  Summary summary;
  summary.files = reports.size();
  for (const auto& report : reports) {
    if (!report.read_error.empty()) ++summary.unreadable;
    if (!report.skipped.empty()) ++summary.skipped;
    summary.documents += report.documents;
    summary.objects += report.objects;
    for (const auto& d : report.diagnostics) {
      if (d.suppression) {
        ++summary.suppressed;
        continue;
      }
      switch (d.severity) {
        case Severity::Error:
          ++summary.errors;
          break;
        case Severity::Warning:
          ++summary.warnings;
          break;
        case Severity::Info:
          ++summary.info;
          break;
      }
    }
  }
  return summary;
}

}  // namespace podlint
