// podlint's command line: lint manifests, fix them, serve editors, or print a
// file's YAML events.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/config_finder.hpp"
#include "engine/driver.hpp"
#include "engine/inputs.hpp"
#include "engine/rewrite.hpp"
#include "engine/rule.hpp"
#include "lsp/server.hpp"
#include "output/config_schema.hpp"
#include "output/diff.hpp"
#include "output/effective_config.hpp"
#include "output/emit.hpp"
#include "output/rule_docs.hpp"
#include "schema/schema.hpp"
#include "text/suggest.hpp"
#include "yaml/events.hpp"
#include "yaml/parser.hpp"
#include "yaml/treesitter.hpp"

namespace {

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || *no_color == '\0') && isatty(STDOUT_FILENO) != 0;
}

using podlint::kExitTrouble;

struct LintCommand {
  podlint::LintRequest request;
  std::vector<podlint::OutputRequest> outputs;  // from --format/--output pairs
  std::string fail_on = "error";
  std::string color = "auto";
  bool show_suppressed = false;
  bool show_fixes = false;
  std::string group_by = "file";
  bool quiet = false;
  bool verbose = false;
  bool stdin_implied = false;  // no path given, manifests piped in
};

constexpr std::string_view kSubcommands[] = {"config", "explain", "fix", "rules", "yaml-events"};

// A path that does not exist but reads like a subcommand misspelt: said as
// such, instead of "cannot read" (CLI11 takes any word for a path).
bool report_subcommand_typos(const std::vector<std::string>& paths) {
  bool found = false;
  for (const auto& path : paths) {
    std::error_code ec;
    if (path == "-" || std::filesystem::exists(path, ec)) continue;
    const std::string_view guess = podlint::text::closest(path, kSubcommands);
    if (guess.empty()) continue;
    std::cerr << "podlint: " << path << ": no such file, and no subcommand of that name"
              << podlint::text::did_you_mean(guess) << '\n';
    found = true;
  }
  return found;
}

// Manifests piped or redirected in with no path named: `kubectl kustomize |
// podlint` reads them rather than linting the current folder instead.
bool stdin_holds_input() {
  struct stat status {};
  if (isatty(STDIN_FILENO) != 0 || fstat(STDIN_FILENO, &status) != 0) return false;
  return S_ISFIFO(status.st_mode) || (S_ISREG(status.st_mode) && status.st_size > 0);
}

// "1.29 to 1.36": the Kubernetes releases the schema supports.
std::string supported_releases() {
  return "1." + std::to_string(podlint::schema::oldest_minor()) + " to " +
         std::string(podlint::schema::kubernetes_version());
}

// --verbose: the inputs nothing was linted in, and why.
void list_ignored(const std::vector<podlint::IgnoredInput>& ignored) {
  for (const auto& input : ignored)
    std::cerr << "podlint: ignored " << input.path << ": ignore " << input.glob << '\n';
}

// Prints the configuration files' problems; true when there were any.
bool report_config_errors(const std::vector<podlint::ConfigError>& errors) {
  for (const auto& e : errors)
    std::cerr << e.format() << '\n';
  return !errors.empty();
}

// The --format and --output flags in command-line order, paired up.
std::optional<std::vector<podlint::OutputRequest>> output_requests(const CLI::App& app,
                                                                   const CLI::Option* format,
                                                                   const CLI::Option* output) {
  std::vector<podlint::OutputFlag> flags;
  size_t formats = 0, outputs = 0;
  for (const CLI::Option* option : app.parse_order()) {
    if (option == format) flags.push_back({podlint::OutputFlag::Kind::Format, format->results()[formats++]});
    if (option == output) flags.push_back({podlint::OutputFlag::Kind::Output, output->results()[outputs++]});
  }
  std::string error;
  auto requests = podlint::pair_output_flags(flags, error);
  if (!requests) std::cerr << "podlint: " << error << '\n';
  return requests;
}

