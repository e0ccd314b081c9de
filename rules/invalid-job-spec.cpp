// invalid-job-spec: Job settings the API server rejects together: Indexed
// completion without completions, per-index backoff outside Indexed mode,
// limits past 100000, a pod failure policy with a pod restartPolicy other
// than Never, more than 20 failure rules.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/fields.hpp"

namespace podlint {
namespace {

constexpr int64_t kMaxIndexed = 100000;
constexpr size_t kMaxFailureRules = 20;
constexpr size_t kMaxExitCodes = 255;

class InvalidJobSpec final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-job-spec",
        .severity = Severity::Error,
        .category = Category::Workloads,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    const yaml::Node* spec = nullptr;
    if (w.kind.value == "Job") spec = w.spec;
    if (w.kind.value == "CronJob")
      spec = rules::mapping_field(rules::mapping_field(w.spec, "jobTemplate"), "spec");
    if (!spec || !spec->is_mapping()) return;
    const auto at = [&](std::string_view name) { return rules::field_span(spec, name); };
    const auto number = [&](std::string_view name) { return rules::int_value(rules::field(spec, name)); };
    const bool indexed = rules::string_value(rules::field(spec, "completionMode")) == "Indexed";
    const auto completions = number("completions");
    if (indexed) {
      if (!completions)
        reporter.report(at("completionMode"),
                        "an Indexed Job needs completions: the number of indexes to run");
      if (number("parallelism").value_or(1) > kMaxIndexed)
        reporter.report(at("parallelism"),
                        fmt::format("an Indexed Job runs at most {} pods in parallel", kMaxIndexed));
    }
    const auto per_index = number("backoffLimitPerIndex");
    const auto max_failed = number("maxFailedIndexes");
    for (std::string_view name : {"backoffLimitPerIndex", "maxFailedIndexes"})
      if (number(name) && !indexed)
        reporter.report(at(name), fmt::format("{} needs completionMode: Indexed", name));
    if (max_failed) {
      if (!per_index) reporter.report(at("maxFailedIndexes"), "maxFailedIndexes needs backoffLimitPerIndex");
      if (*max_failed > kMaxIndexed || (completions && *max_failed > *completions))
        reporter.report(
            at("maxFailedIndexes"),
            fmt::format("maxFailedIndexes must be at most completions and at most {}", kMaxIndexed));
    }
    const yaml::Node* policy = rules::mapping_field(spec, "podFailurePolicy");
    if (policy) check_failure_policy(spec, policy, reporter);
    const yaml::Node* replacement = rules::field(spec, "podReplacementPolicy");
    if (policy && replacement && rules::string_value(replacement) != "Failed")
      reporter.report(
          replacement->span,
          "with a podFailurePolicy, podReplacementPolicy can only be Failed: a pod is judged once it fails");
  }

 private:
  static void check_failure_policy(const yaml::Node* spec, const yaml::Node* policy, Reporter& reporter) {
    const yaml::Node* pod_spec = rules::mapping_field(rules::mapping_field(spec, "template"), "spec");
    const yaml::Node* restart = rules::field(pod_spec, "restartPolicy");
    if (const auto value = rules::string_value(restart); value && *value != "Never")
      reporter.report(restart->span,
                      fmt::format("a Job with a podFailurePolicy needs restartPolicy: Never in its pods, "
                                  "not {}: the policy judges failed pods, which OnFailure restarts",
                                  *value));
    const auto rule_list = rules::items(rules::field(policy, "rules"));
    if (rule_list.size() > kMaxFailureRules)
      reporter.report(rule_list[kMaxFailureRules]->span,
                      fmt::format("a podFailurePolicy has at most {} rules, and this one has {}",
                                  kMaxFailureRules, rule_list.size()));
    for (const yaml::Node* rule : rule_list) {
      const auto codes = rules::items(rules::field(rules::mapping_field(rule, "onExitCodes"), "values"));
      if (codes.size() > kMaxExitCodes)
        reporter.report(codes[kMaxExitCodes]->span,
                        fmt::format("onExitCodes lists at most {} values", kMaxExitCodes));
    }
  }
};

PODLINT_REGISTER_RULE(InvalidJobSpec);

}  // namespace
}  // namespace podlint
