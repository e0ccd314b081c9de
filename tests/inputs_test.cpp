// What podlint makes of the files of a real repository: Helm charts (their
// templates are not YAML) and rendered streams, kustomize overlays (patches
// are partial objects), YAML that is not Kubernetes, ignored files; and the
// summary that says what was checked.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/input_kind.hpp"
#include "support.hpp"
#include "yaml/parser.hpp"

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
  // same labels), which declares no port "http": a pod that runs to
  // completion is not what the Service routes to.
  CHECK(r.out.find("[service-target-port-unknown]") == std::string::npos);
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

namespace {

// The template actions of a text as [begin, end) offsets.
std::vector<std::pair<uint32_t, uint32_t>> actions_of(std::string_view text) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const podlint::TextRange& action : podlint::template_actions(text))
    out.emplace_back(action.begin, action.end);
  return out;
}

using Ranges = std::vector<std::pair<uint32_t, uint32_t>>;

bool is_template(std::string_view text) {
  const podlint::yaml::Stream stream = podlint::yaml::parse(text);
  return podlint::template_action(stream, podlint::TemplateScan(text), false).has_value();
}

}  // namespace

TEST_CASE("template actions are what Go templates read as actions", "[inputs][helm]") {
  CHECK(actions_of("name: {{ .Values.name }}\n") == Ranges{{6, 24}});
  CHECK(actions_of("  {{- include \"web.labels\" . | nindent 4 }}") == Ranges{{2, 43}});
  CHECK(actions_of("{{ .Values.x -}}") == Ranges{{0, 16}});
  CHECK(actions_of("{{-3}}") == Ranges{{0, 6}});  // the number -3, no trim marker
  CHECK(actions_of("{{ $i, $v := range .Values.list }}") == Ranges{{0, 34}});
  CHECK(actions_of("{{ $x = 1 }}") == Ranges{{0, 12}});
  CHECK(actions_of("{{ printf \"%s}}\" `a}}b` '}' .x }}") == Ranges{{0, 33}});    // "}}" in literals
  CHECK(actions_of("{{ include \"x\" (dict\n  \"a\" 1) }}") == Ranges{{0, 32}});  // across lines
  CHECK(actions_of("{{/* a }} comment */}}") == Ranges{{0, 22}});
  CHECK(actions_of("{{- /* trimmed */ -}}") == Ranges{{0, 21}});
  CHECK(actions_of("a: \"{{ $labels.instance }} is down\"") == Ranges{{4, 26}});
  CHECK(actions_of("{{ .a }}{{ .b }}") == Ranges{{0, 8}, {8, 16}});

  // Not actions.
  CHECK(actions_of("resources: {limits: {memory: 512m}}").empty());  // a lone "}}"
  CHECK(actions_of("key: {{a: 1}: 2}").empty());                     // ":" without "="
  CHECK(actions_of("key: [{{}}, {{ }}, {{- }}]").empty());           // empty
  CHECK(actions_of("{{{ .x }}").empty());  // Go reads the first "{{" and fails at "{"
  CHECK(actions_of("{{ /* a comment must follow the delimiter */ }}").empty());
  CHECK(actions_of("{{ (.x }}").empty());
  CHECK(actions_of("{{ .x) }}").empty());
  CHECK(actions_of("{{ \"}}\n\" }}").empty());  // a "..." literal ends at its line
  CHECK(actions_of("{{ .x }").empty());
  CHECK(actions_of("{{ .x").empty());
  CHECK(actions_of("{{/* unclosed }}").empty());
  CHECK(actions_of("{{ - }}").empty());  // a sign without a number
  CHECK(actions_of("{{ [1] }}").empty());
  CHECK(actions_of("# {{ .Values.x }}\n  # {{ .y }}").empty());  // YAML comments
  // A failed "{{" is passed over: the next one is read.
  CHECK(actions_of("{{a: 1}: {{ .x }}}") == Ranges{{9, 17}});
  // Bad input never hangs: "{{/*" and "`" with nothing to close them.
  CHECK(actions_of(std::string(100000, '{') + "/*").empty());
  std::string unclosed;
  for (int i = 0; i < 20000; ++i)
    unclosed += "{{/* `";
  CHECK(actions_of(unclosed).empty());
}

