// lint_stream: linting a stream either front-end parsed, and the intact
// parts of broken documents from the tolerant one (check_broken_documents).
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/lint.hpp"
#include "yaml/treesitter.hpp"

using namespace podlint;

namespace {

std::vector<std::string> shown(const FileReport& report) {
  std::vector<std::string> out;
  for (const Diagnostic& d : report.diagnostics) {
    out.push_back(std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.column) + " " +
                  d.rule + (d.suppression ? " (suppressed)" : "") + ": " + d.message);
  }
  return out;
}

FileReport lint_tolerant(const std::string& text, bool check_broken) {
  FileReport report{.path = "pod.yaml", .text = text};
  const yaml::Stream stream = yaml::parse_tolerant(report.text);
  lint_stream(report, stream,
              {.parse = {}, .config = {}, .index = nullptr, .check_broken_documents = check_broken});
  return report;
}

// Container "broken" has a syntax error; container "app" is intact.
const std::string kBroken = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 80
          name: web_port
    - name: broken
      image: nginx:1.27
      resources: {limits: {memory: 64Mi}
      readinessProbe:
        httpGet: {path: /, port: 80}
)";

}  // namespace

TEST_CASE("lint_stream: a stream from parse() lints as lint_text does", "[lint]") {
  const std::string text = kBroken.substr(0, kBroken.find("    - name: broken"));
  const FileReport whole = lint_text("pod.yaml", text);
  FileReport parsed{.path = "pod.yaml", .text = text};
  lint_stream(parsed, yaml::parse(parsed.text));
  CHECK(shown(parsed) == shown(whole));
  CHECK(shown(lint_tolerant(text, true)) == shown(whole));
  CHECK(!whole.diagnostics.empty());
}

TEST_CASE("lint_stream: a broken document's intact parts are checked when asked", "[lint]") {
  const std::string syntax = R"(14:18 yaml-syntax: syntax error: unexpected "{limits: {memory: 64Mi}")";
  // Without: the syntax error alone, as the command line reports it.
  CHECK(shown(lint_tolerant(kBroken, false)) == std::vector<std::string>{syntax});
  // With: what container "app" shows whole, nothing about "broken", whose
  // resources and probes may be in the broken region, nor about the pod's
  // own fields (its service account), which may be there too.
  CHECK(
      shown(lint_tolerant(kBroken, true)) ==
      std::vector<std::string>{
          R"(7:13 missing-liveness-probe: container "app" has no liveness probe)",
          R"(7:13 missing-readiness-probe: container "app" has no readiness probe)",
          R"(7:13 missing-resources: container "app" has no cpu request, memory request or memory limit)",
          R"(7:13 net-raw-capability: container "app" does not drop NET_RAW (drop ALL, or NET_RAW))",
          R"(7:13 read-only-root-filesystem: container "app" does not set readOnlyRootFilesystem: true)",
          R"(8:14 image-registry: container "app"'s image "nginx:1.27" names no registry, so it is pulled from docker.io)",
          R"(10:26 privileged-port: container "app" listens on privileged port 80: binding it needs root or NET_BIND_SERVICE)",
          R"(11:17 invalid-port-name: port name "web_port" is not a valid IANA service name: it uses characters outside [a-z0-9-])",
          syntax,
      });
}

TEST_CASE("lint_stream: no waiver of a broken document is called unused", "[lint]") {
  std::string text = kBroken;
  text.insert(text.find("    - name: broken"), "    # podlint-disable-next-line missing-liveness-probe\n");
  text.insert(text.find("    - name: app"), "    # podlint-disable-next-line missing-liveness-probe\n");
  const std::vector<std::string> found = shown(lint_tolerant(text, true));
  REQUIRE(std::count_if(found.begin(), found.end(), [](const std::string& d) {
            return d.find("(suppressed)") != std::string::npos;
          }) == 1);
  CHECK(found[0] == R"(8:13 missing-liveness-probe (suppressed): container "app" has no liveness probe)");
  for (const std::string& d : found)
    CHECK(d.find("unused-suppression") == std::string::npos);
}
