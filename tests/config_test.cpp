// The configuration file: checking it (errors with positions), finding it,
// resolving it per file (precedence, ignore, overrides), its effect on
// linting, `podlint config`, and its JSON Schema agreeing with the checker.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/config_file.hpp"
#include "engine/config_finder.hpp"
#include "engine/glob.hpp"
#include "engine/lint.hpp"
#include "engine/rule.hpp"
#include "model/scalar.hpp"
#include "output/config_schema.hpp"
#include "output/effective_config.hpp"
#include "support.hpp"
#include "yaml/parser.hpp"

namespace fs = std::filesystem;
using podlint::ConfigError;
using podlint::ConfigFile;
using podlint::Severity;
using podlint::test::TempTree;

namespace {

const fs::path kSource = PODLINT_SOURCE_DIR;

constexpr std::string_view kPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
)";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> formatted(const std::vector<ConfigError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors)
    out.push_back(e.format());
  return out;
}

// Parses a configuration; the errors, formatted.
std::vector<std::string> config_errors(std::string_view text, ConfigFile* out = nullptr) {
  std::vector<ConfigError> errors;
  ConfigFile file = podlint::parse_config(".podlint.yaml", text, errors);
  if (out != nullptr) *out = std::move(file);
  return formatted(errors);
}

struct Run {
  int status;
  std::string out, err;
};

// Runs podlint in `directory`, stdout and stderr apart.
Run podlint_in(const fs::path& directory, const std::string& args, const std::string& stdin_text = "") {
  const TempTree scratch;
  const fs::path in = scratch.write("in", stdin_text), out = scratch.root() / "out",
                 err = scratch.root() / "err";
  const std::string command = "cd '" + directory.string() + "' && " + PODLINT_BINARY + " " + args + " <'" +
                              in.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read(out), read(err)};
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

// The `# error: L:C: message` comments of a fixture, as the checker prints them.
std::vector<std::string> expected_errors(const std::string& name, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& line : lines(text)) {
    if (line.rfind("# error: ", 0) == 0)
      out.push_back(name + ":" + line.substr(9, line.find(' ', 9) - 9) +
                    " error:" + line.substr(line.find(' ', 9)));
  }
  return out;
}

// A YAML document as the JSON a schema validator sees (types as Kubernetes
// resolves them: YAML 1.2 core schema).
nlohmann::json to_json(const podlint::yaml::Node& raw) {
  using podlint::model::ScalarType;
  const podlint::yaml::Node& node = podlint::yaml::resolve(raw);
  if (node.is_mapping()) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& pair : node.pairs)
      object[std::string(podlint::yaml::resolve(*pair.key).value)] = to_json(*pair.value);
    return object;
  }
  if (node.is_sequence()) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto* item : node.items)
      array.push_back(to_json(*item));
    return array;
  }
  switch (podlint::model::scalar_type(node)) {
    case ScalarType::Null:
      return nullptr;
    case ScalarType::Bool:
      return *podlint::model::parse_bool(node);
    case ScalarType::Int:
      return *podlint::model::parse_int(node);
    case ScalarType::Float:
      return std::stod(std::string(node.value));
    default:
      return std::string(node.value);
  }
}

// The ```yaml blocks of a Markdown file that are configuration files: those
// whose first line is "# .podlint.yaml".
std::vector<std::string> markdown_configs(const fs::path& path) {
  std::vector<std::string> out;
  const std::string text = read(path);
  const std::string open = "```yaml\n# .podlint.yaml";
  for (size_t at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
    const size_t begin = at + 8;
    out.push_back(text.substr(begin, text.find("```", begin) - begin));
  }
  return out;
}

}  // namespace

