// libFuzzer target for parse_tolerant(), the tree-sitter front-end: any
// input must give a sane model (stream_checks.hpp) that dumps to events.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "stream_checks.hpp"
#include "yaml/events.hpp"
#include "yaml/treesitter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const podlint::yaml::ParseOptions options = podlint::fuzz::fuzz_parse_options();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const podlint::yaml::Stream stream = podlint::yaml::parse_tolerant(text, options);
  podlint::fuzz::StreamChecker checker(text, options);
  if (const std::string problem = checker.check(stream); !problem.empty()) {
    std::fprintf(stderr, "yaml_treesitter_fuzz: insane result: %s\n", problem.c_str());
    std::abort();
  }
  podlint::yaml::to_events(stream, {.with_spans = true});
  return 0;
}