TEST_CASE("nested flow mappings and braces in strings do not make a template", "[inputs][helm]") {
  // A YAML error next to "}}" of nested flow mappings: not a template.
  CHECK_FALSE(is_template("spec:\n  resources: {limits: {memory: 512m}}\n  resources: {}\n"));
  CHECK_FALSE(is_template("a: {b: {c: d}}\nb: [\n"));
  CHECK_FALSE(is_template("a: \"}}\"\nb: [\n"));
  CHECK_FALSE(is_template("a: 1 # see }} and {{ here\nb: [\n"));
  CHECK_FALSE(is_template("# {{ .Values.x }}\nb: [\n"));
  CHECK_FALSE(is_template("key: {{a: 1}: 2}\n"));  // a mapping as a key, valid YAML
  // Real actions, in plain and quoted scalars, next to an error or read as a mapping.
  CHECK(is_template("a: 1\nreplicas: {{ .Values.replicas }}\n"));
  CHECK(is_template("labels:\n  cell: {{cell}}\n"));
  CHECK(is_template("spec:\n  {{- if .Values.x }}\n  a: 1\n  {{- end }}\n"));
  CHECK(is_template("image: \"{{ .Values.image }}\"\n{{- with .Values.extra }}\n  x: 1\n{{- end }}\n"));
  CHECK(is_template("args: [{{ .Values.a | quote }}, b]\n"));
}

TEST_CASE("a manifest with nested flow mappings is linted, not taken for a template", "[inputs][helm]") {
  // A duplicate key on the line after a "}}" that closes two flow mappings:
  // once read as a template's YAML error, so the Pod went unlinted.
  const std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
      "    - name: web\n      image: nginx:1.27\n"
      "      resources: {limits: {memory: 512m}}\n"
      "      image: nginx:1.28\n";
  const auto r = run_command(kPodlint + " - --stdin-filename pod.yaml --format json", pod);
  const auto document = nlohmann::json::parse(r.out);
  CHECK(document["summary"]["documents"] == 1);
  CHECK(document["summary"]["objects"] == 1);
  CHECK(document["skipped"].empty());
  std::vector<std::string> findings;
  for (const auto& d : document["diagnostics"]) {
    const std::string rule = d["rule"];
    CHECK(rule != "helm-template");
    if (rule == "duplicate-key" || rule == "memory-too-small")
      findings.push_back(rule + "@" + std::to_string(d["line"].get<int>()) + ":" +
                         std::to_string(d["column"].get<int>()) + " " + d["message"].get<std::string>());
  }
  CHECK(findings ==
        std::vector<std::string>{
            "memory-too-small@9:36 memory limit \"512m\" of container \"web\" is 0.512 bytes, so it "
            "is killed for lack of memory as soon as it starts (\"m\" means thousandths, not mega: "
            "did you mean \"512Mi\"?)",
            "duplicate-key@10:7 duplicate key \"image\" (first defined at 8:7)"});

  // The same Pod with an action beside the duplicate key is still a template.
  std::string templated = pod;
  templated.replace(templated.find("nginx:1.28"), 10, "{{ .Values.image }}");
  const auto t = run_command(kPodlint + " - --stdin-filename pod.yaml --color never", templated);
  CHECK(t.out ==
        "pod.yaml:10:14: info: Helm template, not linted: render it with `helm template` and pipe it to "
        "podlint [helm-template]\n"
        " 10 |       image: {{ .Values.image }}\n"
        "    |              ^~~~~~~~~~~~~~~~~~~\n"
        "0 errors, 0 warnings, 1 info in 1 file (0 documents, 0 Kubernetes objects); 1 file held no "
        "Kubernetes object (--verbose lists them)\n");
}
