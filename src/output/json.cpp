#include "output/json.hpp"

namespace podlint {

namespace {

// Keys are written in sorted order, as before the output was streamed
// (nlohmann's default object), so that the text stays the same.

// The location's keys up to "file"; the caller writes the keys that sort
// between "file" and "line", then calls location_line.
void location_start(JsonWriter& json, const std::string& file, const yaml::Span& span) {
  json.field("column", span.begin.column);
  json.field("endColumn", span.end.column);
  json.field("endLine", span.end.line);
  json.field("file", file);
}

void location_line(JsonWriter& json, const yaml::Span& span) {
  json.field("line", span.begin.line);
}

void fixes(JsonWriter& json, const Diagnostic& d) {
  json.key("fixes");
  json.begin_array();
  for (const Fix& fix : d.fixes) {
    json.begin_object();
    json.field("applicability", applicability_name(fix.applicability));
    json.key("edits");
    json.begin_array();
    for (const Edit& edit : fix.edits) {
      json.begin_object();
      json.field("column", edit.span.begin.column);
      json.field("endColumn", edit.span.end.column);
      json.field("endLine", edit.span.end.line);
      json.field("endOffset", edit.span.end.offset);
      json.field("line", edit.span.begin.line);
      json.field("offset", edit.span.begin.offset);
      json.field("replacement", edit.replacement);
      json.end_object();
    }
    json.end_array();
    json.field("title", fix.title);
    json.end_object();
  }
  json.end_array();
}

void diagnostic(JsonWriter& json, const std::string& file, const Diagnostic& d) {
  json.begin_object();
  location_start(json, file, d.span);
  fixes(json, d);
  location_line(json, d.span);
  json.field("message", d.message);
  json.key("object");
  if (d.object) {
    json.begin_object();
    json.field("apiVersion", d.object->api_version);
    json.field("kind", d.object->kind);
    json.field("name", d.object->name);
    json.field("namespace", d.object->namespace_);
    json.end_object();
  } else {
    json.null();
  }
  json.field("path", d.path);
  json.key("related");
  json.begin_array();
  for (const auto& r : d.related) {
    json.begin_object();
    location_start(json, file, r.span);
    location_line(json, r.span);
    json.field("message", r.message);
    json.end_object();
  }
  json.end_array();
  json.field("rule", d.rule);
  json.field("severity", severity_name(d.severity));
  if (!d.source.empty()) json.field("source", d.source);
  json.field("suppressed", d.suppression.has_value());
  if (d.suppression) {
    json.key("suppression");
    json.begin_object();
    location_start(json, file, d.suppression->span);
    json.field("justification", d.suppression->justification);
    location_line(json, d.suppression->span);
    json.end_object();
  }
  json.end_object();
}

}  // namespace

JsonReportWriter::JsonReportWriter(std::ostream& out) : out_(out) {
  json_.begin_object();
  json_.key("diagnostics");
  json_.begin_array();
}

void JsonReportWriter::record(const FileReport& report) {
  summary_.add(report);
  if (!report.read_error.empty()) unreadable_.push_back({report.path, report.read_error});
  if (!report.skipped.empty()) skipped_.push_back({report.path, report.skipped});
}

void JsonReportWriter::add(const FileReport& report) {
  record(report);
  for (const auto& d : report.diagnostics) {
    diagnostic(json_, report.path, d);
    if (json_.size() >= kFlushBytes) json_.drain_to(out_);
  }
  json_.drain_to(out_);
}

std::optional<std::string> JsonReportWriter::render(const FileReport& report, size_t) const {
  if (report.diagnostics.size() > kRenderedFindings) return std::nullopt;
  JsonWriter json = JsonWriter::continuing(2);  // the document, its "diagnostics"
  for (const auto& d : report.diagnostics)
    diagnostic(json, report.path, d);
  return json.take();
}

void JsonReportWriter::add_rendered(const FileReport& report, std::string rendered) {
  record(report);
  json_.elements(rendered);
  json_.drain_to(out_);
}

void JsonReportWriter::finish() {
  json_.end_array();
  const auto files = [&](std::string_view name, const std::vector<Skipped>& list, std::string_view what) {
    json_.key(name);
    json_.begin_array();
    for (const auto& entry : list) {
      json_.begin_object();
      json_.field("file", entry.file);
      json_.field(what, entry.reason);
      json_.end_object();
    }
    json_.end_array();
  };
  files("skipped", skipped_, "reason");
  json_.key("summary");
  json_.begin_object();
  json_.field("documents", summary_.documents);
  json_.field("errors", summary_.errors);
  json_.field("files", summary_.files);
  json_.field("info", summary_.info);
  json_.field("objects", summary_.objects);
  json_.field("skipped", summary_.skipped);
  json_.field("suppressed", summary_.suppressed);
  json_.field("unreadable", summary_.unreadable);
  json_.field("warnings", summary_.warnings);
  json_.end_object();
  files("unreadable", unreadable_, "message");
  json_.field("version", 1);
  json_.end_object();
  json_.drain_to(out_);
}

void write_json(std::ostream& out, const std::vector<FileReport>& reports) {
  JsonReportWriter(out).write_all(reports);
}

}  // namespace podlint
