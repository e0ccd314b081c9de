#include "output/sarif.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <sstream>
#include <unordered_map>

#include "output/rule_docs.hpp"

namespace podlint {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSourceRoot = "%SRCROOT%";
constexpr std::string_view kFingerprintKey = "podlint/v1";
// Containers open around a result: the log, runs, the run, results.
constexpr size_t kResultsDepth = 4;

// Rules of these categories are security rules for GitHub: tagged "security",
// with a security-severity (a CVSS-like score, as a string): the rule's own
// (RuleInfo::security_severity), else one from its level.
constexpr Category kSecurityCategories[] = {Category::Security};

std::string_view security_severity(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "8.0";  // high
    case Severity::Warning:
      return "5.0";  // medium
    case Severity::Info:
      return "2.0";  // low
  }
  return "8.0";
}

std::string_view sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "error";
}

// SARIF wants messages to be sentences.
std::string sentence(std::string_view text) {
  std::string s(text);
  if (s.empty() || (s.back() != '.' && s.back() != '!' && s.back() != '?')) s += '.';
  return s;
}

// "port-conflict" -> "PortConflict"
std::string pascal_case(std::string_view id) {
  std::string name;
  bool upper = true;
  for (const char c : id) {
    if (c == '-') {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

// Percent-encodes everything but unreserved characters and '/'; bytes that
// are not UTF-8 survive as %XX too.
std::string percent_encode(std::string_view path) {
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// Whether a path is relative with no "." or ".." part and no empty one (as
// a directory walk below the working directory names files): already what
// normalizing it and making it relative to the working directory would give.
bool plain_relative(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  for (size_t start = 0;;) {
    const size_t end = path.find('/', start);
    const std::string_view part = path.substr(start, end == std::string_view::npos ? end : end - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

// Where a file is: relative to %SRCROOT% when it lies below the working
// directory, else an absolute file: URI. Returns the URI and whether it is
// relative.
std::pair<std::string, bool> artifact_uri(const std::string& path, const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  if (plain_relative(path)) return {percent_encode(path), true};
  const fs::path given(path);
  const fs::path absolute = (given.is_absolute() ? given : root / given).lexically_normal();
  const fs::path relative = absolute.lexically_relative(root);
  if (!relative.empty() && *relative.begin() != ".." && relative != ".")
    return {percent_encode(relative.generic_string()), true};
  return {"file://" + percent_encode(absolute.generic_string()), false};
}

void artifact_location(JsonWriter& json, std::string_view uri, bool relative, size_t index) {
  json.key("artifactLocation");
  json.begin_object();
  json.field("uri", uri);
  if (relative) json.field("uriBaseId", kSourceRoot);
  json.field("index", index);
  json.end_object();
}

// The bytes a span covers.
std::string_view span_text(std::string_view text, const yaml::Span& span) {
  if (span.end.offset < span.begin.offset || span.end.offset > text.size()) return {};
  return text.substr(span.begin.offset, span.end.offset - span.begin.offset);
}

struct Region {
  uint32_t start_line, start_column, end_line, end_column;
  std::string_view snippet;

  void write(JsonWriter& json, std::string_view name) const {
    json.key(name);
    json.begin_object();
    json.field("startLine", start_line);
    json.field("startColumn", start_column);
    json.field("endLine", end_line);
    json.field("endColumn", end_column);
    if (!snippet.empty()) {
      json.key("snippet");
      json.begin_object();
      json.field("text", snippet);
      json.end_object();
    }
    json.end_object();
  }
};

// A span's lines and UTF-16 columns; an empty span is an insertion point.
Region bare_region(const yaml::LineIndex& lines, const yaml::Span& span) {
  const auto column = [&](const yaml::Position& p) {
    return yaml::utf16_column(lines.line_text(p.line), p.column) + 1;
  };
  return {span.begin.line, column(span.begin), span.end.line, column(span.end), {}};
}

// The same with the text it covers.
Region region(const yaml::LineIndex& lines, std::string_view text, const yaml::Span& span) {
  Region r = bare_region(lines, span);
  r.snippet = span_text(text, span);
  return r;
}

// A finding's fixes as SARIF fixes: each a change to the finding's file;
// podlint's applicability in the property bag.
void fixes(JsonWriter& json, const Diagnostic& d, const yaml::LineIndex& lines, std::string_view uri,
           bool relative, size_t index) {
  json.key("fixes");
  json.begin_array();
  for (const Fix& fix : d.fixes) {
    json.begin_object();
    json.key("description");
    json.begin_object();
    json.field("text", sentence(fix.title));
    json.end_object();
    json.key("artifactChanges");
    json.begin_array();
    json.begin_object();
    artifact_location(json, uri, relative, index);
    json.key("replacements");
    json.begin_array();
    for (const Edit& edit : fix.edits) {
      json.begin_object();
      bare_region(lines, edit.span).write(json, "deletedRegion");
      json.key("insertedContent");
      json.begin_object();
      json.field("text", edit.replacement);
      json.end_object();
      json.end_object();
    }
    json.end_array();
    json.end_object();
    json.end_array();
    json.key("properties");
    json.begin_object();
    json.field("applicability", applicability_name(fix.applicability));
    json.end_object();
    json.end_object();
  }
  json.end_array();
}

// Positions ("first defined at 11:7") left out of a message, so that the
// fingerprint does not change when lines move.
std::string without_positions(std::string_view message) {
  std::string out;
  size_t i = 0;
  const auto digits_end = [&](size_t k) {
    while (k < message.size() && std::isdigit(static_cast<unsigned char>(message[k])))
      ++k;
    return k;
  };
  while (i < message.size()) {
    const size_t line_end = digits_end(i);
    if (line_end > i && line_end < message.size() && message[line_end] == ':') {
      const size_t column_end = digits_end(line_end + 1);
      if (column_end > line_end + 1) {
        out += "#:#";
        i = column_end;
        continue;
      }
    }
    if (line_end > i) {
      out.append(message.substr(i, line_end - i));
      i = line_end;
    } else {
      out += message[i++];
    }
  }
  return out;
}

// 64-bit FNV-1a, fed a piece at a time: small, stable across platforms and
// releases.
class Fnv1a {
 public:
  Fnv1a& add(std::string_view bytes) {
    for (const char c : bytes) {
      hash_ ^= static_cast<unsigned char>(c);
      hash_ *= 0x100000001b3ULL;
    }
    return *this;
  }
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// The whole lines a region stands on, for readers without the file.
Region context_region(const yaml::LineIndex& lines, const yaml::Span& span) {
  const std::string_view first = lines.line_text(span.begin.line);
  const std::string_view last = lines.line_text(span.end.line);
  Region r{span.begin.line,
           1,
           span.end.line,
           yaml::utf16_column(last, static_cast<uint32_t>(last.size()) + 1) + 1,
           {}};
  // Both views point into the text: the snippet keeps its line breaks as they are.
  if (first.data() != nullptr && last.data() != nullptr && last.data() + last.size() > first.data())
    r.snippet = std::string_view(first.data(), last.data() + last.size() - first.data());
  return r;
}

// The finding's object ("Deployment/prod/web") and field within it
// ("Deployment/prod/web:spec.template.spec.containers[0].image").
void logical_locations(JsonWriter& json, const Diagnostic& d) {
  if (!d.object && d.path.empty()) return;
  json.key("logicalLocations");
  json.begin_array();
  std::string object;
  if (d.object) {
    for (const std::string* part : {&d.object->kind, &d.object->namespace_, &d.object->name}) {
      if (!part->empty()) object += (object.empty() ? "" : "/") + *part;
    }
    json.begin_object();
    json.field("name", d.object->name);
    json.field("fullyQualifiedName", object);
    json.field("kind", "object");
    json.key("properties");
    json.begin_object();
    json.field("apiVersion", d.object->api_version);
    json.end_object();
    json.end_object();
  }
  if (!d.path.empty()) {
    // The last segment: "image", "[0]", "[\"podlint.dev/ignore\"]".
    const std::string_view path = d.path;
    const size_t last = path.find_last_of(".[");
    json.begin_object();
    json.field("name", last == std::string::npos ? path : path.substr(path[last] == '.' ? last + 1 : last));
    json.field("fullyQualifiedName", object.empty() ? d.path : object + ":" + d.path);
    json.field("kind", "property");
    json.end_object();
  }
  json.end_array();
}

void message(JsonWriter& json, std::string_view text) {
  json.key("message");
  json.begin_object();
  json.field("text", sentence(text));
  json.end_object();
}

json driver() {
  json rules = json::array();
  for (const auto& rule : all_rules())
    rules.push_back(sarif_rule_descriptor(rule->info()));
  return {{"name", "podlint"},
          {"version", PODLINT_VERSION},
          {"semanticVersion", PODLINT_VERSION},
          {"informationUri", PODLINT_HOMEPAGE},
          {"rules", std::move(rules)}};
}

}  // namespace

nlohmann::ordered_json sarif_rule_descriptor(const RuleInfo& rule) {
  const RulePage& page = rule_page(rule);
  std::ostringstream text;
  write_rule_explanation(text, rule);
  const std::string_view category = category_name(rule.category);
  json tags = json::array({category});
  json properties = json::object();
  if (std::ranges::find(kSecurityCategories, rule.category) != std::end(kSecurityCategories)) {
    if (rule.category != Category::Security) tags.push_back("security");
    properties["security-severity"] = rule.security_severity > 0
                                          ? fmt::format("{:.1f}", rule.security_severity)
                                          : std::string(security_severity(rule.severity));
  }
  properties["tags"] = std::move(tags);
  return {{"id", rule.id},
          {"name", pascal_case(rule.id)},
          {"shortDescription", {{"text", sentence(page.summary)}}},
          {"fullDescription", {{"text", sentence(page.what)}}},
          {"help", {{"text", text.str()}, {"markdown", page.markdown}}},
          {"helpUri", rule_page_url(rule)},
          {"defaultConfiguration", {{"level", sarif_level(rule.severity)}}},
          {"properties", std::move(properties)}};
}

SarifReportWriter::SarifReportWriter(std::ostream& out, const SarifOptions& options)
    : out_(out), root_(std::filesystem::path(options.working_directory).lexically_normal()) {
  root_uri_ = "file://" + percent_encode(root_.generic_string());
  if (!root_uri_.ends_with('/')) root_uri_ += '/';
  for (const auto& rule : all_rules())
    rule_index_.emplace(rule->info().id, rule_index_.size());
  json_.begin_object();
  json_.field("$schema", kSchema);
  json_.field("version", "2.1.0");
  json_.key("runs");
  json_.begin_array();
  json_.begin_object();
  json_.key("tool");
  json_.begin_object();
  json_.key("driver");
  // Invalid UTF-8 in a rule's text is replaced rather than thrown on.
  json_.raw(driver().dump(2, ' ', false, json::error_handler_t::replace));
  json_.end_object();
  json_.key("originalUriBaseIds");
  json_.begin_object();
  json_.key(kSourceRoot);
  json_.begin_object();
  json_.field("uri", root_uri_);
  json_.end_object();
  json_.end_object();
  json_.field("columnKind", "utf16CodeUnits");
  json_.key("results");
  json_.begin_array();
  json_.drain_to(out_);
}

bool SarifReportWriter::record(const FileReport& report) {
  const size_t index = artifacts_.size();
  auto [uri, relative] = artifact_uri(report.path, root_);
  Artifact& artifact = artifacts_.emplace_back(Artifact{std::move(uri), relative, std::nullopt});
  if (!report.read_error.empty()) {
    unreadable_.push_back(fmt::format("Cannot read {}: {}", report.path, report.read_error));
    unreadable_artifacts_.push_back(index);
    return false;
  }
  artifact.length = report.text.size();
  return true;
}

void SarifReportWriter::add(const FileReport& report) {
  if (!record(report)) return;
  write_results(json_, report, {.uri = artifacts_.back().uri, .relative = artifacts_.back().relative},
                artifacts_.size() - 1, &out_);
  json_.drain_to(out_);
}

std::optional<std::string> SarifReportWriter::render(const FileReport& report, size_t input_index) const {
  if (!report.read_error.empty() || report.diagnostics.size() > kRenderedFindings) return std::nullopt;
  const auto [uri, relative] = artifact_uri(report.path, root_);
  JsonWriter json = JsonWriter::continuing(kResultsDepth);
  write_results(json, report, {.uri = uri, .relative = relative}, input_index, nullptr);
  return json.take();
}

void SarifReportWriter::add_rendered(const FileReport& report, std::string rendered) {
  record(report);
  json_.elements(rendered);
  json_.drain_to(out_);
}

void SarifReportWriter::write_results(JsonWriter& json, const FileReport& report,
                                      const ArtifactName& artifact, size_t index,
                                      std::ostream* flush_to) const {
  if (report.diagnostics.empty()) return;  // no table of a long clean input's lines
  const yaml::LineIndex lines(report.text);
  const auto physical = [&](const yaml::Span& span, const Region* context) {
    json.key("physicalLocation");
    json.begin_object();
    artifact_location(json, artifact.uri, artifact.relative, index);
    region(lines, report.text, span).write(json, "region");
    if (context) context->write(json, "contextRegion");
    json.end_object();
  };
  // Identical findings in this file so far, by their key's hash (a file may
  // have a million findings).
  std::unordered_map<uint64_t, size_t> occurrences;
  for (const auto& d : report.diagnostics) {
    json.begin_object();
    json.field("ruleId", d.rule);
    if (const auto it = rule_index_.find(d.rule); it != rule_index_.end())
      json.field("ruleIndex", it->second);
    json.field("level", sarif_level(d.severity));
    message(json, d.source.empty() ? d.message : fmt::format("{} (rendered from {})", d.message, d.source));
    if (!d.source.empty()) {
      json.key("properties");
      json.begin_object();
      json.field("helmTemplate", d.source);
      json.end_object();
    }
    json.key("locations");
    json.begin_array();
    json.begin_object();
    // SARIF wants a context strictly larger than the region: none when the region is whole lines.
    const Region flagged = region(lines, report.text, d.span);
    const Region context = context_region(lines, d.span);
    const bool larger =
        context.start_column != flagged.start_column || context.end_column != flagged.end_column;
    physical(d.span, larger ? &context : nullptr);
    logical_locations(json, d);
    json.end_object();
    json.end_array();
    if (!d.related.empty()) {
      json.key("relatedLocations");
      json.begin_array();
      for (size_t i = 0; i < d.related.size(); ++i) {
        json.begin_object();
        json.field("id", i + 1);
        physical(d.related[i].span, nullptr);
        message(json, d.related[i].message);
        json.end_object();
      }
      json.end_array();
    }
    if (!d.fixes.empty()) fixes(json, d, lines, artifact.uri, artifact.relative, index);
    // The hash of "rule\nuri\nmessage\nflagged text", then of the same
    // with "\nN" for the N-th finding of that key in this file.
    Fnv1a key;
    key.add(d.rule).add("\n").add(artifact.uri).add("\n").add(without_positions(d.message)).add("\n");
    key.add(span_text(report.text, d.span));
    const size_t repeat = occurrences[key.value()]++;
    char digits[24];
    const auto written = fmt::format_to_n(digits, sizeof digits, "\n{}", repeat);
    key.add(std::string_view(digits, written.size));
    char hex[17];
    fmt::format_to(hex, "{:016x}", key.value());
    json.key("partialFingerprints");
    json.begin_object();
    json.field(kFingerprintKey, std::string_view(hex, 16));
    json.end_object();
    if (d.suppression) {
      json.key("suppressions");
      json.begin_array();
      json.begin_object();
      json.field("kind", "inSource");
      json.key("location");
      json.begin_object();
      physical(d.suppression->span, nullptr);
      json.end_object();
      if (!d.suppression->justification.empty()) json.field("justification", d.suppression->justification);
      json.end_object();
      json.end_array();
    }
    json.end_object();
    if (flush_to != nullptr && json.size() >= kFlushBytes) json.drain_to(*flush_to);
  }
}

void SarifReportWriter::finish() {
  json_.end_array();  // results
  json_.key("artifacts");
  json_.begin_array();
  for (const Artifact& artifact : artifacts_) {
    json_.begin_object();
    json_.key("location");
    json_.begin_object();
    json_.field("uri", artifact.uri);
    if (artifact.relative) json_.field("uriBaseId", kSourceRoot);
    json_.end_object();
    if (artifact.length) json_.field("length", *artifact.length);
    json_.end_object();
  }
  json_.end_array();
  json_.key("invocations");
  json_.begin_array();
  json_.begin_object();
  json_.field("executionSuccessful", unreadable_.empty());
  if (!unreadable_.empty()) {
    json_.key("toolExecutionNotifications");
    json_.begin_array();
    for (size_t i = 0; i < unreadable_.size(); ++i) {
      const Artifact& artifact = artifacts_[unreadable_artifacts_[i]];
      json_.begin_object();
      json_.field("level", "error");
      message(json_, unreadable_[i]);
      json_.key("locations");
      json_.begin_array();
      json_.begin_object();
      json_.key("physicalLocation");
      json_.begin_object();
      artifact_location(json_, artifact.uri, artifact.relative, unreadable_artifacts_[i]);
      json_.end_object();
      json_.end_object();
      json_.end_array();
      json_.end_object();
    }
    json_.end_array();
  }
  json_.end_object();
  json_.end_array();   // invocations
  json_.end_object();  // the run
  json_.end_array();   // runs
  json_.end_object();
  json_.drain_to(out_);
}

void write_sarif(std::ostream& out, const std::vector<FileReport>& reports, const SarifOptions& options) {
  SarifReportWriter(out, options).write_all(reports);
}

}  // namespace podlint
