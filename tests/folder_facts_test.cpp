// What the directory walk learns of the inputs' folders (engine/folder_facts)
// must answer as the file system would, through symbolic links too; and the
// inputs, their roles and configurations found from it are those a stat of
// each file would give.
#include "engine/folder_facts.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/config_finder.hpp"
#include "engine/input_kind.hpp"
#include "engine/inputs.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

using podlint::FolderFacts;
using podlint::test::TempTree;

TEST_CASE("a path splits into its folder and its name as given", "[folders]") {
  const auto check = [](std::string_view path, std::string_view folder, std::string_view name) {
    INFO(path);
    const podlint::PathParts parts = podlint::split_path(path);
    CHECK(parts.folder == folder);
    CHECK(parts.name == name);
  };
  check("a/b.yaml", "a", "b.yaml");
  check("b.yaml", "", "b.yaml");
  check("/b.yaml", "/", "b.yaml");
  check("//b.yaml", "/", "b.yaml");
  check("a//b.yaml", "a", "b.yaml");
  check("./a/b.yaml", "./a", "b.yaml");
  check("a/", "a", "");
  check("", "", "");
  CHECK(podlint::is_plain_name("b.yaml"));
  CHECK(podlint::is_plain_name(".podlint.yaml"));
  CHECK_FALSE(podlint::is_plain_name(""));
  CHECK_FALSE(podlint::is_plain_name("."));
  CHECK_FALSE(podlint::is_plain_name(".."));
  CHECK(podlint::join_path("/", "a") == "/a");
  CHECK(podlint::join_path("/x", "a") == "/x/a");
  CHECK(podlint::join_path("", "a") == "a");
}

namespace {

// A folder of every kind of entry a walk meets.
void write_mixed_folder(const TempTree& tree) {
  tree.write("f/file.yaml", "a: 1\n");
  tree.write("f/notes.txt", "not a manifest\n");
  tree.write("f/.podlint.yaml", "rules: {}\n");
  tree.write("f/.hidden/inside.yaml", "a: 1\n");
  tree.write("f/sub/deep.json", "{}\n");
  tree.write("elsewhere/target.yaml", "a: 1\n");
  fs::create_symlink(tree.root() / "elsewhere/target.yaml", tree.root() / "f/link.yaml");
  fs::create_directory_symlink(tree.root() / "f/sub", tree.root() / "f/link-to-sub");
  fs::create_symlink(tree.root() / "f/nowhere", tree.root() / "f/dangling.yaml");
}

}  // namespace

TEST_CASE("the walk's listing answers as a stat of each entry would", "[folders]") {
  TempTree tree;
  write_mixed_folder(tree);
  FolderFacts folders;
  const std::vector<std::string> inputs = podlint::collect_inputs({(tree.root() / "f").string()}, &folders);
  const std::string f = (tree.root() / "f").string();
  // Links to files are followed, links to folders, hidden folders,
  // configuration files and dangling links are not.
  CHECK(inputs == std::vector<std::string>{f + "/file.yaml", f + "/link.yaml", f + "/sub/deep.json"});
  for (const std::string& folder : {f, f + "/sub", f + "/missing"}) {
    for (const char* name : {"file.yaml", "notes.txt", ".podlint.yaml", ".hidden", "sub", "link.yaml",
                             "link-to-sub", "dangling.yaml", "missing.yaml", "deep.json"}) {
      INFO(folder << " " << name);
      const FolderFacts& asked = FolderFacts::none();
      CHECK(folders.has_entry(folder, name) == asked.has_entry(folder, name));
      CHECK(folders.is_symlink(folder, name) == asked.is_symlink(folder, name));
      CHECK(folders.is_directory(folder, name) == asked.is_directory(folder, name));
      CHECK(folders.exists(folder, name) == asked.exists(folder, name));
    }
  }
  CHECK(folders.has_entry(f, "dangling.yaml"));
  CHECK_FALSE(folders.exists(f, "dangling.yaml"));
  CHECK(folders.is_directory(f, "link-to-sub"));
  CHECK(folders.is_symlink(f, "link-to-sub"));
  CHECK_FALSE(folders.has_entry(f, "missing.yaml"));
}

