// How --format and --output flags pair up into outputs.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "output/emit.hpp"

namespace {

using podlint::OutputFlag;
using podlint::OutputFormat;

OutputFlag format(std::string name) {
  return {OutputFlag::Kind::Format, std::move(name)};
}
OutputFlag output(std::string path) {
  return {OutputFlag::Kind::Output, std::move(path)};
}

struct Paired {
  std::vector<std::pair<OutputFormat, std::string>> outputs;
  std::string error;
};

Paired pair(const std::vector<OutputFlag>& flags) {
  Paired result;
  const auto requests = podlint::pair_output_flags(flags, result.error);
  if (requests) {
    for (const auto& r : *requests)
      result.outputs.emplace_back(r.format, r.path);
  }
  return result;
}

}  // namespace

TEST_CASE("Output formats have names", "[emit]") {
  CHECK(std::vector<std::string_view>(podlint::output_format_names().begin(),
                                      podlint::output_format_names().end()) ==
        std::vector<std::string_view>{"text", "json", "sarif", "github", "junit"});
  CHECK(podlint::output_format_from_name("junit") == OutputFormat::Junit);
  CHECK(!podlint::output_format_from_name("xml"));
}

TEST_CASE("Each --output pairs with the --format before it", "[emit]") {
  using Outputs = std::vector<std::pair<OutputFormat, std::string>>;
  CHECK(pair({}).outputs == Outputs{{OutputFormat::Text, ""}});
  CHECK(pair({format("json")}).outputs == Outputs{{OutputFormat::Json, ""}});
  const auto both = pair({format("sarif"), output("out.sarif"), format("text")});
  CHECK(both.error == "");
  CHECK(both.outputs == Outputs{{OutputFormat::Sarif, "out.sarif"}, {OutputFormat::Text, ""}});
  CHECK(pair({format("github"), format("junit"), output("r.xml"), format("sarif"), output("s.sarif")})
            .outputs == Outputs{{OutputFormat::Github, ""},
                                {OutputFormat::Junit, "r.xml"},
                                {OutputFormat::Sarif, "s.sarif"}});
  CHECK(pair({format("sarif"), output("-")}).outputs == Outputs{{OutputFormat::Sarif, ""}});
}

TEST_CASE("Unpaired or clashing --output flags are usage errors", "[emit]") {
  CHECK(pair({output("out.sarif")}).error ==
        "--output out.sarif must follow the --format it writes, e.g. --format sarif --output out.sarif");
  CHECK(pair({output("a"), format("sarif")}).error ==
        "--output a must follow the --format it writes, e.g. --format sarif --output a");
  CHECK(pair({format("sarif"), output("a"), output("b")}).error ==
        "--format sarif has two --output files; give each --output its own --format");
  CHECK(pair({format("json"), format("text")}).error ==
        "--format json and --format text would both write to standard output; give one an --output FILE");
  CHECK(pair({format("json"), output("-"), format("text")}).error ==
        "--format json and --format text would both write to standard output; give one an --output FILE");
  CHECK(pair({format("json"), output("r"), format("sarif"), output("r")}).error ==
        "--output r is given twice");
  CHECK(pair({format("json"), output("d/r"), format("sarif"), output("./d//r")}).error ==
        "--output ./d//r is given twice");
  CHECK(pair({format("xml")}).error ==
        "--format xml: not a format (one of text, json, sarif, github, junit)");
  CHECK(pair({format("json"), format("text")}).outputs.empty());
}
