// What podlint makes of the files of a real repository: Helm charts (their
// templates are not YAML) and rendered streams, kustomize overlays (patches
// are partial objects), YAML that is not Kubernetes, ignored files; and the
// summary that says what was checked.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"

namespace {

using podlint::test::run_command;
using podlint::test::TempTree;

const std::string kPodlint = PODLINT_BINARY;
const std::string kData = std::string(PODLINT_SOURCE_DIR) + "/tests/data/helm";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("a chart's templates are reported once each, never as YAML errors", "[inputs][helm]") {
  const auto r = run_command(kPodlint + " --color never " + kData + "/web");
  CHECK(r.status == 0);  // info does not fail the run
  CHECK(r.out.find("[yaml-syntax]") == std::string::npos);
  CHECK(r.out.find("[duplicate-key]") == std::string::npos);
  const std::string message =
      "info: Helm template, not linted: render it with `helm template` and pipe it to podlint "
      "[helm-template]";
  CHECK(count(r.out, message) == 3);
  CHECK(r.out.find(kData + "/web/templates/deployment.yaml:4:9: " + message) != std::string::npos);
  // Valid YAML in templates/ is a template all the same (its values are actions).
  CHECK(r.out.find(kData + "/web/templates/service.yaml:4:9: " + message) != std::string::npos);
  CHECK(r.out.find(kData + "/web/templates/tests/test-connection.yaml:4:10: " + message) !=
        std::string::npos);
  CHECK(
      r.out.ends_with("0 errors, 0 warnings, 3 info in 5 files (2 documents, 0 Kubernetes objects); 5 files "
                      "held no Kubernetes object (--verbose lists them)\n"));
  const auto verbose = run_command(kPodlint + " --color never --verbose " + kData + "/web");
  CHECK(verbose.out.find("podlint: skipped " + kData + "/web/Chart.yaml: Helm chart metadata\n") !=
        std::string::npos);
  CHECK(verbose.out.find("podlint: skipped " + kData + "/web/values.yaml: Helm chart values\n") !=
        std::string::npos);
  CHECK(verbose.out.find("podlint: skipped " + kData + "/web/templates/service.yaml: Helm template\n") !=
        std::string::npos);
}

TEST_CASE("helm-template can be turned off; the templates stay unlinted", "[inputs][helm]") {
  TempTree tree;
  tree.write(".podlint.yaml", "rules: {helm-template: off}\n");
  tree.write("charts/api/Chart.yaml", "apiVersion: v2\nname: api\nversion: 1.0.0\n");
  tree.write("charts/api/templates/pod.yaml",
             "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers: []\n");
  const auto r = run_command(kPodlint + " --color never " + tree.root().string());
  CHECK(r.status == 0);
  CHECK(r.out ==
        "no problems found in 2 files (1 document, 0 Kubernetes objects); 2 files held no Kubernetes "
        "object (--verbose lists them)\n");
}

TEST_CASE("a template outside a chart is known by its actions where YAML fails", "[inputs][helm]") {
  const auto r =
      run_command(kPodlint + " - --stdin-filename deploy.yaml --color never",
                  "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
                  "  {{- if .Values.replicas }}\n  replicas: {{ .Values.replicas }}\n  {{- end }}\n");
  CHECK(
      r.out ==
      "deploy.yaml:6:3: info: Helm template, not linted: render it with `helm template` and pipe it to "
      "podlint [helm-template]\n"
      " 6 |   {{- if .Values.replicas }}\n"
      "   |   ^~~~~~~~~~~~~~~~~~~~~~~~~~\n"
      "0 errors, 0 warnings, 1 info in 1 file (0 documents, 0 Kubernetes objects); 1 file held no Kubernetes "
      "object (--verbose lists them)\n");
}

TEST_CASE("a rendered stream names the template of each finding", "[inputs][helm]") {
  const std::string rendered = read(kData + "/rendered-web.yaml");
  REQUIRE(!rendered.empty());
  const auto r = run_command(kPodlint + " - --color never --fail-on never", rendered);
  CHECK(r.status == 0);
  CHECK(r.out.find("-:84:11: warning: container \"web\" has no cpu request, memory request or memory limit "
                   "[missing-resources] (from web/templates/deployment.yaml)\n"
                   " 84 |           resources:\n") != std::string::npos);
  // The test hook runs to completion: no probe is asked of it.
  CHECK(r.out.find("[missing-liveness-probe]") == std::string::npos);
  CHECK(r.out.find("-:102:13: warning: container \"wget\" has no cpu request, memory request or memory limit "
                   "[missing-resources] (from web/templates/tests/test-connection.yaml)\n") !=
        std::string::npos);
  // The chart's Service also selects its test Pod (the scaffold gives it the
  // same labels), which declares no port "http".
  CHECK(
      r.out.find("-:30:19: warning: targetPort \"http\" (TCP) is no port of the pods of Pod "
                 "\"release-web-test-connection\", which name no ports: the Service sends them none of this "
                 "port's traffic (other pods it selects declare it) [service-target-port-unknown] (from "
                 "web/templates/service.yaml)\n") != std::string::npos);
  CHECK(r.out.find("in 1 file (4 documents, 4 Kubernetes objects)") != std::string::npos);

  const auto grouped = run_command(kPodlint + " - --color never --group-by source", rendered);
  const size_t deployment = grouped.out.find("== web/templates/deployment.yaml ==\n-:66:7: ");
  const size_t test = grouped.out.find("== web/templates/tests/test-connection.yaml ==\n-:");
  CHECK(deployment != std::string::npos);
  CHECK(test != std::string::npos);
  CHECK(deployment < test);
  CHECK(grouped.out.find("(from ") == std::string::npos);  // the heading says it

  const auto json = run_command(kPodlint + " - --format json", rendered);
  const auto document = nlohmann::json::parse(json.out);
  size_t from_deployment = 0;
  for (const auto& d : document["diagnostics"]) {
    REQUIRE(d.contains("source"));
    if (d["source"] == "web/templates/deployment.yaml") ++from_deployment;
  }
  CHECK(from_deployment > 0);
  CHECK(document["summary"]["documents"] == 4);
  CHECK(document["summary"]["objects"] == 4);

  const auto sarif = run_command(kPodlint + " - --format sarif", rendered);
  const auto log = nlohmann::json::parse(sarif.out);
  bool named = false;
  for (const auto& result : log["runs"][0]["results"]) {
    if (result["properties"]["helmTemplate"] == "web/templates/deployment.yaml") {
      named = true;
      CHECK(result["message"]["text"].get<std::string>().ends_with(
          " (rendered from web/templates/deployment.yaml)."));
    }
  }
  CHECK(named);
}

TEST_CASE("kustomize patches are linted as partial objects", "[inputs][kustomize]") {
  TempTree tree;
  tree.write("base/kustomization.yaml", "resources: [deployment.yaml]\n");
  tree.write("base/deployment.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
             "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
             "    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n"
             "          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}\n"
             "          livenessProbe: {tcpSocket: {port: 80}}\n          readinessProbe: {tcpSocket: {port: "
             "80}}\n");
  tree.write("overlays/prod/kustomization.yaml",
             "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\n"
             "patches:\n  - path: replicas.yaml\n  - target: {kind: Deployment}\n    patch: |-\n"
             "      - op: replace\n        path: /spec/replicas\n        value: 3\n"
             "patchesStrategicMerge:\n  - pull-policy.yaml\n"
             "patchesJson6902:\n  - target: {group: apps, version: v1, kind: Deployment, name: web}\n"
             "    path: json-patch.yaml\n");
  tree.write("overlays/prod/replicas.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n");
  // A partial object still has its field names and values checked.
  tree.write("overlays/prod/pull-policy.yaml",
             "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
             "      containers:\n        - name: web\n          imagePullPolicy: Sometimes\n"
             "          readinesProbe: {tcpSocket: {port: 80}}\n          ports: [{containerPort: 99999}]\n");
  tree.write("overlays/prod/json-patch.yaml", "- op: add\n  path: /spec/paused\n  value: false\n");
  const auto r = run_command(kPodlint + " --color never " + tree.root().string() + "/overlays");
  const std::string dir = tree.root().string() + "/overlays/prod/";
  CHECK(r.status == 1);
  CHECK(r.out.find("missing required field") == std::string::npos);
  CHECK(r.out.find("[missing-liveness-probe]") == std::string::npos);
  CHECK(r.out.find("[missing-readiness-probe]") == std::string::npos);
  CHECK(r.out.find("[missing-resources]") == std::string::npos);
  CHECK(r.out.find(dir + "pull-policy.yaml:10:28: error: unsupported value \"Sometimes\"") !=
        std::string::npos);
  CHECK(r.out.find(dir + "pull-policy.yaml:11:11: error: unknown field \"readinesProbe\" in Container") !=
        std::string::npos);
  CHECK(r.out.find(dir + "pull-policy.yaml:12:35: error: ") != std::string::npos);  // port-out-of-range
  INFO(r.out);
  CHECK(
      r.out.ends_with("3 errors, 0 warnings, 0 info in 4 files (4 documents, 2 Kubernetes objects); 2 files "
                      "held no Kubernetes object (--verbose lists them)\n"
                      "1 fixable with `podlint fix --unsafe`\n"));
  const auto verbose = run_command(kPodlint + " --color never -v " + tree.root().string() + "/overlays");
  CHECK(verbose.out.find("podlint: skipped " + dir +
                         "kustomization.yaml: kustomize configuration (the patches it lists are linted as "
                         "partial objects)\n") != std::string::npos);
  CHECK(verbose.out.find("podlint: skipped " + dir +
                         "json-patch.yaml: kustomize JSON patch (operations, no object)\n") !=
        std::string::npos);
  // The same patch outside an overlay is a whole object, and incomplete.
  const auto alone = run_command(kPodlint + " - --color never", read(dir + "replicas.yaml"));
  CHECK(alone.out.find("missing required field \"selector\" in DeploymentSpec") != std::string::npos);
}

TEST_CASE("the summary says what was checked, and what was not", "[inputs][summary]") {
  TempTree tree;
  tree.write("docker-compose.yml", "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n");
  tree.write(".github/workflows/ci.yml", "on: push\njobs:\n  test: {runs-on: ubuntu-latest, steps: []}\n");
  const auto compose =
      run_command(kPodlint + " --color never " + tree.root().string() + "/docker-compose.yml");
  CHECK(compose.status == 0);
  CHECK(compose.out ==
        "no problems found in 1 file (1 document, 0 Kubernetes objects); 1 file held no Kubernetes object "
        "(--verbose lists them)\n");
  const auto verbose =
      run_command(kPodlint + " --color never --verbose " + tree.root().string() + "/docker-compose.yml " +
                  tree.root().string() + "/.github/workflows/ci.yml");
  CHECK(verbose.out.find("skipped " + tree.root().string() + "/docker-compose.yml: a Compose file\n") !=
        std::string::npos);
  CHECK(verbose.out.find("skipped " + tree.root().string() +
                         "/.github/workflows/ci.yml: a GitHub Actions workflow\n") != std::string::npos);

  tree.write(".podlint.yaml", "ignore: [\"vendor/**\"]\n");
  tree.write("vendor/pod.yaml", "apiVersion: v1\nkind: Pod\n");
  const auto ignored = run_command(kPodlint + " --color never " + tree.root().string() + "/vendor/pod.yaml");
  CHECK(ignored.status == 0);
  CHECK(
      ignored.out ==
      "no problems found in 0 files (0 documents, 0 Kubernetes objects); 1 file ignored by the configuration "
      "(--verbose lists them)\n");
  const auto why = run_command(kPodlint + " --color never -v " + tree.root().string() + "/vendor/pod.yaml");
  CHECK(why.out.find("podlint: ignored " + tree.root().string() +
                     "/vendor/pod.yaml: ignore \"vendor/**\" at ") != std::string::npos);
}
