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

void Summary::add(const FileReport& report) {
  ++files;
  if (!report.read_error.empty()) ++unreadable;
  if (!report.skipped.empty()) ++skipped;
  documents += report.documents;
  objects += report.objects;
  for (const auto& d : report.diagnostics) {
    if (d.suppression) {
      ++suppressed;
      continue;
    }
    switch (d.severity) {
      case Severity::Error:
        ++errors;
        break;
      case Severity::Warning:
        ++warnings;
        break;
      case Severity::Info:
        ++info;
        break;
    }
  }
}

Summary summarize(const std::vector<FileReport>& reports) {
  Summary summary;
  for (const auto& report : reports)
    summary.add(report);
  return summary;
}

}  // namespace podlint
