// GitHub Actions workflow commands: exact lines, escaping, severities.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "engine/lint.hpp"
#include "output/github.hpp"
#include "support.hpp"

namespace {

using podlint::test::add_diagnostic;

std::string github_of(const std::vector<podlint::FileReport>& reports) {
  std::ostringstream out;
  podlint::write_github(out, reports);
  return out.str();
}

}  // namespace

TEST_CASE("GitHub escaping follows the workflow command rules", "[github]") {
  CHECK(podlint::github_escape_data("100% a:b,c\r\nd") == "100%25 a:b,c%0D%0Ad");
  CHECK(podlint::github_escape_property("100% a:b,c\r\nd") == "100%25 a%3Ab%2Cc%0D%0Ad");
  CHECK(podlint::github_escape_data("%0A") == "%250A");  // already-escaped text stays literal
}

TEST_CASE("GitHub annotations: one command a finding, with exact positions", "[github]") {
  podlint::FileReport report{"k8s/pod.yaml", "kind: Pod\nname: \"é😀\"\nkind: Job\n", {}, {}};
  add_diagnostic(report, "invalid-enum", podlint::Severity::Error, "\"é😀\"", "bad value");
  add_diagnostic(report, "missing-liveness-probe", podlint::Severity::Warning, "Pod\nname", "two lines");
  podlint::Diagnostic& d =
      add_diagnostic(report, "duplicate-key", podlint::Severity::Info, "kind: Job", "again");
  d.related.push_back({report.diagnostics[0].span, "the first"});
  podlint::Diagnostic& waived =
      add_diagnostic(report, "invalid-type", podlint::Severity::Error, "kind", "waived");
  waived.suppression = podlint::Suppression{{}, "ok"};
  // Byte columns 7..15 on line 2 are UTF-16 columns 7..12.
  CHECK(github_of({report, {"gone.yaml", "", {}, "No such file or directory"}}) ==
        "::error file=k8s/pod.yaml,line=2,endLine=2,col=7,endColumn=12,title=invalid-enum::bad value\n"
        "::warning file=k8s/pod.yaml,line=1,endLine=2,title=missing-liveness-probe::two lines\n"
        "::notice file=k8s/pod.yaml,line=3,endLine=3,col=1,endColumn=10,title=duplicate-key::again"
        "%0Ak8s/pod.yaml:2:7: note: the first\n"
        "::error file=gone.yaml,title=podlint::cannot read: No such file or directory\n");
}

TEST_CASE("GitHub annotations escape nasty paths, rule ids and messages", "[github]") {
  podlint::FileReport report{"dir,x/a:b%c.yaml", "a: 1\n", {}, {}};
  add_diagnostic(report, "odd,rule:id", podlint::Severity::Error, "1",
                 "50% of \"a: b, c\"\r\n::error::injected");
  // Line breaks in a message come from the input: shown escaped, so no
  // annotation starts a line of its own (notes are joined by real ones).
  CHECK(github_of({report}) ==
        "::error file=dir%2Cx/a%3Ab%25c.yaml,line=1,endLine=1,col=4,endColumn=5,title=odd%2Crule%3Aid::"
        "50%25 of \"a: b, c\"\\x0d\\x0a::error::injected\n");
}

TEST_CASE("GitHub annotations of a real lint", "[github]") {
  const auto report = podlint::lint_text("pod.yaml", "kind: Pod\nkind: ConfigMap\napiVersion: v1\n");
  CHECK(github_of({report}) ==
        "::error file=pod.yaml,line=2,endLine=2,col=1,endColumn=5,title=duplicate-key::"
        "duplicate key \"kind\" (first defined at 1:1)%0Apod.yaml:1:1: note: first defined here\n");
}
