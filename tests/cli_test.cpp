// Runs the podlint executable as a user would and checks its output and exit status.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "engine/rule.hpp"
#include "support.hpp"

namespace {

using Run = podlint::test::CommandResult;

Run run(const std::string& args, const std::string& stdin_text = "") {
  return podlint::test::run_command(std::string(PODLINT_BINARY) + " " + args, stdin_text);
}

}  // namespace

TEST_CASE("podlint --version and --help", "[cli]") {
  const auto version = run("--version");
  CHECK(version.status == 0);
  CHECK(version.out.starts_with("podlint " PODLINT_VERSION "\nKubernetes "));
  const auto help = run("--help");
  CHECK(help.status == 0);
  CHECK(help.out.find("yaml-events") != std::string::npos);
  CHECK(help.out.find("--stdin-filename") != std::string::npos);
}

TEST_CASE("podlint rejects unknown options with exit 2", "[cli]") {
  CHECK(run("--no-such-option").status == 2);
  CHECK(run("--color sometimes x.yaml").status == 2);
}

TEST_CASE("podlint reports unreadable paths with exit 2", "[cli]") {
  const auto r = run("/nonexistent/podlint.yaml --color never");
  CHECK(r.status == 2);
  CHECK(r.out.find("/nonexistent/podlint.yaml: error: cannot read: No such file or directory\n") == 0);
}

