// The SARIF emitter: the driver's rules, exact regions in UTF-16 columns,
// artifact URIs, suppressions, notifications, and fingerprints that survive
// lines moving.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "engine/lint.hpp"
#include "engine/rule.hpp"
#include "output/json.hpp"
#include "output/rule_docs.hpp"
#include "output/sarif.hpp"

namespace {

using nlohmann::json;

json sarif_of(const std::vector<podlint::FileReport>& reports, const std::string& root = "/repo") {
  std::ostringstream out;
  podlint::write_sarif(out, reports, {.working_directory = root});
  return json::parse(out.str());
}

podlint::yaml::Span span_of(std::string_view text, std::string_view needle, size_t from = 0) {
  const podlint::yaml::LineIndex lines(text);
  const auto begin = static_cast<uint32_t>(text.find(needle, from));
  REQUIRE(begin != std::string_view::npos);
  return {lines.position(begin), lines.position(begin + static_cast<uint32_t>(needle.size()))};
}

size_t rule_index(std::string_view id) {
  const auto rules = podlint::all_rules();
  for (size_t i = 0; i < rules.size(); ++i)
    if (rules[i]->info().id == id) return i;
  FAIL("no rule " << id);
  return 0;
}

std::vector<std::string> fingerprints(const json& log) {
  std::vector<std::string> out;
  for (const auto& result : log["runs"][0]["results"])
    out.push_back(result["partialFingerprints"]["podlint/v1"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("SARIF names the tool and describes every rule", "[sarif]") {
  const json log = sarif_of({});
  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(log["version"] == "2.1.0");
  const json& run = log["runs"][0];
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "podlint");
  CHECK(driver["version"] == PODLINT_VERSION);
  CHECK(driver["semanticVersion"] == PODLINT_VERSION);
  CHECK(driver["informationUri"] == PODLINT_HOMEPAGE);
  CHECK(run["columnKind"] == "utf16CodeUnits");
  CHECK(run["results"] == json::array());  // present even when there is nothing to report
  CHECK(run["invocations"] == json::parse(R"([{"executionSuccessful": true}])"));
  CHECK(run["originalUriBaseIds"] == json::parse(R"({"%SRCROOT%": {"uri": "file:///repo/"}})"));

  const auto rules = podlint::all_rules();
  REQUIRE(driver["rules"].size() == rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    const podlint::RuleInfo& info = rules[i]->info();
    const json& d = driver["rules"][i];
    INFO("rule " << info.id);
    const podlint::RulePage& page = podlint::rule_page(info);
    CHECK(d["id"] == info.id);
    CHECK(d["shortDescription"]["text"] == std::string(page.summary) + ".");
    CHECK(d["fullDescription"]["text"] == page.what);
    std::ostringstream text;
    podlint::write_rule_explanation(text, info);
    CHECK(d["help"]["text"] == text.str());
    CHECK(d["help"]["markdown"] == page.markdown);
    CHECK(d["defaultConfiguration"]["level"] == (info.severity == podlint::Severity::Error     ? "error"
                                                 : info.severity == podlint::Severity::Warning ? "warning"
                                                                                               : "note"));
    // Security rules carry their own CVSS-like score, the others only their category.
    json properties = json::object();
    if (info.category == podlint::Category::Security) {
      CHECK(info.security_severity > 0);
      CHECK(info.security_severity <= 10);
      properties["security-severity"] = fmt::format("{:.1f}", info.security_severity);
    }
    properties["tags"] = {podlint::category_name(info.category)};
    CHECK(d["properties"] == properties);
    // helpUri points at the rule's page.
    const std::string help = d["helpUri"];
    const std::string prefix = PODLINT_HOMEPAGE "/blob/main/";
    REQUIRE(help.rfind(prefix, 0) == 0);
    CHECK(help.substr(prefix.size()) == "docs/rules/" + std::string(info.id) + ".md");
    CHECK(std::filesystem::exists(std::string(PODLINT_SOURCE_DIR) + "/" + help.substr(prefix.size())));
  }
  CHECK(driver["rules"][rule_index("duplicate-key")]["name"] == "DuplicateKey");
  CHECK(driver["rules"][rule_index("host-network-port-mismatch")]["name"] == "HostNetworkPortMismatch");
}

TEST_CASE("SARIF gives security rules a security-severity from their level", "[sarif]") {
  const podlint::RuleInfo rule{
      .id = "run-as-root", .severity = podlint::Severity::Error, .category = podlint::Category::Security};
  const json d = podlint::sarif_rule_descriptor(rule);
  CHECK(d["properties"] == json::parse(R"({"security-severity": "8.0", "tags": ["security"]})"));
  CHECK(d["name"] == "RunAsRoot");
  // A rule's own score wins over its level's.
  const podlint::RuleInfo scored{.id = "run-as-root",
                                 .severity = podlint::Severity::Warning,
                                 .category = podlint::Category::Security,
                                 .security_severity = 9.3};
  CHECK(podlint::sarif_rule_descriptor(scored)["properties"]["security-severity"] == "9.3");
  podlint::RuleInfo warning = rule;
  warning.severity = podlint::Severity::Warning;
  CHECK(podlint::sarif_rule_descriptor(warning)["properties"]["security-severity"] == "5.0");
  podlint::RuleInfo info = rule;
  info.severity = podlint::Severity::Info;
  CHECK(podlint::sarif_rule_descriptor(info)["properties"]["security-severity"] == "2.0");
  CHECK(podlint::sarif_rule_descriptor(info)["defaultConfiguration"]["level"] == "note");
}

TEST_CASE("SARIF results have exact regions in UTF-16 columns, snippets and related locations", "[sarif]") {
  // "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
  const std::string text = "metadata:\n  name: \"é😀\"\n  name: x\n";
  podlint::FileReport report{"k8s/pod.yaml", text, {}, {}};
  podlint::Diagnostic& d = report.diagnostics.emplace_back();
  d.rule = "duplicate-key";
  d.severity = podlint::Severity::Error;
  d.span = span_of(text, "name", 20);
  d.message = "duplicate key \"name\" (first defined at 2:3)";
  d.related.push_back({span_of(text, "\"é😀\""), "first value"});
  podlint::Diagnostic& info = report.diagnostics.emplace_back();
  info.rule = "missing-liveness-probe";
  info.severity = podlint::Severity::Info;
  info.span = span_of(text, "😀\"\n  name");  // over a line break
  info.message = "spans two lines.";
  podlint::Diagnostic& whole = report.diagnostics.emplace_back();
  whole.rule = "unknown-field";
  whole.span = span_of(text, "  name: x");
  whole.message = "a whole line";

  const json log = sarif_of({report});
  const json& run = log["runs"][0];
  CHECK(run["artifacts"] == json::parse(R"([{"location": {"uri": "k8s/pod.yaml", "uriBaseId": "%SRCROOT%"},
                                            "length": 37}])"));
  REQUIRE(run["results"].size() == 3);
  const json& first = run["results"][0];
  CHECK(first["ruleId"] == "duplicate-key");
  CHECK(first["ruleIndex"] == rule_index("duplicate-key"));
  CHECK(first["level"] == "error");
  CHECK(first["message"]["text"] == "duplicate key \"name\" (first defined at 2:3).");
  CHECK(first["locations"] == json::parse(R"([{"physicalLocation": {
      "artifactLocation": {"uri": "k8s/pod.yaml", "uriBaseId": "%SRCROOT%", "index": 0},
      "region": {"startLine": 3, "startColumn": 3, "endLine": 3, "endColumn": 7, "snippet": {"text": "name"}},
      "contextRegion": {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 10,
                        "snippet": {"text": "  name: x"}}}}])"));
  // Line 2 is `  name: "é😀"`: the quoted value starts at byte 9 and ends at byte 17, UTF-16 units 9 to 14.
  CHECK(first["relatedLocations"] == json::parse(R"([{"id": 1, "physicalLocation": {
      "artifactLocation": {"uri": "k8s/pod.yaml", "uriBaseId": "%SRCROOT%", "index": 0},
      "region": {"startLine": 2, "startColumn": 9, "endLine": 2, "endColumn": 14,
                 "snippet": {"text": "\"é😀\""}}},
      "message": {"text": "first value."}}])"));
  CHECK(first.count("suppressions") == 0);

