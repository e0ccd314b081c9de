#include "output/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "engine/fix.hpp"
#include "output/diff.hpp"
#include "output/printable.hpp"

namespace podlint {

namespace {

struct Palette {
  std::string_view bold, red, yellow, blue, green, reset;
};

constexpr Palette kColor{"\x1b[1m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[1;34m", "\x1b[1;32m", "\x1b[0m"};
constexpr Palette kPlain{};

std::string_view severity_color(Severity severity, const Palette& p) {
  switch (severity) {
    case Severity::Error:
      return p.red;
    case Severity::Warning:
      return p.yellow;
    case Severity::Info:
      return p.blue;
  }
  return p.reset;
}

// The whitespace that puts a caret under byte column `column` of `line`:
// tabs are kept so the terminal aligns them, every character counts once.
std::string caret_indent(std::string_view line, uint32_t column) {
  std::string indent;
  const size_t limit = std::min<size_t>(column > 0 ? column - 1 : 0, line.size());
  for (size_t i = 0; i < limit; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c == '\t') {
      indent += '\t';
    } else if ((c & 0xC0) != 0x80) {
      indent += ' ';
    }
  }
  return indent;
}

size_t display_width(std::string_view text) {
  return static_cast<size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void write_excerpt(std::string& out, const yaml::LineIndex& lines, const yaml::Span& span, const Palette& p) {
  const std::string_view line = lines.line_text(span.begin.line);
  const std::string number = std::to_string(span.begin.line);
  const std::string gutter(number.size(), ' ');
  const uint32_t end_column =
      span.end.line == span.begin.line ? span.end.column : static_cast<uint32_t>(line.size()) + 1;
  const size_t start = std::min<size_t>(span.begin.column - 1, line.size());
  const size_t stop = std::min<size_t>(std::max(end_column, span.begin.column) - 1, line.size());
  // Escaped piece by piece, so that the underline stays under the escaped span.
  const std::string before = printable(line.substr(0, start), true);
  const std::string under = printable(line.substr(start, stop - start), true);
  fmt::format_to(std::back_inserter(out), " {} | {}{}{}\n", number, before, under,
                 printable(line.substr(stop), true));
  const size_t width = std::max<size_t>(1, display_width(under));
  fmt::format_to(std::back_inserter(out), " {} | {}{}^{}{}\n", gutter,
                 caret_indent(before, static_cast<uint32_t>(before.size()) + 1), p.green,
                 std::string(width - 1, '~'), p.reset);
}

// The fixes of a finding, each as its title and the lines it changes.
void write_fixes(std::string& out, const FileReport& report, const Diagnostic& d, const Palette& p) {
  for (const Fix& fix : d.fixes) {
    fmt::format_to(std::back_inserter(out), "    {}= fix{}:{} {}\n", p.green,
                   fix.applicability == Applicability::Unsafe ? " (unsafe)" : "", p.reset,
                   printable(fix.title));
    std::ostringstream diff;
    write_unified_diff(diff, report.path, report.text, apply_edits(report.text, fix.edits),
                       {.context = 0, .headers = false, .indent = "    ", .color = !p.reset.empty()});
    out += diff.str();
  }
}

// One finding with its notes, and its fixes when `show_fixes`. `with_source`:
// name the template it was rendered from (unless a group heading already does).
void write_diagnostic(std::string& out, const FileReport& report, const std::string& path,
                      const yaml::LineIndex& lines, const Diagnostic& d, bool with_source, bool show_fixes,
                      const Palette& p) {
  fmt::format_to(std::back_inserter(out), "{}{}:{}:{}: {}{}:{} {}{} [{}]", p.bold, path, d.span.begin.line,
                 d.span.begin.column, severity_color(d.severity, p), severity_name(d.severity), p.reset,
                 p.bold, printable(d.message), d.rule);
  if (with_source && !d.source.empty())
    fmt::format_to(std::back_inserter(out), " (from {})", printable(d.source));
  if (d.suppression) {
    out += d.suppression->justification.empty()
               ? std::string(" (suppressed)")
               : fmt::format(" (suppressed: {})", printable(d.suppression->justification));
  }
  if (chosen_fix(d, {.unsafe = true}) != nullptr)
    out += chosen_fix(d, {}) != nullptr ? " (fix available)" : " (unsafe fix available)";
  out += p.reset;
  out += '\n';
  write_excerpt(out, lines, d.span, p);
  for (const auto& related : d.related) {
    fmt::format_to(std::back_inserter(out), "{}{}:{}:{}: {}note:{} {}\n", p.bold, path,
                   related.span.begin.line, related.span.begin.column, p.blue, p.reset,
                   printable(related.message));
    write_excerpt(out, lines, related.span, p);
  }
  if (show_fixes) write_fixes(out, report, d, p);
}

std::string plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

TextReportWriter::TextReportWriter(std::ostream& out, const TextOptions& options)
    : out_(out), options_(options) {}

void TextReportWriter::add(const FileReport& report) {
  summary_.add(report);
  for (const auto& d : report.diagnostics) {
    if (chosen_fix(d, {}) != nullptr) {
      ++safe_fixes_;
    } else if (chosen_fix(d, {.unsafe = true}) != nullptr) {
      ++unsafe_fixes_;
    }
  }
  const Palette& p = options_.color ? kColor : kPlain;
  std::string out;
  if (!report.read_error.empty()) {
    fmt::format_to(std::back_inserter(out), "{}{}: {}error:{} cannot read: {}{}\n", p.bold,
                   printable(report.path), p.red, p.reset, report.read_error, p.reset);
    out_ << out;
    return;
  }
  std::vector<const Diagnostic*> shown;
  for (const auto& d : report.diagnostics) {
    if (!d.suppression || options_.show_suppressed) shown.push_back(&d);
  }
  if (shown.empty()) return;
  const yaml::LineIndex lines(report.text);
  const std::string path = printable(report.path);
  if (!options_.group_by_source) {
    for (const Diagnostic* d : shown)
      write_diagnostic(out, report, path, lines, *d, true, options_.show_fixes, p);
    out_ << out;
    return;
  }
  // Templates in the order they first appear, each with its findings.
  std::vector<std::string_view> sources;
  for (const Diagnostic* d : shown) {
    if (std::find(sources.begin(), sources.end(), d->source) == sources.end()) sources.push_back(d->source);
  }
  for (const std::string_view source : sources) {
    fmt::format_to(std::back_inserter(out), "{}== {} =={}\n", p.bold,
                   source.empty() ? std::string("no \"# Source\" comment") : printable(source), p.reset);
    for (const Diagnostic* d : shown) {
      if (d->source == source) write_diagnostic(out, report, path, lines, *d, false, options_.show_fixes, p);
    }
  }
  out_ << out;
}

void TextReportWriter::finish() {
  const Palette& p = options_.color ? kColor : kPlain;
  const Summary& summary = summary_;
  const bool clean = summary.errors + summary.warnings + summary.info == 0 && summary.unreadable == 0;
  if (options_.quiet && clean) return;
  std::vector<std::string> notes{plural(summary.documents, "document"),
                                 plural(summary.objects, "Kubernetes object")};
  if (summary.unreadable > 0) notes.push_back(fmt::format("{} unreadable", summary.unreadable));
  if (summary.suppressed > 0) notes.push_back(fmt::format("{} suppressed", summary.suppressed));
  std::vector<std::string> unlinted;
  if (summary.skipped > 0)
    unlinted.push_back(
        fmt::format("{} no Kubernetes object",
                    summary.skipped == 1 ? "1 file held" : fmt::format("{} files held", summary.skipped)));
  if (options_.ignored > 0)
    unlinted.push_back(fmt::format("{} ignored by the configuration", plural(options_.ignored, "file")));
  std::string line =
      clean ? fmt::format("no problems found in {}", plural(summary.files, "file"))
            : fmt::format("{}, {}, {} info in {}", plural(summary.errors, "error"),
                          plural(summary.warnings, "warning"), summary.info, plural(summary.files, "file"));
  line += fmt::format(" ({})", fmt::join(notes, ", "));
  if (!unlinted.empty()) line += fmt::format("; {} (--verbose lists them)", fmt::join(unlinted, ", "));
  out_ << p.bold << line << p.reset << '\n';
  // What `podlint fix` would do about them.
  if (safe_fixes_ > 0)
    out_ << fmt::format(
        "{} fixable with `podlint fix`{}\n", safe_fixes_,
        unsafe_fixes_ > 0 ? fmt::format(" ({} more with `podlint fix --unsafe`)", unsafe_fixes_) : "");
  else if (unsafe_fixes_ > 0)
    out_ << fmt::format("{} fixable with `podlint fix --unsafe`\n", unsafe_fixes_);
}

void write_text(std::ostream& out, const std::vector<FileReport>& reports, const TextOptions& options) {
  TextReportWriter(out, options).write_all(reports);
}

}  // namespace podlint
