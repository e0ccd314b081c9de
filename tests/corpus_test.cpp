// Lints the shared corpus (../shared/corpus, when present): every file without
// a crash; no schema error on the real manifests of kubernetes/examples; and
// kubeconform's fixtures judged as their names say.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/driver.hpp"
#include "engine/lint.hpp"
#include "model/pod.hpp"
#include "schema/schema.hpp"
#include "yaml/parser.hpp"

namespace {

namespace fs = std::filesystem;

const std::string kCorpus = PODLINT_SHARED_DIR "/corpus";

const std::set<std::string_view> kSchemaRules{"unknown-field",
                                              "invalid-type",
                                              "invalid-enum",
                                              "missing-required-field",
                                              "missing-api-version-or-kind",
                                              "unserved-api-version",
                                              "removed-api-version",
                                              "newer-kubernetes-field"};
const std::set<std::string_view> kYamlRules{"yaml-syntax", "duplicate-key"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every regular file under `dir`, relative to it, sorted.
std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) out.push_back(fs::relative(entry.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

// How many objects of `text` the schema describes (the others are skipped).
size_t validated_objects(const std::string& text) {
  size_t n = 0;
  for (const auto& document : podlint::yaml::parse(text).documents) {
    if (document.broken()) continue;
    for (const auto& w : podlint::model::extract_workloads(document))
      n += w.api_version.valid() && w.kind.valid() &&
           podlint::schema::type_for_kind(w.api_version.value, w.kind.value) != nullptr;
  }
  return n;
}

size_t count_of(const podlint::FileReport& report, const std::set<std::string_view>& rules) {
  size_t n = 0;
  for (const auto& d : report.diagnostics)
    n += rules.count(d.rule);
  return n;
}

std::string describe(const podlint::FileReport& report, const std::set<std::string_view>& rules) {
  std::string out;
  for (const auto& d : report.diagnostics)
    if (rules.count(d.rule))
      out += "\n  " + std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.column) + " " +
             d.rule + " " + d.message;
  return out;
}

bool corpus_present() {
  if (fs::is_directory(kCorpus)) return true;
  WARN("skipped: no corpus at " << kCorpus);
  return false;
}

}  // namespace

TEST_CASE("every corpus file is linted without a crash", "[corpus]") {
  if (!corpus_present()) return;
  size_t files = 0, diagnostics = 0;
  for (const std::string& name : files_under(kCorpus)) {
    INFO(name);
    const auto report = podlint::lint_text(name, read_file(fs::path(kCorpus) / name));
    ++files;
    diagnostics += report.diagnostics.size();
  }
  CHECK(files > 0);
  WARN("corpus: " << files << " files linted, " << diagnostics << " diagnostics");
}

TEST_CASE("the kubernetes/examples manifests have no schema errors", "[corpus]") {
  if (!corpus_present()) return;
  const fs::path dir = fs::path(kCorpus) / "kubernetes-examples";
  // Files that really do not match the schema.
  const std::map<std::string, std::string> known{
      {"_archived/newrelic-infrastructure/newrelic-infra-daemonset.yaml",
       "an extensions/v1beta1 DaemonSet, not served since Kubernetes 1.16"},
      {"_archived/cockroachdb/cockroachdb-statefulset.yaml",
       "a policy/v1beta1 PodDisruptionBudget, not served since Kubernetes 1.25"},
      {"_archived/podsecuritypolicy/rbac/policies.yaml", "PodSecurityPolicy, gone since Kubernetes 1.25"},
      {"_archived/volumes/azure_disk/claim/blob-based-disk/account-specified-hdd/"
       "storageclass-account-hdd.yaml",
       "a storage.k8s.io/v1beta1 StorageClass, not served since Kubernetes 1.22"},
      {"_archived/volumes/azure_disk/claim/blob-based-disk/dedicated-hdd/storageclass-dedicated-hdd.yaml",
       "a storage.k8s.io/v1beta1 StorageClass, not served since Kubernetes 1.22"},
      {"_archived/volumes/azure_disk/claim/blob-based-disk/shared-hdd/storageclass-shared-hdd.yaml",
       "a storage.k8s.io/v1beta1 StorageClass, not served since Kubernetes 1.22"},
      {"_archived/volumes/azure_disk/claim/blob-based-disk/shared-ssd/storageclass-shared-ssd.yaml",
       "a storage.k8s.io/v1beta1 StorageClass, not served since Kubernetes 1.22"},
      {"_archived/volumes/azure_disk/claim/managed-disk/managed-hdd/storageclass-managed-hdd.yaml",
       "a storage.k8s.io/v1beta1 StorageClass, not served since Kubernetes 1.22"},
      {"_archived/volumes/azure_disk/claim/managed-disk/managed-ssd/storageclass-managed-ssd.yaml",
       "a storage.k8s.io/v1beta1 StorageClass, not served since Kubernetes 1.22"},
      {"_archived/volumes/aws_ebs/aws-ebs-web.yaml", "port protocol `tcp`; Kubernetes wants `TCP`"},
      {"_archived/volumes/cinder/cinder-web.yaml", "port protocol `tcp`; Kubernetes wants `TCP`"},
      {"_archived/volumes/fibre_channel/fc.yaml", "placeholder `lun: <ADD LUN ID Here>` for an integer"},
      {"_archived/volumes/flexvolume/deploy/ds.yaml",
       "an extensions/v1beta1 DaemonSet, not served since Kubernetes 1.16"},
      {"_archived/volumes/rbd/rbd.yaml",
       "imageformat and imagefeatures are StorageClass parameters, not rbd volume fields"},
      {"_archived/volumes/scaleio/pod.yaml", "misspelt `protectionDoamin`"},
      {"_archived/volumes/storageos/storageos-pod.yaml",
       "`pool` is a StorageClass parameter, not a storageos volume field"},
  };
  size_t files = 0, clean = 0, objects = 0;
  for (const std::string& name : files_under(dir)) {
    INFO(name);
    const std::string text = read_file(dir / name);
    const auto report = podlint::lint_text(name, text);
    ++files;
    objects += validated_objects(text);
    const size_t found = count_of(report, kSchemaRules);
    if (known.count(name)) {
      CHECK(found > 0);  // keep the list exact
      continue;
    }
    if (found)
      FAIL_CHECK("unexpected schema diagnostics in " << name << describe(report, kSchemaRules));
    else
      ++clean;
  }
  WARN("kubernetes-examples: " << files << " files (" << objects << " objects of a validated kind), " << clean
                               << " without schema diagnostics, " << known.size()
                               << " known to have schema errors");
}

// The rules of what the API server rejects and what fails at run time, and the
// checks across objects: on the real manifests of kubernetes/examples, linted
// as one run (`podlint .` there), they find no error but the known ones.
TEST_CASE("the kubernetes/examples manifests have no false API-validation errors", "[corpus]") {
  if (!corpus_present()) return;
  const std::set<std::string_view> validation_rules{"api-warning",
                                                    "deprecated-feature",
                                                    "duplicate-container-name",
                                                    "duplicate-env-var",
                                                    "duplicate-volume-name",
                                                    "field-not-allowed",
                                                    "hpa-missing-requests",
                                                    "hpa-target-not-found",
                                                    "ineffective-pdb",
                                                    "init-container-never-exits",
                                                    "invalid-annotation",
                                                    "invalid-cron-schedule",
                                                    "invalid-dns-config",
                                                    "invalid-env",
                                                    "invalid-ephemeral-container",
                                                    "invalid-format",
                                                    "invalid-image-name",
                                                    "invalid-job-spec",
                                                    "invalid-label-selector",
                                                    "invalid-lifecycle-hook",
                                                    "invalid-name",
                                                    "invalid-resources",
                                                    "invalid-rollout-strategy",
                                                    "invalid-scheduling",
                                                    "invalid-security-context",
                                                    "invalid-service",
                                                    "invalid-volume",
                                                    "invalid-volume-mount",
                                                    "memory-too-small",
                                                    "network-policy-selects-nothing",
                                                    "probe-port-protocol",
                                                    "selector-mismatch",
                                                    "service-selects-nothing",
                                                    "service-target-port-unknown",
                                                    "suspicious-command",
                                                    "undeclared-probe-port",
                                                    "undefined-volume",
                                                    "unresolved-reference",
                                                    "value-out-of-range"};
  // Errors that are right: placeholders the API server or the kubelet refuses
  // (vitess' other templates are skipped as templates).
  const std::map<std::string, std::string> known{
      {"_archived/nodesjs-mongodb/web-controller.yaml",
       "invalid-image-name: the placeholder image \"<YOUR-CONTAINER>\""},
      {"_archived/volumes/flexvolume/deploy/ds.yaml",
       "invalid-image-name: the placeholder image \"<image_url>\""},
      {"_archived/storage/vitess/vttablet-pod-template.yaml",
       "invalid-name, invalid-format: {{placeholders}} in the name and label values"},
  };
  const fs::path dir = fs::path(kCorpus) / "kubernetes-examples";
  podlint::LintRequest request;
  request.paths = {dir.string()};
  const podlint::LintRun run = podlint::lint_inputs(request);
  std::set<std::string> with_errors;
  for (const auto& report : run.reports) {
    const std::string name = fs::relative(report.path, dir).string();
    for (const auto& d : report.diagnostics) {
      if (!validation_rules.count(d.rule) || d.severity != podlint::Severity::Error) continue;
      with_errors.insert(name);
      if (!known.count(name))
        FAIL_CHECK("unexpected error in " << name << ":" << d.span.begin.line << " " << d.rule << " "
                                          << d.message);
    }
  }
  for (const auto& [name, why] : known) {
    INFO(name << ": " << why);
    CHECK(with_errors.count(name) == 1);  // keep the list exact
  }
  WARN("kubernetes-examples: " << run.reports.size() << " files in one run, " << with_errors.size()
                               << " with API-validation errors, all known placeholders");
}

TEST_CASE("the corpus's templates are templates, never YAML or schema errors", "[corpus][helm]") {
  if (!corpus_present()) return;
  const fs::path dir = fs::path(kCorpus) / "kubernetes-examples";
  size_t templates = 0;
  for (const std::string& name : files_under(dir)) {
    INFO(name);
    const std::string text = read_file(dir / name);
    const auto report = podlint::lint_text(name, text);
    const podlint::yaml::LineIndex lines(text);
    for (const auto& d : report.diagnostics) {
      const std::string_view line = lines.line_text(d.span.begin.line);
      if (kYamlRules.count(d.rule) && line.find("{{") != std::string_view::npos)
        FAIL_CHECK("a YAML error on a template action: " << d.message);
    }
    if (count_of(report, {"helm-template"}) == 0) continue;
    ++templates;
    CHECK(report.diagnostics.size() == 1);  // reported once, nothing else
    CHECK(report.skipped == "Helm template");
  }
  // Three of vitess' *-template.yaml files ({{cell}}, {{replicas}} read as
  // mappings) and newrelic's two config templates; the other two vitess
  // templates are valid YAML with their placeholders in strings.
  CHECK(templates == 5);
  WARN("kubernetes-examples: " << templates << " templates");
}

TEST_CASE("kubeconform's fixtures are judged as their names say", "[corpus]") {
  if (!corpus_present()) return;
  const fs::path dir = fs::path(kCorpus) / "kubeconform-fixtures";
  // Meant to fail, but for something podlint does not check (or not as a
  // schema or YAML error).
  const std::map<std::string, std::string> not_ours{
      {"fixtures/missing_kind.yaml",
       "`key: value`: no kind or metadata, so not taken for a Kubernetes object (podlint lints whole "
       "directories, where other YAML is no error)"},
      {"fixtures/multi_invalid.yaml",
       "the error (`port: sds`) is in a Service, a kind podlint does not validate"},
  };
  size_t invalid = 0, caught = 0, valid = 0;
  for (const std::string& name : files_under(dir)) {
    INFO(name);
    const std::string base = fs::path(name).filename().string();
    const bool meant_invalid = base.starts_with("invalid") || base.starts_with("extra_property") ||
                               base.starts_with("missing_") || base.find("_invalid") != std::string::npos;
    const bool meant_valid = base.starts_with("valid");
    if (!meant_invalid && !meant_valid) continue;
    const auto report = podlint::lint_text(name, read_file(dir / name));
    if (meant_valid) {
      ++valid;
      if (count_of(report, kSchemaRules))
        FAIL_CHECK("schema diagnostics in " << name << describe(report, kSchemaRules));
      continue;
    }
    ++invalid;
    const size_t found = count_of(report, kSchemaRules) + count_of(report, kYamlRules);
    if (not_ours.count(name)) {
      CHECK(found == 0);  // keep the list exact
      continue;
    }
    if (found)
      ++caught;
    else
      FAIL_CHECK("no schema or YAML diagnostic in " << name);
  }
  WARN("kubeconform fixtures: " << caught << " of " << invalid << " meant-invalid files caught ("
                                << not_ours.size() << " about something else), " << valid
                                << " valid files without schema diagnostics");
}
