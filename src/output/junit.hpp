// JUnit XML, for CI systems that show test reports:
//   <testsuites>  one <testsuite> per input file (name = the path)
//     <testcase classname=PATH name="Kind/name: rule-id">  per object and rule
// Every Kubernetes object of the file gets a testcase for every rule that
// ran; it fails (<failure type=SEVERITY>) when the rule reported anything on
// the object, the body listing each finding as path:line:col with its source
// line. Findings outside any object (a syntax error, a duplicate key in a
// document that is no object) get testcases named "document N: rule-id".
// Suppressed findings do not fail: a testcase with only those is <skipped>.
// The shape is the common junit-4 schema's (Jenkins' junit-4.xsd), which
// allows `skipped` counts on <testsuite> only and no attribute on <skipped>.
// An unreadable file is a testcase "read" with an <error>. The output is
// well-formed XML 1.0 whatever the input bytes: invalid UTF-8 and characters
// XML forbids become U+FFFD.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.hpp"
#include "output/report_writer.hpp"

namespace podlint {

// The totals head the document, so the suites wait in memory for the end.
class JunitReportWriter final : public ReportWriter {
 public:
  explicit JunitReportWriter(std::ostream& out) : out_(out) {}
  void add(const FileReport& report) override;
  void finish() override;

 private:
  std::ostream& out_;
  std::string suites_;
  size_t tests_ = 0, failures_ = 0, errors_ = 0;
};

void write_junit(std::ostream& out, const std::vector<FileReport>& reports);

// Text made safe for XML character data (`attribute`: for a quoted attribute value).
std::string xml_escape(std::string_view text, bool attribute);

}  // namespace podlint
