// Compiler-style text output:
//   path:line:col: severity: message [rule-id]
// followed by the source line, an underline under the exact span, and the
// related locations; " (from CHART/templates/X.yaml)" when the finding's
// document was rendered by Helm. Findings waived in the manifest are left out unless
// show_suppressed is set; then "(suppressed: justification)" follows the rule.
// A finding with a fix says "(fix available)" ("(unsafe fix available)" when
// only `podlint fix --unsafe` would apply one); show_fixes prints each fix's
// edit as a diff.
#pragma once

#include <ostream>
#include <vector>

#include "engine/diagnostic.hpp"
#include "output/report_writer.hpp"

namespace podlint {

struct TextOptions {
  bool color = false;
  bool show_suppressed = false;  // print findings waived in the manifest, marked as such
  bool show_fixes = false;       // print each fix's title and edit
  bool group_by_source = false;  // group each input's findings by the Helm template they came from
  bool quiet = false;            // no summary line when nothing was found
  size_t ignored = 0;            // inputs the configuration ignored, for the summary
};

// Each file's findings reach the stream in one write; the summary line at the end.
class TextReportWriter final : public ReportWriter {
 public:
  TextReportWriter(std::ostream& out, const TextOptions& options);
  void add(const FileReport& report) override;
  void finish() override;

 private:
  std::ostream& out_;
  TextOptions options_;
  Summary summary_;
  size_t safe_fixes_ = 0, unsafe_fixes_ = 0;  // what `podlint fix` (--unsafe) would fix
};

void write_text(std::ostream& out, const std::vector<FileReport>& reports, const TextOptions& options);

}  // namespace podlint