TEST_CASE("globs match path segments, ** any number of them, and the directories above a file", "[config]") {
  using podlint::glob_matches;
  CHECK(glob_matches("vendor/**", "vendor/a/b.yaml"));
  CHECK(glob_matches("vendor", "vendor/a/b.yaml"));
  CHECK(glob_matches("vendor/", "vendor/b.yaml"));
  CHECK(glob_matches("./vendor/*.yaml", "vendor/b.yaml"));
  CHECK_FALSE(glob_matches("vendor/**", "vendored/b.yaml"));
  CHECK_FALSE(glob_matches("vendor/**", "src/vendor/b.yaml"));
  CHECK(glob_matches("**/vendor/**", "src/vendor/b.yaml"));
  CHECK(glob_matches("**/vendor/**", "vendor/b.yaml"));
  CHECK(glob_matches("*.yaml", "pod.yaml"));
  CHECK_FALSE(glob_matches("*.yaml", "jobs/pod.yaml"));  // '*' stays within a segment
  CHECK(glob_matches("**/*.yaml", "jobs/pod.yaml"));
  CHECK(glob_matches("charts/*/templates/**", "charts/web/templates/deploy.yaml"));
  CHECK_FALSE(glob_matches("charts/*/templates/**", "charts/web/x/templates/deploy.yaml"));
  CHECK(glob_matches("jobs/**/cron-?.yaml", "jobs/a/b/cron-1.yaml"));
  CHECK(glob_matches("jobs/**/cron-?.yaml", "jobs/cron-1.yaml"));
  CHECK(glob_matches("[a-c]*.yaml", "b.yaml"));
  CHECK_FALSE(glob_matches("[a-c]*.yaml", "d.yaml"));
  CHECK_FALSE(glob_matches("", "pod.yaml"));
}

TEST_CASE("every configuration under tests/config/ is checked to its `# error:` comments", "[config]") {
  size_t fixtures = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "tests/config")) {
    const std::string name = entry.path().filename().string();
    const std::string text = read(entry.path());
    std::vector<ConfigError> errors;
    podlint::parse_config(name, text, errors);
    INFO(name);
    CHECK(formatted(errors) == expected_errors(name, text));
    ++fixtures;
  }
  CHECK(fixtures >= 7);
}

TEST_CASE("YAML problems in a configuration are errors at their position", "[config]") {
  CHECK(config_errors("rules: {}\nignore: []\nrules: {}\n") ==
        std::vector<std::string>{".podlint.yaml:3:1: error: duplicate key \"rules\" (first defined at 1:1)"});
  CHECK(config_errors("rules:\n  missing-resources: \"warning\n") ==
        std::vector<std::string>{
            ".podlint.yaml:2:22: error: unterminated double-quoted string starting at 2:22"});
  CHECK(config_errors("rules: {}\n---\nignore: []\n") ==
        std::vector<std::string>{".podlint.yaml:2:1: error: a configuration file holds one document"});
  CHECK(config_errors("").empty());
  CHECK(config_errors("# nothing configured yet\n").empty());
  CHECK(config_errors("ignore: &globs [vendor]\noverrides:\n  - files: *globs\n").empty());
}