TEST_CASE("a folder walked through a link knows where it really lies", "[folders]") {
  TempTree tree;
  tree.write("real/app/pod.yaml", "a: 1\n");
  fs::create_directory_symlink(tree.root() / "real", tree.root() / "via");
  FolderFacts folders;
  const std::string via = (tree.root() / "via").string();
  const auto inputs = podlint::collect_inputs({via + "/"}, &folders);
  CHECK(inputs == std::vector<std::string>{via + "/app/pod.yaml"});
  const std::string real = fs::canonical(tree.root() / "real").string();
  CHECK(folders.canonical(via) == real);
  CHECK(folders.canonical(via + "/app") == real + "/app");
  // The real path names the same listing.
  CHECK(folders.has_entry(real + "/app", "pod.yaml"));
  CHECK(folders.absolute(via + "/./app/../app/") == via + "/app");
}

TEST_CASE("an input's role sees through a symbolic link to where its file lies", "[folders][inputs]") {
  TempTree tree;
  tree.write("chart/Chart.yaml", "name: web\n");
  tree.write("chart/templates/pod.yaml", "kind: Pod\n");
  tree.write("overlay/kustomization.yaml", "patches:\n  - path: patch.yaml\n");
  tree.write("overlay/patch.yaml", "kind: Pod\n");
  tree.write("elsewhere/plain.yaml", "kind: Pod\n");
  fs::create_symlink(tree.root() / "chart/templates/pod.yaml", tree.root() / "elsewhere/template-link.yaml");
  fs::create_symlink(tree.root() / "overlay/patch.yaml", tree.root() / "elsewhere/patch-link.yaml");
  FolderFacts folders;
  const auto inputs = podlint::collect_inputs({(tree.root() / "elsewhere").string()}, &folders);
  REQUIRE(inputs.size() == 3);
  podlint::KustomizePatches patches(folders);
  for (const std::string& input : inputs)
    patches.add_input(input);
  const std::string elsewhere = (tree.root() / "elsewhere").string();
  CHECK(podlint::input_role(elsewhere + "/template-link.yaml", patches) == podlint::InputRole::ChartTemplate);
  CHECK(podlint::input_role(elsewhere + "/patch-link.yaml", patches) == podlint::InputRole::KustomizePatch);
  CHECK(podlint::input_role(elsewhere + "/plain.yaml", patches) == podlint::InputRole::Manifest);
  // Walked where they lie, the same files have the same roles.
  FolderFacts walked;
  const auto direct = podlint::collect_inputs({tree.root().string()}, &walked);
  podlint::KustomizePatches direct_patches(walked);
  for (const std::string& input : direct)
    direct_patches.add_input(input);
  CHECK(podlint::input_role((tree.root() / "chart/templates/pod.yaml").string(), direct_patches) ==
        podlint::InputRole::ChartTemplate);
  CHECK(podlint::input_role((tree.root() / "overlay/patch.yaml").string(), direct_patches) ==
        podlint::InputRole::KustomizePatch);
  CHECK(podlint::input_role((tree.root() / "overlay/kustomization.yaml").string(), direct_patches) ==
        podlint::InputRole::Kustomization);
  CHECK(podlint::input_role((tree.root() / "elsewhere/plain.yaml").string(), direct_patches) ==
        podlint::InputRole::Manifest);
}

