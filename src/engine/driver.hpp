// The lint driver that the command line and the language server share: from
// the paths a user names to one report per input, and from the reports to an
// exit status.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config_file.hpp"
#include "engine/diagnostic.hpp"
#include "engine/fix.hpp"
#include "engine/index.hpp"
#include "engine/input_kind.hpp"

namespace podlint {

// Exit statuses: nothing at or above the fail level, findings, trouble (usage,
// configuration or I/O errors), and a broken build (rules that do not
// register soundly, see RuleRegistry::problems).
inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitTrouble = 2;
inline constexpr int kExitInternal = 70;  // EX_SOFTWARE

// Which findings make the exit status kExitFindings (--fail-on).
enum class FailOn { Error, Warning, Info, Never };

// "error", "warning", "info", "never": the names --fail-on takes.
std::span<const std::string_view> fail_on_names();
std::optional<FailOn> parse_fail_on(std::string_view name);

struct LintRequest {
  std::vector<std::string> paths;  // files and directories, "-" for standard input; none: "."
  std::string stdin_filename;      // the name standard input is reported and configured as
  std::string config_path;         // one configuration for every input; empty: each one's .podlint.yaml
  // --pod-security: the Pod Security level for every input, over the configuration's.
  std::optional<PodSecurityLevel> pod_security_level;
  uint8_t kubernetes_minor = 0;  // --kubernetes-version 1.N, over the configuration's; 0: not given
  unsigned jobs = 1;             // threads that lint inputs at once (--jobs); 0: one per core
};

// An input the configuration's `ignore` left out.
struct IgnoredInput {
  std::string path;
  std::string glob;  // the pattern that matched
};

// One input of a run, read and configured, waiting to be linted.
struct PreparedInput {
  std::string path;   // as given ("-" for standard input)
  std::string shown;  // its name in reports
  std::string text;
  LintConfig config;
  std::string read_error;
  InputRole role = InputRole::Manifest;
};

// A run before any input is linted: every input read, configured and
// indexed, so that a check across objects sees the whole run.
struct PreparedRun {
  std::vector<PreparedInput> inputs;  // in input order; inputs the configuration ignores are left out
  std::vector<IgnoredInput> ignored;
  RunIndex index;  // every object of the inputs
  // A broken configuration file stops the run before any input is read:
  // these are its problems, and `inputs` is empty.
  std::vector<ConfigError> config_errors;
  unsigned jobs = 1;  // as resolved from the request
};

PreparedRun prepare_inputs(const LintRequest& request);

// Lints the prepared inputs, `run.jobs` at a time, and hands each report to
// `sink` in input order (on the calling thread) as soon as it and those
// before it are done, so that outputs are written while later inputs are
// linted; the output is the same for any number of jobs. Each input's text
// moves into its report. `linted`, if given, sees each report first, on the
// thread that linted it (input_index: its place in input order): outputs can
// be made there, apart, and only written in order by `sink`. Returns the
// counts over the run.
using ReportSink = std::function<void(FileReport&& report)>;
using LintedHook = std::function<void(size_t input_index, const FileReport& report)>;
Summary lint_prepared(PreparedRun& run, const ReportSink& sink, const LintedHook& linted = {});

struct LintRun {
  std::vector<FileReport> reports;  // in input order; inputs the configuration ignores are left out
  std::vector<IgnoredInput> ignored;
  RunIndex index;  // every object of the inputs linted
  // A broken configuration file stops the run before any report: these are
  // its problems, and `reports` is empty.
  std::vector<ConfigError> config_errors;
  Summary summary;
};

// prepare_inputs and lint_prepared, keeping every report.
LintRun lint_inputs(const LintRequest& request);

// One input of `podlint fix`: what was read and what fixing made of it.
struct FixedFile {
  std::string path;   // as given, "-" for standard input
  std::string shown;  // as reports name it
  std::string original;
  std::string fixed;
  std::vector<AppliedFix> applied;
  bool converged = true;  // false: the rounds ran out with fixes left

  bool changed() const { return fixed != original; }
};

struct FixRun {
  LintRun run;                   // the fixed texts linted: what is left
  std::vector<FixedFile> files;  // the inputs that could be read, in input order
};

// Fixes every input in memory (engine/fix.hpp), then lints the fixed texts
// together. Writing them back is the caller's (write_file_atomically).
FixRun fix_inputs(const LintRequest& request, const FixPolicy& policy);

// kExitTrouble for a broken configuration or an unreadable input, else
// kExitFindings when a finding is at or above `fail_on`, else kExitClean.
int exit_status(const LintRun& run, FailOn fail_on);
// kExitTrouble for an unreadable input, else as above.
int exit_status(const Summary& summary, FailOn fail_on);

}  // namespace podlint
