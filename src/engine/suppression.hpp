// In-source waivers: `# podlint-disable-...` comments and `podlint.dev/ignore`
// annotations. Once the rules have run on a document, apply_suppressions()
// marks the findings its waivers cover, and lists what is wrong with the
// waivers themselves; the rules invalid-suppression, unused-suppression and
// forbidden-suppression report those (Rule::check_waivers).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config.hpp"
#include "engine/diagnostic.hpp"
#include "model/pod.hpp"
#include "yaml/document.hpp"

namespace podlint {

enum class WaiverProblemKind : uint8_t {
  Invalid,    // an unknown directive, rule, annotation or container
  Unused,     // a waiver that covers no finding
  Forbidden,  // a waiver of a rule that may not be waived in the manifest
};

struct WaiverProblem {
  WaiverProblemKind kind = WaiverProblemKind::Invalid;
  yaml::Span span;
  std::string message;
};

// Sets Diagnostic::suppression on the findings of `document` (`findings`, all
// of them the document's) that one of its comments or annotations waives and
// the configuration lets be waived. `text` is the input the document was
// parsed from, `workloads` its objects (none when it is broken).
std::vector<WaiverProblem> apply_suppressions(std::string_view text, const yaml::Document& document,
                                              std::span<const model::Workload> workloads,
                                              std::span<Diagnostic> findings, const LintConfig& config);

}  // namespace podlint
