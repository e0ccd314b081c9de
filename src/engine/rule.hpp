// The rule interface. A rule is three things with its id for a name: its code
// in rules/<id>.cpp (id, severity, category, typed options, the check), which
// registers itself (PODLINT_REGISTER_RULE); its page docs/rules/<id>.md,
// compiled in at build time (RulePage); and its fixtures in tests/rules/<id>/.
// The engine runs whatever is registered and names no rule.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config.hpp"
#include "engine/diagnostic.hpp"
#include "engine/index.hpp"
#include "engine/options.hpp"
#include "engine/suppression.hpp"
#include "model/pod.hpp"
#include "schema/validate.hpp"
#include "yaml/document.hpp"

namespace podlint {

// What a rule is about; `podlint rules` groups by it, SARIF tags with it.
enum class Category : uint8_t {
  Yaml,
  Schema,
  Metadata,
  Containers,
  Env,
  Volumes,
  Ports,
  Probes,
  Resources,
  RestartPolicy,
  Scheduling,
  Workloads,
  References,
  Security,
  Suppression
};

// What becomes of a manifest a rule reports; configuration presets pick
// rules by it.
enum class Consequence : uint8_t {
  Rejected,  // the API server or admission refuses the object (or its YAML does not read)
  Fails,     // accepted, but it fails when it runs (CrashLoopBackOff, ImagePullBackOff, OOM...)
  Risk,      // it runs, but less safely, reliably or efficiently than it should
  Waiver,    // about podlint's own waivers in the manifest
};

std::string_view consequence_name(Consequence consequence);  // "rejected", "fails", "risk", "waiver"

// "yaml", "schema", "metadata", "containers", "env", "volumes", "ports",
// "probes", "resources", "restart-policy", "scheduling", "workloads",
// "references", "security", "suppression".
std::string_view category_name(Category category);
std::span<const Category> all_categories();

// A rule's metadata, kept with its code. Its prose is its page.
struct RuleInfo {
  std::string_view id{};  // kebab-case, the name of its three places
  Severity severity = Severity::Error;
  Category category = Category::Yaml;
  Consequence consequence = Consequence::Risk;
  std::span<const OptionSpec* const> options = {};
  // False when no comment or annotation in the manifest may waive a finding.
  bool suppressible = true;
  // False for a rule that only runs when configured (or with preset strict).
  bool enabled_by_default = true;
  // For security rules: how grave a finding is, a CVSS-like score from 0.1
  // to 10 (SARIF's security-severity); 0: derived from the severity.
  double security_severity = 0;
  // True when the rule reports what an object lacks (a required field, a
  // probe, resources, a port a probe names): it does not run on partial
  // objects, the kustomize patches, which leave the rest to their base.
  bool needs_whole_object = false;
};

// What the engine made of a whole input before linting its documents.
struct InputFacts {
  // The input's first template action when it is a Helm template (not YAML
  // until rendered): then none of its documents is linted.
  std::optional<yaml::Span> template_action;
};

// An option as the rule's page describes it.
struct OptionDoc {
  std::string_view name{};
  std::string_view signature;      // "(list, default `[a, b]`)", see OptionSpec::signature
  std::string_view description{};  // Markdown
};

// A rule's page, docs/rules/<id>.md, split into its sections (Markdown) by
// rules/compile-pages.mjs at build time. The examples are complete manifests:
// the bad one must trigger the rule, the good one must not.
struct RulePage {
  std::string_view id{};
  std::string_view summary{};  // one sentence
  std::string_view what{};     // what it checks
  std::string_view why{};      // why it matters
  std::string_view bad{};      // a manifest it reports
  std::string_view good{};     // the same manifest, fixed
  std::string_view fix{};      // how to fix
  std::span<const OptionDoc> options{};
  std::string_view markdown{};  // the whole page
};

// What several rules need to know about one object, computed on first use and
// shared by every rule that checks the object, so no rule repeats the work.
class ObjectFacts {
 public:
  // `kubernetes_minor`: the release (1.N) the object is for.
  ObjectFacts(const model::Workload& workload, uint8_t kubernetes_minor)
      : workload_(workload), kubernetes_minor_(kubernetes_minor) {}

  // Every schema problem of the object (unknown fields, types, enums,
  // required fields, fields of a later release); each schema rule reports
  // its own kind.
  const std::vector<schema::Finding>& schema_findings() const;
  // The Kubernetes release (1.N) the object is linted for.
  uint8_t kubernetes_minor() const { return kubernetes_minor_; }

