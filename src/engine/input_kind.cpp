#include "engine/input_kind.hpp"

#include <array>
#include <filesystem>
#include <system_error>

#include "engine/inputs.hpp"
#include "yaml/parser.hpp"

namespace podlint {

namespace fs = std::filesystem;

namespace {

bool path_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::string canonical_path(const fs::path& path) {
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return (ec ? path.lexically_normal() : resolved).string();
}

std::string_view trim_start(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t");
  return start == std::string_view::npos ? std::string_view() : text.substr(start);
}

// The first "{{ ... }}" on a line that is not a comment, else nothing.
std::optional<yaml::Span> first_action(std::string_view text, const yaml::LineIndex& lines) {
  for (uint32_t line = 1; line <= lines.line_count(); ++line) {
    const std::string_view content = lines.line_text(line);
    if (trim_start(content).starts_with('#')) continue;
    const size_t open = content.find("{{");
    if (open == std::string_view::npos) continue;
    const size_t close = content.find("}}", open + 2);
    const auto start = static_cast<uint32_t>(content.data() - text.data() + open);
    const auto end = static_cast<uint32_t>(content.data() - text.data() +
                                           (close == std::string_view::npos ? content.size() : close + 2));
    return yaml::Span{lines.position(start), lines.position(end)};
  }
  return std::nullopt;
}

bool has_action(std::string_view line) {
  return !trim_start(line).starts_with('#') &&
         (line.find("{{") != std::string_view::npos || line.find("}}") != std::string_view::npos);
}

// A flow mapping that starts "{{": what YAML makes of a "{{name}}"
// placeholder, never meant in a manifest.
bool reads_action_as_mapping(const yaml::Node& node, std::string_view text, int depth) {
  if (depth > 64) return false;
  if (node.is_mapping()) {
    if (node.flow && text.substr(node.span.begin.offset).starts_with("{{")) return true;
    for (const yaml::Pair& pair : node.pairs) {
      if (reads_action_as_mapping(*pair.key, text, depth + 1) ||
          reads_action_as_mapping(*pair.value, text, depth + 1))
        return true;
    }
  }
  if (node.is_sequence()) {
    for (const yaml::Node* item : node.items) {
      if (reads_action_as_mapping(*item, text, depth + 1)) return true;
    }
  }
  return false;
}

}  // namespace

std::string KustomizePatches::canonical(const std::string& path) const {
  const fs::path given(path);
  std::error_code ec;
  // Only a link's own target needs resolving beyond its folder's.
  if (fs::is_symlink(fs::symlink_status(given, ec)) || !given.has_filename()) return canonical_path(given);
  return (fs::path(canonical_folder(given.parent_path().string())) / given.filename()).string();
}

const std::string& KustomizePatches::canonical_folder(const std::string& folder) const {
  if (const auto it = canonical_folders_.find(folder); it != canonical_folders_.end()) return it->second;
  return canonical_folders_.emplace(folder, canonical_path(folder.empty() ? fs::path(".") : fs::path(folder)))
      .first->second;
}

bool KustomizePatches::in_chart_templates(const std::string& path) const {
  if (path.empty() || path == "-") return false;
  const std::string folder = fs::path(canonical(path)).parent_path().string();
  if (const auto it = chart_template_folders_.find(folder); it != chart_template_folders_.end())
    return it->second;
  bool answer = false;
  for (fs::path dir = folder; dir.has_relative_path() && !answer; dir = dir.parent_path())
    answer = dir.filename() == "templates" && path_exists(dir.parent_path() / "Chart.yaml");
  chart_template_folders_.emplace(folder, answer);
  return answer;
}

bool is_kustomization_file_name(std::string_view file_name) {
  return file_name == "kustomization.yaml" || file_name == "kustomization.yml" ||
         file_name == "Kustomization";
}

void KustomizePatches::add_input(const std::string& path) {
  if (path.empty() || path == "-") return;
  const fs::path file(canonical(path));
  if (!folders_seen_.insert(file.parent_path().string()).second) return;
  for (const char* name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
    if (path_exists(file.parent_path() / name)) {
      read_kustomization((file.parent_path() / name).string());
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
  if (is_kustomization_file_name(fs::path(path).filename().string())) return InputRole::Kustomization;
  if (patches.is_patch(path)) return InputRole::KustomizePatch;
  if (patches.in_chart_templates(path)) return InputRole::ChartTemplate;
  return InputRole::Manifest;
}

std::optional<yaml::Span> template_action(const yaml::Stream& stream, std::string_view text,
                                          bool in_chart_templates) {
  // Lines are indexed only when needed: a long input's batches come here one by one.
  std::optional<yaml::LineIndex> lines;
  const auto line_text = [&](uint32_t line) {
    if (!lines) lines.emplace(text);
    return lines->line_text(line);
  };
  const auto action = [&] {
    if (!lines) lines.emplace(text);
    return first_action(text, *lines).value_or(yaml::Span{});
  };
  if (in_chart_templates) return action();
  for (const yaml::Document& document : stream.documents) {
    for (const yaml::Error& error : document.errors) {
      const uint32_t line = error.span.begin.line;
      if (has_action(line_text(line)) || (line > 1 && has_action(line_text(line - 1)))) return action();
    }
    if (document.root != nullptr && reads_action_as_mapping(*document.root, text, 0)) return action();
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
  const bool chart_file = path_exists(file.parent_path() / "Chart.yaml");
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
