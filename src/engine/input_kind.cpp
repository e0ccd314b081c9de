#include "engine/input_kind.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <span>
#include <system_error>

#include "engine/inputs.hpp"
#include "yaml/parser.hpp"

namespace podlint {

namespace fs = std::filesystem;

namespace {

std::string canonical_path(const fs::path& path) {
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return (ec ? path.lexically_normal() : resolved).string();
}

std::string_view trim_start(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t");
  return start == std::string_view::npos ? std::string_view() : text.substr(start);
}

bool is_template_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Go's right delimiter at `i`: "}}", or " -}}" with its trim marker; the
// offset past it, or npos.
size_t right_delimiter_end(std::string_view text, size_t i) {
  if (text.substr(i).starts_with("}}")) return i + 2;
  if (i + 1 < text.size() && is_template_space(text[i]) && text.substr(i + 1).starts_with("-}}"))
    return i + 4;
  return std::string_view::npos;
}

// The offset past the quote that closes a "..." or '...' that opens at
// `open`, or npos: such literals end at their line.
size_t quoted_end(std::string_view text, size_t open) {
  const char quote = text[open];
  for (size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] == '\n') return std::string_view::npos;
    if (text[i] == '\\') {
      ++i;
      if (i < text.size() && text[i] == '\n') return std::string_view::npos;
    } else if (text[i] == quote) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '_' || u >= 0x80;  // letters beyond ASCII too
}

}  // namespace

size_t ActionReader::comment_close(size_t from) {
  // Memoised: without a "*/" ahead, a text of "{{/*" would be read to its end
  // once for each.
  if (from < comment_searched_from_ || from > comment_close_) {
    comment_searched_from_ = from;
    comment_close_ = text_.find("*/", from);
  }
  return comment_close_;
}

size_t ActionReader::action_end(size_t open) {
  const std::string_view text = text_;
  size_t i = open + 2;
  // "{{- " trims the text before; then a comment may open right away.
  const size_t after_trim =
      i + 1 < text.size() && text[i] == '-' && is_template_space(text[i + 1]) ? i + 2 : i;
  if (text.substr(after_trim).starts_with("/*")) {
    const size_t close = comment_close(after_trim + 2);
    return close == std::string_view::npos ? close : right_delimiter_end(text, close + 2);
  }
  i = after_trim;
  int parens = 0;
  bool has_token = false;
  while (i < text.size()) {
    if (const size_t end = right_delimiter_end(text, i); end != std::string_view::npos)
      return parens == 0 && has_token ? end : std::string_view::npos;
    const char c = text[i];
    if (is_template_space(c)) {
      ++i;
      continue;
    }
    has_token = true;
    if (c == '"' || c == '\'') {
      i = quoted_end(text, i);
      if (i == std::string_view::npos) return i;
    } else if (c == '`') {
      const size_t close = text.find('`', i + 1);
      if (close == std::string_view::npos) return close;
      i = close + 1;
    } else if (c == ':') {
      if (i + 1 >= text.size() || text[i + 1] != '=') return std::string_view::npos;  // only ":=" declares
      i += 2;
    } else if (c == '(') {
      ++parens;
      ++i;
    } else if (c == ')') {
      if (--parens < 0) return std::string_view::npos;
      ++i;
    } else if (c == '=' || c == '|' || c == ',') {
      ++i;  // assignment, pipe, "range $i, $v :="
    } else if (c == '+' || c == '-') {
      // A signed number: "-1", "+2.5e-3".
      size_t j = i + 1;
      bool digit = false;
      while (j < text.size() && (is_word_byte(text[j]) || text[j] == '.' ||
                                 ((text[j] == '+' || text[j] == '-') &&
                                  std::string_view("eEpP").find(text[j - 1]) != std::string_view::npos))) {
        digit = digit || std::isdigit(static_cast<unsigned char>(text[j])) != 0;
        ++j;
      }
      if (!digit) return std::string_view::npos;
      i = j;
    } else if (is_word_byte(c) || c == '.' || c == '$') {
      // Names, keywords, numbers, fields (.Values.image), variables ($x.y).
      while (i < text.size() && (is_word_byte(text[i]) || text[i] == '.' || text[i] == '$'))
        ++i;
    } else {
      return std::string_view::npos;  // "{", "}", "[", "!", "#"... or a control character
    }
  }
  return std::string_view::npos;  // no "}}": an unclosed action
}

