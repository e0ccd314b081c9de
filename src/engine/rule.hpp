// The rule interface. A rule is a class in its own file under rules/ that
// registers itself (PODLINT_REGISTER_RULE); the engine runs whatever is
// registered and names no rule.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config.hpp"
#include "engine/diagnostic.hpp"
#include "engine/suppression.hpp"
#include "model/pod.hpp"
#include "schema/validate.hpp"
#include "yaml/document.hpp"

namespace podlint {

// A setting of a rule, e.g. which resources must be set. Values are strings
// (lists comma-separated); the configuration may override the default.
struct RuleOption {
  std::string_view name;
  std::string_view default_value;
  std::string_view description;
};

// A rule's metadata and documentation, kept with the rule. The bad and good
// examples are complete manifests: a test lints them and requires the bad
// one to trigger the rule and the good one not to.
struct RuleInfo {
  std::string_view id;  // kebab-case
  Severity severity = Severity::Error;
  std::string_view category;
  std::string_view summary;  // one line
  std::string_view what;     // what it checks
  std::string_view why;      // why it matters
  std::string_view bad;      // a manifest it reports
  std::string_view good;     // the same manifest, fixed
  std::string_view fix;      // how to fix
  std::span<const RuleOption> options = {};
  // False when no comment or annotation in the manifest may waive a finding.
  bool suppressible = true;
};

// What several rules need to know about one object, computed on first use and
// shared by every rule that checks the object, so no rule repeats the work.
class ObjectFacts {
 public:
  explicit ObjectFacts(const model::Workload& workload) : workload_(workload) {}

  // Every schema problem of the object (unknown fields, types, enums,
  // required fields); each schema rule reports its own kind.
  const std::vector<schema::Finding>& schema_findings() const;

 private:
  const model::Workload& workload_;
  mutable std::optional<std::vector<schema::Finding>> schema_findings_;
};

// Collects one rule's findings on one document.
class Reporter {
 public:
  // `config` is the user's settings for this rule, or null for the defaults.
  Reporter(const RuleInfo& rule, std::vector<Diagnostic>& out, const RuleConfig* config,
           const ObjectFacts* facts = nullptr)
      : rule_(rule), out_(out), config_(config), facts_(facts) {}

  Diagnostic& report(const yaml::Span& span, std::string message);
  // The value of one of the rule's declared options: the user's, else the default.
  std::string_view option(std::string_view name) const;
  // The shared facts about the object being checked (check_workload only).
  const ObjectFacts& facts() const { return *facts_; }

 private:
  const RuleInfo& rule_;
  std::vector<Diagnostic>& out_;
  const RuleConfig* config_;
  const ObjectFacts* facts_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Called for every document of every input, broken ones included.
  virtual void check_document(const yaml::Document&, Reporter&) const {}
  // Called for every Kubernetes object of every document that is not broken.
  virtual void check_workload(const model::Workload&, Reporter&) const {}
  // Called with what is wrong with a document's waivers, once its findings
  // are known (engine/suppression.hpp).
  virtual void check_waivers(std::span<const WaiverProblem>, Reporter&) const {}
};

// Every registered rule, sorted by id.
std::span<const std::unique_ptr<Rule>> all_rules();
const Rule* find_rule(std::string_view id);
bool register_rule(std::unique_ptr<Rule> rule);

}  // namespace podlint

#define PODLINT_REGISTER_RULE(RuleClass)                              \
  [[maybe_unused]] static const bool podlint_registered_##RuleClass = \
      ::podlint::register_rule(std::make_unique<RuleClass>())