TEST_CASE("precedence: rule defaults, then rules, then each matching override in order", "[config]") {
  ConfigFile file;
  REQUIRE(config_errors(R"(rules:
  missing-resources:
    severity: error
    options: {required: [requests.cpu, limits.memory]}
  missing-liveness-probe: off
  host-port-conflict: {noSuppress: true}
suppressions: {allow: false}
overrides:
  - files: ["jobs/**"]
    rules:
      missing-resources: info
      missing-liveness-probe: on
  - files: ["jobs/nightly/**"]
    rules:
      missing-resources: {severity: warning, options: {required: limits.cpu}}
)",
                        &file)
              .empty());
  file.directory = "/repo";

  const auto top = podlint::resolve_config(&file, fs::path("/repo/web/pod.yaml"));
  CHECK_FALSE(top.config.allow_suppressions);
  CHECK(top.origin("suppressions.allow") == ".podlint.yaml:7:23");
  CHECK(top.config.rule("missing-resources")->severity == Severity::Error);
  CHECK(top.origin("missing-resources.severity") == ".podlint.yaml:3:15");
  CHECK(top.config.rule("missing-resources")->options.at("required") ==
        podlint::OptionValue(std::vector<std::string>{"requests.cpu", "limits.memory"}));
  CHECK(top.origin("missing-resources.options.required") == ".podlint.yaml:4:25");
  CHECK_FALSE(top.config.rule_enabled("missing-liveness-probe"));
  CHECK(top.origin("missing-liveness-probe.enabled") == ".podlint.yaml:5:27");
  CHECK_FALSE(top.config.suppression_allowed("host-port-conflict"));
  CHECK(top.config.rule("host-port-conflict")->no_suppress);
  CHECK(top.origin("host-port-conflict.noSuppress") == ".podlint.yaml:6:36");
  CHECK(top.origin("port-conflict.severity") == "default");
  CHECK(top.config.rule("port-conflict") == nullptr);

  const auto job = podlint::resolve_config(&file, fs::path("/repo/jobs/backup.yaml"));
  CHECK(job.config.rule("missing-resources")->severity == Severity::Info);
  CHECK(job.origin("missing-resources.severity") == "override #1 (.podlint.yaml:11:26)");
  CHECK(job.config.rule("missing-resources")->options.at("required") ==
        podlint::OptionValue(std::vector<std::string>{"requests.cpu", "limits.memory"}));
  CHECK(job.config.rule_enabled("missing-liveness-probe"));
  CHECK(job.origin("missing-liveness-probe.enabled") == "override #1 (.podlint.yaml:12:31)");

  const auto nightly = podlint::resolve_config(&file, fs::path("/repo/jobs/nightly/report.yaml"));
  CHECK(nightly.config.rule("missing-resources")->severity == Severity::Warning);
  CHECK(nightly.origin("missing-resources.severity") == "override #2 (.podlint.yaml:15:37)");
  CHECK(nightly.config.rule("missing-resources")->options.at("required") ==
        podlint::OptionValue(std::vector<std::string>{"limits.cpu"}));
  CHECK(nightly.origin("missing-resources.options.required") == "override #2 (.podlint.yaml:15:66)");
  CHECK(nightly.config.rule_enabled("missing-liveness-probe"));  // from override #1

  // Outside the file's directory (--config elsewhere) no glob applies; no path (stdin) neither.
  const auto outside = podlint::resolve_config(&file, fs::path("/elsewhere/jobs/backup.yaml"));
  CHECK(outside.config.rule("missing-resources")->severity == Severity::Error);
  const auto unnamed = podlint::resolve_config(&file, std::nullopt);
  CHECK(unnamed.config.rule("missing-resources")->severity == Severity::Error);
  CHECK_FALSE(unnamed.config.allow_suppressions);

  const auto defaults = podlint::resolve_config(nullptr, fs::path("/repo/web/pod.yaml"));
  // Only the rules that are off by default have settings.
  for (const auto& rule : podlint::all_rules())
    CHECK(defaults.config.rule_enabled(rule->info().id) == rule->info().enabled_by_default);
  for (const auto& [id, rule] : defaults.config.rules)
    CHECK(rule.enabled == std::optional<bool>(false));
  CHECK(defaults.config.allow_suppressions);
  CHECK(defaults.origin("suppressions.allow") == "default");
}

TEST_CASE("ignore globs are relative to the configuration file's directory", "[config]") {
  ConfigFile file;
  REQUIRE(config_errors("ignore: [\"vendor/**\", \"**/*.generated.yaml\", tmp]\n", &file).empty());
  file.directory = "/repo/deploy";
  const auto ignored_by = [&](const char* path) {
    return podlint::resolve_config(&file, fs::path(path)).ignored_by.value_or("");
  };
  CHECK(ignored_by("/repo/deploy/vendor/x/pod.yaml") == "\"vendor/**\" at .podlint.yaml:1:10");
  CHECK(ignored_by("/repo/deploy/a/b/pod.generated.yaml") == "\"**/*.generated.yaml\" at .podlint.yaml:1:23");
  CHECK(ignored_by("/repo/deploy/tmp/pod.yaml") == "\"tmp\" at .podlint.yaml:1:46");
  CHECK(ignored_by("/repo/deploy/pod.yaml").empty());
  CHECK(ignored_by("/repo/vendor/pod.yaml").empty());
}