TEST_CASE("podlint reports a clean stdin document with exit 0", "[cli]") {
  const auto r =
      run("- --stdin-filename settings.yaml --color never",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  LOG_LEVEL: info\n");
  CHECK(r.status == 0);
  CHECK(r.out == "no problems found in 1 file (1 document, 1 Kubernetes object)\n");
}

TEST_CASE("podlint reports a YAML syntax error like a compiler, with exit 1", "[cli]") {
  const auto r = run("- --stdin-filename pod.yaml --color never",
                     "kind: Pod\nmetadata:\n  name: \"web\n---\nkind: Pod\n");
  CHECK(r.status == 1);
  CHECK(r.out ==
        "pod.yaml:3:9: error: unterminated double-quoted string starting at 3:9 [yaml-syntax]\n"
        " 3 |   name: \"web\n"
        "   |         ^~~~\n"
        "pod.yaml:5:1: error: object has kind \"Pod\" but no apiVersion [missing-api-version-or-kind]\n"
        " 5 | kind: Pod\n"
        "   | ^~~~\n"
        "2 errors, 0 warnings, 0 info in 1 file (2 documents, 0 Kubernetes objects)\n");
}

TEST_CASE("podlint names both places of a duplicate key", "[cli]") {
  const auto r =
      run("- --stdin-filename pod.yaml --color never", "kind: Pod\nkind: ConfigMap\napiVersion: v1\n");
  CHECK(r.status == 1);
  CHECK(r.out ==
        "pod.yaml:2:1: error: duplicate key \"kind\" (first defined at 1:1) [duplicate-key] (unsafe fix "
        "available)\n"
        " 2 | kind: ConfigMap\n"
        "   | ^~~~\n"
        "pod.yaml:1:1: note: first defined here\n"
        " 1 | kind: Pod\n"
        "   | ^~~~\n"
        "1 error, 0 warnings, 0 info in 1 file (1 document, 1 Kubernetes object)\n"
        "1 fixable with `podlint fix --unsafe`\n");
}

TEST_CASE("podlint colors only when asked or on a terminal", "[cli]") {
  const auto r = run("- --color always", "a: \"x\n");
  CHECK(r.out.find("\x1b[1;31merror:") != std::string::npos);
  CHECK(run("- --color never", "a: \"x\n").out.find('\x1b') == std::string::npos);
}

TEST_CASE("podlint yaml-events --tree-sitter keeps what parses around an error", "[cli]") {
  const auto r = run("yaml-events --tree-sitter --spans -", "a: 1\nb: [x\nc: 3\n");
  CHECK(r.status == 1);
  CHECK(r.out ==
        "+STR\n+DOC @1:1-3:5\n+MAP @1:1-3:5\n"
        "=VAL :a @1:1-1:2\n=VAL :1 @1:4-1:5\n=VAL :b @2:1-2:2\n=VAL : @2:3-2:3\n"
        "=VAL :c @3:1-3:2\n=VAL :3 @3:4-3:5\n-MAP\n-DOC\n"
        "!ERR @2:4-2:6 syntax error: unexpected \"[x\"\n-STR\n"
        "-:2:4: error: syntax error: unexpected \"[x\"\n");
}

TEST_CASE("podlint yaml-events prints the test suite's event format", "[cli]") {
  const auto r = run("yaml-events -", "--- &a !!str x\n...\n");
  CHECK(r.status == 0);
  CHECK(r.out == "+STR\n+DOC ---\n=VAL &a <tag:yaml.org,2002:str> :x\n-DOC ...\n-STR\n");
  const auto bad = run("yaml-events -", "[a, b\n");
  CHECK(bad.status == 1);
}

TEST_CASE("podlint lints directories recursively, in order, skipping hidden ones", "[cli]") {
  namespace fs = std::filesystem;
  const auto root = fs::temp_directory_path() / "podlint-cli-test-tree";
  fs::remove_all(root);
  fs::create_directories(root / "b" / "c");
  fs::create_directories(root / ".hidden");
  std::ofstream(root / "b" / "c" / "z.yml") << "a: 'x\n";
  std::ofstream(root / "a.yaml") << "a: [\n";
  std::ofstream(root / "notes.txt") << "a: [\n";
  std::ofstream(root / ".hidden" / "x.yaml") << "a: [\n";
  const auto r = run(root.string() + " --color never");
  CHECK(r.status == 1);
  const auto first = r.out.find(root.string() + "/a.yaml:");
  const auto second = r.out.find(root.string() + "/b/c/z.yml:");
  CHECK(first != std::string::npos);
  CHECK(second != std::string::npos);
  CHECK(first < second);
  CHECK(r.out.find("hidden") == std::string::npos);
  CHECK(r.out.find("notes.txt") == std::string::npos);
  CHECK(r.out.find("in 2 files") != std::string::npos);
  fs::remove_all(root);
}

TEST_CASE("podlint rules lists every rule by category with its severity", "[cli]") {
  const auto r = run("rules");
  CHECK(r.status == 0);
  CHECK(std::regex_search(
      r.out, std::regex("^yaml\n  duplicate-key +error +A key appears twice in one mapping\n"
                        "  helm-template +info +The file is a Helm template: .*\n"
                        "  yaml-syntax +error +The document is not well-formed YAML\n\nschema\n")));
  CHECK(std::regex_search(r.out, std::regex("\nsuppression\n  forbidden-suppression +error +")));

  const auto json = run("rules --format json");
  CHECK(json.status == 0);
  const auto rules = nlohmann::json::parse(json.out);
  REQUIRE(rules.size() == podlint::all_rules().size());
  const auto resources =
      std::find_if(rules.begin(), rules.end(), [](const auto& r) { return r["id"] == "missing-resources"; });
  REQUIRE(resources != rules.end());
  CHECK(*resources == nlohmann::json::parse(R"json({
    "id": "missing-resources", "severity": "warning", "category": "resources", "consequence": "risk",
    "summary": "A container does not set the resource requests or limits it should", "suppressible": true,
    "enabledByDefault": true, "options": [{"name": "required", "signature": "(list, default `[requests.cpu, requests.memory, limits.memory]`)"}],
    "page": "docs/rules/missing-resources.md"})json"));
}

TEST_CASE("podlint explain prints a rule's documentation", "[cli]") {
  const auto r = run("explain duplicate-key");
  CHECK(r.status == 0);
  CHECK(r.out.rfind("duplicate-key (error, category yaml)\nA key appears twice in one mapping.\n\n", 0) == 0);
  for (const char* section : {"\nWhat it checks\n", "\nWhy it matters\n", "\nExample: reported\n",
                              "\nExample: fixed\n", "\nHow to fix\n"})
    CHECK(r.out.find(section) != std::string::npos);
  CHECK(r.out.find("\n          image: busybox:1.37\n") != std::string::npos);
  CHECK(r.out.find("\nOptions\n") == std::string::npos);
  const auto with_options = run("explain missing-resources");
  CHECK(with_options.out.find("\nOptions\n  required (list, default `[requests.cpu, requests.memory, "
                              "limits.memory]`)\n    the entries every container must set, each "
                              "`requests.RESOURCE` or\n    `limits.RESOURCE`") != std::string::npos);
  const auto unknown = run("explain no-such-rule");
  CHECK(unknown.status == 2);
  CHECK(unknown.out == "podlint: no rule named 'no-such-rule' (podlint rules lists them)\n");
}

TEST_CASE("podlint --format json gives every diagnostic with its exact span", "[cli]") {
  const auto r =
      run("- --stdin-filename pod.yaml --format json", "kind: Pod\nkind: ConfigMap\napiVersion: v1\n");
  CHECK(r.status == 1);
  CHECK(r.out == R"json({
  "diagnostics": [
    {
      "column": 1,
      "endColumn": 5,
      "endLine": 2,
      "file": "pod.yaml",
      "fixes": [
        {
          "applicability": "unsafe",
          "edits": [
            {
              "column": 1,
              "endColumn": 1,
              "endLine": 2,
              "endOffset": 10,
              "line": 1,
              "offset": 0,
              "replacement": ""
            }
          ],
          "title": "Remove the earlier \"kind\" (line 1)"
        }
      ],
      "line": 2,
      "message": "duplicate key \"kind\" (first defined at 1:1)",
      "object": {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "name": "",
        "namespace": ""
      },
      "path": "kind",
      "related": [
        {
          "column": 1,
          "endColumn": 5,
          "endLine": 1,
          "file": "pod.yaml",
          "line": 1,
          "message": "first defined here"
        }
      ],
      "rule": "duplicate-key",
      "severity": "error",
      "suppressed": false
    }
  ],
  "skipped": [],
  "summary": {
    "documents": 1,
    "errors": 1,
    "files": 1,
    "info": 0,
    "objects": 1,
    "skipped": 0,
    "suppressed": 0,
    "unreadable": 0,
    "warnings": 0
  },
  "unreadable": [],
  "version": 1
}
)json");
}

