// An output format written as the run goes: each input's report as soon as
// it is linted (in input order), then what only the end knows (summaries,
// totals). Nothing but what the format must hold stays in memory.
#pragma once

#include <ostream>
#include <vector>

#include "engine/diagnostic.hpp"

namespace podlint {

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  // One input's report, in input order.
  virtual void add(const FileReport& report) = 0;
  // After the last report.
  virtual void finish() = 0;

  // Every report, then finish: the whole output of a finished run.
  void write_all(const std::vector<FileReport>& reports) {
    for (const auto& report : reports)
      add(report);
    finish();
  }
};

}  // namespace podlint
