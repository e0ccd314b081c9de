#include "output/junit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "engine/rule.hpp"
#include "model/pod.hpp"
#include "yaml/batches.hpp"
#include "yaml/parser.hpp"
#include "yaml/source.hpp"

namespace podlint {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the UTF-8 sequence at `i` when it encodes a character XML 1.0
// allows, else 0.
size_t xml_char_length(std::string_view text, size_t i) {
  const yaml::Utf8Char c = yaml::decode_utf8(text, i);
  const uint32_t cp = c.code_point;
  if (c.length == 1) return cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r' ? 1 : 0;
  return cp == 0xFFFE || cp == 0xFFFF ? 0 : c.length;
}

// A place a testcase stands for: an object, or a document outside any object.
struct Unit {
  std::string name;
  yaml::Span span;
  bool object = false;
  std::map<std::string_view, std::vector<const Diagnostic*>> findings;  // by rule id
};

// Finds the unit whose span holds an offset by position, not by testing
// every unit: a stream may have a million findings among a hundred thousand
// objects. Units are in source order except that an alias makes an object of
// its anchor's node again; of units with the same span, the first wins.
class UnitFinder {
 public:
  explicit UnitFinder(std::vector<Unit>& units) : units_(units), order_(units.size()) {
    std::iota(order_.begin(), order_.end(), size_t{0});
    std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) { return begin(a) < begin(b); });
  }

  // Null when no unit holds `offset`.
  Unit* holding(uint32_t offset) const {
    auto after = std::upper_bound(order_.begin(), order_.end(), offset,
                                  [&](uint32_t at, size_t unit) { return at < begin(unit); });
    if (after == order_.begin()) return nullptr;
    auto last = std::prev(after);
    while (last != order_.begin() && begin(*std::prev(last)) == begin(*last))
      --last;
    Unit& unit = units_[*last];
    return offset < unit.span.end.offset ? &unit : nullptr;
  }

 private:
  uint32_t begin(size_t unit) const { return units_[unit].span.begin.offset; }

  std::vector<Unit>& units_;
  std::vector<size_t> order_;
};

std::vector<Unit> units_of(const FileReport& report) {
  std::vector<Unit> objects, documents;
  // A batch of documents at a time: a long stream is never one tree.
  for (const yaml::Batch& batch : yaml::split_documents(report.text, yaml::kBatchBytes)) {
    const yaml::Stream stream = yaml::parse(batch);
    for (const yaml::Document& document : stream.documents) {
      documents.push_back({fmt::format("document {}", documents.size() + 1), document.span, false, {}});
      if (document.broken()) continue;
      for (const auto& workload : model::extract_workloads(document)) {
        const std::string_view name = workload.name.valid() ? workload.name.value : "(unnamed)";
        const std::string_view kind = workload.kind.valid() ? workload.kind.value : "(no kind)";
        objects.push_back({fmt::format("{}/{}", kind, name), workload.object->span, true, {}});
      }
    }
  }
  if (documents.empty()) documents.push_back({"document 1", {}, false, {}});
  const UnitFinder object_at(objects), document_at(documents);
  for (const auto& d : report.diagnostics) {
    Unit* unit = object_at.holding(d.span.begin.offset);
    if (unit == nullptr) unit = document_at.holding(d.span.begin.offset);
    // The last document takes what lies beyond every document's span.
    if (unit == nullptr) unit = &documents.back();
    unit->findings[d.rule].push_back(&d);
  }
  // Objects in source order, then documents with findings outside any object.
  std::erase_if(documents, [](const Unit& u) { return u.findings.empty(); });
  objects.insert(objects.end(), std::make_move_iterator(documents.begin()),
                 std::make_move_iterator(documents.end()));
  return objects;
}

struct Counts {
  size_t tests = 0, failures = 0, errors = 0, skipped = 0;
};

std::string attribute(std::string_view text) {
  return xml_escape(text, true);
}

void write_testcase(std::string& out, const FileReport& report, const yaml::LineIndex& lines,
                    const std::string& name, const std::vector<const Diagnostic*>& findings, Counts& counts) {
  ++counts.tests;
  out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"", attribute(report.path), attribute(name));
  std::vector<const Diagnostic*> active;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(active),
               [](const Diagnostic* d) { return !d->suppression; });
  if (active.empty() && findings.empty()) {
    out += "/>\n";
    return;
  }
  if (active.empty()) {
    ++counts.skipped;
    const std::string& justification = findings.front()->suppression->justification;
    out +=
        fmt::format(">\n      <skipped>{}</skipped>\n    </testcase>\n",
                    xml_escape(justification.empty() ? "suppressed" : "suppressed: " + justification, false));
    return;
  }
  ++counts.failures;
  const Severity worst =
      (*std::max_element(active.begin(), active.end(), [](const Diagnostic* a, const Diagnostic* b) {
        return a->severity < b->severity;
      }))->severity;
  std::string body;
  for (const Diagnostic* d : active) {
    body += fmt::format("{}:{}:{}: {}: {}\n  {}\n", report.path, d->span.begin.line, d->span.begin.column,
                        severity_name(d->severity), d->message, lines.line_text(d->span.begin.line));
    for (const auto& related : d->related) {
      body +=
          fmt::format("{}:{}:{}: note: {}\n  {}\n", report.path, related.span.begin.line,
                      related.span.begin.column, related.message, lines.line_text(related.span.begin.line));
    }
  }
  out += fmt::format(">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                     attribute(active.front()->message), severity_name(worst), xml_escape(body, false));
}

}  // namespace

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = xml_char_length(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (length > 1) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    const char c = text[i++];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\r':
        out += "&#13;";  // a raw CR would be read back as LF
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";  // attribute values fold raw line breaks and tabs to spaces
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void JunitReportWriter::add(const FileReport& report) {
  Counts counts;
  std::string cases;
  if (!report.read_error.empty()) {
    counts.tests = counts.errors = 1;
    cases = fmt::format(
        "    <testcase classname=\"{}\" name=\"read\">\n      <error message=\"{}\" "
        "type=\"unreadable\"/>\n    </testcase>\n",
        attribute(report.path), attribute("cannot read: " + report.read_error));
  } else {
    const yaml::LineIndex lines(report.text);
    static const std::vector<const Diagnostic*> kNone;
    for (const Unit& unit : units_of(report)) {
      if (unit.object) {
        for (const auto& rule_entry : all_rules()) {
          const std::string_view rule = rule_entry->info().id;
          if (std::ranges::find(report.disabled_rules, rule) != report.disabled_rules.end()) continue;
          const auto it = unit.findings.find(rule);
          write_testcase(cases, report, lines, fmt::format("{}: {}", unit.name, rule),
                         it == unit.findings.end() ? kNone : it->second, counts);
        }
      } else {
        for (const auto& [rule, findings] : unit.findings)
          write_testcase(cases, report, lines, fmt::format("{}: {}", unit.name, rule), findings, counts);
      }
    }
  }
  suites_ +=
      fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\"",
                  attribute(report.path), counts.tests, counts.failures, counts.errors, counts.skipped);
  suites_ += cases.empty() ? "/>\n" : fmt::format(">\n{}  </testsuite>\n", cases);
  tests_ += counts.tests;
  failures_ += counts.failures;
  errors_ += counts.errors;
}

void JunitReportWriter::finish() {
  out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out_ << fmt::format("<testsuites name=\"podlint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n", tests_,
                      failures_, errors_);
  out_ << suites_ << "</testsuites>\n";
}

void write_junit(std::ostream& out, const std::vector<FileReport>& reports) {
  JunitReportWriter(out).write_all(reports);
}

}  // namespace podlint
