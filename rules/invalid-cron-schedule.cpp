// invalid-cron-schedule: a CronJob schedule or time zone the API server
// rejects.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "model/scalar.hpp"
#include "support/cron_schedule.hpp"

namespace podlint {
namespace {

// The string value of a spec field, when it is one.
const yaml::Node* string_field(const yaml::Node* spec, std::string_view name) {
  const yaml::Node* node = spec && spec->is_mapping() ? yaml::find(*spec, name) : nullptr;
  if (!node || model::scalar_type(*node) != model::ScalarType::String) return nullptr;
  return &yaml::resolve(*node);
}

class InvalidCronSchedule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-cron-schedule",
        .severity = Severity::Error,
        .category = Category::Workloads,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (workload.kind.value != "CronJob") return;
    if (const yaml::Node* schedule = string_field(workload.spec, "schedule");
        schedule && !schedule->value.empty())
      check_schedule(*schedule, reporter);
    if (const yaml::Node* zone = string_field(workload.spec, "timeZone")) {
      if (const std::string problem = rules::time_zone_problem(zone->value); !problem.empty())
        reporter.report(zone->span, fmt::format("timeZone \"{}\" is not accepted: {}", zone->value, problem));
    }
  }

 private:
  static void check_schedule(const yaml::Node& node, Reporter& reporter) {
    std::string_view schedule = node.value;
    if (rules::schedule_names_time_zone(schedule)) {
      std::string hint;
      for (std::string_view prefix : {"TZ=", "CRON_TZ="}) {
        const size_t space = schedule.find_first_of(" \t");
        if (!schedule.starts_with(prefix) || space == std::string_view::npos) continue;
        hint =
            fmt::format(", set timeZone: {} instead", schedule.substr(prefix.size(), space - prefix.size()));
        schedule = schedule.substr(space + 1);
      }
      reporter.report(node.span,
                      fmt::format("schedule \"{}\" names a time zone, which the API server refuses "
                                  "(TZ= and CRON_TZ= are not supported){}",
                                  node.value, hint.empty() ? ", use the timeZone field" : hint));
      // Without a space after the prefix there is no schedule left to read.
      if (hint.empty()) return;
    }
    if (const std::string problem = rules::cron_schedule_problem(schedule); !problem.empty())
      reporter.report(node.span,
                      fmt::format("schedule \"{}\" is not a valid cron schedule: {}", node.value, problem));
  }
};

PODLINT_REGISTER_RULE(InvalidCronSchedule);

}  // namespace
}  // namespace podlint
