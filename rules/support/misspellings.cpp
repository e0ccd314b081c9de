#include "misspellings.hpp"

#include <algorithm>

namespace podlint::rules {

bool misspelt(const ObjectFacts& facts, const yaml::Node* mapping, std::string_view field) {
  if (!mapping) return false;
  const yaml::Node* resolved = &yaml::resolve(*mapping);
  const auto& findings = facts.schema_findings();
  return std::any_of(findings.begin(), findings.end(), [&](const schema::Finding& f) {
    return f.problem == schema::Problem::UnknownField && f.mapping == resolved && f.suggestion == field;
  });
}

}  // namespace podlint::rules