  const json& second = run["results"][1];
  CHECK(second["level"] == "note");
  CHECK(second["message"]["text"] == "spans two lines.");
  CHECK(second["locations"][0]["physicalLocation"]["region"] ==
        json::parse(R"({"startLine": 2, "startColumn": 11, "endLine": 3, "endColumn": 7,
                        "snippet": {"text": "😀\"\n  name"}})"));
  CHECK(second["locations"][0]["physicalLocation"]["contextRegion"] ==
        json::parse(R"({"startLine": 2, "startColumn": 1, "endLine": 3, "endColumn": 10,
                        "snippet": {"text": "  name: \"é😀\"\n  name: x"}})"));
  // No context around whole lines: SARIF wants it strictly larger than the region.
  const json& third = run["results"][2]["locations"][0]["physicalLocation"];
  CHECK(third["region"] == json::parse(R"({"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 10,
                                           "snippet": {"text": "  name: x"}})"));
  CHECK(third.count("contextRegion") == 0);
}

TEST_CASE("SARIF gives a finding's object and field as logical locations", "[sarif]") {
  const std::string text = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          imagePullPolicy: always
---
a: 1
a: 2
)";
  const json log = sarif_of({podlint::lint_text("deploy.yaml", text)});
  std::map<std::string, json> by_rule;
  for (const json& result : log["runs"][0]["results"])
    by_rule[result["ruleId"]] = result["locations"][0].value("logicalLocations", json());
  CHECK(by_rule["invalid-enum"] == json::parse(R"([
    {"name": "web", "fullyQualifiedName": "Deployment/shop/web", "kind": "object",
     "properties": {"apiVersion": "apps/v1"}},
    {"name": "imagePullPolicy", "kind": "property",
     "fullyQualifiedName": "Deployment/shop/web:spec.template.spec.containers[0].imagePullPolicy"}])"));
  // Outside any object only the field.
  CHECK(by_rule["duplicate-key"] ==
        json::parse(R"([{"name": "a", "fullyQualifiedName": "a", "kind": "property"}])"));
}

