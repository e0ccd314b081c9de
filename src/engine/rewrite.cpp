#include "engine/rewrite.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "engine/inputs.hpp"

namespace podlint {

namespace {

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool unchanged(const std::string& path, std::string_view expected, std::string& error) {
  std::string now;
  if (!read_input(path, now, error)) return false;
  if (now == expected) return true;
  error = "changed since it was read; not overwritten";
  return false;
}

}  // namespace

bool rewrite_file(const std::string& path, std::string_view expected, std::string_view contents,
                  std::string& error) {
  namespace fs = std::filesystem;
  error.clear();
  std::error_code ec;
  const fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : fs::path(path);
  if (ec) {
    error = ec.message();
    return false;
  }
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) {
    error = std::strerror(errno);
    return false;
  }
  if (!unchanged(target, expected, error)) return false;
  // Beside the file, so that the rename stays on one filesystem.
  std::string name = target.filename().string();
  name.insert(0, 1, '.');
  name += ".podlint-XXXXXX";
  std::string temporary = (target.parent_path() / name).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    error = std::string("cannot create a temporary file beside it: ") + std::strerror(errno);
    return false;
  }
  const auto fail = [&](const char* what) {
    error = std::string(what) + ": " + std::strerror(errno);
    ::close(fd);
    ::unlink(temporary.c_str());
    return false;
  };
  if (!write_all(fd, contents)) return fail("write error");
  if (::fchmod(fd, info.st_mode & 07777) != 0) return fail("cannot keep its permissions");
  // Only a privileged process may give the file to another owner; others keep theirs.
  [[maybe_unused]] const int owner_kept = ::fchown(fd, info.st_uid, info.st_gid);
  if (::fsync(fd) != 0) return fail("write error");
  if (::close(fd) != 0) {
    error = std::string("write error: ") + std::strerror(errno);
    ::unlink(temporary.c_str());
    return false;
  }
  // Checked again just before the rename, to keep the window for a lost edit small.
  if (!unchanged(target, expected, error) || ::rename(temporary.c_str(), target.c_str()) != 0) {
    if (error.empty()) error = std::strerror(errno);
    ::unlink(temporary.c_str());
    return false;
  }
  return true;
}

}  // namespace podlint
