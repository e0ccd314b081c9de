// JUnit XML: its shape (a testcase per object and rule), and well-formed XML
// whatever bytes the input, the paths and the messages hold, checked by
// libxml2's xmllint.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>

#include "engine/inputs.hpp"
#include "engine/lint.hpp"
#include "engine/rule.hpp"
#include "output/junit.hpp"
#include "support.hpp"

namespace {

using podlint::test::add_diagnostic;

std::string junit_of(const std::vector<podlint::FileReport>& reports) {
  std::ostringstream out;
  podlint::write_junit(out, reports);
  return out.str();
}

// Marks every rule but the given ones as turned off for the report, as its configuration would.
void run_only(podlint::FileReport& report, std::initializer_list<std::string_view> ids) {
  for (const auto& rule : podlint::all_rules()) {
    if (std::find(ids.begin(), ids.end(), rule->info().id) == ids.end())
      report.disabled_rules.push_back(rule->info().id);
  }
}

using Run = podlint::test::CommandResult;

Run xmllint(const std::string& args, const std::string& xml) {
  return podlint::test::run_command("xmllint " + args + " -", xml);
}

}  // namespace

TEST_CASE("JUnit: a testcase per object and rule, findings outside objects per document", "[junit]") {
  podlint::FileReport report{"k8s/app.yaml",
                             "kind: Pod\napiVersion: v1\nmetadata:\n  name: web\n---\n"
                             "kind: ConfigMap\napiVersion: v1\nmetadata: {name: cfg}\n---\na: [\n",
                             {},
                             {}};
  add_diagnostic(report, "missing-liveness-probe", podlint::Severity::Warning, "web",
                 "no probe <here> & \"there\"");
  add_diagnostic(report, "missing-liveness-probe", podlint::Severity::Error, "Pod", "second");
  add_diagnostic(report, "invalid-type", podlint::Severity::Error, "v1", "waived").suppression =
      podlint::Suppression{{}, "legacy"};
  add_diagnostic(report, "yaml-syntax", podlint::Severity::Error, "[", "unterminated flow sequence");
  run_only(report, {"invalid-type", "missing-liveness-probe"});
  CHECK(junit_of({report, {"gone.yaml", "", {}, "No such file or directory"}, {"empty.yaml", "", {}, {}}}) ==
        R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="podlint" tests="6" failures="2" errors="1">
  <testsuite name="k8s/app.yaml" tests="5" failures="2" errors="0" skipped="1">
    <testcase classname="k8s/app.yaml" name="Pod/web: invalid-type">
      <skipped>suppressed: legacy</skipped>
    </testcase>
    <testcase classname="k8s/app.yaml" name="Pod/web: missing-liveness-probe">
      <failure message="no probe &lt;here&gt; &amp; &quot;there&quot;" type="error">k8s/app.yaml:4:9: warning: no probe &lt;here&gt; &amp; "there"
    name: web
k8s/app.yaml:1:7: error: second
  kind: Pod
</failure>
    </testcase>
    <testcase classname="k8s/app.yaml" name="ConfigMap/cfg: invalid-type"/>
    <testcase classname="k8s/app.yaml" name="ConfigMap/cfg: missing-liveness-probe"/>
    <testcase classname="k8s/app.yaml" name="document 3: yaml-syntax">
      <failure message="unterminated flow sequence" type="error">k8s/app.yaml:10:4: error: unterminated flow sequence
  a: [
</failure>
    </testcase>
  </testsuite>
  <testsuite name="gone.yaml" tests="1" failures="0" errors="1" skipped="0">
    <testcase classname="gone.yaml" name="read">
      <error message="cannot read: No such file or directory" type="unreadable"/>
    </testcase>
  </testsuite>
  <testsuite name="empty.yaml" tests="0" failures="0" errors="0" skipped="0"/>
</testsuites>
)");
}

TEST_CASE("JUnit finds each finding's object in a long stream, an alias's object after its anchor's",
          "[junit]") {
  // Longer than a batch, so read a batch at a time; a List whose second item
  // is an alias of the first (two objects, one span: the first takes it).
  std::string text =
      "apiVersion: v1\nkind: List\nitems:\n- &p {apiVersion: v1, kind: Pod, metadata: {name: first}}\n- *p\n";
  for (int i = 0; text.size() < 200'000; ++i)
    text += "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c" + std::to_string(i) + "}\n";
  text += "---\napiVersion: v1\nkind: Pod\nmetadata: {name: last}\n---\nbroken: [\n";
  podlint::FileReport report{"long.yaml", text, {}, {}};
  add_diagnostic(report, "missing-liveness-probe", podlint::Severity::Warning, "{name: first}", "anchored");
  add_diagnostic(report, "missing-liveness-probe", podlint::Severity::Warning, "{name: last}", "last pod");
  add_diagnostic(report, "yaml-syntax", podlint::Severity::Error, "[\n", "unterminated");
  run_only(report, {"missing-liveness-probe", "yaml-syntax"});
  const std::string xml = junit_of({report});
  const auto testcase = [&](const std::string& name) {
    const size_t at = xml.find("name=\"" + name + "\"");
    if (at == std::string::npos) return std::string("(none)");
    const size_t end = xml.find('\n', at);
    return xml.substr(at, end - at);
  };
  CHECK(testcase("Pod/first: missing-liveness-probe") == "name=\"Pod/first: missing-liveness-probe\">");
  CHECK(xml.find("name=\"Pod/first: missing-liveness-probe\"/>") !=
        std::string::npos);  // the alias's: passed
  CHECK(testcase("Pod/last: missing-liveness-probe") == "name=\"Pod/last: missing-liveness-probe\">");
  CHECK(testcase("ConfigMap/c7: missing-liveness-probe") ==
        "name=\"ConfigMap/c7: missing-liveness-probe\"/>");
  CHECK(xml.find("<failure message=\"anchored\"") != std::string::npos);
  const size_t documents =
      std::count(text.begin(), text.end(), '-') / 3;  // a "---" a document after the first
  CHECK(testcase(fmt::format("document {}: yaml-syntax", documents + 1)) ==
        fmt::format("name=\"document {}: yaml-syntax\">", documents + 1));
}

TEST_CASE("JUnit lists only the rules each file's configuration runs", "[junit]") {
  const std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: nginx}]\n";
  podlint::LintSettings settings;
  settings.config.rules["missing-liveness-probe"].enabled = false;
  const auto quiet = podlint::lint_text("quiet.yaml", pod, settings);
  CHECK(quiet.disabled_rules == std::vector<std::string_view>{"missing-liveness-probe"});
  const std::string xml = junit_of({quiet, podlint::lint_text("loud.yaml", pod)});
  CHECK(xml.find("<testcase classname=\"quiet.yaml\" name=\"Pod/web: missing-liveness-probe\"") ==
        std::string::npos);
  CHECK(xml.find("<testcase classname=\"quiet.yaml\" name=\"Pod/web: missing-readiness-probe\"") !=
        std::string::npos);
  CHECK(xml.find("<testcase classname=\"loud.yaml\" name=\"Pod/web: missing-liveness-probe\"") !=
        std::string::npos);
}

