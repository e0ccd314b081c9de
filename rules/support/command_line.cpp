#include "command_line.hpp"

namespace podlint::rules {

std::vector<Word> command_line(const model::Container& c) {
  std::vector<Word> line;
  if (!c.command_key) return line;
  for (const auto* list : {&c.command, &c.args})
    for (const model::Field<std::string_view>& word : *list)
      if (word.valid()) line.push_back({&word, word.value});
  return line;
}

bool is_shell(std::string_view program) {
  const size_t slash = program.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? program : program.substr(slash + 1);
  for (std::string_view shell : {"sh", "bash", "ash", "dash", "zsh", "ksh"})
    if (name == shell) return true;
  return false;
}

std::optional<ShellCall> shell_call(const std::vector<Word>& line) {
  if (line.empty() || !is_shell(line[0].text)) return std::nullopt;
  // Options such as -e or -x may come before -c; -c may be combined (-ec).
  for (size_t i = 1; i < line.size() && line[i].text.starts_with('-'); ++i) {
    if (line[i].text.find('c') == std::string_view::npos || line[i].text.starts_with("--")) continue;
    ShellCall call{i, std::nullopt};
    if (i + 1 < line.size()) call.script = i + 1;
    return call;
  }
  return std::nullopt;
}

}  // namespace podlint::rules
