// Machine-readable output; its JSON Schema is schema/podlint-output.schema.json.
//   {"version": 1, "diagnostics": [...], "unreadable": [...], "summary": {...}}
// Lines and columns are 1-based (columns count bytes, as in the text output).
#pragma once

#include <ostream>
#include <vector>

#include "engine/diagnostic.hpp"

namespace podlint {

void write_json(std::ostream& out, const std::vector<FileReport>& reports);

}  // namespace podlint
