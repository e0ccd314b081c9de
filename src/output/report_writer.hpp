// An output format written as the run goes: each input's report as soon as
// it is linted (in input order), then what only the end knows (summaries,
// totals). Nothing but what the format must hold stays in memory.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/diagnostic.hpp"

namespace podlint {

// Reports with more findings than this are not rendered apart (render) but
// written as they go (add): their output is not held whole. A finding takes
// some 2 KB of SARIF, so a rendered report holds at most a few megabytes;
// below that, a file's findings are rendered on the thread that linted it.
inline constexpr size_t kRenderedFindings = 2048;

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  // One input's report, in input order.
  virtual void add(const FileReport& report) = 0;
  // Some formats can make a report's output apart from the others, on the
  // thread that linted it while earlier reports are still written: render()
  // returns it (input_index: the report's place in input order, as add()
  // would see it; any thread, any order) and add_rendered() writes it, in
  // input order, in add()'s stead. Nothing: add() it (the format cannot, or
  // the report is long enough to be written as it goes).
  virtual std::optional<std::string> render(const FileReport&, size_t /*input_index*/) const {
    return std::nullopt;
  }
  virtual void add_rendered(const FileReport& report, std::string /*rendered*/) { add(report); }
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
