// SARIF 2.1.0, as GitHub code scanning ingests it: one run whose driver
// describes every rule, a result per diagnostic (suppressed ones marked
// "inSource"), files that could not be read as tool execution notifications.
// Written as reports come: the driver first, then each file's results; the
// artifacts and the invocation after the last.
//   - Artifact URIs are relative to %SRCROOT%, the working directory; a file
//     outside it gets an absolute file: URI.
//   - Columns count UTF-16 code units (run.columnKind says so), 1-based.
//   - partialFingerprints["podlint/v1"] hashes the rule, the file, the
//     message without positions and the flagged text, plus an ordinal among
//     identical findings: it stays the same when lines above move.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.hpp"
#include "engine/rule.hpp"
#include "output/json_writer.hpp"
#include "output/report_writer.hpp"

namespace podlint {

struct SarifOptions {
  std::string working_directory;  // absolute
};

class SarifReportWriter final : public ReportWriter {
 public:
  SarifReportWriter(std::ostream& out, const SarifOptions& options);
  void add(const FileReport& report) override;
  std::optional<std::string> render(const FileReport& report, size_t input_index) const override;
  void add_rendered(const FileReport& report, std::string rendered) override;
  void finish() override;

 private:
  struct Artifact {
    std::string uri;
    bool relative = false;  // to %SRCROOT%
    std::optional<size_t> length;
  };
  struct ArtifactName {
    std::string_view uri;
    bool relative = false;
  };
  // Notes the report's file in `artifacts`; false when it could not be read.
  bool record(const FileReport& report);
  // The report's results, its file being artifact `index`; written out to
  // `flush_to` a megabyte at a time, if given.
  void write_results(JsonWriter& json, const FileReport& report, const ArtifactName& artifact, size_t index,
                     std::ostream* flush_to) const;

  std::ostream& out_;
  std::filesystem::path root_;
  std::string root_uri_;
  std::map<std::string_view, size_t> rule_index_;
  JsonWriter json_;
  std::vector<Artifact> artifacts_;
  std::vector<std::string> unreadable_;  // notification messages
  std::vector<size_t> unreadable_artifacts_;
};

void write_sarif(std::ostream& out, const std::vector<FileReport>& reports, const SarifOptions& options);

// A rule's reportingDescriptor (tool.driver.rules[]).
nlohmann::ordered_json sarif_rule_descriptor(const RuleInfo& rule);

}  // namespace podlint
