// What a container runs, as far as its manifest says: the words of command
// and args, and the script a shell runs with -c.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "model/pod.hpp"

namespace podlint::rules {

struct Word {
  const model::Field<std::string_view>* field;  // its node, for positions
  std::string_view text;
};

// command then args, when the container sets a command (without one, the
// image's entrypoint, which the manifest does not show, comes first).
std::vector<Word> command_line(const model::Container& container);

// Whether a program is a POSIX-like shell: sh, bash, ash, dash, zsh, ksh,
// by name or path.
bool is_shell(std::string_view program);

// `sh -c SCRIPT ...`: the shell's -c option and what follows it.
struct ShellCall {
  size_t option;                 // the index of "-c" in the command line
  std::optional<size_t> script;  // the index of the script, when there is one
};
std::optional<ShellCall> shell_call(const std::vector<Word>& line);

}  // namespace podlint::rules