TEST_CASE("the nearest configuration file up to the repository root applies", "[config]") {
  const TempTree tree;
  tree.write("outside/.podlint.yaml", "rules: {missing-resources: off}\n");
  tree.mkdir("outside/repo/.git");
  tree.write("outside/repo/.podlint.yaml", "rules: {missing-liveness-probe: off}\n");
  tree.write("outside/repo/team/.podlint.yml", "rules: {missing-readiness-probe: off}\n");
  tree.mkdir("outside/repo/team/app/deep");
  tree.mkdir("outside/other/.git");  // a repository without a configuration
  tree.mkdir("outside/other/app");
  const fs::path repo = tree.root() / "outside/repo";

  podlint::ConfigFinder finder;
  const auto top = finder.resolve((repo / "pod.yaml").string());
  REQUIRE(top.file != nullptr);
  CHECK(top.file->directory == repo);
  CHECK_FALSE(top.config.rule_enabled("missing-liveness-probe"));
  CHECK(top.config.rule_enabled("missing-resources"));  // the file above the repository is not read

  const auto deep = finder.resolve((repo / "team/app/deep/pod.yaml").string());
  REQUIRE(deep.file != nullptr);
  CHECK(deep.file->directory == repo / "team");  // the nearest wins; files are not merged
  CHECK_FALSE(deep.config.rule_enabled("missing-readiness-probe"));
  CHECK(deep.config.rule_enabled("missing-liveness-probe"));
  CHECK(finder.resolve((repo / "team/app").string()).file == deep.file);  // a directory: from itself

  CHECK(finder.resolve((tree.root() / "outside/other/app/pod.yaml").string()).file == nullptr);
  CHECK(finder.errors().empty());

  podlint::ConfigFinder given((repo / ".podlint.yaml").string());
  const auto chosen = given.resolve((repo / "team/app/pod.yaml").string());
  REQUIRE(chosen.file != nullptr);
  CHECK(chosen.file->given);
  CHECK_FALSE(chosen.config.rule_enabled("missing-liveness-probe"));
  CHECK(chosen.config.rule_enabled("missing-readiness-probe"));
}

TEST_CASE("two configuration files in one directory are an error", "[config]") {
  const TempTree tree;
  tree.mkdir(".git");
  tree.write(".podlint.yaml", "");
  tree.write(".podlint.yml", "");
  podlint::ConfigFinder finder;
  CHECK(finder.resolve((tree.root() / "pod.yaml").string()).file == nullptr);
  CHECK(formatted(finder.errors()) ==
        std::vector<std::string>{(tree.root() / ".podlint.yml").string() +
                                 ": error: two configuration files in one directory: keep .podlint.yaml or "
                                 ".podlint.yml"});
}

