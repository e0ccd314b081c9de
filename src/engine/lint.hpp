// Lints one input: parses it and turns what the YAML layer found into
// diagnostics. (Rules over the typed pod model plug in here.)
#pragma once

#include <string>

#include "engine/config.hpp"
#include "engine/diagnostic.hpp"
#include "yaml/parser.hpp"

namespace podlint {

struct LintSettings {
  yaml::ParseOptions parse;
  LintConfig config;
};

FileReport lint_text(std::string path, std::string text, const LintSettings& settings = {});

}  // namespace podlint
