#include "output/emit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "output/github.hpp"
#include "output/json.hpp"
#include "output/junit.hpp"
#include "output/sarif.hpp"
#include "output/text.hpp"

namespace podlint {

namespace {

constexpr std::string_view kFormatNames[] = {"text", "json", "sarif", "github", "junit"};
constexpr OutputFormat kFormats[] = {OutputFormat::Text, OutputFormat::Json, OutputFormat::Sarif,
                                     OutputFormat::Github, OutputFormat::Junit};

}  // namespace

std::span<const std::string_view> output_format_names() {
  return kFormatNames;
}

std::optional<OutputFormat> output_format_from_name(std::string_view name) {
  const auto it = std::ranges::find(kFormatNames, name);
  if (it == std::end(kFormatNames)) return std::nullopt;
  return kFormats[it - std::begin(kFormatNames)];
}

std::optional<std::vector<OutputRequest>> pair_output_flags(const std::vector<OutputFlag>& flags,
                                                            std::string& error) {
  std::vector<OutputRequest> requests;
  std::vector<std::string_view> names;  // as given, for messages
  std::vector<bool> has_output;
  for (const auto& flag : flags) {
    if (flag.kind == OutputFlag::Kind::Format) {
      const auto format = output_format_from_name(flag.value);
      if (!format) {
        error =
            fmt::format("--format {}: not a format (one of {})", flag.value, fmt::join(kFormatNames, ", "));
        return std::nullopt;
      }
      requests.push_back({*format, ""});
      names.push_back(flag.value);
      has_output.push_back(false);
      continue;
    }
    if (requests.empty()) {
      error = fmt::format("--output {} must follow the --format it writes, e.g. --format sarif --output {}",
                          flag.value, flag.value);
      return std::nullopt;
    }
    if (has_output.back()) {
      error = fmt::format("--format {} has two --output files; give each --output its own --format",
                          names.back());
      return std::nullopt;
    }
    has_output.back() = true;
    requests.back().path = flag.value == "-" ? "" : flag.value;
  }
  if (requests.empty()) requests.push_back({OutputFormat::Text, ""});
  for (size_t i = 0; i < requests.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      // "out.sarif" and "./out.sarif" are one file.
      if (std::filesystem::path(requests[i].path).lexically_normal() !=
          std::filesystem::path(requests[j].path).lexically_normal())
        continue;
      error = requests[i].path.empty()
                  ? fmt::format(
                        "--format {} and --format {} would both write to standard output; give one "
                        "an --output FILE",
                        names[j], names[i])
                  : fmt::format("--output {} is given twice", requests[i].path);
      return std::nullopt;
    }
  }
  return requests;
}

std::unique_ptr<ReportWriter> make_report_writer(std::ostream& out, OutputFormat format,
                                                 const EmitOptions& options) {
  switch (format) {
    case OutputFormat::Text:
      return std::make_unique<TextReportWriter>(out, TextOptions{.color = options.color,
                                                                 .show_suppressed = options.show_suppressed,
                                                                 .show_fixes = options.show_fixes,
                                                                 .group_by_source = options.group_by_source,
                                                                 .quiet = options.quiet,
                                                                 .ignored = options.ignored});
    case OutputFormat::Json:
      return std::make_unique<JsonReportWriter>(out);
    case OutputFormat::Sarif:
      return std::make_unique<SarifReportWriter>(
          out, SarifOptions{.working_directory = options.working_directory});
    case OutputFormat::Github:
      return std::make_unique<GithubReportWriter>(out);
    case OutputFormat::Junit:
      return std::make_unique<JunitReportWriter>(out);
  }
  return nullptr;
}

void emit(std::ostream& out, OutputFormat format, const std::vector<FileReport>& reports,
          const EmitOptions& options) {
  make_report_writer(out, format, options)->write_all(reports);
}

}  // namespace podlint