TEST_CASE("SARIF artifact URIs are relative to %SRCROOT% below the working directory", "[sarif]") {
  std::vector<podlint::FileReport> reports;
  for (const char* path : {"a.yaml", "./sub/../b.yaml", "/repo/deep/c.yaml", "../elsewhere/d.yaml",
                           "/etc/e.yaml", "with space/ü%#.yaml", "-"})
    reports.push_back({path, "a: 1\n", {}, {}});
  const json artifacts = sarif_of(reports)["runs"][0]["artifacts"];
  CHECK(artifacts == json::parse(R"([
    {"location": {"uri": "a.yaml", "uriBaseId": "%SRCROOT%"}, "length": 5},
    {"location": {"uri": "b.yaml", "uriBaseId": "%SRCROOT%"}, "length": 5},
    {"location": {"uri": "deep/c.yaml", "uriBaseId": "%SRCROOT%"}, "length": 5},
    {"location": {"uri": "file:///elsewhere/d.yaml"}, "length": 5},
    {"location": {"uri": "file:///etc/e.yaml"}, "length": 5},
    {"location": {"uri": "with%20space/%C3%BC%25%23.yaml", "uriBaseId": "%SRCROOT%"}, "length": 5},
    {"location": {"uri": "-", "uriBaseId": "%SRCROOT%"}, "length": 5}])"));
  CHECK(sarif_of({}, "/home/me/my repo")["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] ==
        "file:///home/me/my%20repo/");
}

TEST_CASE("SARIF reports unreadable files as tool execution notifications", "[sarif]") {
  const json run = sarif_of({{"missing.yaml", "", {}, "No such file or directory"}})["runs"][0];
  CHECK(run["results"] == json::array());
  CHECK(run["artifacts"] ==
        json::parse(R"([{"location": {"uri": "missing.yaml", "uriBaseId": "%SRCROOT%"}}])"));
  CHECK(run["invocations"] == json::parse(R"([{"executionSuccessful": false, "toolExecutionNotifications": [
      {"level": "error", "message": {"text": "Cannot read missing.yaml: No such file or directory."},
       "locations": [{"physicalLocation": {"artifactLocation":
                      {"uri": "missing.yaml", "uriBaseId": "%SRCROOT%", "index": 0}}}]}]}])"));
}

TEST_CASE("SARIF marks suppressed findings as suppressed in source", "[sarif]") {
  const std::string text = "a: 1 # podlint-disable-line x -- reviewed\nb: 2 # podlint-disable-line x\n";
  podlint::FileReport report{"s.yaml", text, {}, {}};
  for (const auto& [value, justification] : {std::pair{"1", "reviewed"}, std::pair{"2", ""}}) {
    podlint::Diagnostic& d = report.diagnostics.emplace_back();
    d.rule = "invalid-type";
    d.span = span_of(text, value);
    d.message = "m";
    d.suppression =
        podlint::Suppression{span_of(text, "# podlint-disable-line x", d.span.begin.offset), justification};
  }
  const json results = sarif_of({report})["runs"][0]["results"];
  CHECK(results[0]["suppressions"] == json::parse(R"([{"kind": "inSource", "justification": "reviewed",
      "location": {"physicalLocation": {
        "artifactLocation": {"uri": "s.yaml", "uriBaseId": "%SRCROOT%", "index": 0},
        "region": {"startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 30,
                   "snippet": {"text": "# podlint-disable-line x"}}}}}])"));
  CHECK(results[1]["suppressions"] == json::parse(R"([{"kind": "inSource",
      "location": {"physicalLocation": {
        "artifactLocation": {"uri": "s.yaml", "uriBaseId": "%SRCROOT%", "index": 0},
        "region": {"startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 30,
                   "snippet": {"text": "# podlint-disable-line x"}}}}}])"));
}

