#include "engine/fix.hpp"

#include <algorithm>
#include <utility>

#include "yaml/parser.hpp"

namespace podlint {

namespace {

// What a text's YAML makes of it, to tell a fix that breaks it.
struct YamlHealth {
  size_t documents = 0;
  size_t duplicate_keys = 0;
  size_t errors = 0;  // the others: syntax, limits, encoding; each ends its document
};

YamlHealth health(std::string_view text, const yaml::ParseOptions& options) {
  const yaml::Stream stream = yaml::parse(text, options);
  YamlHealth out{.documents = stream.documents.size()};
  for (const auto& document : stream.documents) {
    for (const auto& error : document.errors)
      ++(error.kind == yaml::ErrorKind::DuplicateKey ? out.duplicate_keys : out.errors);
  }
  return out;
}

bool no_worse(const YamlHealth& before, const YamlHealth& after) {
  return after.documents == before.documents && after.errors <= before.errors &&
         after.duplicate_keys <= before.duplicate_keys;
}

// A fix's edits fit the text: inside it, in order, none overlapping.
bool well_formed(const Fix& fix, size_t text_size) {
  uint32_t previous_end = 0;
  for (const Edit& edit : fix.edits) {
    if (edit.span.begin.offset > edit.span.end.offset || edit.span.end.offset > text_size) return false;
    if (&edit != &fix.edits.front() && edit.span.begin.offset < previous_end) return false;
    previous_end = edit.span.end.offset;
  }
  return !fix.edits.empty();
}

struct Candidate {
  const Diagnostic* finding;
  const Fix* fix;
};

// The fixes of one round: each finding's chosen fix, in source order, leaving
// out those that clash with one taken before (the same fix offered for
// several findings is taken once and fixes them all).
std::vector<std::vector<Candidate>> pick(const FileReport& report, const FixPolicy& policy,
                                         const std::vector<Fix>& rejected) {
  std::vector<std::vector<Candidate>> groups;  // findings sharing one fix
  for (const Diagnostic& d : report.diagnostics) {
    const Fix* fix = chosen_fix(d, policy);
    if (fix == nullptr || !well_formed(*fix, report.text.size())) continue;
    if (std::find(rejected.begin(), rejected.end(), *fix) != rejected.end()) continue;
    bool clash = false;
    for (auto& group : groups) {
      if (*group.front().fix == *fix) {
        group.push_back({&d, fix});
        clash = true;
        break;
      }
      if (fixes_conflict(*group.front().fix, *fix)) {
        clash = true;
        break;
      }
    }
    if (!clash) groups.push_back({{&d, fix}});
  }
  return groups;
}

}  // namespace

const Fix* chosen_fix(const Diagnostic& finding, const FixPolicy& policy) {
  if (finding.suppression) return nullptr;
  if (!policy.rules.empty() &&
      std::find(policy.rules.begin(), policy.rules.end(), finding.rule) == policy.rules.end())
    return nullptr;
  for (const Fix& fix : finding.fixes) {
    if (fix.applicability == Applicability::Safe || policy.unsafe) return &fix;
  }
  return nullptr;
}

bool fixes_conflict(const Fix& a, const Fix& b) {
  for (const Edit& x : a.edits) {
    for (const Edit& y : b.edits) {
      if (x.span.begin.offset <= y.span.end.offset && y.span.begin.offset <= x.span.end.offset) return true;
    }
  }
  return false;
}

std::string apply_edits(std::string_view text, std::span<const Edit> edits) {
  std::vector<const Edit*> sorted;
  sorted.reserve(edits.size());
  for (const Edit& edit : edits)
    sorted.push_back(&edit);
  std::sort(sorted.begin(), sorted.end(),
            [](const Edit* a, const Edit* b) { return a->span.begin.offset < b->span.begin.offset; });
  std::string out;
  size_t at = 0;
  for (const Edit* edit : sorted) {
    out.append(text.substr(at, edit->span.begin.offset - at));
    out += edit->replacement;
    at = edit->span.end.offset;
  }
  out.append(text.substr(at));
  return out;
}

AppliedFixes apply_fixes(std::string_view text, std::span<const Fix* const> fixes,
                         const yaml::ParseOptions& options) {
  const auto apply = [&](std::span<const Fix* const> some) {
    std::vector<Edit> edits;
    for (const Fix* fix : some)
      edits.insert(edits.end(), fix->edits.begin(), fix->edits.end());
    return apply_edits(text, edits);
  };
  AppliedFixes out;
  if (fixes.empty()) {
    out.text = text;
    return out;
  }
  const YamlHealth before = health(text, options);
  out.text = apply(fixes);
  if (no_worse(before, health(out.text, options))) {
    for (size_t i = 0; i < fixes.size(); ++i)
      out.applied.push_back(i);
    return out;
  }
  for (size_t i = 0; i < fixes.size(); ++i) {
    out.text = apply(fixes.subspan(i, 1));
    if (no_worse(before, health(out.text, options))) {
      out.applied.push_back(i);
      return out;
    }
    out.broke_yaml.push_back(i);
  }
  out.text = text;
  return out;
}

FixResult fix_text(std::string path, std::string text, const LintSettings& settings,
                   const FixPolicy& policy) {
  FixResult result;
  result.report = lint_text(path, text, settings);
  std::vector<Fix> rejected;  // fixes that broke the YAML
  for (int round = 0;; ++round) {
    const auto groups = pick(result.report, policy, rejected);
    if (groups.empty()) break;
    if (round == kMaxFixRounds) {
      result.converged = false;
      break;
    }
    std::vector<const Fix*> fixes;
    for (const auto& group : groups)
      fixes.push_back(group.front().fix);
    AppliedFixes round_result = apply_fixes(text, fixes, settings.parse);
    for (const size_t i : round_result.broke_yaml)
      rejected.push_back(*fixes[i]);
    for (const size_t i : round_result.applied) {
      for (const Candidate& c : groups[i]) {
        Diagnostic finding = *c.finding;
        finding.fixes.clear();
        result.applied.push_back({std::move(finding), *c.fix});
      }
    }
    if (round_result.applied.empty()) continue;
    text = std::move(round_result.text);
    result.report = lint_text(path, text, settings);
  }
  result.text = std::move(text);
  return result;
}

}  // namespace podlint
