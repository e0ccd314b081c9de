// Lints one input: parses it, runs every enabled rule on each of its
// documents and objects, applies the waivers, and locates each finding.
#pragma once

#include <string>

#include "engine/config.hpp"
#include "engine/diagnostic.hpp"
#include "engine/index.hpp"
#include "engine/input_kind.hpp"
#include "yaml/parser.hpp"

namespace podlint {

struct LintSettings {
  yaml::ParseOptions parse;
  LintConfig config;
  // Every object of the run, for checks across objects; null: the input is
  // linted on its own, as if nothing else existed.
  const RunIndex* index = nullptr;
  InputRole role = InputRole::Manifest;  // where the input lies (engine/input_kind.hpp)
};

FileReport lint_text(std::string path, std::string text, const LintSettings& settings = {});

}  // namespace podlint