TEST_CASE("podlint --show-suppressed prints waived findings; they never set the exit status",
          "[cli][suppression]") {
  const std::string pod =
      "apiVersion: v1\n"
      "kind: Pod\n"
      "metadata:\n"
      "  name: web\n"
      "spec:\n"
      "  serviceAccountName: web\n"
      "  automountServiceAccountToken: false\n"
      "  containers:\n"
      "    - name: web  # podlint-disable-line -- a throwaway debugging pod\n"
      "      image: nginx:1.27\n";
  // Probes, resources, read-only root filesystem, NET_RAW.
  const auto quiet = run("- --stdin-filename pod.yaml --color never --fail-on info", pod);
  CHECK(quiet.status == 0);
  CHECK(quiet.out == "no problems found in 1 file (1 document, 1 Kubernetes object, 5 suppressed)\n");
  const auto shown = run("- --stdin-filename pod.yaml --color never --fail-on info --show-suppressed", pod);
  CHECK(shown.status == 0);
  CHECK(
      shown.out.starts_with("pod.yaml:9:13: warning: container \"web\" has no liveness probe "
                            "[missing-liveness-probe] (suppressed: a "
                            "throwaway debugging pod)\n"
                            " 9 |     - name: web  # podlint-disable-line -- a throwaway debugging pod\n"
                            "   |             ^~~\n"));
  CHECK(shown.out.ends_with("no problems found in 1 file (1 document, 1 Kubernetes object, 5 suppressed)\n"));
  const auto explain = run("explain yaml-syntax");
  CHECK(explain.out.find("\nSuppression\n  Its findings cannot be waived by a comment or annotation in the "
                         "manifest") != std::string::npos);
}

