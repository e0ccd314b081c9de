// Applying fixes (engine/fix.hpp) and writing them back (engine/rewrite.hpp).
#include "engine/fix.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/rewrite.hpp"
#include "support.hpp"
#include "yaml/source.hpp"

namespace {

podlint::FixResult fix(const std::string& text, podlint::FixPolicy policy = {}) {
  return podlint::fix_text("x.yaml", text, {}, policy);
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

constexpr std::string_view kPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  restartPolicy: never   # was Never
  containers:
    - name: web
      image: nginx:1.27
      imagePullPolicy: ifNotPresent
      imagePullPolcy: Always
      ports:
        - containerPort: 80
          protocol: tcp
)";

}  // namespace

TEST_CASE("fix applies the safe fixes of every rule, and the unsafe ones only when asked", "[fix]") {
  const auto safe = fix(std::string(kPod));
  CHECK(safe.converged);
  CHECK(safe.text.find("  restartPolicy: Never   # was Never\n") != std::string::npos);
  CHECK(safe.text.find("      imagePullPolicy: IfNotPresent\n") != std::string::npos);
  CHECK(safe.text.find("          protocol: TCP\n") != std::string::npos);
  CHECK(safe.text.find("      imagePullPolcy: Always\n") != std::string::npos);  // a spelling: unsafe
  REQUIRE(safe.applied.size() == 3);
  CHECK(safe.applied[0].finding.rule == "invalid-restart-policy");
  CHECK(safe.applied[0].fix.title == "Set restartPolicy to Never");
  CHECK(safe.applied[1].finding.rule == "invalid-enum");
  CHECK(safe.applied[1].finding.span.begin.line == 10);
  // What is left is linted from the fixed text.
  for (const auto& d : safe.report.diagnostics)
    CHECK(d.rule != "invalid-enum");

  // Renaming the misspelt key would make two imagePullPolicy keys: no fix for
  // it. (The hardening rules' unsafe settings are not under test here.)
  const auto unsafe =
      fix(std::string(kPod),
          {.unsafe = true, .rules = {"invalid-restart-policy", "invalid-enum", "unknown-field"}});
  CHECK(unsafe.text == safe.text);
  size_t unknown = 0;
  for (const auto& d : unsafe.report.diagnostics) {
    if (d.rule != "unknown-field") continue;
    ++unknown;
    CHECK(d.fixes.empty());
  }
  CHECK(unknown == 1);
}

TEST_CASE("fix takes only the named rules' fixes, and none of a waived finding", "[fix]") {
  const auto only_enum = fix(std::string(kPod), {.rules = {"invalid-enum"}});
  CHECK(only_enum.text.find("restartPolicy: never") != std::string::npos);
  CHECK(only_enum.text.find("protocol: TCP") != std::string::npos);
  std::string waived(kPod);
  waived.replace(waived.find("          protocol: tcp"), 0,
                 "          # podlint-disable-next-line invalid-enum\n");
  const auto kept = fix(waived);
  CHECK(kept.text.find("protocol: tcp") != std::string::npos);
  CHECK(kept.text.find("podlint-disable-next-line invalid-enum") != std::string::npos);
}

TEST_CASE("fixes that clash take turns, and a second run changes nothing", "[fix]") {
  // Both duplicates name the first key: one fix for both findings. The
  // next round sees the last two and removes the earlier.
  const std::string text = "a: 1\na: 2\na: 3\nb: 4\n";
  const auto result = fix(text, {.unsafe = true});
  CHECK(result.converged);
  CHECK(result.text == "a: 3\nb: 4\n");
  REQUIRE(result.applied.size() == 3);
  CHECK(result.applied[0].fix == result.applied[1].fix);
  CHECK(result.applied[2].fix.title == "Remove the earlier \"a\" (line 1)");
  const auto again = fix(result.text, {.unsafe = true});
  CHECK(again.text == result.text);
  CHECK(again.applied.empty());
}

TEST_CASE("fixes that would break the YAML are dropped, one by one", "[fix]") {
  const std::string text = "a: 1\nb: [2, 3]\nc: 4\n";
  const auto edit = [&](std::string_view old, std::string replacement) {
    const podlint::yaml::LineIndex lines(text);
    const auto begin = static_cast<uint32_t>(text.find(old));
    return podlint::Edit{{lines.position(begin), lines.position(begin + static_cast<uint32_t>(old.size()))},
                         std::move(replacement)};
  };
  const podlint::Fix unclosed{.title = "unclosed", .edits = {edit("3]", "3")}};
  const podlint::Fix duplicate{.title = "duplicate", .edits = {edit("c:", "a:")}};
  const podlint::Fix fine{.title = "fine", .edits = {edit("1", "10")}};
  const podlint::Fix later{.title = "later", .edits = {edit("4", "40")}};
  const std::vector<const podlint::Fix*> all{&unclosed, &duplicate, &fine, &later};
  const auto result = podlint::apply_fixes(text, all);
  CHECK(result.text == "a: 10\nb: [2, 3]\nc: 4\n");
  CHECK(result.applied == std::vector<size_t>{2});
  CHECK(result.broke_yaml == std::vector<size_t>{0, 1});
  const std::vector<const podlint::Fix*> good{&fine, &later};
  CHECK(podlint::apply_fixes(text, good).text == "a: 10\nb: [2, 3]\nc: 40\n");
}

TEST_CASE("no fix removes an entry holding an anchor", "[fix]") {
  const std::string text = "a: &x 1\na: 2\nb: *x\n";
  const auto result = fix(text, {.unsafe = true});
  CHECK(result.text == text);  // removing it would leave *x dangling
  CHECK(result.applied.empty());
  REQUIRE(result.report.diagnostics.size() == 1);
  CHECK(result.report.diagnostics[0].rule == "duplicate-key");
  CHECK(result.report.diagnostics[0].fixes.empty());
}

TEST_CASE("a fixed file is written in its place, with its permissions, through a symlink", "[fix]") {
  const podlint::test::TempTree tree;
  const auto file = tree.write("deploy/pod.yaml", "old\n");
  std::filesystem::permissions(file, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write |
                                         std::filesystem::perms::group_read);
  std::string error;
  REQUIRE(podlint::rewrite_file(file.string(), "old\n", "new\n", error));
  CHECK(error.empty());
  CHECK(read(file) == "new\n");
  struct stat info {};
  REQUIRE(stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 07777) == 0640);
  // No temporary file is left beside it.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(file.parent_path()))
    ++entries;
  CHECK(entries == 1);

  const auto link = tree.root() / "link.yaml";
  std::filesystem::create_symlink(file, link);
  REQUIRE(podlint::rewrite_file(link.string(), "new\n", "newer\n", error));
  CHECK(std::filesystem::is_symlink(link));
  CHECK(read(file) == "newer\n");
}

TEST_CASE("a file that changed since it was read is not overwritten", "[fix]") {
  const podlint::test::TempTree tree;
  const auto file = tree.write("pod.yaml", "edited meanwhile\n");
  std::string error;
  CHECK_FALSE(podlint::rewrite_file(file.string(), "as read\n", "fixed\n", error));
  CHECK(error == "changed since it was read; not overwritten");
  CHECK(read(file) == "edited meanwhile\n");
  CHECK_FALSE(podlint::rewrite_file((tree.root() / "gone.yaml").string(), "", "x", error));
  CHECK(error == "No such file or directory");
}
