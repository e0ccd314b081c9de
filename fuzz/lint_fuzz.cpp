// libFuzzer target for the whole pipeline: any bytes, linted by every rule
// (waivers included) and written in every output format, then read as a
// .podlint.yaml, must not crash or trip a sanitizer. The parser's own target
// checks the model; this one reaches the pod model, the rules, the
// suppression pass, the emitters and the configuration checker.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "engine/config_file.hpp"
#include "engine/lint.hpp"
#include "output/emit.hpp"
#include "stream_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const podlint::LintSettings settings{.parse = podlint::fuzz::fuzz_parse_options()};
  std::string text(reinterpret_cast<const char*>(data), size);

  const std::vector<podlint::FileReport> reports{podlint::lint_text("fuzz.yaml", text, settings)};
  for (const std::string_view name : podlint::output_format_names()) {
    std::ostringstream out;
    podlint::emit(out, *podlint::output_format_from_name(name), reports,
                  {.show_suppressed = true, .working_directory = "/"});
  }
  std::vector<podlint::ConfigError> errors;
  podlint::parse_config(".podlint.yaml", text, errors);
  return 0;
}
