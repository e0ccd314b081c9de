// Fixes in every output that carries them: JSON (title, applicability,
// edits), SARIF (fixes with artifactChanges), text ("fix available",
// --show-fixes).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "engine/lint.hpp"
#include "output/json.hpp"
#include "output/sarif.hpp"
#include "output/text.hpp"

namespace {

using nlohmann::json;

// A Job with two fixable findings: a case slip (safe), a missing
// restartPolicy (two unsafe choices, an insertion), and a multi-byte
// character before the first so that UTF-16 columns differ from bytes.
const std::string kJob =
    "apiVersion: batch/v1\n"
    "kind: Job\n"
    "metadata: {name: r\xc3\xa9port}\n"
    "spec:\n"
    "  template:\n"
    "    spec:\n"
    "      containers:\n"
    "        - {name: \xc3\xa9, image: busybox:1.36, imagePullPolicy: never}\n";

std::vector<podlint::FileReport> reports() {
  podlint::FileReport report = podlint::lint_text("job.yaml", kJob);
  // Only the two findings under test.
  std::erase_if(report.diagnostics, [](const podlint::Diagnostic& d) {
    return d.rule != "invalid-enum" && d.rule != "workload-restart-policy";
  });
  REQUIRE(report.diagnostics.size() == 2);
  return {std::move(report)};
}

}  // namespace

TEST_CASE("JSON gives each finding its fixes: title, applicability, edits by line, column and byte",
          "[fixes][json]") {
  std::ostringstream out;
  podlint::write_json(out, reports());
  const json document = json::parse(out.str());
  const json& restart = document["diagnostics"][0];
  CHECK(restart["rule"] == "workload-restart-policy");
  CHECK(restart["fixes"] == json::parse(R"([
    {"title": "Set restartPolicy to OnFailure", "applicability": "unsafe",
     "edits": [{"line": 7, "column": 1, "endLine": 7, "endColumn": 1, "offset": 85, "endOffset": 85,
                "replacement": "      restartPolicy: OnFailure\n"}]},
    {"title": "Set restartPolicy to Never", "applicability": "unsafe",
     "edits": [{"line": 7, "column": 1, "endLine": 7, "endColumn": 1, "offset": 85, "endOffset": 85,
                "replacement": "      restartPolicy: Never\n"}]}])"));
  const json& pull = document["diagnostics"][1];
  CHECK(pull["rule"] == "invalid-enum");
  CHECK(pull["fixes"] == json::parse(R"([
    {"title": "Change \"never\" to \"Never\"", "applicability": "safe",
     "edits": [{"line": 8, "column": 60, "endLine": 8, "endColumn": 65, "offset": 162, "endOffset": 167,
                "replacement": "Never"}]}])"));
  CHECK(kJob.substr(162, 5) == "never");
}

TEST_CASE("SARIF results carry their fixes as replacements in UTF-16 columns", "[fixes][sarif]") {
  std::ostringstream out;
  podlint::write_sarif(out, reports(), {.working_directory = "/repo"});
  const json log = json::parse(out.str());
  const json& results = log["runs"][0]["results"];
  CHECK(results[0]["fixes"].size() == 2);
  CHECK(results[0]["fixes"][0] == json::parse(R"({
    "description": {"text": "Set restartPolicy to OnFailure."},
    "artifactChanges": [{"artifactLocation": {"uri": "job.yaml", "uriBaseId": "%SRCROOT%", "index": 0},
                         "replacements": [{"deletedRegion": {"startLine": 7, "startColumn": 1, "endLine": 7, "endColumn": 1},
                                           "insertedContent": {"text": "      restartPolicy: OnFailure\n"}}]}],
    "properties": {"applicability": "unsafe"}})"));
  // "é" is two bytes and one UTF-16 unit: byte column 60 is column 59.
  CHECK(results[1]["fixes"][0]["artifactChanges"][0]["replacements"][0] == json::parse(R"({
    "deletedRegion": {"startLine": 8, "startColumn": 59, "endLine": 8, "endColumn": 64},
    "insertedContent": {"text": "Never"}})"));
  CHECK(results[1]["fixes"][0]["properties"]["applicability"] == "safe");
}

TEST_CASE("text says a fix is available, and --show-fixes shows each one's lines", "[fixes][text]") {
  std::ostringstream plain, shown;
  podlint::write_text(plain, reports(), {});
  CHECK(plain.str().find("[workload-restart-policy] (unsafe fix available)\n") != std::string::npos);
  CHECK(plain.str().find("[invalid-enum] (fix available)\n") != std::string::npos);
  CHECK(
      plain.str().ends_with("2 errors, 0 warnings, 0 info in 1 file (1 document, 1 Kubernetes object)\n"
                            "1 fixable with `podlint fix` (1 more with `podlint fix --unsafe`)\n"));
  CHECK(plain.str().find("= fix") == std::string::npos);
  podlint::write_text(shown, reports(), {.show_fixes = true});
  CHECK(shown.str().find("    = fix (unsafe): Set restartPolicy to OnFailure\n"
                         "    @@ -6,0 +7 @@\n"
                         "    +      restartPolicy: OnFailure\n"
                         "    = fix (unsafe): Set restartPolicy to Never\n"
                         "    @@ -6,0 +7 @@\n"
                         "    +      restartPolicy: Never\n") != std::string::npos);
  CHECK(shown.str().find("    = fix: Change \"never\" to \"Never\"\n"
                         "    @@ -8 +8 @@\n"
                         "    -        - {name: \xc3\xa9, image: busybox:1.36, imagePullPolicy: never}\n"
                         "    +        - {name: \xc3\xa9, image: busybox:1.36, imagePullPolicy: Never}\n") !=
        std::string::npos);
}
