// SARIF 2.1.0, as GitHub code scanning ingests it: one run whose driver
// describes every rule, a result per diagnostic (suppressed ones marked
// "inSource"), files that could not be read as tool execution notifications.
//   - Artifact URIs are relative to %SRCROOT%, the working directory; a file
//     outside it gets an absolute file: URI.
//   - Columns count UTF-16 code units (run.columnKind says so), 1-based.
//   - partialFingerprints["podlint/v1"] hashes the rule, the file, the
//     message without positions and the flagged text, plus an ordinal among
//     identical findings: it stays the same when lines above move.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "engine/diagnostic.hpp"
#include "engine/rule.hpp"

namespace podlint {

struct SarifOptions {
  std::string working_directory;  // absolute
};

void write_sarif(std::ostream& out, const std::vector<FileReport>& reports, const SarifOptions& options);

// A rule's reportingDescriptor (tool.driver.rules[]).
nlohmann::ordered_json sarif_rule_descriptor(const RuleInfo& rule);

}  // namespace podlint
