// GitHub Actions workflow commands, one a finding, which GitHub shows as
// annotations on the pull request:
//   ::error file=PATH,line=L,endLine=L,col=C,endColumn=C,title=RULE::MESSAGE
// Severities map to error, warning and notice. Columns are 1-based UTF-16
// code units, given only for findings on one line (GitHub ignores them
// otherwise). Related locations follow the message on lines of their own,
// as path:line:column (byte columns, as in the text output).
// Suppressed findings are left out; an unreadable file is an error on it.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostic.hpp"
#include "output/report_writer.hpp"

namespace podlint {

class GithubReportWriter final : public ReportWriter {
 public:
  explicit GithubReportWriter(std::ostream& out) : out_(out) {}
  void add(const FileReport& report) override;
  void finish() override {}

 private:
  std::ostream& out_;
};

void write_github(std::ostream& out, const std::vector<FileReport>& reports);

// GitHub's escaping for a command's message: %, CR and LF.
std::string github_escape_data(std::string_view text);
// ... and for a property value: also ':' and ','.
std::string github_escape_property(std::string_view text);

}  // namespace podlint
