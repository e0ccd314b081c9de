// The rule interface. A rule is a class in its own file under rules/ that
// registers itself (PODLINT_REGISTER_RULE); the engine runs whatever is
// registered and names no rule.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.hpp"
#include "yaml/document.hpp"

namespace podlint {

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
};

// Collects one rule's findings on one document.
class Reporter {
 public:
  Reporter(const RuleInfo& rule, std::vector<Diagnostic>& out) : rule_(rule), out_(out) {}

  Diagnostic& report(const yaml::Span& span, std::string message);

 private:
  const RuleInfo& rule_;
  std::vector<Diagnostic>& out_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Called for every document of every input, broken ones included.
  virtual void check_document(const yaml::Document& document, Reporter& reporter) const = 0;
};

// Every registered rule, sorted by id.
std::span<const std::unique_ptr<Rule>> all_rules();
const Rule* find_rule(std::string_view id);
bool register_rule(std::unique_ptr<Rule> rule);

}  // namespace podlint

#define PODLINT_REGISTER_RULE(RuleClass)                              \
  [[maybe_unused]] static const bool podlint_registered_##RuleClass = \
      ::podlint::register_rule(std::make_unique<RuleClass>())