TEST_CASE("the configuration decides which rules run, at which severity, with which options", "[config]") {
  const auto findings = [](std::string_view config) {
    ConfigFile file;
    REQUIRE(config_errors(config, &file).empty());
    podlint::LintSettings settings;
    settings.config = podlint::resolve_config(&file, std::nullopt).config;
    std::vector<std::string> out;
    for (const auto& d : podlint::lint_text("pod.yaml", std::string(kPod), settings).diagnostics) {
      // The probe and resource rules show it; the security rules find more in this bare pod.
      if (podlint::find_rule(d.rule)->info().category == podlint::Category::Security) continue;
      out.push_back(std::string(podlint::severity_name(d.severity)) + " " + d.rule + ": " + d.message);
    }
    return out;
  };
  CHECK(findings("") ==
        std::vector<std::string>{
            "warning missing-liveness-probe: container \"web\" has no liveness probe",
            "warning missing-readiness-probe: container \"web\" has no readiness probe",
            "warning missing-resources: container \"web\" has no cpu request, memory request or "
            "memory limit",
        });
  CHECK(findings(R"(rules:
  missing-liveness-probe: off
  missing-readiness-probe: {enabled: false}
  missing-resources:
    severity: error
    options: {required: [limits.cpu, requests.ephemeral-storage]}
)") == std::vector<std::string>{
           "error missing-resources: container \"web\" has no cpu limit or ephemeral-storage request",
       });
  CHECK(findings("rules: {missing-liveness-probe: info, missing-readiness-probe: false, missing-resources: "
                 "{options: {required: []}}}\n") ==
        std::vector<std::string>{"info missing-liveness-probe: container \"web\" has no liveness probe"});
}

TEST_CASE("podlint config prints every setting with where it came from", "[config][cli]") {
  const TempTree tree;
  tree.mkdir(".git");
  tree.write(".podlint.yaml", R"(rules:
  missing-resources:
    severity: error
    options: {required: [requests.cpu, limits.memory]}
  host-port-conflict: {noSuppress: true}
suppressions: {allow: false}
kubernetesVersion: 1.30
ignore: [vendor]
overrides:
  - files: ["jobs/**"]
    rules: {missing-liveness-probe: off}
)");
  const auto r = podlint_in(tree.root(), "config jobs/backup.yaml");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  const auto out = lines(r.out);
  REQUIRE(out.size() > 10);
  CHECK(std::vector<std::string>(out.begin(), out.begin() + 12) ==
        std::vector<std::string>{
            "# podlint configuration for jobs/backup.yaml",
            "# configuration file: .podlint.yaml",
            "# ignored: no",
            "kubernetesVersion: \"1.30\"  # .podlint.yaml:7:20",  // a plain 1.30, read as written
            "preset: recommended  # default",
            "podSecurity:  # where no Namespace of the run labels the pod's namespace",
            "  level: baseline  # default",
            "  version: latest  # default",
            "  # severity: each control's own",
            "suppressions:",
            "  allow: false  # .podlint.yaml:6:23",
            "rules:",
        });
  const auto block = [&](const std::string& rule, size_t size) {
    const auto it = std::find(out.begin(), out.end(), "  " + rule + ":");
    REQUIRE(std::distance(it, out.end()) > static_cast<std::ptrdiff_t>(size));
    return std::vector<std::string>(it + 1, it + 1 + static_cast<std::ptrdiff_t>(size));
  };
  CHECK(block("missing-resources", 5) ==
        std::vector<std::string>{
            "    enabled: true  # default",
            "    severity: error  # .podlint.yaml:3:15",
            "    noSuppress: false  # default",
            "    options:",
            "      required: [requests.cpu, limits.memory]  # .podlint.yaml:4:25",
        });
  CHECK(block("missing-liveness-probe", 3) == std::vector<std::string>{
                                                  "    enabled: false  # override #1 (.podlint.yaml:11:37)",
                                                  "    severity: warning  # default",
                                                  "    noSuppress: false  # default",
                                              });
  CHECK(block("host-port-conflict", 3) == std::vector<std::string>{
                                              "    enabled: true  # default",
                                              "    severity: error  # default",
                                              "    noSuppress: true  # .podlint.yaml:5:36",
                                          });
  // Every rule is listed, and the output is itself a valid configuration.
  for (const auto& rule : podlint::all_rules())
    CHECK(std::count(out.begin(), out.end(), "  " + std::string(rule->info().id) + ":") == 1);
  CHECK(config_errors(r.out).empty());

  const auto ignored = podlint_in(tree.root(), "config vendor/lib/pod.yaml");
  CHECK(lines(ignored.out).at(2) == "# ignored: yes, by \"vendor\" at .podlint.yaml:8:10");
  const auto none = podlint_in(tree.root() / ".git", "config --config /dev/null");
  CHECK(lines(none.out).at(1) == "# configuration file: /dev/null (--config)");
  CHECK(podlint_in(tree.root(), "config jobs/backup.yaml --config /dev/null").status == 0);
  CHECK(podlint_in(tree.root(), "config jobs vendor").status == 2);  // one path
}

