#include "engine/inputs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <mutex>
#include <system_error>
#include <thread>

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

struct Folder {
  std::string shown;  // as the user gave it, plus the names below
  std::string absolute, canonical;
};

// What one folder's listing holds: its manifests (links to files
// followed), its folders to walk (not hidden ones, not links to folders:
// their contents' paths with links resolved are then the parent's and their
// names), and every entry with its type.
struct Listed {
  std::vector<std::string> manifests;
  std::vector<Folder> folders;
  std::vector<FolderFacts::Entry> entries;
  bool whole = false;  // false: the listing failed part way
};

// One listing a folder, its entries' types from d_type: a stat only for a
// symbolic link or where the file system gives no type.
Listed list_folder(const Folder& folder) {
  Listed out;
  std::error_code ec;
  fs::directory_iterator it(folder.shown, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    const fs::file_type type = listed_type(*it, type_ec);
    std::string name = it->path().filename().string();
    if (type == fs::file_type::symlink) {
      if (fs::is_regular_file(it->status(type_ec)) && is_manifest(name) && !is_config_file_name(name))
        out.manifests.push_back(join_path(folder.shown, name));
    } else if (type == fs::file_type::directory) {
      if (name[0] != '.')
        out.folders.push_back({join_path(folder.shown, name), join_path(folder.absolute, name),
                               join_path(folder.canonical, name)});
    } else if (type == fs::file_type::regular && is_manifest(name) && !is_config_file_name(name)) {
      out.manifests.push_back(join_path(folder.shown, name));
    }
    out.entries.push_back({std::move(name), type});
  }
  out.whole = !ec;
  return out;
}

// Walks the folders below `root` on `jobs` threads (the caller one of them),
// a folder at a time from a shared list: listing a folder is system calls,
// and a tree of thousands of folders takes a while on one thread.
void collect_directory(const std::string& root, FolderFacts* facts, unsigned jobs,
                       std::vector<std::string>& out) {
  const FolderFacts& known = facts != nullptr ? *facts : FolderFacts::none();
  const std::string absolute = known.absolute(root);
  std::vector<Folder> pending{{root, absolute, known.canonical(absolute)}};
  std::vector<std::string> found;
  std::mutex mutex;
  std::condition_variable changed;
  unsigned busy = 0;
  const auto walker = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      changed.wait(lock, [&] { return !pending.empty() || busy == 0; });
      if (pending.empty()) return;  // and no walker busy: nothing more will come
      const Folder folder = std::move(pending.back());
      pending.pop_back();
      ++busy;
      lock.unlock();
      Listed listed = list_folder(folder);
      lock.lock();
      --busy;
      found.insert(found.end(), std::make_move_iterator(listed.manifests.begin()),
                   std::make_move_iterator(listed.manifests.end()));
      // A folder that could not be read whole is left for the file system to answer.
      if (facts != nullptr && listed.whole)
        facts->add_listing(folder.absolute, folder.canonical, std::move(listed.entries));
      std::move(listed.folders.begin(), listed.folders.end(), std::back_inserter(pending));
      changed.notify_all();
    }
  };
  {
    std::vector<std::jthread> others;
    for (unsigned t = 1; t < jobs; ++t)
      others.emplace_back(walker);
    walker();
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

}  // namespace

std::vector<std::string> collect_inputs(const std::vector<std::string>& paths, FolderFacts* facts,
                                        unsigned jobs) {
  std::vector<std::string> out;
  for (const auto& path : paths) {
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec)) {
      collect_directory(path, facts, std::max(jobs, 1u), out);
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
