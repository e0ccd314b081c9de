// libFuzzer target for the whole pipeline: any bytes, linted by every rule
// (waivers included) and written in every output format, then read as a
// .podlint.yaml, must not crash or trip a sanitizer. The parser's own target
// checks the model; this one reaches the pod model, the rules, the
// suppression pass, the emitters and the configuration checker. Each input
// is linted a second time in batches of a few documents on two threads, the
// path of long streams, which must find exactly the same.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "engine/config_file.hpp"
#include "engine/lint.hpp"
#include "output/emit.hpp"
#include "stream_checks.hpp"

namespace {

std::string describe(const podlint::FileReport& report) {
  std::string out = std::to_string(report.documents) + " documents, " + std::to_string(report.objects) +
                    " objects, skipped: " + report.skipped + "\n";
  for (const auto& d : report.diagnostics) {
    out += std::to_string(d.span.begin.offset) + ":" + std::to_string(d.span.begin.line) + ":" +
           std::to_string(d.span.begin.column) + "-" + std::to_string(d.span.end.offset) + " " + d.rule +
           " " + d.message + " " + d.path + (d.suppression ? " waived" : "") + "\n";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const podlint::LintSettings settings{.parse = podlint::fuzz::fuzz_parse_options()};
  static const podlint::LintSettings batched{
      .parse = podlint::fuzz::fuzz_parse_options(), .jobs = 2, .batch_bytes = 32};
  std::string text(reinterpret_cast<const char*>(data), size);

  const std::vector<podlint::FileReport> reports{podlint::lint_text("fuzz.yaml", text, settings)};
  const std::string whole = describe(reports[0]);
  const std::string in_batches = describe(podlint::lint_text("fuzz.yaml", text, batched));
  if (whole != in_batches) {
    std::fprintf(stderr, "linted whole:\n%s\nin batches:\n%s", whole.c_str(), in_batches.c_str());
    std::abort();
  }
  for (const std::string_view name : podlint::output_format_names()) {
    std::ostringstream out;
    podlint::emit(out, *podlint::output_format_from_name(name), reports,
                  {.show_suppressed = true, .working_directory = "/"});
  }
  std::vector<podlint::ConfigError> errors;
  podlint::parse_config(".podlint.yaml", text, errors);
  return 0;
}
