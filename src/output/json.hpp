// Machine-readable output; its JSON Schema is schema/podlint-output.schema.json.
//   {"version": 1, "diagnostics": [...], "skipped": [...], "unreadable": [...], "summary": {...}}
// Lines and columns are 1-based (columns count bytes, as in the text output).
// Written as reports come: the diagnostics array first, then what the end
// knows.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/diagnostic.hpp"
#include "output/json_writer.hpp"
#include "output/report_writer.hpp"

namespace podlint {

class JsonReportWriter final : public ReportWriter {
 public:
  explicit JsonReportWriter(std::ostream& out);
  void add(const FileReport& report) override;
  std::optional<std::string> render(const FileReport& report, size_t input_index) const override;
  void add_rendered(const FileReport& report, std::string rendered) override;
  void finish() override;

 private:
  struct Skipped {
    std::string file, reason;
  };
  void record(const FileReport& report);  // the counts and lists finish() writes
  std::ostream& out_;
  JsonWriter json_;
  Summary summary_;
  std::vector<Skipped> unreadable_, skipped_;
};

void write_json(std::ostream& out, const std::vector<FileReport>& reports);

}  // namespace podlint
