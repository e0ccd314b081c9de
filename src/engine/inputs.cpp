#include "engine/inputs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <system_error>

#include "engine/config_finder.hpp"

namespace podlint {

namespace fs = std::filesystem;

namespace {

// A name with the extension .yaml, .yml or .json (".yaml" alone is a hidden
// file without one).
bool is_manifest(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == 0 || dot == std::string_view::npos) return false;
  const std::string_view extension = name.substr(dot);
  return extension == ".yaml" || extension == ".yml" || extension == ".json";
}

// An entry's type as its folder's listing gives it (d_type), a link as a
// link: the entry's cached type, a stat only if the listing has none.
fs::file_type listed_type(const fs::directory_entry& entry, std::error_code& ec) {
  if (entry.is_symlink(ec)) return fs::file_type::symlink;
  if (entry.is_directory(ec)) return fs::file_type::directory;
  if (entry.is_regular_file(ec)) return fs::file_type::regular;
  return ec ? fs::file_type::not_found
            : fs::file_type::unknown;  // a device, a socket...: only its name matters
}

// Walks `folder` (named `shown`, as the user gave it plus the names below)
// depth first. One listing a folder, its entries' types from d_type: a stat
// only for a symbolic link (followed when it leads to a file, as a file
// named on the command line would be) or where the file system gives no type.
void walk(const std::string& shown, const std::string& absolute, const std::string& canonical,
          FolderFacts* facts, std::vector<std::string>& found) {
  std::vector<FolderFacts::Entry> entries;
  std::vector<std::string> folders;
  std::error_code ec;
  fs::directory_iterator it(shown, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    const fs::file_type type = listed_type(*it, type_ec);
    std::string name = it->path().filename().string();
    if (type == fs::file_type::symlink) {
      if (fs::is_regular_file(it->status(type_ec)) && is_manifest(name) && !is_config_file_name(name))
        found.push_back(join_path(shown, name));
    } else if (type == fs::file_type::directory) {
      if (name[0] != '.') folders.push_back(name);
    } else if (type == fs::file_type::regular && is_manifest(name) && !is_config_file_name(name)) {
      found.push_back(join_path(shown, name));
    }
    if (facts != nullptr) entries.push_back({std::move(name), type});
  }
  // A folder that could not be read whole is left for the file system to answer.
  if (facts != nullptr && !ec) facts->add_listing(absolute, canonical, std::move(entries));
  // A link to a folder is not followed: it stays as it is, and so its
  // contents' paths, with links resolved, are the parent's and their names.
  for (const std::string& name : folders)
    walk(join_path(shown, name), join_path(absolute, name), join_path(canonical, name), facts, found);
}

void collect_directory(const std::string& root, FolderFacts* facts, std::vector<std::string>& out) {
  std::vector<std::string> found;
  const FolderFacts& known = facts != nullptr ? *facts : FolderFacts::none();
  const std::string absolute = known.absolute(root);
  walk(root, absolute, known.canonical(absolute), facts, found);
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

}  // namespace

std::vector<std::string> collect_inputs(const std::vector<std::string>& paths, FolderFacts* facts) {
  std::vector<std::string> out;
  for (const auto& path : paths) {
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec)) {
      collect_directory(path, facts, out);
    } else {
      out.push_back(path);
    }
  }
  return out;
}

bool read_input(const std::string& path, std::string& contents, std::string& error) {
  contents.clear();
  if (path == "-") {
    contents.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  struct stat info {};
  const bool known = ::fstat(fd, &info) == 0;
  if (known && S_ISDIR(info.st_mode)) {
    ::close(fd);
    error = "is a directory";
    return false;
  }
  // A regular file is read in one call sized by its length (one byte more,
  // so that a short read tells its end); anything else until it ends.
  const bool regular = known && S_ISREG(info.st_mode);
  size_t length = 0;
  contents.resize(regular ? static_cast<size_t>(info.st_size) + 1 : size_t{1} << 16);
  for (;;) {
    const ssize_t n = ::read(fd, contents.data() + length, contents.size() - length);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      ::close(fd);
      contents.clear();
      return false;
    }
    length += static_cast<size_t>(n);
    if (n == 0 || (regular && length < contents.size())) break;
    if (length == contents.size()) contents.resize(contents.size() * 2);
  }
  ::close(fd);
  contents.resize(length);
  return true;
}

}  // namespace podlint
