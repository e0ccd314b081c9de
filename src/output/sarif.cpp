#include "output/sarif.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <sstream>

#include "output/rule_docs.hpp"

namespace podlint {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSourceRoot = "%SRCROOT%";
constexpr std::string_view kFingerprintKey = "podlint/v1";

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

// Where a file is: relative to %SRCROOT% when it lies below the working
// directory, else an absolute file: URI.
json artifact_location(const std::string& path, const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  const fs::path given(path);
  const fs::path absolute = (given.is_absolute() ? given : root / given).lexically_normal();
  const fs::path relative = absolute.lexically_relative(root);
  if (!relative.empty() && *relative.begin() != ".." && relative != ".")
    return {{"uri", percent_encode(relative.generic_string())}, {"uriBaseId", kSourceRoot}};
  return {{"uri", "file://" + percent_encode(absolute.generic_string())}};
}

// The bytes a span covers.
std::string_view span_text(std::string_view text, const yaml::Span& span) {
  if (span.end.offset < span.begin.offset || span.end.offset > text.size()) return {};
  return text.substr(span.begin.offset, span.end.offset - span.begin.offset);
}

// A span's lines and UTF-16 columns; an empty span is an insertion point.
json bare_region(const yaml::LineIndex& lines, const yaml::Span& span) {
  const auto column = [&](const yaml::Position& p) {
    return yaml::utf16_column(lines.line_text(p.line), p.column) + 1;
  };
  return {{"startLine", span.begin.line},
          {"startColumn", column(span.begin)},
          {"endLine", span.end.line},
          {"endColumn", column(span.end)}};
}

json region(const yaml::LineIndex& lines, std::string_view text, const yaml::Span& span) {
  json r = bare_region(lines, span);
  if (const std::string_view snippet = span_text(text, span); !snippet.empty())
    r["snippet"] = {{"text", snippet}};
  return r;
}

// A finding's fixes as SARIF fixes: each a change to the finding's file;
// podlint's applicability in the property bag.
json fixes(const Diagnostic& d, const yaml::LineIndex& lines, const json& artifact) {
  json out = json::array();
  for (const Fix& fix : d.fixes) {
    json replacements = json::array();
    for (const Edit& edit : fix.edits) {
      replacements.push_back({{"deletedRegion", bare_region(lines, edit.span)},
                              {"insertedContent", {{"text", edit.replacement}}}});
    }
    out.push_back({{"description", {{"text", sentence(fix.title)}}},
                   {"artifactChanges", json::array({{{"artifactLocation", artifact},
                                                     {"replacements", std::move(replacements)}}})},
                   {"properties", {{"applicability", applicability_name(fix.applicability)}}}});
  }
  return out;
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

// 64-bit FNV-1a: small, stable across platforms and releases.
std::string fingerprint(std::string_view key) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : key) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

// The whole lines a region stands on, for readers without the file.
json context_region(const yaml::LineIndex& lines, const yaml::Span& span) {
  const std::string_view first = lines.line_text(span.begin.line);
  const std::string_view last = lines.line_text(span.end.line);
  json r = {{"startLine", span.begin.line},
            {"startColumn", 1},
            {"endLine", span.end.line},
            {"endColumn", yaml::utf16_column(last, static_cast<uint32_t>(last.size()) + 1) + 1}};
  // Both views point into the text: the snippet keeps its line breaks as they are.
  if (first.data() != nullptr && last.data() != nullptr && last.data() + last.size() > first.data())
    r["snippet"] = {{"text", std::string_view(first.data(), last.data() + last.size() - first.data())}};
  return r;
}

// The finding's object ("Deployment/prod/web") and field within it
// ("Deployment/prod/web:spec.template.spec.containers[0].image").
json logical_locations(const Diagnostic& d) {
  json out = json::array();
  std::string object;
  if (d.object) {
    for (const std::string* part : {&d.object->kind, &d.object->namespace_, &d.object->name}) {
      if (!part->empty()) object += (object.empty() ? "" : "/") + *part;
    }
    out.push_back({{"name", d.object->name},
                   {"fullyQualifiedName", object},
                   {"kind", "object"},
                   {"properties", {{"apiVersion", d.object->api_version}}}});
  }
  if (!d.path.empty()) {
    // The last segment: "image", "[0]", "[\"podlint.dev/ignore\"]".
    const size_t last = d.path.find_last_of(".[");
    std::string name =
        last == std::string::npos ? d.path : d.path.substr(d.path[last] == '.' ? last + 1 : last);
    out.push_back({{"name", std::move(name)},
                   {"fullyQualifiedName", object.empty() ? d.path : object + ":" + d.path},
                   {"kind", "property"}});
  }
  return out;
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

void write_sarif(std::ostream& out, const std::vector<FileReport>& reports, const SarifOptions& options) {
  const std::filesystem::path root = std::filesystem::path(options.working_directory).lexically_normal();
  std::string root_uri = "file://" + percent_encode(root.generic_string());
  if (!root_uri.ends_with('/')) root_uri += '/';

  std::map<std::string_view, size_t> rule_index;
  for (const auto& rule : all_rules())
    rule_index.emplace(rule->info().id, rule_index.size());

  json artifacts = json::array();
  json results = json::array();
  json notifications = json::array();
  for (const auto& report : reports) {
    const json location = artifact_location(report.path, root);
    json indexed = location;
    indexed["index"] = artifacts.size();
    json artifact = {{"location", location}};
    if (report.read_error.empty()) artifact["length"] = report.text.size();
    artifacts.push_back(std::move(artifact));
    if (!report.read_error.empty()) {
      notifications.push_back(
          {{"level", "error"},
           {"message",
            {{"text", sentence(fmt::format("Cannot read {}: {}", report.path, report.read_error))}}},
           {"locations", json::array({{{"physicalLocation", {{"artifactLocation", indexed}}}}})}});
      continue;
    }
    const yaml::LineIndex lines(report.text);
    const auto physical = [&](const yaml::Span& span) {
      return json{{"artifactLocation", indexed}, {"region", region(lines, report.text, span)}};
    };
    std::map<std::string, size_t> occurrences;  // identical findings in this file so far
    for (const auto& d : report.diagnostics) {
      json result = {{"ruleId", d.rule}};
      if (const auto it = rule_index.find(d.rule); it != rule_index.end()) result["ruleIndex"] = it->second;
      result["level"] = sarif_level(d.severity);
      result["message"] = {
          {"text", sentence(d.source.empty() ? d.message
                                             : fmt::format("{} (rendered from {})", d.message, d.source))}};
      if (!d.source.empty()) result["properties"] = {{"helmTemplate", d.source}};
      json primary = physical(d.span);
      json context = context_region(lines, d.span);
      // SARIF wants a context strictly larger than the region: none when the region is whole lines.
      const json& flagged = primary["region"];
      if (context["startColumn"] != flagged["startColumn"] || context["endColumn"] != flagged["endColumn"])
        primary["contextRegion"] = std::move(context);
      json where = {{"physicalLocation", std::move(primary)}};
      if (json logical = logical_locations(d); !logical.empty())
        where["logicalLocations"] = std::move(logical);
      result["locations"] = json::array({std::move(where)});
      if (!d.related.empty()) {
        json related = json::array();
        for (const auto& r : d.related) {
          related.push_back({{"id", related.size() + 1},
                             {"physicalLocation", physical(r.span)},
                             {"message", {{"text", sentence(r.message)}}}});
        }
        result["relatedLocations"] = std::move(related);
      }
      if (!d.fixes.empty()) result["fixes"] = fixes(d, lines, indexed);
      std::string key = fmt::format("{}\n{}\n{}\n{}", d.rule, location["uri"].get<std::string>(),
                                    without_positions(d.message), span_text(report.text, d.span));
      key += fmt::format("\n{}", occurrences[key]++);
      result["partialFingerprints"] = {{kFingerprintKey, fingerprint(key)}};
      if (d.suppression) {
        json suppression = {{"kind", "inSource"},
                            {"location", {{"physicalLocation", physical(d.suppression->span)}}}};
        if (!d.suppression->justification.empty())
          suppression["justification"] = d.suppression->justification;
        result["suppressions"] = json::array({std::move(suppression)});
      }
      results.push_back(std::move(result));
    }
  }

  json invocation = {{"executionSuccessful", notifications.empty()}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);
  const json log = {{"$schema", kSchema},
                    {"version", "2.1.0"},
                    {"runs", json::array({{{"tool", {{"driver", driver()}}},
                                           {"invocations", json::array({std::move(invocation)})},
                                           {"originalUriBaseIds", {{kSourceRoot, {{"uri", root_uri}}}}},
                                           {"artifacts", std::move(artifacts)},
                                           {"columnKind", "utf16CodeUnits"},
                                           {"results", std::move(results)}}})}};
  // Invalid UTF-8 in a message, path or snippet is replaced rather than thrown on.
  out << log.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace podlint