TEST_CASE("podlint config without a configuration file shows the defaults", "[config][cli]") {
  const TempTree tree;
  tree.mkdir(".git");
  const auto r = podlint_in(tree.root(), "config");
  CHECK(r.status == 0);
  const auto out = lines(r.out);
  CHECK(std::vector<std::string>(out.begin(), out.begin() + 11) ==
        std::vector<std::string>{
            "# podlint configuration for .",
            "# configuration file: none, the defaults",
            "# ignored: no",
            "kubernetesVersion: \"1.36\"  # default",
            "preset: recommended  # default",
            "podSecurity:  # where no Namespace of the run labels the pod's namespace",
            "  level: baseline  # default",
            "  version: latest  # default",
            "  # severity: each control's own",
            "suppressions:",
            "  allow: true  # default",
        });
}

TEST_CASE("a broken configuration stops the run with exit 2 and its positions on stderr", "[config][cli]") {
  const TempTree tree;
  tree.mkdir(".git");
  tree.write("deploy/.podlint.yaml",
             "rules:\n  missing-livenes-probe: off\n  missing-resources: {severity: high}\n");
  tree.write("deploy/pod.yaml", kPod);
  for (const char* args : {"--color never deploy", "config deploy/pod.yaml"}) {
    const auto r = podlint_in(tree.root(), args);
    INFO(args);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err ==
          "deploy/.podlint.yaml:2:3: error: unknown rule \"missing-livenes-probe\" (did you mean "
          "\"missing-liveness-probe\"?)\n"
          "deploy/.podlint.yaml:3:33: error: expected error, warning or info, found \"high\"\n");
  }
  // A broken --config is an error even with nothing to lint.
  tree.mkdir("empty");
  const auto given = podlint_in(tree.root(), "--config deploy/.podlint.yaml empty");
  CHECK(given.status == 2);
  CHECK(lines(given.err).size() == 2);
  const auto missing = podlint_in(tree.root(), "--config nowhere.yaml deploy");
  CHECK(missing.status == 2);
  CHECK(missing.err == "nowhere.yaml: error: cannot read the configuration: No such file or directory\n");
}

