// `podlint config`: the configuration a path is linted with, written as a
// .podlint.yaml that states every setting, each with where it came from.
#pragma once

#include <ostream>
#include <string_view>

#include "engine/config_file.hpp"

namespace podlint {

void write_effective_config(std::ostream& out, std::string_view path, const ResolvedConfig& resolved);

}  // namespace podlint
