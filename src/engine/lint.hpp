// Lints one input: parses it and turns what the YAML layer found into
// diagnostics. (Rules over the typed pod model plug in here.)
#pragma once

#include <string>

#include "engine/diagnostic.hpp"
#include "yaml/parser.hpp"

namespace podlint {

FileReport lint_text(std::string path, std::string text, const yaml::ParseOptions& options = {});

}  // namespace podlint
