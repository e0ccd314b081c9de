#include "engine/config_finder.hpp"

#include <algorithm>
#include <array>
#include <system_error>
#include <utility>

#include "engine/inputs.hpp"

namespace podlint {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 2> kConfigNames{".podlint.yaml", ".podlint.yml"};

fs::path absolute_path(const fs::path& path, const fs::path& cwd) {
  return (path.is_absolute() ? path : cwd / path).lexically_normal();
}

}  // namespace

bool is_config_file_name(std::string_view name) {
  return std::find(kConfigNames.begin(), kConfigNames.end(), name) != kConfigNames.end();
}

ConfigFinder::ConfigFinder(const std::string& given, const FolderFacts& folders) : folders_(folders) {
  std::error_code ec;
  cwd_ = fs::current_path(ec);
  if (!given.empty()) {
    given_ = true;
    given_file_ = load(given, given, true);
  }
}

ResolvedConfig ConfigFinder::resolve(const std::optional<std::string>& path) {
  std::optional<fs::path> target;
  if (path) target = absolute_path(*path, cwd_);
  const ConfigFile* file = given_file_;
  if (!given_) {
    fs::path start = cwd_;
    if (target) {
      const auto [folder, name] = split_path(target->native());
      start = is_plain_name(name) && folders_.is_directory(folder, name) ? *target : target->parent_path();
    }
    file = for_directory(start);
  }
  if (file != nullptr && (!file->ignore.empty() || !file->overrides.empty()))
    return resolve_config(file, target);
  auto [same, added] = same_for_every_input_.try_emplace(file);
  if (added) same->second = resolve_config(file, std::nullopt);
  return same->second;
}

const ConfigFile* ConfigFinder::for_directory(const fs::path& directory) {
  if (const auto it = by_directory_.find(directory.native()); it != by_directory_.end()) return it->second;
  std::vector<fs::path> found;
  for (const std::string_view name : kConfigNames) {
    if (folders_.has_entry(directory.native(), name)) found.push_back(directory / name);
  }
  const ConfigFile* file = nullptr;
  if (found.size() > 1) {
    errors_.push_back({found[1].string(), std::nullopt,
                       "two configuration files in one directory: keep .podlint.yaml or .podlint.yml"});
  } else if (found.size() == 1) {
    const fs::path relative = found[0].lexically_relative(cwd_);
    const bool inside = !relative.empty() && *relative.begin() != "..";
    file = load(found[0], inside ? relative.string() : found[0].string(), false);
  } else if (!folders_.has_entry(directory.native(), ".git") && directory.has_relative_path()) {
    file = for_directory(directory.parent_path());
  }
  by_directory_.emplace(directory.native(), file);
  return file;
}

const ConfigFile* ConfigFinder::load(const fs::path& path, std::string shown, bool given) {
  std::string text, error;
  if (!read_input(path.string(), text, error)) {
    errors_.push_back({std::move(shown), std::nullopt, "cannot read the configuration: " + error});
    return nullptr;
  }
  const size_t errors_before = errors_.size();
  auto file = std::make_unique<ConfigFile>(parse_config(std::move(shown), text, errors_));
  if (errors_.size() != errors_before) return nullptr;
  file->directory = absolute_path(path, cwd_).parent_path();
  file->given = given;
  return loaded_.emplace_back(std::move(file)).get();
}

}  // namespace podlint
