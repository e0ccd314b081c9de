// Writing a fixed input back to its file, so that nothing is lost on the
// way: not the file when the disk fills up, not its permissions, not a change
// someone else made since it was read.
#pragma once

#include <string>
#include <string_view>

namespace podlint {

// Replaces the contents of the file at `path`, which were read as
// `expected`, with `contents`: written to a temporary file beside it, flushed
// to disk and renamed over it, with the file's permissions (and its owner,
// where the process may set it). A symbolic link is followed: the file it
// points to is replaced, the link stays. Nothing is written, and false
// returned with `error` set, when the file no longer holds `expected` (it
// changed since it was read) or any step fails.
bool rewrite_file(const std::string& path, std::string_view expected, std::string_view contents,
                  std::string& error);

}  // namespace podlint
