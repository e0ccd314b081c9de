// Rule documentation for the terminal: `podlint rules` and `podlint explain`.
#pragma once

#include <ostream>

#include "engine/rule.hpp"

namespace podlint {

// One line a rule: id, default severity, category, summary.
void write_rule_list(std::ostream& out);
// A rule's whole documentation, paragraphs wrapped at 80 columns.
void write_rule_explanation(std::ostream& out, const RuleInfo& rule);
// The same documentation as Markdown (SARIF's help.markdown).
void write_rule_markdown(std::ostream& out, const RuleInfo& rule);

}  // namespace podlint
