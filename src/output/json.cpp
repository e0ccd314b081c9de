#include "output/json.hpp"

#include <nlohmann/json.hpp>

namespace podlint {

namespace {

nlohmann::json location(const std::string& file, const yaml::Span& span) {
  return {{"file", file},
          {"line", span.begin.line},
          {"column", span.begin.column},
          {"endLine", span.end.line},
          {"endColumn", span.end.column}};
}

}  // namespace

void write_json(std::ostream& out, const std::vector<FileReport>& reports) {
  nlohmann::json diagnostics = nlohmann::json::array();
  nlohmann::json unreadable = nlohmann::json::array();
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& report : reports) {
    if (!report.read_error.empty())
      unreadable.push_back({{"file", report.path}, {"message", report.read_error}});
    if (!report.skipped.empty()) skipped.push_back({{"file", report.path}, {"reason", report.skipped}});
    for (const auto& d : report.diagnostics) {
      nlohmann::json entry = location(report.path, d.span);
      entry["rule"] = d.rule;
      entry["severity"] = severity_name(d.severity);
      entry["message"] = d.message;
      nlohmann::json related = nlohmann::json::array();
      for (const auto& r : d.related) {
        nlohmann::json place = location(report.path, r.span);
        place["message"] = r.message;
        related.push_back(std::move(place));
      }
      entry["related"] = std::move(related);
      entry["object"] = d.object ? nlohmann::json{{"apiVersion", d.object->api_version},
                                                  {"kind", d.object->kind},
                                                  {"namespace", d.object->namespace_},
                                                  {"name", d.object->name}}
                                 : nlohmann::json(nullptr);
      entry["path"] = d.path;
      nlohmann::json fixes = nlohmann::json::array();
      for (const Fix& fix : d.fixes) {
        nlohmann::json edits = nlohmann::json::array();
        for (const Edit& edit : fix.edits) {
          edits.push_back({{"line", edit.span.begin.line},
                           {"column", edit.span.begin.column},
                           {"endLine", edit.span.end.line},
                           {"endColumn", edit.span.end.column},
                           {"offset", edit.span.begin.offset},
                           {"endOffset", edit.span.end.offset},
                           {"replacement", edit.replacement}});
        }
        fixes.push_back({{"title", fix.title},
                         {"applicability", applicability_name(fix.applicability)},
                         {"edits", std::move(edits)}});
      }
      entry["fixes"] = std::move(fixes);
      if (!d.source.empty()) entry["source"] = d.source;
      entry["suppressed"] = d.suppression.has_value();
      if (d.suppression) {
        nlohmann::json waiver = location(report.path, d.suppression->span);
        waiver["justification"] = d.suppression->justification;
        entry["suppression"] = std::move(waiver);
      }
      diagnostics.push_back(std::move(entry));
    }
  }
  const Summary summary = summarize(reports);
  const nlohmann::json document = {{"version", 1},
                                   {"diagnostics", std::move(diagnostics)},
                                   {"skipped", std::move(skipped)},
                                   {"unreadable", std::move(unreadable)},
                                   {"summary",
                                    {{"files", summary.files},
                                     {"documents", summary.documents},
                                     {"objects", summary.objects},
                                     {"skipped", summary.skipped},
                                     {"errors", summary.errors},
                                     {"warnings", summary.warnings},
                                     {"info", summary.info},
                                     {"unreadable", summary.unreadable},
                                     {"suppressed", summary.suppressed}}}};
  // Invalid UTF-8 in a message or path is replaced rather than thrown on.
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace podlint