std::vector<TextRange> template_actions(std::string_view text) {
  std::vector<TextRange> actions;
  ActionReader reader(text);
  // Where the line of the current "{{" starts and whether it is a comment,
  // found once per line: a long line of braces is not read again for each.
  size_t scanned = 0;
  size_t line_start = 0;
  bool comment_line = false;
  for (size_t open = text.find("{{"); open != std::string_view::npos;) {
    if (const size_t newline = text.substr(scanned, open - scanned).rfind('\n');
        newline != std::string_view::npos || scanned == 0) {
      line_start = newline == std::string_view::npos ? 0 : scanned + newline + 1;
      const size_t first = text.find_first_not_of(" \t", line_start);
      comment_line = first < open && text[first] == '#';
    }
    scanned = open;
    const size_t end = comment_line ? std::string_view::npos : reader.action_end(open);
    if (end != std::string_view::npos) {
      actions.push_back({static_cast<uint32_t>(open), static_cast<uint32_t>(end)});
      open = text.find("{{", end);
    } else {
      open = text.find("{{", open + 2);
    }
  }
  return actions;
}

namespace {

// Whether an action lies (in part) within [begin, end].
bool action_within(std::span<const TextRange> actions, uint32_t begin, uint32_t end) {
  const auto it = std::lower_bound(actions.begin(), actions.end(), begin,
                                   [](const TextRange& action, uint32_t at) { return action.end <= at; });
  return it != actions.end() && it->begin <= end;
}

bool action_at(std::span<const TextRange> actions, uint32_t offset) {
  const auto it = std::lower_bound(actions.begin(), actions.end(), offset,
                                   [](const TextRange& action, uint32_t at) { return action.begin < at; });
  return it != actions.end() && it->begin == offset;
}

// A flow mapping that starts "{{": what YAML makes of a "{{name}}"
// placeholder, never meant in a manifest.
bool reads_action_as_mapping(const yaml::Node& node, std::span<const TextRange> actions, int depth) {
  if (depth > 64) return false;
  if (node.is_mapping()) {
    if (node.flow && action_at(actions, node.span.begin.offset)) return true;
    for (const yaml::Pair& pair : node.pairs) {
      if (reads_action_as_mapping(*pair.key, actions, depth + 1) ||
          reads_action_as_mapping(*pair.value, actions, depth + 1))
        return true;
    }
  }
  if (node.is_sequence()) {
    for (const yaml::Node* item : node.items) {
      if (reads_action_as_mapping(*item, actions, depth + 1)) return true;
    }
  }
  return false;
}

}  // namespace

std::string KustomizePatches::canonical(const std::string& path) const {
  const auto [folder, name] = split_path(path);
  if (!is_plain_name(name)) return canonical_path(path);
  const std::string& resolved = canonical_folder(folder);
  // Only a link's own target needs resolving beyond its folder's.
  if (folders_.is_symlink(resolved, name)) return canonical_path(path);
  return join_path(resolved, name);
}

const std::string& KustomizePatches::canonical_folder(std::string_view folder) const {
  if (const auto it = canonical_folders_.find(folder); it != canonical_folders_.end()) return it->second;
  return canonical_folders_.emplace(folder, folders_.canonical(folders_.absolute(folder))).first->second;
}

bool KustomizePatches::in_chart_templates(const std::string& path) const {
  if (path.empty() || path == "-") return false;
  const std::string folder(split_path(canonical(path)).folder);
  if (const auto it = chart_template_folders_.find(folder); it != chart_template_folders_.end())
    return it->second;
  bool answer = false;
  for (fs::path dir = folder; dir.has_relative_path() && !answer; dir = dir.parent_path())
    answer = dir.filename() == "templates" && folders_.exists(dir.parent_path().string(), "Chart.yaml");
  chart_template_folders_.emplace(folder, answer);
  return answer;
}

bool is_kustomization_file_name(std::string_view file_name) {
  return file_name == "kustomization.yaml" || file_name == "kustomization.yml" ||
         file_name == "Kustomization";
}

void KustomizePatches::add_input(const std::string& path) {
  if (path.empty() || path == "-") return;
  const std::string file = canonical(path);
  const std::string_view folder = split_path(file).folder;
  if (!folders_seen_.emplace(folder).second) return;
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    if (folders_.exists(folder, name)) {
      read_kustomization(join_path(folder, name));
      return;  // kustomize refuses a folder with more than one
    }
  }
}

