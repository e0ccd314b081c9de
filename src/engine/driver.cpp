#include "engine/driver.hpp"

#include <array>

#include "engine/config_finder.hpp"
#include "engine/fix.hpp"
#include "engine/input_kind.hpp"
#include "engine/inputs.hpp"
#include "engine/lint.hpp"

namespace podlint {

namespace {

constexpr std::array<std::string_view, 4> kFailOnNames{"error", "warning", "info", "never"};

}  // namespace

std::span<const std::string_view> fail_on_names() {
  return kFailOnNames;
}

std::optional<FailOn> parse_fail_on(std::string_view name) {
  if (name == "error") return FailOn::Error;
  if (name == "warning") return FailOn::Warning;
  if (name == "info") return FailOn::Info;
  if (name == "never") return FailOn::Never;
  return std::nullopt;
}

namespace {

// An input as read, with the configuration it is linted with.
struct Input {
  std::string path;   // as given ("-" for standard input)
  std::string shown;  // as reports name it
  std::string text;
  LintConfig config;
  std::string read_error;
  InputRole role = InputRole::Manifest;
};

// Reads and indexes every input that is not ignored. False, with the
// configuration's problems in `run`, when a configuration is broken.
bool read_inputs(const LintRequest& request, LintRun& run, std::vector<Input>& inputs) {
  ConfigFinder configs(request.config_path);
  const auto config_broken = [&] {
    if (configs.errors().empty()) return false;
    run.config_errors = configs.errors();
    run.reports.clear();
    return true;
  };
  if (config_broken()) return false;
  // Every input is read and indexed before any is linted: a check across
  // objects sees the whole run.
  const auto paths = request.paths.empty() ? std::vector<std::string>{"."} : request.paths;
  const std::vector<std::string> collected = collect_inputs(paths);
  KustomizePatches patches;
  for (const auto& path : collected)
    patches.add_input(path == "-" ? request.stdin_filename : path);
  for (const auto& path : collected) {
    const bool unnamed_stdin = path == "-" && request.stdin_filename.empty();
    const std::string shown = path == "-" && !unnamed_stdin ? request.stdin_filename : path;
    auto resolved = configs.resolve(unnamed_stdin ? std::nullopt : std::optional(shown));
    if (config_broken()) return false;
    if (resolved.ignored_by) {
      run.ignored.push_back({shown, *resolved.ignored_by});
      continue;
    }
    Input& input = inputs.emplace_back();
    input.path = path;
    input.shown = shown;
    input.role = unnamed_stdin ? InputRole::Manifest : input_role(path == "-" ? shown : path, patches);
    input.config = std::move(resolved.config);
    if (request.pod_security_level) input.config.pod_security.level = *request.pod_security_level;
    if (request.kubernetes_minor != 0) input.config.kubernetes_minor = request.kubernetes_minor;
    // Patches are partial objects and templates not YAML yet: only whole
    // manifests tell other objects what exists.
    if (read_input(path, input.text, input.read_error) && input.role == InputRole::Manifest)
      run.index.add_input(input.shown, input.text);
  }
  return true;
}

void lint_all(std::vector<Input>& inputs, LintRun& run) {
  for (Input& input : inputs) {
    if (!input.read_error.empty()) {
      run.reports.push_back({.path = input.shown, .read_error = input.read_error});
      continue;
    }
    run.reports.push_back(
        lint_text(input.shown, std::move(input.text),
                  {.parse = {}, .config = std::move(input.config), .index = &run.index, .role = input.role}));
  }
}

}  // namespace

LintRun lint_inputs(const LintRequest& request) {
  LintRun run;
  std::vector<Input> inputs;
  if (read_inputs(request, run, inputs)) lint_all(inputs, run);
  return run;
}

FixRun fix_inputs(const LintRequest& request, const FixPolicy& policy) {
  FixRun out;
  std::vector<Input> inputs;
  if (!read_inputs(request, out.run, inputs)) return out;
  for (Input& input : inputs) {
    if (!input.read_error.empty()) continue;
    FixResult result =
        fix_text(input.shown, input.text,
                 {.parse = {}, .config = input.config, .index = &out.run.index, .role = input.role}, policy);
    out.files.push_back({.path = input.path,
                         .shown = input.shown,
                         .original = input.text,
                         .fixed = std::move(result.text),
                         .applied = std::move(result.applied),
                         .converged = result.converged});
  }
  // What is left is judged as a whole again: the index of the fixed texts.
  out.run.index = RunIndex();
  auto fixed = out.files.begin();
  for (Input& input : inputs) {
    if (!input.read_error.empty()) continue;
    input.text = fixed++->fixed;
    if (input.role == InputRole::Manifest) out.run.index.add_input(input.shown, input.text);
  }
  lint_all(inputs, out.run);
  return out;
}

int exit_status(const LintRun& run, FailOn fail_on) {
  if (!run.config_errors.empty()) return kExitTrouble;
  const Summary summary = summarize(run.reports);
  if (summary.unreadable > 0) return kExitTrouble;
  switch (fail_on) {
    case FailOn::Error:
      return summary.any_at_least(Severity::Error) ? kExitFindings : kExitClean;
    case FailOn::Warning:
      return summary.any_at_least(Severity::Warning) ? kExitFindings : kExitClean;
    case FailOn::Info:
      return summary.any_at_least(Severity::Info) ? kExitFindings : kExitClean;
    case FailOn::Never:
      break;
  }
  return kExitClean;
}

}  // namespace podlint