int run_lint(const LintCommand& command) {
  // Output files are opened first: a typo in a path fails before the work.
  std::vector<std::unique_ptr<std::ofstream>> files;
  for (const auto& request : command.outputs) {
    if (request.path.empty()) continue;
    auto& file = files.emplace_back(std::make_unique<std::ofstream>(request.path, std::ios::binary));
    if (!*file) {
      std::cerr << "podlint: --output " << request.path << ": cannot write: " << std::strerror(errno) << '\n';
      return kExitTrouble;
    }
  }
  podlint::PreparedRun run = podlint::prepare_inputs(command.request);
  if (report_config_errors(run.config_errors)) return kExitTrouble;  // before any output
  if (command.stdin_implied && run.inputs.size() == 1 && run.inputs[0].read_error.empty() &&
      run.inputs[0].text.empty()) {
    std::cerr << "podlint: no path given and standard input (not a terminal) was empty: name what to lint, "
                 "e.g. podlint . (or pipe manifests in: kubectl kustomize DIR | podlint)\n";
    return kExitTrouble;
  }
  std::error_code cwd_error;
  const std::string working_directory = std::filesystem::current_path(cwd_error).string();
  // Every output is written as the reports come, in input order.
  struct Output {
    std::ostream* stream;
    std::string name;
    std::unique_ptr<podlint::ReportWriter> writer;
  };
  std::vector<Output> outputs;
  auto file = files.begin();
  for (const auto& request : command.outputs) {
    std::ostream& out = request.path.empty() ? std::cout : **file++;
    const bool color = request.path.empty() ? use_color(command.color) : command.color == "always";
    outputs.push_back(
        {&out, request.path.empty() ? "standard output" : request.path,
         podlint::make_report_writer(out, request.format,
                                     {.color = color,
                                      .show_suppressed = command.show_suppressed,
                                      .show_fixes = command.show_fixes,
                                      .group_by_source = command.group_by == "source",
                                      .quiet = command.quiet,
                                      .ignored = run.ignored.size(),
                                      .working_directory = cwd_error ? "/" : working_directory})});
  }
  // Each report's outputs are made on the thread that linted it, where the
  // format can (outputs[k].writer->render), and written here in input order.
  std::vector<std::vector<std::optional<std::string>>> rendered(run.inputs.size());
  size_t delivered = 0;
  const podlint::Summary summary = podlint::lint_prepared(
      run,
      [&](podlint::FileReport&& report) {
        if (command.verbose && !report.skipped.empty())
          std::cerr << "podlint: skipped " << report.path << ": " << report.skipped << '\n';
        std::vector<std::optional<std::string>> made = std::move(rendered[delivered++]);
        for (size_t k = 0; k < outputs.size(); ++k) {
          if (k < made.size() && made[k]) {
            outputs[k].writer->add_rendered(report, std::move(*made[k]));
          } else {
            outputs[k].writer->add(report);
          }
        }
      },
      [&](size_t input_index, const podlint::FileReport& report) {
        auto& made = rendered[input_index];
        for (const auto& output : outputs)
          made.push_back(output.writer->render(report, input_index));
      });
  if (command.verbose) list_ignored(run.ignored);
  for (auto& output : outputs) {
    output.writer->finish();
    output.stream->flush();
    if (!*output.stream) {
      std::cerr << "podlint: " << output.name << ": write error\n";
      return kExitTrouble;
    }
  }
  return podlint::exit_status(summary, *podlint::parse_fail_on(command.fail_on));
}

struct FixCommand {
  podlint::LintRequest request;
  podlint::FixPolicy policy;
  bool diff = false;
  bool show_fixes = false;
  std::string format = "text";
  std::string fail_on = "error";
  std::string color = "auto";
};

