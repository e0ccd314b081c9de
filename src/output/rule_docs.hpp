// Rule documentation for the terminal: `podlint rules` and `podlint explain`.
#pragma once

#include <ostream>
#include <string>

#include "engine/rule.hpp"

namespace podlint {

// The rules by category, one line a rule: id, default severity, summary.
void write_rule_list(std::ostream& out);
// The same as JSON (the same order), with each rule's options and page, for scripts (and the
// generated rule tables of the docs).
void write_rule_list_json(std::ostream& out);
// A rule's page for the terminal, paragraphs wrapped at 80 columns.
void write_rule_explanation(std::ostream& out, const RuleInfo& rule);
// Where the rule's page is published.
std::string rule_page_url(const RuleInfo& rule);

}  // namespace podlint