 private:
  const model::Workload& workload_;
  uint8_t kubernetes_minor_;
  mutable std::optional<std::vector<schema::Finding>> schema_findings_;
};

// Collects one rule's findings on one document.
class Reporter {
 public:
  // `config` is the input's configuration and `rule_config` its settings for
  // the rule (config.rule(rule.id), looked up once an input, not once an
  // object); `source` the input's text; `input` names the input as the
  // index does.
  Reporter(const RuleInfo& rule, const RuleConfig* rule_config, std::vector<Diagnostic>& out,
           const LintConfig& config, const RunIndex& index, std::string_view source,
           const ObjectFacts* facts = nullptr, std::string_view input = {})
      : rule_(rule),
        out_(out),
        config_(rule_config),
        pod_security_(config.pod_security),
        index_(index),
        source_(source),
        facts_(facts),
        input_(input) {}

  Diagnostic& report(const yaml::Span& span, std::string message);
  // The value of one of the rule's declared options: the user's, else the
  // default; typed by the declaration (bool for a BoolOption...).
  template <class Spec>
  decltype(auto) option(const Spec& spec) const {
    return Spec::get(option_value(spec));
  }
  // Whether the configuration sets this rule's severity (report() uses it).
  bool severity_configured() const { return config_ != nullptr && config_->severity.has_value(); }
  // The Pod Security level that applies where no namespace label says.
  const PodSecuritySettings& pod_security() const { return pod_security_; }
  // The shared facts about the object being checked (check_workload only).
  const ObjectFacts& facts() const { return *facts_; }
  // Every object of the run (empty when an input is linted on its own).
  const RunIndex& index() const { return index_; }
  // The input being linted, named as in the index (IndexedObject::input).
  std::string_view input() const { return input_; }
  // The input's text, whose bytes a finding's fixes edit (engine/edits.hpp).
  std::string_view source() const { return source_; }

 private:
  const OptionValue& option_value(const OptionSpec& spec) const;

  const RuleInfo& rule_;
  std::vector<Diagnostic>& out_;
  const RuleConfig* config_;
  const PodSecuritySettings& pod_security_;
  const RunIndex& index_;
  std::string_view source_;
  const ObjectFacts* facts_;
  std::string_view input_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Called once for every input, before its documents.
  virtual void check_input(const InputFacts&, Reporter&) const {}
  // Called for every document of every input, broken ones included.
  virtual void check_document(const yaml::Document&, Reporter&) const {}
  // Called for every Kubernetes object of every document that is not broken.
  virtual void check_workload(const model::Workload&, Reporter&) const {}
  // Called with what is wrong with a document's waivers, once its findings
  // are known (engine/suppression.hpp).
  virtual void check_waivers(std::span<const WaiverProblem>, Reporter&) const {}
};

// The rules and their pages, by id.
class RuleRegistry {
 public:
  void add(std::unique_ptr<Rule> rule);
  void add_pages(std::span<const RulePage> pages);

  // Sorted by id.
  std::span<const std::unique_ptr<Rule>> rules() const { return rules_; }
  const Rule* find(std::string_view id) const;
  // Null when the rule has none (a registry problem).
  const RulePage* page(std::string_view id) const;
  // What makes the registry unusable: a rule id registered twice, one that is
  // not kebab-case, a rule without a page, a page without a rule, an option
  // its page does not describe as declared. Empty when sound.
  std::vector<std::string> problems() const;

 private:
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<const RulePage*> pages_;  // sorted by id
  std::vector<std::string> duplicates_;
};

// The registry every rule and page registers into, before main.
RuleRegistry& rule_registry();

// Shorthands for rule_registry().
std::span<const std::unique_ptr<Rule>> all_rules();
const Rule* find_rule(std::string_view id);
// A registered rule's page.
const RulePage& rule_page(const RuleInfo& rule);
bool register_rule(std::unique_ptr<Rule> rule);
bool register_rule_pages(std::span<const RulePage> pages);

}  // namespace podlint

#define PODLINT_REGISTER_RULE(RuleClass)                              \
  [[maybe_unused]] static const bool podlint_registered_##RuleClass = \
      ::podlint::register_rule(std::make_unique<RuleClass>())
