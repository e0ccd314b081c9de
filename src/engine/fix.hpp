// Applying fixes to an input: what `podlint fix` does to each file, and what
// an editor does with one finding's fix. Rules attach fixes to their findings
// (Diagnostic::fixes, built with engine/edits.hpp); this picks and applies
// them, round after round, until none is left to apply.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.hpp"
#include "engine/lint.hpp"

namespace podlint {

struct FixPolicy {
  bool unsafe = false;               // unsafe fixes too
  std::vector<std::string> rules{};  // only these rules' findings; empty: every rule's
};

// The fix `podlint fix` applies to a finding: its first one the policy
// allows, or null. A waived finding is left as it is.
const Fix* chosen_fix(const Diagnostic& finding, const FixPolicy& policy);

// Whether two fixes' edits overlap or touch (then only one applies per round).
bool fixes_conflict(const Fix& a, const Fix& b);

// `text` with the edits made. They must lie within it and not overlap; in
// any order.
std::string apply_edits(std::string_view text, std::span<const Edit> edits);

// What apply_fixes() did: the new text, which fixes it holds and which were
// dropped for breaking the YAML (indexes into the fixes given).
struct AppliedFixes {
  std::string text;
  std::vector<size_t> applied;
  std::vector<size_t> broke_yaml;
};

// Applies fixes that do not conflict with one another. When together they
// would leave the YAML more broken than it was (more syntax errors or
// duplicate keys, another number of documents), they are tried one at a time
// instead: the first that does no harm is applied, those before it are
// dropped, those after it wait for another round.
AppliedFixes apply_fixes(std::string_view text, std::span<const Fix* const> fixes,
                         const yaml::ParseOptions& options = {});

struct AppliedFix {
  Diagnostic finding;  // as reported in the text the fix was applied to
  Fix fix;
};

struct FixResult {
  std::string text;                 // the input with the fixes made
  std::vector<AppliedFix> applied;  // in the order they were made
  // False when the rounds ran out with fixes still to apply.
  bool converged = true;
  FileReport report;  // `text` linted: what is left
};

// At most this many rounds (lint, apply every fix that does not clash with
// another, lint again): a fix that makes another possible gets its turn, a
// pair of fixes undoing each other cannot loop.
inline constexpr int kMaxFixRounds = 10;

// Lints `text` and applies the fixes `policy` allows (apply_fixes()), round
// after round, until none is left to apply.
FixResult fix_text(std::string path, std::string text, const LintSettings& settings, const FixPolicy& policy);

}  // namespace podlint