TEST_CASE("JUnit escapes what XML 1.0 cannot hold", "[junit]") {
  CHECK(podlint::xml_escape("a<b>&\"c\"", true) == "a&lt;b&gt;&amp;&quot;c&quot;");
  CHECK(podlint::xml_escape("a<b>&\"c\"", false) == "a&lt;b&gt;&amp;\"c\"");
  CHECK(podlint::xml_escape("t\tl\nr\r", true) == "t&#9;l&#10;r&#13;");
  CHECK(podlint::xml_escape("t\tl\nr\r", false) == "t\tl\nr&#13;");
  CHECK(podlint::xml_escape("]]>", false) == "]]&gt;");
  // Control characters, invalid UTF-8, encoded surrogates, U+FFFE: a U+FFFD per byte.
  CHECK(podlint::xml_escape(std::string("\x00\x01\x1b", 3), false) == "\uFFFD\uFFFD\uFFFD");
  CHECK(podlint::xml_escape("\xff\xc3(\xed\xa0\x80\xef\xbf\xbe", false) ==
        "\uFFFD\uFFFD(\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD");
  CHECK(podlint::xml_escape("é😀\u0085", false) == "é😀\u0085");  // allowed characters stay
}

TEST_CASE("JUnit is well-formed XML whatever the input bytes", "[junit]") {
  INFO("xmllint comes from Debian's libxml2-utils (scripts/setup.sh installs it)");
  REQUIRE(xmllint("--noout", "<a/>").status == 0);
  // A name with a control character (a YAML escape), a message and a source
  // line with invalid UTF-8 and control bytes, a path with both.
  const std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"we\\x01b]]>\"\nspec:\n  containers:\n"
      "    - name: app\n      image: nginx\n      image: x\n";
  std::vector<podlint::FileReport> reports{podlint::lint_text("dir\x1b/\xff\xfe.yaml", pod),
                                           podlint::lint_text("broken.yaml", "a: 1\nb: \"\x01\xc3\n")};
  add_diagnostic(reports[0], "invalid-type", podlint::Severity::Error, "nginx",
                 "bad \x02 byte \xe2\x82 \x7f \"]]>\"");
  const std::string xml = junit_of(reports);
  const Run lint = xmllint("--noout", xml);
  INFO(xml);
  CHECK(lint.out == "");
  CHECK(lint.status == 0);
  // What a reader gets back (xmllint ends it with a line break).
  CHECK(xmllint("--xpath 'string(//testsuite[1]/@name)'", xml).out == "dir\uFFFD/\uFFFD\uFFFD.yaml\n");
  CHECK(
      xmllint("--xpath 'count(//testcase[@name=\"Pod/we\uFFFDb]]>: automount-service-account-token\"])'", xml)
          .out == "1\n");
  CHECK(
      xmllint("--xpath 'string(//testcase[@name=\"Pod/we\uFFFDb]]>: invalid-type\"]/failure/@message)'", xml)
          .out == "bad \uFFFD byte \uFFFD\uFFFD \x7f \"]]>\"\n");
  CHECK(xmllint("--xpath 'string(//testsuite[2]/testcase/@name)'", xml).out == "document 1: yaml-syntax\n");
}

