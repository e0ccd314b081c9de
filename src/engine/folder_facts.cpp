#include "engine/folder_facts.hpp"

#include <algorithm>
#include <system_error>

namespace podlint {

namespace fs = std::filesystem;

PathParts split_path(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return {{}, path};
  // Repeated separators belong to none: "a//b" lies in "a".
  const size_t end = path.find_last_not_of('/', slash);
  return {path.substr(0, end == std::string_view::npos ? 1 : end + 1), path.substr(slash + 1)};
}

bool is_plain_name(std::string_view name) {
  return !name.empty() && name != "." && name != "..";
}

std::string join_path(std::string_view folder, std::string_view name) {
  std::string out;
  out.reserve(folder.size() + 1 + name.size());
  out.append(folder);
  if (!out.empty() && out.back() != '/') out += '/';
  out.append(name);
  return out;
}

FolderFacts::FolderFacts() {
  std::error_code ec;
  cwd_ = fs::current_path(ec);
}

std::string FolderFacts::absolute(std::string_view path) const {
  const fs::path given(path.empty() ? std::string_view(".") : path);
  std::error_code ec;
  const fs::path base = given.is_absolute() ? fs::path() : cwd_.empty() ? fs::current_path(ec) : cwd_;
  std::string out = (base / given).lexically_normal().string();
  while (out.size() > 1 && out.back() == '/')
    out.pop_back();
  return out;
}

void FolderFacts::add_listing(std::string absolute, std::string canonical, std::vector<Entry> entries) {
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  const auto index = static_cast<uint32_t>(listings_.size());
  if (canonical != absolute) by_folder_.emplace(canonical, index);
  by_folder_.emplace(std::move(absolute), index);
  listings_.push_back({std::move(canonical), std::move(entries)});
}

const FolderFacts::Listing* FolderFacts::listing(std::string_view folder) const {
  const auto it = by_folder_.find(folder);
  return it == by_folder_.end() ? nullptr : &listings_[it->second];
}

bool FolderFacts::listed_type(std::string_view folder, std::string_view name, fs::file_type& type) const {
  const Listing* facts = listing(folder);
  if (facts == nullptr || !is_plain_name(name)) return false;
  const auto it = std::lower_bound(facts->entries.begin(), facts->entries.end(), name,
                                   [](const Entry& entry, std::string_view n) { return entry.name < n; });
  type = it != facts->entries.end() && it->name == name ? it->type : fs::file_type::not_found;
  return true;
}

bool FolderFacts::has_entry(std::string_view folder, std::string_view name) const {
  fs::file_type type;
  if (listed_type(folder, name, type)) return type != fs::file_type::not_found;
  std::error_code ec;
  return fs::exists(fs::symlink_status(join_path(folder, name), ec));
}

bool FolderFacts::is_symlink(std::string_view folder, std::string_view name) const {
  fs::file_type type;
  if (listed_type(folder, name, type)) return type == fs::file_type::symlink;
  std::error_code ec;
  return fs::is_symlink(fs::symlink_status(join_path(folder, name), ec));
}

bool FolderFacts::is_directory(std::string_view folder, std::string_view name) const {
  fs::file_type type;
  if (listed_type(folder, name, type) && type != fs::file_type::symlink)
    return type == fs::file_type::directory;
  std::error_code ec;
  return fs::is_directory(join_path(folder, name), ec);
}

bool FolderFacts::exists(std::string_view folder, std::string_view name) const {
  fs::file_type type;
  if (listed_type(folder, name, type) && type != fs::file_type::symlink)
    return type != fs::file_type::not_found;
  std::error_code ec;
  return fs::exists(join_path(folder, name), ec);
}

std::string FolderFacts::canonical(std::string_view folder) const {
  if (const Listing* facts = listing(folder)) return facts->canonical;
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(fs::path(folder), ec);
  return ec ? std::string(folder) : resolved.string();
}

const FolderFacts& FolderFacts::none() {
  // No current directory kept: it is read when asked, as it may change.
  static const FolderFacts facts = [] {
    FolderFacts empty;
    empty.cwd_.clear();
    return empty;
  }();
  return facts;
}

}  // namespace podlint
