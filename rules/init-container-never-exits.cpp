// init-container-never-exits: an init container whose command can only run
// for ever (sleep infinity, tail -f, an endless loop): the pod's regular
// containers never start.
#include <fmt/format.h>

#include <regex>

#include "engine/rule.hpp"
#include "support/command_line.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

std::string_view basename(std::string_view program) {
  const size_t slash = program.rfind('/');
  return slash == std::string_view::npos ? program : program.substr(slash + 1);
}

// What keeps these words running for ever, or empty.
std::string endless_words(const std::vector<rules::Word>& line, size_t first) {
  if (first >= line.size()) return {};
  const std::string_view program = basename(line[first].text);
  for (size_t i = first + 1; i < line.size(); ++i) {
    const std::string_view word = line[i].text;
    if (program == "sleep" && (word == "infinity" || word == "inf" || word == "Infinity"))
      return "sleep infinity";
    if (program == "tail" &&
        (word == "-f" || word == "-F" || word == "--follow" || word.starts_with("--follow=")))
      return "tail -f";
  }
  return {};
}

// What keeps a shell script running for ever, or empty.
std::string endless_script(std::string_view script) {
  static const std::regex sleep_forever(R"((^|[;&|\s])(exec\s+)?sleep\s+(infinity|inf)\b)");
  static const std::regex tail_follow(R"((^|[;&|\s])(exec\s+)?tail\s+(.*\s)?(-f|-F|--follow)\b)");
  static const std::regex endless_loop(R"((^|[;&|\s])while\s+(true|:)\s*;?\s*do\b)");
  static const std::regex way_out(R"(\b(break|exit|return)\b)");
  const std::string text(script);
  if (std::regex_search(text, sleep_forever)) return "sleep infinity";
  if (std::regex_search(text, tail_follow)) return "tail -f";
  if (std::regex_search(text, endless_loop) && !std::regex_search(text, way_out)) return "a while-true loop";
  return {};
}

class InitContainerNeverExits final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "init-container-never-exits",
        .severity = Severity::Error,
        .category = Category::Containers,
        .consequence = Consequence::Fails,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    for (const model::Container& c : w.pod_spec->init_containers) {
      if (c.is_sidecar()) continue;  // sidecars are meant to run along
      const std::vector<rules::Word> line = rules::command_line(c);
      if (line.empty()) continue;
      std::string why;
      if (const auto call = rules::shell_call(line); call && call->script)
        why = endless_script(line[*call->script].text);
      else
        why = endless_words(line, 0);
      if (why.empty()) continue;
      reporter.report(
          c.command_key->span,
          fmt::format("{} runs {}, so it never finishes and the pod's containers never start: make it a "
                      "sidecar (restartPolicy: Always) or a regular container if it is meant to run along",
                      rules::describe(c), why));
    }
  }
};

PODLINT_REGISTER_RULE(InitContainerNeverExits);

}  // namespace
}  // namespace podlint