void KustomizePatches::read_kustomization(const std::string& file) {
  std::string text, error;
  if (!read_input(file, text, error)) return;
  const yaml::Stream stream = yaml::parse(text);
  if (stream.documents.empty() || stream.documents[0].root == nullptr) return;
  const yaml::Node& root = yaml::resolve(*stream.documents[0].root);
  if (!root.is_mapping()) return;
  const fs::path folder = fs::path(file).parent_path();
  const auto add = [&](const yaml::Node* node) {
    if (node == nullptr) return;
    const yaml::Node& value = yaml::resolve(*node);
    // An inline patch (a YAML string with line breaks) names no file.
    if (value.is_scalar() && !value.value.empty() && value.value.find('\n') == std::string_view::npos)
      patches_.insert(canonical_path(folder / std::string(value.value)));
  };
  for (const char* key : {"patches", "patchesStrategicMerge", "patchesJson6902"}) {
    const yaml::Node* list = yaml::find(root, key);
    if (list == nullptr || !yaml::resolve(*list).is_sequence()) continue;
    for (const yaml::Node* item : yaml::resolve(*list).items) {
      const yaml::Node& entry = yaml::resolve(*item);
      if (entry.is_mapping()) {
        add(yaml::find(entry, "path"));  // patches, patchesJson6902
      } else {
        add(&entry);  // patchesStrategicMerge: a file name
      }
    }
  }
}

bool KustomizePatches::is_patch(const std::string& path) const {
  return path != "-" && !patches_.empty() && patches_.contains(canonical(path));
}

InputRole input_role(const std::string& path, const KustomizePatches& patches) {
  if (is_kustomization_file_name(split_path(path).name)) return InputRole::Kustomization;
  if (patches.is_patch(path)) return InputRole::KustomizePatch;
  if (patches.in_chart_templates(path)) return InputRole::ChartTemplate;
  return InputRole::Manifest;
}

const std::vector<TextRange>& TemplateScan::actions() const {
  std::call_once(actions_found_, [&] { actions_ = template_actions(text_); });
  return actions_;
}

const yaml::LineIndex& TemplateScan::lines() const {
  std::call_once(lines_found_, [&] { lines_.emplace(text_); });
  return *lines_;
}

std::optional<yaml::Span> template_action(const yaml::Stream& stream, const TemplateScan& input,
                                          bool in_chart_templates) {
  const std::string_view text = input.text();
  const auto first_action = [&] {
    if (input.actions().empty()) return yaml::Span{};
    return yaml::Span{input.lines().position(input.actions()[0].begin),
                      input.lines().position(input.actions()[0].end)};
  };
  if (in_chart_templates) return first_action();
  // Whether an action lies on `line` or the one above it (1-based).
  const auto action_near = [&](uint32_t line) {
    if (line == 0 || line > input.lines().line_count()) return false;
    const std::string_view last = input.lines().line_text(line);
    const std::string_view first = line > 1 ? input.lines().line_text(line - 1) : last;
    return action_within(input.actions(), static_cast<uint32_t>(first.data() - text.data()),
                         static_cast<uint32_t>(last.data() - text.data() + last.size()));
  };
  for (const yaml::Document& document : stream.documents) {
    for (const yaml::Error& error : document.errors) {
      if (action_near(error.span.begin.line)) return first_action();
    }
    if (document.root != nullptr && !input.actions().empty() &&
        reads_action_as_mapping(*document.root, input.actions(), 0))
      return first_action();
  }
  return std::nullopt;
}

std::string_view rendered_from(const yaml::Document& document) {
  constexpr std::string_view kSource = "Source: ";
  for (const yaml::Comment& comment : document.comments) {
    if (document.root != nullptr && comment.span.begin.offset > document.root->span.begin.offset) break;
    const std::string_view text = trim_start(comment.text);
    if (text.starts_with(kSource)) {
      std::string_view path = text.substr(kSource.size());
      while (!path.empty() && (path.back() == ' ' || path.back() == '\t' || path.back() == '\r'))
        path.remove_suffix(1);
      return path;
    }
  }
  return {};
}

std::string no_object_reason(const std::string& path) {
  const fs::path file(path);
  const std::string name = file.filename().string();
  std::error_code ec;
  const bool chart_file = fs::exists(file.parent_path() / "Chart.yaml", ec);
  if (name == "Chart.yaml") return "Helm chart metadata";
  if (chart_file && name.starts_with("values")) return "Helm chart values";
  if (name.starts_with("docker-compose") || name.starts_with("compose.") || name.starts_with("compose-"))
    return "a Compose file";
  if (file.parent_path().filename() == "workflows" &&
      file.parent_path().parent_path().filename() == ".github")
    return "a GitHub Actions workflow";
  return "no Kubernetes object (no document with apiVersion and kind)";
}

}  // namespace podlint
