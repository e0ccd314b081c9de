#include "output/github.hpp"

#include <fmt/format.h>

#include "output/printable.hpp"

namespace podlint {

namespace {

std::string_view command_name(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "notice";
  }
  return "error";
}

std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string github_escape_data(std::string_view text) {
  return escape(text, false);
}

std::string github_escape_property(std::string_view text) {
  return escape(text, true);
}

void GithubReportWriter::add(const FileReport& report) {
  std::string out;
  const std::string file = github_escape_property(printable(report.path));
  if (!report.read_error.empty()) {
    out_ << fmt::format("::error file={},title=podlint::{}\n", file,
                        github_escape_data("cannot read: " + report.read_error));
    return;
  }
  if (report.diagnostics.empty()) return;  // no table of a long clean input's lines
  const yaml::LineIndex lines(report.text);
  const auto column = [&](const yaml::Position& p) {
    return yaml::utf16_column(lines.line_text(p.line), p.column) + 1;
  };
  for (const auto& d : report.diagnostics) {
    if (d.suppression) continue;
    std::string where = fmt::format("file={},line={},endLine={}", file, d.span.begin.line, d.span.end.line);
    if (d.span.begin.line == d.span.end.line)
      where += fmt::format(",col={},endColumn={}", column(d.span.begin), column(d.span.end));
    // Escaped before the notes' line breaks join them: those are the only
    // ones the log may show.
    std::string message = printable(d.message);
    if (!d.source.empty()) message += fmt::format(" (from {})", printable(d.source));
    for (const auto& related : d.related) {
      message += fmt::format("\n{}:{}:{}: note: {}", printable(report.path), related.span.begin.line,
                             related.span.begin.column, printable(related.message));
    }
    fmt::format_to(std::back_inserter(out), "::{} {},title={}::{}\n", command_name(d.severity), where,
                   github_escape_property(d.rule), github_escape_data(message));
  }
  out_ << out;
}

void write_github(std::ostream& out, const std::vector<FileReport>& reports) {
  GithubReportWriter(out).write_all(reports);
}

}  // namespace podlint
