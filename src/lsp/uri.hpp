// file: URIs (RFC 8089) to paths and back, as editors write them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace podlint::lsp {

// The path of a file: URI, percent-decoded; nullopt for other schemes
// (untitled:, ...) and for what is not a URI.
std::optional<std::filesystem::path> path_of_uri(const std::string& uri);
// The file: URI of an absolute path, percent-encoding what must be.
std::string uri_of_path(const std::filesystem::path& path);

}  // namespace podlint::lsp
