// The Pod Security Standards as podlint applies them: which policy judges a
// pod (its Namespace's labels across files, else the configuration or
// --pod-security), how severe each finding is, and presets.
#include "support/pod_security.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/config_file.hpp"
#include "engine/driver.hpp"
#include "engine/rule.hpp"
#include "support.hpp"

using podlint::PodSecurityLevel;
using podlint::Severity;
using podlint::test::TempTree;

namespace {

constexpr std::string_view kPrivilegedPod = R"(apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: prod}
spec:
  containers:
    - name: shell
      image: busybox:1.37
      securityContext: {privileged: true, runAsUser: 0}
)";

// "rule severity line: message" of the findings of the rules named.
std::vector<std::string> findings(const podlint::LintRun& run, const std::vector<std::string>& rules) {
  std::vector<std::string> out;
  for (const auto& report : run.reports) {
    for (const auto& d : report.diagnostics) {
      if (std::find(rules.begin(), rules.end(), d.rule) == rules.end()) continue;
      out.push_back(d.rule + " " + std::string(podlint::severity_name(d.severity)) + " " +
                    std::filesystem::path(report.path).filename().string() + ":" +
                    std::to_string(d.span.begin.line) + ": " + d.message);
    }
  }
  return out;
}

podlint::LintRun lint(const TempTree& tree, std::optional<PodSecurityLevel> level = {}) {
  podlint::LintRequest request;
  request.paths = {tree.root().string()};
  request.pod_security_level = level;
  return podlint::lint_inputs(request);
}

}  // namespace

TEST_CASE("a Namespace's labels in another file decide, and enforce is an error", "[pod-security]") {
  const TempTree tree;
  tree.write("namespaces.yaml", R"(apiVersion: v1
kind: Namespace
metadata:
  name: prod
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/warn: restricted
)");
  tree.write("pod.yaml", kPrivilegedPod);
  const auto run = lint(tree);
  REQUIRE(run.config_errors.empty());
  CHECK(findings(run, {"pss-privileged", "pss-run-as-user"}) ==
        std::vector<std::string>{
            "pss-privileged error pod.yaml:8: container \"shell\" is privileged: admission will reject this "
            "Pod "
            "(namespace \"prod\" enforces Pod Security \"baseline:latest\")",
            "pss-run-as-user warning pod.yaml:8: container \"shell\" runs as root (runAsUser: 0): admission "
            "will "
            "warn about this Pod (namespace \"prod\" warns on Pod Security \"restricted:latest\")"});
  CHECK(podlint::exit_status(run, podlint::FailOn::Error) == podlint::kExitFindings);
}

TEST_CASE("without a labelled Namespace the configuration's level and severity apply", "[pod-security]") {
  const TempTree tree;
  tree.write("pod.yaml", kPrivilegedPod);
  SECTION("the default: baseline, as warnings") {
    CHECK(
        findings(lint(tree), {"pss-privileged", "pss-run-as-user"}) ==
        std::vector<std::string>{"pss-privileged warning pod.yaml:8: container \"shell\" is privileged (Pod "
                                 "Security \"baseline:latest\")"});
  }
  SECTION("podSecurity: level, version and severity; a rule's own severity wins") {
    tree.write(".podlint.yaml", R"(podSecurity: {level: restricted, version: v1.30, severity: error}
rules:
  pss-run-as-user: info
)");
    CHECK(
        findings(lint(tree), {"pss-privileged", "pss-run-as-user"}) ==
        std::vector<std::string>{
            "pss-privileged error pod.yaml:8: container \"shell\" is privileged (Pod Security "
            "\"restricted:v1.30\")",
            "pss-run-as-user info pod.yaml:8: container \"shell\" runs as root (runAsUser: 0) (Pod Security "
            "\"restricted:v1.30\")"});
  }
  SECTION("--pod-security wins over the file") {
    tree.write(".podlint.yaml", "podSecurity: {level: restricted}\n");
    CHECK(findings(lint(tree, PodSecurityLevel::Privileged), {"pss-privileged", "pss-run-as-user"}).empty());
  }
  SECTION("an override sets the level for some paths") {
    tree.write(".podlint.yaml", R"(overrides:
  - files: ["pod.yaml"]
    podSecurity: {level: privileged}
)");
    CHECK(findings(lint(tree), {"pss-privileged"}).empty());
  }
}

TEST_CASE("the namespace labels as admission reads them", "[pod-security]") {
  using podlint::rules::namespace_policies;
  const auto names = [](const podlint::StringMap& labels) {
    std::vector<std::string> out;
    const auto policies = namespace_policies(labels, "ns");
    if (!policies) return std::vector<std::string>{"none"};
    for (const auto& p : *policies)
      out.push_back(std::to_string(static_cast<int>(p.mode)) + " " + p.name());
    return out;
  };
  const std::string p = "pod-security.kubernetes.io/";
  CHECK(names({{"team", "a"}, {p + "enforce-version", "v1.30"}}) == std::vector<std::string>{"none"});
  CHECK(names({{p + "enforce", "privileged"}}).empty());
  // Warn follows a stricter enforce, with its version unless warn-version says.
  CHECK(names({{p + "enforce", "baseline"}, {p + "enforce-version", "v1.30"}}) ==
        std::vector<std::string>{"0 baseline:v1.30", "1 baseline:v1.30"});
  CHECK(
      names(
          {{p + "enforce", "baseline"}, {p + "enforce-version", "v1.30"}, {p + "warn-version", "latest"}}) ==
      std::vector<std::string>{"0 baseline:v1.30", "1 baseline:latest"});
  CHECK(names({{p + "enforce", "restricted"}, {p + "warn", "baseline"}}) ==
        std::vector<std::string>{"0 restricted:latest", "1 baseline:latest"});
  // Bad values: enforce fails closed, warn and audit open, versions become latest.
  // An unreadable enforce level is no level warn could follow.
  CHECK(names({{p + "enforce", "Baseline"}, {p + "enforce-version", "1.30"}}) ==
        std::vector<std::string>{"0 restricted:latest"});
  CHECK(names({{p + "audit", "strict"}}).empty());
  CHECK(names({{p + "audit", "restricted"}, {p + "audit-version", "v1.0"}}) ==
        std::vector<std::string>{"2 restricted:v1.0"});
}