// podlint fix: the engine fixes the inputs in memory; this writes them back
// (standard input to standard output), or prints their diff, and reports
// what is left.
int run_fix(const FixCommand& command) {
  for (const std::string& id : command.policy.rules) {
    if (podlint::find_rule(id) != nullptr) continue;
    std::vector<std::string_view> ids;
    for (const auto& rule : podlint::all_rules())
      ids.push_back(rule->info().id);
    std::cerr << "podlint: --rule " << id << ": no such rule" << podlint::text::did_you_mean(id, ids)
              << " (podlint rules lists them)\n";
    return kExitTrouble;
  }
  const podlint::FixRun fixed = podlint::fix_inputs(command.request, command.policy);
  if (report_config_errors(fixed.run.config_errors)) return kExitTrouble;
  // Standard output carries the fixed text or the diff; the report goes aside then.
  const bool reads_stdin = std::any_of(fixed.files.begin(), fixed.files.end(),
                                       [](const podlint::FixedFile& f) { return f.path == "-"; });
  std::ostream& report = command.diff || reads_stdin ? std::cerr : std::cout;
  const bool color = command.color == "always" ||
                     (command.color == "auto" && &report == &std::cout && use_color(command.color));
  bool trouble = false;
  size_t fixed_findings = 0, fixed_files = 0;
  for (const podlint::FixedFile& file : fixed.files) {
    if (command.diff) {
      podlint::write_unified_diff(std::cout, file.shown, file.original, file.fixed);
    } else if (file.path == "-") {
      std::cout << file.fixed;
    } else if (file.changed()) {
      std::string error;
      if (!podlint::rewrite_file(file.path, file.original, file.fixed, error)) {
        std::cerr << "podlint: " << file.shown << ": " << error << '\n';
        trouble = true;
        continue;
      }
    }
    if (!file.changed()) continue;
    ++fixed_files;
    fixed_findings += file.applied.size();
    if (!file.converged)
      std::cerr << "podlint: " << file.shown << ": fixes were still left after " << podlint::kMaxFixRounds
                << " rounds: run podlint fix again\n";
    if (command.diff || command.format != "text") continue;
    for (const podlint::AppliedFix& applied : file.applied)
      report << fmt::format("{}:{}:{}: fixed: {} [{}]\n", file.shown, applied.finding.span.begin.line,
                            applied.finding.span.begin.column, applied.fix.title, applied.finding.rule);
  }
  std::cout.flush();
  const auto plural = [](size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  if (command.diff) {
    std::cerr << (fixed_findings == 0 ? std::string("nothing to fix\n")
                                      : fmt::format("would fix {} in {}\n", plural(fixed_findings, "finding"),
                                                    plural(fixed_files, "file")));
    if (trouble || !fixed.run.config_errors.empty() || podlint::summarize(fixed.run.reports).unreadable > 0)
      return kExitTrouble;
    return fixed_files > 0 ? podlint::kExitFindings : podlint::kExitClean;
  }
  const podlint::OutputFormat format = *podlint::output_format_from_name(command.format);
  std::error_code cwd_error;
  const std::string working_directory = std::filesystem::current_path(cwd_error).string();
  podlint::emit(report, format, fixed.run.reports,
                {.color = color,
                 .show_fixes = command.show_fixes,
                 .working_directory = cwd_error ? "/" : working_directory});
  if (format == podlint::OutputFormat::Text)
    report << fmt::format("fixed {} in {}\n", plural(fixed_findings, "finding"), plural(fixed_files, "file"));
  report.flush();
  if (trouble) return kExitTrouble;
  return podlint::exit_status(fixed.run, *podlint::parse_fail_on(command.fail_on));
}

int run_config(const std::string& config, const std::string& path) {
  podlint::ConfigFinder configs(config);
  const auto resolved = configs.resolve(path);
  if (report_config_errors(configs.errors())) return kExitTrouble;
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
    if (document.broken()) status = podlint::kExitFindings;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  // Rules register themselves before main: a duplicate id or a missing page
  // is a broken build, caught here before it can mislead.
  if (const auto problems = podlint::rule_registry().problems(); !problems.empty()) {
    for (const auto& problem : problems)
      std::cerr << "podlint: internal error: " << problem << '\n';
    return podlint::kExitInternal;
  }
  CLI::App app{"podlint: a fast linter for Kubernetes pod manifests, with exact source locations", "podlint"};
  app.set_version_flag("--version", "podlint " PODLINT_VERSION "\nKubernetes " + supported_releases() +
                                        " (default " + std::string(podlint::schema::kubernetes_version()) +
                                        ")");

  LintCommand lint;
  app.add_option("paths", lint.request.paths,
                 "Files or directories to lint (.yaml, .yml, .json); '-' reads stdin, as does no PATH with "
                 "manifests piped in; default: .")
      ->type_name("PATH...");
  app.add_option("--stdin-filename", lint.request.stdin_filename, "Name to report for input read from stdin");
  const std::vector<std::string> format_names(podlint::output_format_names().begin(),
                                              podlint::output_format_names().end());
  std::vector<std::string> formats, output_paths;  // read back in order from app.parse_order()
  auto* format_option = app.add_option("--format", formats,
                                       "Output format (default text); repeat it to write several in one run")
                            ->check(CLI::IsMember(format_names))
                            ->allow_extra_args(false)
                            ->type_name("FORMAT");
  auto* output_option =
      app.add_option("--output", output_paths,
                     "Write the --format just before it to FILE instead of standard output ('-')")
          ->allow_extra_args(false)
          ->type_name("FILE");
  app.add_option("--fail-on", lint.fail_on, "Exit 1 when a finding is at or above this severity")
      ->check(CLI::IsMember(
          std::vector<std::string>(podlint::fail_on_names().begin(), podlint::fail_on_names().end())))
      ->capture_default_str();
  app.add_option("--color", lint.color, "Colored text output (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_flag("--show-suppressed", lint.show_suppressed,
               "Also print the findings waived in the manifest (text format), marked (suppressed)");
  app.add_flag("--show-fixes", lint.show_fixes,
               "Print each finding's fixes and the lines they change (text format)");
  const std::vector<std::string> pod_security_levels(podlint::pod_security_level_names().begin(),
                                                     podlint::pod_security_level_names().end());
  constexpr const char* kPodSecurityHelp =
      "Pod Security level to check pods against where no Namespace of the run labels theirs (overrides the "
      "configuration's podSecurity.level)";
  std::string pod_security_level;
  app.add_option("--pod-security", pod_security_level, kPodSecurityHelp)
      ->check(CLI::IsMember(pod_security_levels))
      ->type_name("LEVEL");
  app.add_option("--config", lint.request.config_path,
                 "Configuration file for every input, instead of each one's nearest "
                 ".podlint.yaml")
      ->type_name("FILE");
  const auto check_kubernetes_version = [](const std::string& text) {
    return podlint::schema::parse_kubernetes_version(text)
               ? std::string()
               : "podlint supports Kubernetes " + supported_releases() + ", not " + text;
  };
  constexpr const char* kKubernetesVersionHelp =
      "The Kubernetes release (1.N) the manifests are for, over the configuration's kubernetesVersion; "
      "default: the newest supported";
  std::string kubernetes_version;
  auto* kubernetes_version_option =
      app.add_option("--kubernetes-version", kubernetes_version, kKubernetesVersionHelp)
          ->type_name("1.N")
          ->check(check_kubernetes_version, "1.N");
  lint.request.jobs = 0;
  app.add_option("-j,--jobs", lint.request.jobs,
                 "Lint this many files at once; 0: one per core (the output is the same for any number)")
      ->type_name("N")
      ->check(CLI::Range(0u, 1024u))
      ->default_str("0");
  app.add_option("--group-by", lint.group_by,
                 "Text output: findings by file, or by the Helm template each rendered document came from "
                 "(its '# Source:' comment)")
      ->check(CLI::IsMember({"file", "source"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", lint.quiet,
               "Text output: print the findings only, no summary when there are none");
  app.add_flag("-v,--verbose", lint.verbose,
               "List on standard error the inputs nothing was linted in (no Kubernetes object, a Helm "
               "template, ignored by the configuration) and why");

  auto* events =
      app.add_subcommand("yaml-events", "Print a file's YAML event stream (YAML test suite format)");
  std::string events_path;
  bool events_spans = false;
  bool events_tolerant = false;
  events->add_option("file", events_path, "YAML file, or '-' for stdin")->required();
  events->add_flag("--spans", events_spans, "Append each node's source span, then comments and errors");
  events->add_flag("--tree-sitter", events_tolerant, "Use the error-tolerant tree-sitter front-end");

  FixCommand fix_command;
  auto* fix = app.add_subcommand("fix",
                                 "Fix what can be fixed in place, keeping comments and layout (stdin to "
                                 "stdout), then report what is left");
  fix->add_option("paths", fix_command.request.paths,
                  "Files or directories to fix (.yaml, .yml, .json); '-' reads stdin and writes stdout")
      ->type_name("PATH...");
  fix->add_flag("--unsafe", fix_command.policy.unsafe,
                "Also apply the fixes that may change what runs, or that choose among answers");
  fix->add_flag("--diff", fix_command.diff,
                "Print what would change as a unified diff, change nothing; exit 1 when something would");
  fix->add_option("--rule", fix_command.policy.rules, "Only fix this rule's findings (repeatable)")
      ->type_name("ID")
      ->allow_extra_args(false);
  fix->add_flag("--show-fixes", fix_command.show_fixes,
                "With the report of what is left, print the fixes left");
  fix->add_option("--format", fix_command.format, "Format of the report of what is left")
      ->check(CLI::IsMember(format_names))
      ->capture_default_str();
  fix->add_option("--stdin-filename", fix_command.request.stdin_filename,
                  "Name to report for input read from stdin");
  fix->add_option("--config", fix_command.request.config_path,
                  "Configuration file for every input, instead of each one's nearest .podlint.yaml")
      ->type_name("FILE");
  std::string fix_kubernetes_version, fix_pod_security_level;
  auto* fix_kubernetes_version_option =
      fix->add_option("--kubernetes-version", fix_kubernetes_version, kKubernetesVersionHelp)
          ->type_name("1.N")
          ->check(check_kubernetes_version, "1.N");
  fix->add_option("--pod-security", fix_pod_security_level, kPodSecurityHelp)
      ->check(CLI::IsMember(pod_security_levels))
      ->type_name("LEVEL");
  fix->add_option("--fail-on", fix_command.fail_on, "Exit 1 when a finding left is at or above this severity")
      ->check(CLI::IsMember(
          std::vector<std::string>(podlint::fail_on_names().begin(), podlint::fail_on_names().end())))
      ->capture_default_str();
  fix->add_option("--color", fix_command.color, "Colored text report (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();

  auto* rules = app.add_subcommand("rules", "List the rules by category: id, default severity, summary");
  std::string rules_format = "text";
  rules->add_option("--format", rules_format, "text, or json (with each rule's options and page)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  auto* explain = app.add_subcommand("explain", "Print a rule's documentation");
  std::string explain_id;
  explain->add_option("rule", explain_id, "Rule id, e.g. yaml-syntax")->required();

  auto* config = app.add_subcommand(
      "config", "Print the configuration a path is linted with, and where each setting comes from");
  std::string config_path = ".";
  auto* config_path_option =
      config->add_option("path", config_path, "File or directory")->capture_default_str();
  auto* config_file_option =
      config
          ->add_option("--config", lint.request.config_path,
                       "Configuration file to show instead of the path's .podlint.yaml")
          ->type_name("FILE");
  bool config_schema = false;
  config->add_flag("--schema", config_schema, "Print the JSON Schema of .podlint.yaml instead, for editors")
      ->excludes(config_path_option)
      ->excludes(config_file_option);

  auto* lsp = app.add_subcommand(
      "lsp", "Run the language server (LSP 3.17) on standard input and output, for editors");
  bool lsp_stdio = true;  // the only transport; the flag is accepted for clients that pass it
  lsp->add_flag("--stdio", lsp_stdio, "Talk over standard input and output (the default and only transport)");

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
  if (*lsp) return podlint::lsp::serve(STDIN_FILENO, STDOUT_FILENO);
  if (*events) return run_yaml_events(events_path, events_spans, events_tolerant);
  if (*fix) {
    if (*fix_kubernetes_version_option)
      fix_command.request.kubernetes_minor =
          *podlint::schema::parse_kubernetes_version(fix_kubernetes_version);
    if (!fix_pod_security_level.empty())
      fix_command.request.pod_security_level = podlint::parse_pod_security_level(fix_pod_security_level);
    return run_fix(fix_command);
  }
  if (*config && config_schema) {
    podlint::write_config_schema(std::cout);
    return 0;
  }
  if (*config) return run_config(lint.request.config_path, config_path);
  if (*rules) {
    if (rules_format == "json") {
      podlint::write_rule_list_json(std::cout);
    } else {
      podlint::write_rule_list(std::cout);
    }
    return 0;
  }
  if (*explain) {
    const podlint::Rule* rule = podlint::find_rule(explain_id);
    if (rule == nullptr) {
      std::vector<std::string_view> ids;
      for (const auto& registered : podlint::all_rules())
        ids.push_back(registered->info().id);
      std::cerr << "podlint: no rule named '" << explain_id << "'"
                << podlint::text::did_you_mean(explain_id, ids) << " (podlint rules lists them)\n";
      return kExitTrouble;
    }
    podlint::write_rule_explanation(std::cout, rule->info());
    return 0;
  }
  if (!pod_security_level.empty())
    lint.request.pod_security_level = podlint::parse_pod_security_level(pod_security_level);
  auto outputs = output_requests(app, format_option, output_option);
  if (!outputs) return kExitTrouble;
  lint.outputs = std::move(*outputs);
  if (*kubernetes_version_option)
    lint.request.kubernetes_minor = *podlint::schema::parse_kubernetes_version(kubernetes_version);
  if (report_subcommand_typos(lint.request.paths)) return kExitTrouble;
  if (lint.request.paths.empty() && stdin_holds_input()) {
    lint.request.paths = {"-"};
    lint.stdin_implied = true;
  }
  return run_lint(lint);
}