TEST_CASE("JUnit of examples/ and of nasty input matches the junit-4 schema", "[junit]") {
  // Jenkins' junit-4.xsd, as kubeconform's fixtures carry it: the shape most
  // CI systems read.
  const std::string xsd = PODLINT_SHARED_DIR "/corpus/kubeconform-fixtures/fixtures/junit.xsd";
  if (!std::filesystem::exists(xsd)) {
    WARN("skipped: " << xsd << " is absent (../shared is not beside the checkout)");
    return;
  }
  std::vector<podlint::FileReport> reports;
  for (const auto& path : podlint::collect_inputs({PODLINT_SOURCE_DIR "/examples"})) {
    std::string text, error;
    REQUIRE(podlint::read_input(path, text, error));
    reports.push_back(podlint::lint_text(path, std::move(text)));
  }
  reports.push_back(podlint::lint_text("dir\x1b/\xff.yaml", "a: 1\nb: \"\x01\xc3\n"));
  reports.push_back({.path = "gone.yaml", .read_error = "No such file or directory"});
  const std::string xml = junit_of(reports);
  REQUIRE(xml.find("<skipped>suppressed: ") != std::string::npos);  // examples/ waives findings
  const Run check = xmllint("--noout --schema '" + xsd + "'", xml);
  CHECK(check.out.ends_with(" validates\n"));
  CHECK(check.status == 0);
}