TEST_CASE("a file's configuration is found from the walk as from the file system", "[folders][config]") {
  TempTree tree;
  tree.write("repo/.git/HEAD", "ref: refs/heads/main\n");
  tree.write("repo/.podlint.yaml", "rules: {missing-resources: off}\n");
  tree.write("repo/app/.podlint.yaml", "ignore: [ignored.yaml]\n");
  tree.write("repo/app/pod.yaml", "kind: Pod\n");
  tree.write("repo/app/ignored.yaml", "kind: Pod\n");
  tree.write("repo/other/pod.yaml", "kind: Pod\n");
  tree.write("repo/other/nested/pod.yaml", "kind: Pod\n");
  const std::string repo = (tree.root() / "repo").string();
  const auto shown = [](const podlint::ResolvedConfig& resolved) {
    return resolved.file == nullptr ? std::string("none") : resolved.file->path;
  };
  FolderFacts folders;
  const auto inputs = podlint::collect_inputs({repo}, &folders);
  CHECK(inputs.size() == 4);
  podlint::ConfigFinder walked({}, folders);
  podlint::ConfigFinder asked;
  for (const std::string& input : inputs) {
    INFO(input);
    CHECK(shown(walked.resolve(input)) == shown(asked.resolve(input)));
    CHECK(walked.resolve(input).ignored_by.has_value() == asked.resolve(input).ignored_by.has_value());
  }
  CHECK(shown(walked.resolve(repo + "/app/pod.yaml")).ends_with("repo/app/.podlint.yaml"));
  CHECK(walked.resolve(repo + "/app/ignored.yaml").ignored_by.has_value());
  CHECK(shown(walked.resolve(repo + "/other/nested/pod.yaml")).ends_with("repo/.podlint.yaml"));
  // A directory is configured by what lies in it.
  CHECK(shown(walked.resolve(repo + "/app")).ends_with("repo/app/.podlint.yaml"));
  CHECK(walked.errors().empty());
}

TEST_CASE("an input is read whole, and what cannot be read says why", "[inputs]") {
  TempTree tree;
  std::string big;
  while (big.size() < 300'000)
    big += "# a comment line that pads the file out\n";
  tree.write("big.yaml", big);
  tree.write("empty.yaml", "");
  tree.mkdir("folder.yaml");
  std::string text, error;
  CHECK(podlint::read_input((tree.root() / "big.yaml").string(), text, error));
  CHECK(text == big);
  CHECK(podlint::read_input((tree.root() / "empty.yaml").string(), text, error));
  CHECK(text.empty());
  CHECK_FALSE(podlint::read_input((tree.root() / "folder.yaml").string(), text, error));
  CHECK(error == "is a directory");
  CHECK_FALSE(podlint::read_input((tree.root() / "missing.yaml").string(), text, error));
  CHECK(error == "No such file or directory");
  // Not a regular file: read until it ends.
  const std::string fifo = (tree.root() / "pipe.yaml").string();
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const pid_t child = fork();
  if (child == 0) {
    FILE* writer = fopen(fifo.c_str(), "w");
    fputs(big.c_str(), writer);
    fclose(writer);
    _exit(0);
  }
  CHECK(podlint::read_input(fifo, text, error));
  CHECK(text == big);
  waitpid(child, nullptr, 0);
}

TEST_CASE("a tree walked on several threads gives the same inputs and facts as on one", "[folders][jobs]") {
  TempTree tree;
  for (int a = 0; a < 12; ++a) {
    for (int b = 0; b < 5; ++b) {
      tree.write(fmt::format("d{}/e{}/pod.yaml", a, b), "a: 1\n");
      tree.write(fmt::format("d{}/e{}/notes.md", a, b), "x\n");
    }
    tree.write(fmt::format("d{}/kustomization.yaml", a), "resources: []\n");
    tree.write(fmt::format("d{}/.hidden/skip.yaml", a), "a: 1\n");
  }
  FolderFacts one, four;
  const auto serial = podlint::collect_inputs({tree.root().string()}, &one, 1);
  const auto parallel = podlint::collect_inputs({tree.root().string()}, &four, 4);
  CHECK(serial.size() == 12 * 6);
  CHECK(parallel == serial);
  CHECK(std::is_sorted(serial.begin(), serial.end()));
  for (int a = 0; a < 12; ++a) {
    const std::string folder = (tree.root() / fmt::format("d{}", a)).string();
    CHECK(four.has_entry(folder, "kustomization.yaml"));
    CHECK(four.is_directory(folder, "e4"));
    CHECK(four.has_entry(folder + "/e0", "notes.md"));
    CHECK(four.canonical(folder + "/e1") == one.canonical(folder + "/e1"));
  }
}
