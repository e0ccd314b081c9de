// Choosing emitters: the output formats --format names, how --format and
// --output flags pair up, and writing one report in any format. One lint pass
// feeds every requested output.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.hpp"
#include "output/report_writer.hpp"

namespace podlint {

enum class OutputFormat { Text, Json, Sarif, Github, Junit };

// The names --format accepts, in the order --help lists them.
std::span<const std::string_view> output_format_names();
std::optional<OutputFormat> output_format_from_name(std::string_view name);

// A --format or --output flag, in command-line order.
struct OutputFlag {
  enum class Kind { Format, Output } kind;
  std::string value;
};

// Where one format goes; an empty path is standard output.
struct OutputRequest {
  OutputFormat format = OutputFormat::Text;
  std::string path;
};

// Pairs the flags: each --output FILE belongs to the --format just before it,
// a --format without one writes to standard output ("-" names it explicitly).
// No flags at all means text on standard output. Returns nothing and sets
// `error` when an --output follows no --format, a --format has two, two
// formats share standard output, or two outputs name the same file.
std::optional<std::vector<OutputRequest>> pair_output_flags(const std::vector<OutputFlag>& flags,
                                                            std::string& error);

struct EmitOptions {
  bool color = false;             // text only
  bool show_suppressed = false;   // text only: print waived findings too
  bool show_fixes = false;        // text only: print each fix's edit
  bool group_by_source = false;   // text only: group findings by the Helm template they came from
  bool quiet = false;             // text only: no summary line when nothing was found
  size_t ignored = 0;             // text only: inputs the configuration ignored, for the summary
  std::string working_directory;  // SARIF's %SRCROOT%: absolute, paths below it are relative
};

// A writer of `format` to `out`, to be fed the reports as they come.
std::unique_ptr<ReportWriter> make_report_writer(std::ostream& out, OutputFormat format,
                                                 const EmitOptions& options);

// The whole output of a finished run.
void emit(std::ostream& out, OutputFormat format, const std::vector<FileReport>& reports,
          const EmitOptions& options);

}  // namespace podlint
