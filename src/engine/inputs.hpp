// Finding and reading the inputs the user named.
#pragma once

#include <string>
#include <vector>

#include "engine/folder_facts.hpp"

namespace podlint {

// Expands the given paths: files as given, directories recursively to their
// .yaml/.yml/.json files (hidden directories and configuration files
// skipped), sorted. A path that does not exist is returned as is, so reading
// it reports the error. What the walk reads of each folder goes to `facts`,
// if given. Directories are walked on `jobs` threads.
std::vector<std::string> collect_inputs(const std::vector<std::string>& paths, FolderFacts* facts = nullptr,
                                        unsigned jobs = 1);

// Reads a whole file ("-" is standard input). Returns false with `error` set.
bool read_input(const std::string& path, std::string& contents, std::string& error);

}  // namespace podlint
