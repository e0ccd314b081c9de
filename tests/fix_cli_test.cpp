// podlint fix, run as a user runs it: files fixed in place, standard input
// to standard output, --diff for CI, --rule and --unsafe, what is left.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "support.hpp"

namespace {

using podlint::test::TempTree;

podlint::test::CommandResult run(const std::string& args, const std::string& stdin_text = "") {
  return podlint::test::run_command(std::string(PODLINT_BINARY) + " " + args, stdin_text);
}

// Standard output alone (the report on standard error is dropped).
podlint::test::CommandResult run_stdout(const std::string& args, const std::string& stdin_text = "") {
  return podlint::test::run_command("sh -c '" + std::string(PODLINT_BINARY) + " " + args + " 2>/dev/null'",
                                    stdin_text);
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

constexpr std::string_view kJob = R"(# The nightly report.
apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  template:
    spec:
      containers:
        - name: report
          image: example.com/report:1.0
          imagePullPolicy: always   # pulled each run
          resources: {requests: {cpu: 100m, memory: 1MiB}, limits: {memory: 512MB}}
)";

// What the safe fixes make of it: two values, nothing else.
std::string fixed_job() {
  std::string text(kJob);
  text.replace(text.find("always"), 6, "Always");
  text.replace(text.find("1MiB"), 4, "1Mi");
  return text;
}

}  // namespace