TEST_CASE("with suppressions.allow: false in the configuration, waivers do not count", "[cli][suppression]") {
  const auto dir = std::filesystem::temp_directory_path() / ("podlint-strict-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "strict.yaml") << "suppressions:\n  allow: false\n";
  const std::string pod =
      "apiVersion: v1\n"
      "kind: Pod\n"
      "metadata:\n"
      "  name: web\n"
      "spec:\n"
      "  containers:\n"
      "    - name: web  # podlint-disable-line -- please\n"
      "      image: nginx:1.27\n";
  const auto r =
      run("- --stdin-filename pod.yaml --color never --config " + (dir / "strict.yaml").string(), pod);
  CHECK(r.status == 1);
  CHECK(r.out.find("pod.yaml:7:20: error: in-source suppressions are turned off: the configuration sets "
                   "suppressions.allow to false [forbidden-suppression]\n") != std::string::npos);
  // With the security rules' findings, two of them fixable.
  CHECK(
      r.out.ends_with("1 error, 6 warnings, 1 info in 1 file (1 document, 1 Kubernetes object)\n"
                      "2 fixable with `podlint fix --unsafe`\n"));
  // A rule no waiver applies to says so in the effective configuration.
  const auto config = run("config --config " + (dir / "strict.yaml").string());
  CHECK(config.out.find("  yaml-syntax:\n    enabled: true  # default\n    severity: error  # default\n"
                        "    noSuppress: true  # always: no waiver in a manifest applies to this rule\n") !=
        std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("podlint --format json lists unreadable inputs and exits 2", "[cli]") {
  const auto r = run("/nonexistent/x.yaml --format json");
  CHECK(r.status == 2);
  CHECK(r.out.find(R"json("unreadable": [
    {
      "file": "/nonexistent/x.yaml",
      "message": "No such file or directory"
    }
  ])json") != std::string::npos);
}

TEST_CASE("podlint --fail-on sets which findings make the exit status 1", "[cli]") {
  const std::string broken = "a: [\n";
  CHECK(run("- --fail-on error", broken).status == 1);
  CHECK(run("- --fail-on warning", broken).status == 1);
  CHECK(run("- --fail-on never", broken).status == 0);
  CHECK(run("- --fail-on never", "a: 1\n").status == 0);
  CHECK(run("- --fail-on sometimes", broken).status == 2);
  CHECK(run("- --format yaml", broken).status == 2);
}

TEST_CASE("podlint writes SARIF to a file and prints text in one run", "[cli][output]") {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "podlint-cli-test-outputs";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string sarif = (dir / "out.sarif").string(), junit = (dir / "out.xml").string();
  const auto r = run("- --stdin-filename pod.yaml --color never --format sarif --output " + sarif +
                         " --format text --format junit --output " + junit,
                     "kind: Pod\nkind: ConfigMap\napiVersion: v1\n");
  CHECK(r.status == 1);
  CHECK(r.out.rfind(
            "pod.yaml:2:1: error: duplicate key \"kind\" (first defined at 1:1) [duplicate-key] (unsafe "
            "fix available)\n",
            0) == 0);
  std::ifstream in(sarif);
  const std::string written{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  CHECK(written.rfind("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n", 0) == 0);
  CHECK(written.find("\"ruleId\": \"duplicate-key\"") != std::string::npos);
  CHECK(written.find("\"uri\": \"pod.yaml\"") != std::string::npos);
  CHECK(fs::file_size(junit) > 0);
  fs::remove_all(dir);
}

TEST_CASE("podlint --format github prints workflow commands", "[cli][output]") {
  const auto r =
      run("- --stdin-filename pod.yaml --format github", "kind: Pod\nkind: ConfigMap\napiVersion: v1\n");
  CHECK(r.status == 1);
  CHECK(r.out ==
        "::error file=pod.yaml,line=2,endLine=2,col=1,endColumn=5,title=duplicate-key::"
        "duplicate key \"kind\" (first defined at 1:1)%0Apod.yaml:1:1: note: first defined here\n");
}

TEST_CASE("podlint rejects unpaired --output and unwritable files with exit 2", "[cli][output]") {
  const auto lone = run("--output out.sarif -");
  CHECK(lone.status == 2);
  CHECK(lone.out ==
        "podlint: --output out.sarif must follow the --format it writes, e.g. --format sarif --output "
        "out.sarif\n");
  const auto twice = run("--format json --format sarif -");
  CHECK(twice.status == 2);
  CHECK(twice.out ==
        "podlint: --format json and --format sarif would both write to standard output; give one an --output "
        "FILE\n");
  CHECK(run("--format sarif --output a --output b -").status == 2);
  CHECK(run("--format yaml -").status == 2);
  const auto unwritable = run("--format sarif --output /nonexistent/dir/out.sarif -", "a: 1\n");
  CHECK(unwritable.status == 2);
  CHECK(unwritable.out ==
        "podlint: --output /nonexistent/dir/out.sarif: cannot write: No such file or directory\n");
}

TEST_CASE("podlint's CI formats stay valid on nasty inputs", "[cli][output]") {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "podlint-cli-test-nasty";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string sarif = (dir / "out.sarif").string(), junit = (dir / "out.xml").string(),
                    github = (dir / "out.txt").string();
  // Invalid UTF-8, control characters, CR-only line breaks, limits, broken syntax.
  const auto r =
      run("--fail-on never --format sarif --output " + sarif + " --format junit --output " + junit +
          " --format github --output " + github + " " PODLINT_SOURCE_DIR "/tests/fuzz-regressions");
  CHECK(r.status == 0);
  CHECK(r.out == "");
  std::ifstream sarif_in(sarif);
  const auto log = nlohmann::json::parse(sarif_in);
  size_t inputs = 0;
  for (const auto& entry : fs::directory_iterator(PODLINT_SOURCE_DIR "/tests/fuzz-regressions"))
    inputs += entry.path().extension() == ".yaml";
  CHECK(log["runs"][0]["artifacts"].size() == inputs);
  CHECK(log["runs"][0]["results"].size() > inputs);
  CHECK(std::system(("xmllint --noout " + junit).c_str()) == 0);
  std::ifstream github_in(github);
  size_t commands = 0;
  for (std::string line; std::getline(github_in, line); ++commands) {
    INFO(line);
    CHECK(std::regex_search(line,
                            std::regex("^::(error|warning|notice) file=[^,]+,line=[0-9]+,endLine=[0-9]+")));
    CHECK(line.find('\r') == std::string::npos);
  }
  CHECK(commands == log["runs"][0]["results"].size());
  fs::remove_all(dir);
}

TEST_CASE("a misspelt subcommand or rule id gets a did-you-mean", "[cli]") {
  const auto typo = run("explian missing-resources");
  CHECK(typo.status == 2);
  CHECK(typo.out ==
        "podlint: explian: no such file, and no subcommand of that name (did you mean \"explain\"?)\n");
  CHECK(run("rulse").out ==
        "podlint: rulse: no such file, and no subcommand of that name (did you mean \"rules\"?)\n");
  // A path that is no typo of a subcommand is still an unreadable file.
  CHECK(run("--color never manifests.yaml").out.starts_with("manifests.yaml: error: cannot read: "));
  const auto rule = run("explain missing-livenes-probe");
  CHECK(rule.status == 2);
  CHECK(rule.out ==
        "podlint: no rule named 'missing-livenes-probe' (did you mean \"missing-liveness-probe\"?) (podlint "
        "rules "
        "lists them)\n");
}

TEST_CASE("with --quiet, only the findings are printed", "[cli]") {
  const std::string clean = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n";
  CHECK(run("- -q --color never", clean).out.empty());
  CHECK(run("- --quiet --color never", clean).status == 0);
  const auto broken =
      run("- -q --color never --stdin-filename pod.yaml", "kind: Pod\nmetadata: {name: \"web\n");
  CHECK(broken.status == 1);
  CHECK(broken.out.starts_with("pod.yaml:2:18: error: "));
  CHECK(broken.out.find(" in 1 file") != std::string::npos);  // findings keep their summary
}

TEST_CASE("manifests piped in without a path are read", "[cli]") {
  // run() gives stdin from a file; here a real pipe, as `kubectl kustomize | podlint`.
  podlint::test::TempTree tree;
  const auto manifest = tree.write("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: \"web\n");
  const auto piped = podlint::test::run_command("sh -c 'cat " + manifest.string() + " | " +
                                                std::string(PODLINT_BINARY) + " --color never'");
  CHECK(piped.status == 1);
  CHECK(piped.out.starts_with("-:3:18: error: unterminated double-quoted string"));
  const auto redirected = run("--color never", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
  CHECK(redirected.out == "no problems found in 1 file (1 document, 1 Kubernetes object)\n");
  const auto empty_pipe = podlint::test::run_command("sh -c 'true | " + std::string(PODLINT_BINARY) + "'");
  CHECK(empty_pipe.status == 2);
  CHECK(empty_pipe.out.starts_with("podlint: no path given and standard input (not a terminal) was empty"));
}

TEST_CASE("the Kubernetes release is picked with --kubernetes-version", "[cli]") {
  const auto version = run("--version");
  CHECK(version.out == "podlint " PODLINT_VERSION "\nKubernetes 1.29 to 1.36 (default 1.36)\n");
  const std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  hostnameOverride: primary\n"
      "  containers: [{name: web, image: nginx:1.27}]\n";
  CHECK(
      run("- --color never --kubernetes-version 1.33 --stdin-filename pod.yaml", pod)
          .out.starts_with("pod.yaml:5:3: error: \"hostnameOverride\" in PodSpec needs Kubernetes 1.34 (the "
                           "target is 1.33) [newer-kubernetes-field]\n"));
  CHECK(run("- --color never --kubernetes-version v1.34.2", pod).out.find("[newer-kubernetes-field]") ==
        std::string::npos);
  const auto old = run("- --kubernetes-version 1.28", pod);
  CHECK(old.status == 2);
  CHECK(old.out.find("podlint supports Kubernetes 1.29 to 1.36, not 1.28") != std::string::npos);
}