TEST_CASE("linting applies each file's configuration; ignored files are not linted", "[config][cli]") {
  const TempTree tree;
  tree.mkdir(".git");
  tree.write(".podlint.yaml", R"(rules: {missing-liveness-probe: off, missing-readiness-probe: off}
ignore: ["vendor/**"]
overrides:
  - files: ["jobs/**"]
    rules: {missing-resources: off}
)");
  tree.write("web/pod.yaml", kPod);
  tree.write("jobs/pod.yaml", kPod);
  tree.write("vendor/pod.yaml", kPod);
  tree.write("strict/.podlint.yaml", "rules: {missing-resources: error}\n");
  tree.write("strict/pod.yaml", kPod);

  const auto all = podlint_in(tree.root(), "--color never --format json --fail-on never .");
  CHECK(all.status == 0);
  const auto json = nlohmann::json::parse(all.out);
  // The rules the configurations set; the hardening rules' findings on the
  // pod are the same in every folder.
  const std::set<std::string> configured{"missing-liveness-probe", "missing-readiness-probe",
                                         "missing-resources"};
  std::vector<std::string> found;
  for (const auto& d : json["diagnostics"]) {
    if (!configured.contains(d["rule"].get<std::string>())) continue;
    found.push_back(d["file"].get<std::string>() + " " + d["severity"].get<std::string>() + " " +
                    d["rule"].get<std::string>());
  }
  CHECK(found == std::vector<std::string>{
                     "./strict/pod.yaml warning missing-liveness-probe",
                     "./strict/pod.yaml warning missing-readiness-probe",
                     "./strict/pod.yaml error missing-resources",
                     "./web/pod.yaml warning missing-resources",
                 });
  CHECK(json["summary"]["files"] == 3);  // jobs/, strict/ and web/; not vendor/, not the .podlint.yaml files

  // Named explicitly, an ignored file is still not linted (so hooks that pass file names honour ignore).
  const auto named = podlint_in(tree.root(), "--color never vendor/pod.yaml");
  CHECK(named.status == 0);
  CHECK(
      named.out ==
      "no problems found in 0 files (0 documents, 0 Kubernetes objects); 1 file ignored by the configuration "
      "(--verbose lists them)\n");

  // --config replaces discovery for every input.
  tree.write("ci.yaml", "rules: {missing-resources: info}\n");
  const auto given = podlint_in(tree.root(), "--color never --config ci.yaml --fail-on info strict/pod.yaml");
  CHECK(given.status == 1);
  CHECK(given.out.find("strict/pod.yaml:7:13: info: container \"web\" has no cpu request") !=
        std::string::npos);

  // Standard input is configured from --stdin-filename's directory, else the current one.
  const auto piped = podlint_in(tree.root(), "--color never --format json - --stdin-filename strict/x.yaml",
                                std::string(kPod));
  CHECK(nlohmann::json::parse(piped.out)["summary"]["errors"] == 1);
  const auto unnamed = podlint_in(tree.root() / "strict", "--color never --format json -", std::string(kPod));
  CHECK(nlohmann::json::parse(unnamed.out)["summary"]["errors"] == 1);
}

TEST_CASE("the configuration schema has an entry for every rule and its options", "[config][schema]") {
  const auto schema = podlint::config_schema();
  const auto& rules = schema.at("$defs").at("rules").at("anyOf").at(1).at("properties");
  std::vector<std::string> in_schema, registered;
  for (const auto& [id, entry] : rules.items())
    in_schema.push_back(id);
  for (const auto& rule : podlint::all_rules()) {
    const podlint::RuleInfo& info = rule->info();
    registered.emplace_back(info.id);
    INFO(info.id);
    REQUIRE(rules.contains(info.id));
    const auto& settings = rules.at(std::string(info.id)).at("anyOf").at(1).at("properties");
    std::vector<std::string> options, declared;
    if (settings.contains("options")) {
      for (const auto& [name, value] : settings.at("options").at("properties").items())
        options.push_back(name);
    }
    for (const podlint::OptionSpec* option : info.options)
      declared.emplace_back(option->name());
    CHECK(options == declared);
  }
  CHECK(in_schema == registered);

  // One entry in full, its prose from the rule: what an editor shows on hover and accepts.
  const podlint::RuleInfo& info = podlint::find_rule("missing-resources")->info();
  REQUIRE(info.options.size() == 1);
  auto expected = nlohmann::ordered_json::parse(R"json({
    "description": "",
    "anyOf": [
      {"$ref": "#/$defs/shorthand"},
      {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "enabled": {"type": "boolean", "description": "false: the rule does not run."},
          "severity": {"$ref": "#/$defs/severity"},
          "noSuppress": {
            "type": "boolean",
            "description": "true: the rule's findings cannot be waived in the manifest (podlint-disable comments, annotations)."
          },
          "options": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "required": {
                "anyOf": [
                  {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "number"}]}},
                  {"type": "string"}
                ],
                "description": ""
              }
            }
          }
        }
      }
    ]
  })json");
  const podlint::RulePage& page = podlint::rule_page(info);
  REQUIRE(page.options.size() == 1);
  expected["description"] = std::string(page.summary) + " (default severity: warning)";
  expected["anyOf"][1]["properties"]["options"]["properties"]["required"]["description"] =
      "(list, default `[requests.cpu, requests.memory, limits.memory]`) " +
      std::string(page.options[0].description);
  CHECK(rules.at("missing-resources").dump(2) == expected.dump(2));
  // A rule no waiver applies to says the setting does nothing.
  CHECK(rules.at("yaml-syntax").at("anyOf").at(1).at("properties").at("noSuppress").at("description") ==
        "No effect: this rule's findings can never be waived in the manifest.");
}

