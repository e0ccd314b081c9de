// Lints one input: parses it, runs every enabled rule on each of its
// documents and objects, applies the waivers, and locates each finding.
#pragma once

#include <string>

#include "engine/config.hpp"
#include "engine/diagnostic.hpp"
#include "engine/index.hpp"
#include "engine/input_kind.hpp"
#include "yaml/batches.hpp"
#include "yaml/parser.hpp"

namespace podlint {

struct LintSettings {
  yaml::ParseOptions parse;
  LintConfig config;
  // Every object of the run, for checks across objects; null: the input is
  // linted on its own, as if nothing else existed.
  const RunIndex* index = nullptr;
  // Whether the object rules run on broken documents too, for a stream from
  // the tolerant front-end, which keeps a broken document's intact parts.
  // Only findings that no broken region can undo are kept: those in a
  // collection that no error may belong to, by where it stands and its
  // indentation (a field a rule finds missing may be in the broken region);
  // no waiver there is reported as unused.
  bool check_broken_documents = false;
  InputRole role = InputRole::Manifest;  // where the input lies (engine/input_kind.hpp)
  // Threads for the batches of documents of a long input (a multi-megabyte
  // stream); the report is the same for any number.
  unsigned jobs = 1;
  // Inputs longer than this are linted a batch of documents of about this
  // size at a time, each batch's trees released before the next.
  size_t batch_bytes = yaml::kBatchBytes;
};

FileReport lint_text(std::string path, std::string text, const LintSettings& settings = {});

// The same for an input already parsed, by either front-end: `stream` was
// parsed from `report.text`; the findings are added to `report.diagnostics`.
// The language server lints each document of an editor's buffer this way.
void lint_stream(FileReport& report, const yaml::Stream& stream, const LintSettings& settings = {});

}  // namespace podlint
