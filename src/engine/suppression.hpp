// In-source waivers: `# podlint-disable-...` comments and `podlint.dev/ignore`
// annotations. Once the rules have run on a document, apply_suppressions()
// marks the findings its waivers cover, and lists what is wrong with the
// waivers themselves; the rules invalid-suppression, unused-suppression and
// forbidden-suppression report those (Rule::check_waivers). The problems'
// views point into the input and the document: they live as long as both.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config.hpp"
#include "engine/diagnostic.hpp"
#include "model/pod.hpp"
#include "yaml/document.hpp"

namespace podlint {

// What is wrong with a waiver, as data: the rule that reports each word it.
enum class WaiverIssue : uint8_t {
  // invalid-suppression
  UnknownDirective,    // `word`: a podlint-... directive podlint does not read; `suggestion`
  UnknownAnnotation,   // `word`: a podlint.dev/... annotation podlint does not read; `suggestion`
  UnknownRule,         // `word`: no rule has this id; `suggestion`
  UnknownContainer,    // `word`: no container of the object (`kind`, `name`) has this name; `suggestion`
  StarWithRules,       // "*" listed together with rule ids
  NoRuleListed,        // annotation `form` lists no rule
  LineDirectiveAlone,  // podlint-disable-line on a line that holds nothing else
  // forbidden-suppression
  SuppressionsOff,    // the configuration sets suppressions.allow to false
  NeverSuppressible,  // `word`: a rule whose findings can never be waived; `form` when a waiver of every rule
                      // met it
  NoSuppress,         // `word`: a rule the configuration sets noSuppress for; `form` as above
  // unused-suppression
  NothingWaived,  // a waiver of every rule waived nothing (`scope`)
  RuleNotWaived,  // `word`: a listed rule with no finding where the waiver applies (`scope`)
};

// Where a waiver applies.
enum class WaiverScope : uint8_t { Line, File, Container, Object };

struct WaiverProblem {
  WaiverIssue issue = WaiverIssue::UnknownRule;
  yaml::Span span{};
  std::string_view word{};
  std::string_view suggestion{};  // the word most likely meant; empty when none is close
  std::string_view form{};        // the directive or annotation key
  WaiverScope scope = WaiverScope::Line;
  uint32_t line = 0;  // scope Line: the line covered; 0 when the input ends first
  // The object (scope Object, UnknownContainer); `name` alone: the container (scope Container).
  std::string_view kind{};
  std::string_view name{};
  // NothingWaived, RuleNotWaived: the edit that takes the unused part away
  // (the rule from the waiver's list, or the whole waiver when nothing else
  // of it is left); none where it cannot be done exactly.
  std::optional<Edit> removal{};
  bool removes_waiver = false;  // `removal` takes the whole waiver away
};

// Sets Diagnostic::suppression on the findings of `document` (`findings`, all
// of them the document's) that one of its comments or annotations waives and
// the configuration lets be waived. `text` is the input the document was
// parsed from, `workloads` its objects (none when it is broken).
std::vector<WaiverProblem> apply_suppressions(std::string_view text, const yaml::Document& document,
                                              std::span<const model::Workload> workloads,
                                              std::span<Diagnostic> findings, const LintConfig& config);

}  // namespace podlint
