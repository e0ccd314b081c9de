// Compiler-style text output:
//   path:line:col: severity: message [rule-id]
// followed by the source line, an underline under the exact span, and the
// related locations; " (from CHART/templates/X.yaml)" when the finding's
// document was rendered by Helm. Findings waived in the manifest are left out unless
// show_suppressed is set; then "(suppressed: justification)" follows the rule.
#pragma once

#include <ostream>
#include <vector>

#include "engine/diagnostic.hpp"

namespace podlint {

struct TextOptions {
  bool color = false;
  bool show_suppressed = false;  // print findings waived in the manifest, marked as such
  bool group_by_source = false;  // group each input's findings by the Helm template they came from
  bool quiet = false;            // no summary line when nothing was found
  size_t ignored = 0;            // inputs the configuration ignored, for the summary
};

void write_text(std::ostream& out, const std::vector<FileReport>& reports, const TextOptions& options);

}  // namespace podlint
