// What the directory walk learnt of the folders it read, so that nothing
// asks the file system again about them: each folder's entries with their
// types (from the listing's d_type: no stat of each file) and its path with
// symbolic links resolved (its parent's, plus its name). The configuration
// lookup and the inputs' roles (kustomize, Helm) ask here first; of a folder
// the walk did not read, the file system answers, as it would have.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace podlint {

// A path as the folder its last name lies in and that name, both as given:
// "a/b.yaml" is {"a", "b.yaml"}, "b.yaml" {"", "b.yaml"}, "/b.yaml" {"/",
// "b.yaml"}, "a/" {"a", ""}.
struct PathParts {
  std::string_view folder;
  std::string_view name;
};
PathParts split_path(std::string_view path);

// Whether a name is one an entry of a folder can have: not empty, "." or "..".
bool is_plain_name(std::string_view name);

// `folder` + "/" + `name`, without doubling a separator ("/" + "a" is "/a").
std::string join_path(std::string_view folder, std::string_view name);

class FolderFacts {
 public:
  struct Entry {
    std::string name;
    std::filesystem::file_type type;  // as the listing says: a link is a symlink
  };

  // The current directory, read once: relative paths are made absolute
  // against it without asking again.
  FolderFacts();

  // An absolute, lexically normal path for `path` (relative to the current
  // directory), with no trailing separator.
  std::string absolute(std::string_view path) const;

  // Records a folder the walk listed: its absolute path, the same with links
  // resolved, and its entries in any order.
  void add_listing(std::string absolute, std::string canonical, std::vector<Entry> entries);

  // Of the entry `name` of the folder at the absolute path `folder`:
  // whether there is one (a dangling link is one); whether it is a
  // symbolic link; whether it is a directory or a link to one; whether it
  // exists when links are followed.
  bool has_entry(std::string_view folder, std::string_view name) const;
  bool is_symlink(std::string_view folder, std::string_view name) const;
  bool is_directory(std::string_view folder, std::string_view name) const;
  bool exists(std::string_view folder, std::string_view name) const;

  // The folder at the absolute path `folder` with its links resolved, as
  // far as it exists.
  std::string canonical(std::string_view folder) const;

  // Facts of nothing: every answer from the file system.
  static const FolderFacts& none();

 private:
  struct Listing {
    std::string canonical;
    std::vector<Entry> entries;  // sorted by name
  };
  // The listing of a folder the walk read, else null; and the type of one of
  // its entries (not_found when there is none), if listed.
  const Listing* listing(std::string_view folder) const;
  bool listed_type(std::string_view folder, std::string_view name, std::filesystem::file_type& type) const;

  std::filesystem::path cwd_;
  std::vector<Listing> listings_;
  // Absolute path, and canonical path where it differs, to the listing.
  std::map<std::string, uint32_t, std::less<>> by_folder_;
};

}  // namespace podlint