TEST_CASE("policy versions parse as admission reads them", "[pod-security]") {
  for (const char* good : {"latest", "v1.0", "v1.30", "v1.99999999999"})
    CHECK(podlint::parse_pod_security_version(good).has_value());
  for (const char* bad : {"1.30", "v1.01", "v2.0", "Latest", "v1.", "v1.-1", "v1.3a", ""})
    CHECK_FALSE(podlint::parse_pod_security_version(bad).has_value());
  CHECK(podlint::parse_pod_security_version("v1.30")->name() == "v1.30");
  CHECK(podlint::parse_pod_security_version("latest")->effective_minor() ==
        podlint::PodSecurityVersion::kLatestMinor);
}

TEST_CASE("presets pick rules by their consequence and set the Pod Security level",
          "[pod-security][config]") {
  const auto resolve = [](std::string_view text) {
    std::vector<podlint::ConfigError> errors;
    const auto file = podlint::parse_config(".podlint.yaml", text, errors);
    REQUIRE(errors.empty());
    return podlint::resolve_config(&file, std::nullopt);
  };
  const auto minimal = resolve("preset: minimal\n");
  const auto strict = resolve("preset: strict\nrules: {image-tag: off}\n");
  const auto defaults = podlint::resolve_config(nullptr, std::nullopt);
  for (const auto& rule : podlint::all_rules()) {
    const podlint::RuleInfo& info = rule->info();
    INFO(info.id);
    CHECK(minimal.config.rule_enabled(info.id) == (info.consequence == podlint::Consequence::Rejected));
    CHECK(defaults.config.rule_enabled(info.id) == info.enabled_by_default);
    CHECK(strict.config.rule_enabled(info.id) == (info.id != "image-tag"));
  }
  CHECK(minimal.config.pod_security.level == PodSecurityLevel::Privileged);
  CHECK(defaults.config.pod_security.level == PodSecurityLevel::Baseline);
  CHECK(strict.config.pod_security.level == PodSecurityLevel::Restricted);
  CHECK(strict.origin("secret-env-var.enabled") == "preset strict (.podlint.yaml:1:9)");
  CHECK(strict.origin("image-tag.enabled") == ".podlint.yaml:2:20");
  CHECK(defaults.origin("secret-env-var.enabled") == "default");
  CHECK(resolve("preset: strict\npodSecurity: {level: baseline}\n").config.pod_security.level ==
        PodSecurityLevel::Baseline);
}

TEST_CASE("podSecurity and preset are checked strictly", "[pod-security][config]") {
  std::vector<podlint::ConfigError> errors;
  podlint::parse_config(".podlint.yaml", R"(preset: strickt
podSecurity:
  level: Restricted
  version: 1.30
  severity: high
  mode: enforce
)",
                        errors);
  std::vector<std::string> messages;
  for (const auto& e : errors)
    messages.push_back(e.format());
  CHECK(messages ==
        std::vector<std::string>{
            ".podlint.yaml:1:9: error: expected minimal, recommended or strict, found \"strickt\" (did you "
            "mean "
            "\"strict\"?)",
            ".podlint.yaml:3:10: error: expected privileged, baseline or restricted, found \"Restricted\" "
            "(did you "
            "mean \"restricted\"?)",
            ".podlint.yaml:4:12: error: expected latest or a version such as v1.30, found the number 1.30",
            ".podlint.yaml:5:13: error: expected error, warning or info, found \"high\"",
            ".podlint.yaml:6:3: error: unknown key \"mode\""});
}

TEST_CASE("podlint --pod-security and podlint config show the level", "[pod-security][cli]") {
  const TempTree tree;
  const auto pod = tree.write("pod.yaml", kPrivilegedPod);
  const std::string podlint = PODLINT_BINARY;
  const auto restricted =
      podlint::test::run_command(podlint + " --color never --pod-security restricted " + pod.string());
  CHECK(restricted.out.find(
            "runs as root (runAsUser: 0) (Pod Security \"restricted:latest\") [pss-run-as-user]") !=
        std::string::npos);
  const auto bad = podlint::test::run_command(podlint + " --pod-security strict " + pod.string());
  CHECK(bad.status == 2);
  tree.write(".podlint.yaml", "preset: strict\npodSecurity: {version: v1.30}\n");
  const auto config = podlint::test::run_command(podlint + " config " + pod.string());
  CHECK(config.out.find("preset: strict  # ") != std::string::npos);
  CHECK(config.out.find("podSecurity:  # where no Namespace of the run labels the pod's namespace\n"
                        "  level: restricted  # preset strict (") != std::string::npos);
  CHECK(config.out.find("  version: v1.30  # ") != std::string::npos);
  CHECK(config.out.find("  # severity: each control's own\n") != std::string::npos);
}