TEST_CASE("podlint config --schema prints the configuration schema", "[config][schema][cli]") {
  const TempTree tree;
  const auto r = podlint_in(tree.root(), "config --schema");
  CHECK(r.status == 0);
  CHECK(r.out == podlint::config_schema().dump(2) + "\n");
  CHECK(r.err.empty());
  // It describes no path's configuration: a path or --config with it is a usage error.
  const auto with_path = podlint_in(tree.root(), "config --schema .");
  CHECK(with_path.status == 2);
  CHECK(with_path.out.empty());
  CHECK(podlint_in(tree.root(), "config --schema --config /dev/null").status == 2);
}

TEST_CASE("the configuration schema and the checker agree on every example configuration",
          "[config][schema]") {
  struct Example {
    std::string name, text;
  };
  std::vector<Example> examples;
  for (const auto& entry : fs::directory_iterator(kSource / "tests/config"))
    examples.push_back({entry.path().filename().string(), read(entry.path())});
  examples.push_back({"docs/podlint.example.yaml", read(kSource / "docs/podlint.example.yaml")});
  size_t in_readme = 0;
  for (const auto& text : markdown_configs(kSource / "README.md"))
    examples.push_back({"README.md example " + std::to_string(++in_readme), text});
  CHECK(in_readme >= 2);
  // What podlint config prints states every rule, setting and option.
  std::ostringstream every_setting;
  podlint::write_effective_config(every_setting, ".", podlint::resolve_config(nullptr, std::nullopt));
  examples.push_back({"podlint config's defaults", every_setting.str()});

  const TempTree tree;
  std::string files;
  std::vector<std::pair<std::string, bool>> accepted;  // JSON file, accepted by the checker
  for (size_t i = 0; i < examples.size(); ++i) {
    std::vector<ConfigError> errors;
    podlint::parse_config(examples[i].name, examples[i].text, errors);
    const auto stream = podlint::yaml::parse(examples[i].text);
    REQUIRE(stream.documents.size() == 1);
    const auto* root = stream.documents[0].root;
    const fs::path json = tree.write(std::to_string(i) + ".json", root ? to_json(*root).dump() : "null");
    files += " '" + json.string() + "'";
    accepted.emplace_back(json.string(), errors.empty());
  }
  const std::string command = "node '" + (kSource / "tests/validate-json.mjs").string() + "' '" +
                              (kSource / "schema/podlint-config.schema.json").string() + "'" + files;
  const std::string out = podlint::test::run_command(command).out;
  const auto verdicts = lines(out);
  REQUIRE(verdicts.size() >= accepted.size());
  size_t rejected = 0;
  for (size_t i = 0; i < accepted.size(); ++i) {
    INFO(examples[i].name << "\n" << out);
    const bool valid = out.find(accepted[i].first + ": valid\n") != std::string::npos;
    CHECK(valid == accepted[i].second);
    rejected += accepted[i].second ? 0 : 1;
  }
  CHECK(rejected >= 4);
}

TEST_CASE("any YAML, read as a configuration, gives errors with positions and no crash", "[config]") {
  size_t inputs = 0;
  for (const char* directory : {"tests/fuzz-regressions", "tests/rules", "examples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(kSource / directory)) {
      if (!entry.is_regular_file()) continue;
      std::vector<ConfigError> errors;
      podlint::parse_config("input.yaml", read(entry.path()), errors);
      INFO(entry.path());
      for (const auto& e : errors)
        CHECK(e.position.has_value());
      ++inputs;
    }
  }
  CHECK(inputs > 30);
}
