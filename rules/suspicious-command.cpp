// suspicious-command: a command whose shape makes the container fail to
// start or run something else than meant (CrashLoopBackOff): a program name
// with spaces in it, sh -c without a script, sh -c with the script split up.
#include <fmt/format.h>

#include "engine/rule.hpp"
#include "support/command_line.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

bool has_space(std::string_view s) {
  return s.find_first_of(" \t\n") != std::string_view::npos;
}

class SuspiciousCommand final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "suspicious-command",
        .severity = Severity::Warning,
        .category = Category::Containers,
        .consequence = Consequence::Fails,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    for (const model::Container* c : w.pod_spec->all_containers()) {
      const std::vector<rules::Word> line = rules::command_line(*c);
      if (line.empty()) continue;
      const std::string who = rules::describe(*c);
      const std::string_view program = line[0].text;
      const std::string trimmed(program.substr(0, program.find_last_not_of(" \t\n") + 1));
      if (has_space(trimmed)) {
        reporter.report(
            line[0].field->span(),
            fmt::format("the command of {} runs a program named \"{}\", spaces and all, which does not "
                        "exist: put each word in an element of its own, or run it with sh -c",
                        who, program));
        continue;
      }
      const auto call = rules::shell_call(line);
      if (!call) continue;
      if (!call->script) {
        reporter.report(line[call->option].field->span(),
                        fmt::format("{} runs {} {} with no script after it: the shell exits with an error",
                                    who, program, line[call->option].text));
        continue;
      }
      const rules::Word& script = line[*call->script];
      if (*call->script + 1 < line.size() && !has_space(script.text))
        reporter.report(
            script.field->span(),
            fmt::format("{} runs only \"{}\" as its {} script: the elements after it become the script's "
                        "$0, $1..., not its arguments, so write the whole script as one element",
                        who, script.text, program));
    }
  }
};

PODLINT_REGISTER_RULE(SuspiciousCommand);

}  // namespace
}  // namespace podlint
