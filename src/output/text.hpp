// Compiler-style text output:
//   path:line:col: severity: message [rule-id]
// followed by the source line, an underline under the exact span, and the
// related locations. Findings waived in the manifest are left out unless
// show_suppressed is set; then "(suppressed: justification)" follows the rule.
#pragma once

#include <ostream>
#include <vector>

#include "engine/diagnostic.hpp"

namespace podlint {

struct TextOptions {
  bool color = false;
  bool show_suppressed = false;  // print findings waived in the manifest, marked as such
};

void write_text(std::ostream& out, const std::vector<FileReport>& reports, const TextOptions& options);

}  // namespace podlint
