// Finding the configuration file that applies to each input: the nearest
// .podlint.yaml (or .podlint.yml) walking up from the input's directory,
// stopping at the repository root (a directory holding .git) or the
// filesystem root; or the one file given with --config. Each file is read
// once and each directory looked at once, however many inputs share them.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config_file.hpp"
#include "engine/folder_facts.hpp"

namespace podlint {

// Whether a file name is one of a configuration file's (.podlint.yaml,
// .podlint.yml): directory walks do not lint them as manifests.
bool is_config_file_name(std::string_view name);

class ConfigFinder {
 public:
  // `given`: the --config file, read now and used for every input; empty:
  // discover. `folders`: what the inputs' walk read of their folders (it
  // must outlive this); none: the file system answers.
  explicit ConfigFinder(const std::string& given = {}, const FolderFacts& folders = FolderFacts::none());

  // The configuration for the file or directory at `path` (it need not
  // exist); no path: standard input without a name, for which the search
  // starts in the current directory. Problems with configuration files go to
  // errors(), and the affected inputs get the defaults.
  ResolvedConfig resolve(const std::optional<std::string>& path);

  const std::vector<ConfigError>& errors() const { return errors_; }

 private:
  const ConfigFile* for_directory(const std::filesystem::path& directory);
  const ConfigFile* load(const std::filesystem::path& path, std::string shown, bool given);

  bool given_ = false;                      // --config: given_file_ for every input
  const ConfigFile* given_file_ = nullptr;  // null when it is broken
  std::filesystem::path cwd_;
  const FolderFacts& folders_;
  std::map<std::string, const ConfigFile*, std::less<>> by_directory_;  // absolute path -> its file
  // What a file without `ignore` globs or `overrides` (or no file: null)
  // resolves to, the same for every input it applies to: made once.
  std::map<const ConfigFile*, ResolvedConfig> same_for_every_input_;
  std::vector<std::unique_ptr<ConfigFile>> loaded_;
  std::vector<ConfigError> errors_;
};

}  // namespace podlint
