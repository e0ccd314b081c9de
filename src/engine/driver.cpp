#include "engine/driver.hpp"

#include <algorithm>
#include <array>
#include <thread>

#include "engine/config_finder.hpp"
#include "engine/fix.hpp"
#include "engine/input_kind.hpp"
#include "engine/inputs.hpp"
#include "engine/lint.hpp"
#include "engine/ordered_work.hpp"

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

unsigned resolved_jobs(unsigned jobs) {
  return jobs != 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

PreparedRun prepare_inputs(const LintRequest& request) {
  PreparedRun run;
  run.jobs = resolved_jobs(request.jobs);
  // What the walk reads of the inputs' folders answers the configuration
  // lookup and the inputs' roles: no stat of each file.
  FolderFacts folders;
  ConfigFinder configs(request.config_path, folders);
  const auto config_broken = [&] {
    if (configs.errors().empty()) return false;
    run.config_errors = configs.errors();
    run.inputs.clear();
    return true;
  };
  if (config_broken()) return run;
  const auto paths = request.paths.empty() ? std::vector<std::string>{"."} : request.paths;
  const std::vector<std::string> collected = collect_inputs(paths, &folders, run.jobs);
  KustomizePatches patches(folders);
  for (const auto& path : collected)
    patches.add_input(path == "-" ? request.stdin_filename : path);
  for (const auto& path : collected) {
    const bool unnamed_stdin = path == "-" && request.stdin_filename.empty();
    const std::string shown = path == "-" && !unnamed_stdin ? request.stdin_filename : path;
    auto resolved = configs.resolve(unnamed_stdin ? std::nullopt : std::optional(shown));
    if (config_broken()) return run;
    if (resolved.ignored_by) {
      run.ignored.push_back({shown, *resolved.ignored_by});
      continue;
    }
    PreparedInput& input = run.inputs.emplace_back();
    input.path = path;
    input.shown = shown;
    input.role = unnamed_stdin ? InputRole::Manifest : input_role(path == "-" ? shown : path, patches);
    input.config = std::move(resolved.config);
    if (request.pod_security_level) input.config.pod_security.level = *request.pod_security_level;
    if (request.kubernetes_minor != 0) input.config.kubernetes_minor = request.kubernetes_minor;
  }
  // Read and index in parallel, each input on its own; the indexes join in
  // input order, so that the run's index is the same for any number of jobs.
  std::vector<RunIndex> partial(run.inputs.size());
  in_order(
      run.inputs.size(), run.jobs,
      [&](size_t i) {
        PreparedInput& input = run.inputs[i];
        // Patches are partial objects and templates not YAML yet: only whole
        // manifests tell other objects what exists.
        // One input (a long stream, say) is indexed a batch of documents per job.
        if (read_input(input.path, input.text, input.read_error) && input.role == InputRole::Manifest)
          partial[i].add_input(input.shown, input.text, run.inputs.size() == 1 ? run.jobs : 1);
      },
      [&](size_t i) { run.index.merge(std::move(partial[i])); });
  return run;
}

Summary lint_prepared(PreparedRun& run, const ReportSink& sink, const LintedHook& linted) {
  Summary summary;
  std::vector<FileReport> reports(run.inputs.size());
  in_order(
      run.inputs.size(), run.jobs,
      [&](size_t i) {
        PreparedInput& input = run.inputs[i];
        if (!input.read_error.empty()) {
          reports[i] = {.path = input.shown, .read_error = input.read_error};
          return;
        }
        // One input (a long stream, say) is linted a batch of documents per job.
        reports[i] = lint_text(input.shown, std::move(input.text),
                               {.parse = {},
                                .config = std::move(input.config),
                                .index = &run.index,
                                .role = input.role,
                                .jobs = run.inputs.size() == 1 ? run.jobs : 1});
        if (linted) linted(i, reports[i]);
      },
      [&](size_t i) {
        summary.add(reports[i]);
        sink(std::move(reports[i]));
        reports[i] = {};
      });
  return summary;
}

LintRun lint_inputs(const LintRequest& request) {
  PreparedRun prepared = prepare_inputs(request);
  LintRun run;
  run.summary =
      lint_prepared(prepared, [&](FileReport&& report) { run.reports.push_back(std::move(report)); });
  run.ignored = std::move(prepared.ignored);
  run.index = std::move(prepared.index);
  run.config_errors = std::move(prepared.config_errors);
  return run;
}

FixRun fix_inputs(const LintRequest& request, const FixPolicy& policy) {
  FixRun out;
  PreparedRun prepared = prepare_inputs(request);
  out.run.ignored = prepared.ignored;
  out.run.config_errors = prepared.config_errors;
  if (!prepared.config_errors.empty()) return out;
  for (PreparedInput& input : prepared.inputs) {
    if (!input.read_error.empty()) continue;
    FixResult result =
        fix_text(input.shown, input.text,
                 {.parse = {}, .config = input.config, .index = &prepared.index, .role = input.role}, policy);
    out.files.push_back({.path = input.path,
                         .shown = input.shown,
                         .original = input.text,
                         .fixed = std::move(result.text),
                         .applied = std::move(result.applied),
                         .converged = result.converged});
  }
  // What is left is judged as a whole again: the index of the fixed texts.
  prepared.index = RunIndex();
  auto fixed = out.files.begin();
  for (PreparedInput& input : prepared.inputs) {
    if (!input.read_error.empty()) continue;
    input.text = fixed++->fixed;
    if (input.role == InputRole::Manifest) prepared.index.add_input(input.shown, input.text);
  }
  out.run.summary =
      lint_prepared(prepared, [&](FileReport&& report) { out.run.reports.push_back(std::move(report)); });
  out.run.index = std::move(prepared.index);
  return out;
}

int exit_status(const LintRun& run, FailOn fail_on) {
  if (!run.config_errors.empty()) return kExitTrouble;
  return exit_status(run.summary, fail_on);
}

int exit_status(const Summary& summary, FailOn fail_on) {
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