TEST_CASE("SARIF fingerprints stay when lines above move", "[sarif]") {
  const std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
      "    - name: web\n      image: nginx:1.27\n      image: nginx:1.28\n"
      "    - name: web\n      image: nginx:1.27\n      image: nginx:1.28\n";
  const json before = sarif_of({podlint::lint_text("pod.yaml", pod)});
  const json after = sarif_of({podlint::lint_text("pod.yaml", "# a comment\n\n# and another\n" + pod)});
  const json& results = before["runs"][0]["results"];
  REQUIRE(results.size() == after["runs"][0]["results"].size());
  REQUIRE(results.size() > 2);
  CHECK(fingerprints(before) == fingerprints(after));
  // The lines moved, and so did the positions in the duplicate-key messages.
  CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>() + 3 ==
        after["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>());
  std::vector<std::string> duplicate_keys;
  for (const auto& r : results)
    if (r["ruleId"] == "duplicate-key") duplicate_keys.push_back(r["partialFingerprints"]["podlint/v1"]);
  REQUIRE(duplicate_keys.size() == 2);
  CHECK(duplicate_keys[0] != duplicate_keys[1]);  // identical findings are told apart by their order
  for (const auto& fp : fingerprints(before))
    CHECK(fp.size() == 16);

  // Another file, or another message, is another finding.
  const json renamed = sarif_of({podlint::lint_text("other.yaml", pod)});
  CHECK(fingerprints(renamed)[0] != fingerprints(before)[0]);
}

TEST_CASE("SARIF replaces invalid UTF-8 rather than failing", "[sarif]") {
  const std::string text = "a: \xff\xfe\n";
  podlint::FileReport report{"bad\xc3.yaml", text, {}, {}};
  podlint::Diagnostic& d = report.diagnostics.emplace_back();
  d.rule = "yaml-syntax";
  d.span = span_of(text, "\xff");
  d.message = "invalid UTF-8 byte 0xFF \xff";
  const json result = sarif_of({report})["runs"][0]["results"][0];
  CHECK(result["message"]["text"] == "invalid UTF-8 byte 0xFF \xEF\xBF\xBD.");
  CHECK(result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "\xEF\xBF\xBD");
  CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%C3.yaml");
}

TEST_CASE("a report made apart (render, add_rendered) is written as add would write it",
          "[sarif][json][jobs]") {
  // Inputs as a run meets them: one without findings first (its results
  // must not leave a stray comma), one that could not be read, ordinary
  // ones, and one with more findings than are made apart.
  std::string many;
  for (int i = 0; i < 800; ++i)
    many += fmt::format(
        "---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p{}}}\nspec:\n  containers:\n"
        "    - {{name: c, image: busybox}}\n",
        i);
  const auto pod = [](std::string_view name) {
    return fmt::format(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: {}}}\nspec:\n  restartPolicy: always\n  containers:\n"
        "    - {{name: c, image: \"nginx:1\", ports: [{{containerPort: 80}}, {{containerPort: 80}}]}}\n",
        name);
  };
  std::vector<podlint::FileReport> reports;
  reports.push_back(podlint::lint_text("empty.yaml", "# nothing\n"));
  reports.push_back({.path = "gone.yaml", .read_error = "No such file or directory"});
  reports.push_back(podlint::lint_text("a.yaml", pod("a")));
  reports.push_back(podlint::lint_text("many.yaml", many));
  reports.push_back(podlint::lint_text("b.yaml", pod("b\u00e9")));
  REQUIRE(reports[0].diagnostics.empty());
  REQUIRE(reports[3].diagnostics.size() > podlint::kRenderedFindings);
  // SARIF leaves an unreadable file to add() (a notification, no results).
  const auto written = [&](auto make, bool apart, size_t expected_apart = 0) {
    std::ostringstream out;
    auto writer = make(out);
    size_t made = 0;
    for (size_t i = 0; i < reports.size(); ++i) {
      std::optional<std::string> rendered = apart ? writer.render(reports[i], i) : std::nullopt;
      if (rendered) {
        ++made;
        writer.add_rendered(reports[i], std::move(*rendered));
      } else {
        writer.add(reports[i]);
      }
    }
    writer.finish();
    if (apart) CHECK(made == expected_apart);  // never the long one
    return out.str();
  };
  const auto sarif = [](std::ostream& out) {
    return podlint::SarifReportWriter(out, {.working_directory = "/repo"});
  };
  const auto json_writer = [](std::ostream& out) { return podlint::JsonReportWriter(out); };
  const std::string sarif_whole = written(sarif, false);
  CHECK(written(sarif, true, 3) == sarif_whole);
  CHECK(json::parse(sarif_whole)["runs"][0]["results"].size() > podlint::kRenderedFindings);
  const std::string json_whole = written(json_writer, false);
  CHECK(written(json_writer, true, 4) == json_whole);
  CHECK_NOTHROW(json::parse(json_whole));
}
