// podlint's command line: lint manifests, or print a file's YAML events.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "engine/config_finder.hpp"
#include "engine/inputs.hpp"
#include "engine/lint.hpp"
#include "engine/rule.hpp"
#include "output/effective_config.hpp"
#include "output/json.hpp"
#include "output/rule_docs.hpp"
#include "output/text.hpp"
#include "yaml/events.hpp"
#include "yaml/parser.hpp"
#include "yaml/treesitter.hpp"

namespace {

// Exit codes: 0 nothing at or above the fail level, 1 findings, 2 usage or I/O errors.
constexpr int kExitFindings = 1;
constexpr int kExitTrouble = 2;

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || *no_color == '\0') && isatty(STDOUT_FILENO) != 0;
}

struct LintCommand {
  std::vector<std::string> paths;
  std::string stdin_filename;
  std::string format = "text";
  std::string fail_on = "error";
  std::string color = "auto";
  bool show_suppressed = false;
  std::string config;  // --config FILE; empty: each input's nearest .podlint.yaml
};

// Prints the configuration files' problems; true when there were any.
bool report_config_errors(const podlint::ConfigFinder& configs) {
  for (const auto& e : configs.errors())
    std::cerr << e.format() << '\n';
  return !configs.errors().empty();
}

int run_lint(const LintCommand& command) {
  std::vector<podlint::FileReport> reports;
  const auto paths = command.paths.empty() ? std::vector<std::string>{"."} : command.paths;
  podlint::ConfigFinder configs(command.config);
  if (report_config_errors(configs)) return kExitTrouble;
  for (const auto& path : podlint::collect_inputs(paths)) {
    std::string text, error;
    const std::string shown = path == "-" && !command.stdin_filename.empty() ? command.stdin_filename : path;
    auto resolved =
        configs.resolve(path == "-" && command.stdin_filename.empty() ? std::nullopt : std::optional(shown));
    if (report_config_errors(configs)) return kExitTrouble;  // before any output
    if (resolved.ignored_by) continue;
    if (!podlint::read_input(path, text, error)) {
      reports.push_back({shown, {}, {}, error});
      continue;
    }
    reports.push_back(
        podlint::lint_text(shown, std::move(text), {.parse = {}, .config = std::move(resolved.config)}));
  }
  if (command.format == "json") {
    podlint::write_json(std::cout, reports);
  } else {
    podlint::write_text(std::cout, reports,
                        {.color = use_color(command.color), .show_suppressed = command.show_suppressed});
  }
  const podlint::Summary summary = podlint::summarize(reports);
  if (summary.unreadable > 0) return kExitTrouble;
  if (command.fail_on == "never") return 0;
  const podlint::Severity level = command.fail_on == "info"      ? podlint::Severity::Info
                                  : command.fail_on == "warning" ? podlint::Severity::Warning
                                                                 : podlint::Severity::Error;
  return summary.any_at_least(level) ? kExitFindings : 0;
}

int run_config(const std::string& config, const std::string& path) {
  podlint::ConfigFinder configs(config);
  const auto resolved = configs.resolve(path);
  if (report_config_errors(configs)) return kExitTrouble;
  podlint::write_effective_config(std::cout, path, resolved);
  return 0;
}

int run_yaml_events(const std::string& path, bool spans, bool tolerant) {
  std::string text, error;
  if (!podlint::read_input(path, text, error)) {
    std::cerr << "podlint: " << path << ": " << error << '\n';
    return kExitTrouble;
  }
  const auto stream = tolerant ? podlint::yaml::parse_tolerant(text) : podlint::yaml::parse(text);
  std::cout << podlint::yaml::to_events(stream, {.with_spans = spans});
  int status = 0;
  for (const auto& document : stream.documents) {
    for (const auto& e : document.errors) {
      std::cerr << path << ':' << e.span.begin.line << ':' << e.span.begin.column << ": error: " << e.message
                << '\n';
    }
    if (document.broken()) status = kExitFindings;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"podlint: a fast linter for Kubernetes pod manifests, with exact source locations", "podlint"};
  app.set_version_flag("--version", "podlint " PODLINT_VERSION);

  LintCommand lint;
  app.add_option("paths", lint.paths, "Files or directories to lint (.yaml, .yml, .json); '-' reads stdin")
      ->type_name("PATH...");
  app.add_option("--stdin-filename", lint.stdin_filename, "Name to report for input read from stdin");
  app.add_option("--format", lint.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_option("--fail-on", lint.fail_on, "Exit 1 when a finding is at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->capture_default_str();
  app.add_option("--color", lint.color, "Colored text output (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_flag("--show-suppressed", lint.show_suppressed,
               "Also print the findings waived in the manifest (text format), marked (suppressed)");
  app.add_option("--config", lint.config,
                 "Configuration file for every input, instead of each one's nearest "
                 ".podlint.yaml")
      ->type_name("FILE");

  auto* events =
      app.add_subcommand("yaml-events", "Print a file's YAML event stream (YAML test suite format)");
  std::string events_path;
  bool events_spans = false;
  bool events_tolerant = false;
  events->add_option("file", events_path, "YAML file, or '-' for stdin")->required();
  events->add_flag("--spans", events_spans, "Append each node's source span, then comments and errors");
  events->add_flag("--tree-sitter", events_tolerant, "Use the error-tolerant tree-sitter front-end");

  auto* rules = app.add_subcommand("rules", "List the rules: id, default severity, category, summary");
  auto* explain = app.add_subcommand("explain", "Print a rule's documentation");
  std::string explain_id;
  explain->add_option("rule", explain_id, "Rule id, e.g. yaml-syntax")->required();

  auto* config = app.add_subcommand(
      "config", "Print the configuration a path is linted with, and where each setting comes from");
  std::string config_path = ".";
  config->add_option("path", config_path, "File or directory")->capture_default_str();
  config
      ->add_option("--config", lint.config, "Configuration file to show instead of the path's .podlint.yaml")
      ->type_name("FILE");

  // Set last: a subcommand added after it would inherit it.
  app.footer(
      "Exit status:\n"
      "  0  nothing at or above the --fail-on severity was found\n"
      "  1  something was\n"
      "  2  usage, configuration or I/O errors (an unreadable file)\n\n"
      "Environment:\n"
      "  NO_COLOR  when set and not empty, --color auto means never");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitTrouble;
  }
  if (*events) return run_yaml_events(events_path, events_spans, events_tolerant);
  if (*config) return run_config(lint.config, config_path);
  if (*rules) {
    podlint::write_rule_list(std::cout);
    return 0;
  }
  if (*explain) {
    const podlint::Rule* rule = podlint::find_rule(explain_id);
    if (rule == nullptr) {
      std::cerr << "podlint: no rule named '" << explain_id << "' (podlint rules lists them)\n";
      return kExitTrouble;
    }
    podlint::write_rule_explanation(std::cout, rule->info());
    return 0;
  }
  return run_lint(lint);
}