TEST_CASE("podlint fix rewrites files in place with the safe fixes and reports what is left", "[cli][fix]") {
  const TempTree tree;
  const auto file = tree.write("job.yaml", kJob);
  chmod(file.c_str(), 0604);
  const auto clean = tree.write("clean.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
  const auto before = std::filesystem::last_write_time(clean);
  const auto r = run("fix --color never --fail-on error " + tree.root().string());
  CHECK(read(file) == fixed_job());
  CHECK(read(clean) == "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
  CHECK(std::filesystem::last_write_time(clean) == before);  // not rewritten
  struct stat info {};
  REQUIRE(stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0604);
  const std::string shown = (tree.root() / "job.yaml").string();
  CHECK(r.out.find(shown + ":12:28: fixed: Change \"always\" to \"Always\" [invalid-enum]\n" + shown +
                   ":13:53: fixed: Change \"1MiB\" to \"1Mi\" [invalid-quantity]\n") == 0);
  // Left: the quantity whose unit is a guess, and the restartPolicy a Job needs (a choice).
  CHECK(r.out.find("(did you mean \"512M\" or \"512Mi\"?) [invalid-quantity] (unsafe fix available)\n") !=
        std::string::npos);
  CHECK(r.out.find(
            "add restartPolicy: OnFailure or Never [workload-restart-policy] (unsafe fix available)\n") !=
        std::string::npos);
  // And the two hardening settings the security rules offer (unsafe).
  CHECK(r.out.find("4 fixable with `podlint fix --unsafe`\nfixed 2 findings in 1 file\n") !=
        std::string::npos);
  CHECK(r.status == 1);  // errors are left

  // Run again: nothing more to do, nothing written.
  const auto written = std::filesystem::last_write_time(file);
  const auto again = run("fix --color never " + tree.root().string());
  CHECK(again.out.find("fixed 0 findings in 0 files\n") != std::string::npos);
  CHECK(std::filesystem::last_write_time(file) == written);

  // --unsafe takes the rest.
  const auto unsafe = run("fix --unsafe --color never --fail-on error " + file.string());
  CHECK(read(file).find("limits: {memory: 512M}}\n") != std::string::npos);
  CHECK(
      read(file).find("    spec:\n      restartPolicy: OnFailure\n      automountServiceAccountToken: false\n"
                      "      containers:\n") != std::string::npos);
  CHECK(
      read(file).ends_with("limits: {memory: 512M}}\n          securityContext:\n"
                           "            readOnlyRootFilesystem: true\n"));
  CHECK(unsafe.status == 0);
}

TEST_CASE("podlint fix - reads standard input and writes the fixed text to standard output", "[cli][fix]") {
  const auto r = run_stdout("fix - --stdin-filename job.yaml", std::string(kJob));
  CHECK(r.out == fixed_job());
  CHECK(r.status == 1);
  // Nothing to fix: the text comes back as it was.
  const std::string clean = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}  # kept\n";
  const auto same = run_stdout("fix -", clean);
  CHECK(same.out == clean);
  CHECK(same.status == 0);
  // The report goes to standard error.
  const auto both = run("fix - --stdin-filename job.yaml --color never", std::string(kJob));
  CHECK(both.out.find("job.yaml:12:28: fixed: Change \"always\" to \"Always\" [invalid-enum]\n") !=
        std::string::npos);
}

TEST_CASE("podlint fix --diff prints a unified diff, changes nothing and exits 1 when it would",
          "[cli][fix]") {
  const TempTree tree;
  const auto file = tree.write("job.yaml", kJob);
  const auto r = run_stdout("fix --diff " + file.string());
  CHECK(read(file) == kJob);
  CHECK(r.status == 1);
  CHECK(r.out == "--- " + file.string() + "\n+++ " + file.string() +
                     "\n"
                     "@@ -9,5 +9,5 @@\n"
                     "       containers:\n"
                     "         - name: report\n"
                     "           image: example.com/report:1.0\n"
                     "-          imagePullPolicy: always   # pulled each run\n"
                     "-          resources: {requests: {cpu: 100m, memory: 1MiB}, limits: {memory: 512MB}}\n"
                     "+          imagePullPolicy: Always   # pulled each run\n"
                     "+          resources: {requests: {cpu: 100m, memory: 1Mi}, limits: {memory: 512MB}}\n");
  CHECK(run("fix --diff " + file.string()).out.find("would fix 2 findings in 1 file\n") != std::string::npos);
  const auto only_quantities = run_stdout("fix --diff --rule invalid-quantity " + file.string());
  CHECK(only_quantities.out.find("+          imagePullPolicy") == std::string::npos);
  CHECK(only_quantities.out.find("memory: 1Mi}") != std::string::npos);
  const auto fixed = tree.write("fixed.yaml", fixed_job());
  const auto nothing = run("fix --diff --rule invalid-enum " + fixed.string());
  CHECK(nothing.status == 0);
  CHECK(nothing.out == "nothing to fix\n");
}

TEST_CASE("podlint fix lints against the Pod Security level and release given, as podlint does",
          "[cli][fix]") {
  const TempTree tree;
  const auto file =
      tree.write("pod.yaml",
                 "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p  # kept\nspec:\n  containers:\n"
                 "    - name: a\n      image: example.com/a:1.0\n");
  const std::string rule = " --rule pss-run-as-non-root ";
  // Without a level the restricted controls do not run: nothing to fix.
  CHECK(run("fix --diff --unsafe" + rule + file.string()).out == "nothing to fix\n");
  const auto restricted = run_stdout("fix --diff --unsafe --pod-security restricted" + rule + file.string());
  CHECK(restricted.status == 1);
  CHECK(
      restricted.out.ends_with("       image: example.com/a:1.0\n"
                               "+      securityContext:\n"
                               "+        runAsNonRoot: true\n"));
  const auto release = run("fix --kubernetes-version 1.99 " + file.string());
  CHECK(release.status == 2);
  CHECK(release.out.find("podlint supports Kubernetes 1.29 to ") != std::string::npos);
}

TEST_CASE("podlint fix refuses an unknown rule and reports unreadable files", "[cli][fix]") {
  const auto unknown = run("fix --rule invalid-enm x.yaml");
  CHECK(unknown.status == 2);
  CHECK(unknown.out ==
        "podlint: --rule invalid-enm: no such rule (did you mean \"invalid-enum\"?) (podlint rules "
        "lists them)\n");
  const auto missing = run("fix --color never /nonexistent/job.yaml");
  CHECK(missing.status == 2);
  CHECK(missing.out.find("/nonexistent/job.yaml: error: cannot read: No such file or directory\n") == 0);
}
