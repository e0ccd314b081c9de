// Compiler-style text output:
//   path:line:col: severity: message [rule-id]
// followed by the source line, an underline under the exact span, and the
// related locations.
#pragma once

#include <ostream>
#include <vector>

#include "engine/diagnostic.hpp"

namespace podlint {

struct TextOptions {
  bool color = false;
};

void write_text(std::ostream& out, const std::vector<FileReport>& reports, const TextOptions& options);

}  // namespace podlint
