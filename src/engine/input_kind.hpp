// What an input is before it is linted as Kubernetes manifests: a Helm
// template (not YAML until rendered), a kustomization, a kustomize patch (a
// partial object by design), or a file that names itself (a chart's
// Chart.yaml, a Compose file). The file system answers some of it (where the
// file lies, which kustomization lists it), its text the rest.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/folder_facts.hpp"
#include "yaml/document.hpp"
#include "yaml/source.hpp"

namespace podlint {

// What the file system says about an input.
enum class InputRole : uint8_t {
  Manifest,        // anything else: linted as it reads
  ChartTemplate,   // in the templates/ folder of a Helm chart (a Chart.yaml above it)
  Kustomization,   // kustomization.yaml, kustomization.yml or Kustomization
  KustomizePatch,  // listed as a patch by the kustomization of its own folder (or of another input's)
};

bool is_kustomization_file_name(std::string_view file_name);

// The patches the kustomizations near a run's inputs list (patches,
// patchesStrategicMerge, patchesJson6902), read once per folder; and what
// the file system says of the folders the inputs lie in, asked once per
// folder however many inputs share it.
class KustomizePatches {
 public:
  // `folders`: what the inputs' walk read of their folders (it must outlive
  // this); none: the file system answers.
  explicit KustomizePatches(const FolderFacts& folders = FolderFacts::none()) : folders_(folders) {}

  // Reads the kustomization of the folder `path` lies in, if any (and `path`
  // itself when it is one).
  void add_input(const std::string& path);
  bool is_patch(const std::string& path) const;
  // Whether `path` lies in a chart's templates/ folder: a folder named
  // templates (at any depth below it) whose parent holds Chart.yaml.
  bool in_chart_templates(const std::string& path) const;

 private:
  void read_kustomization(const std::string& file);
  // The path with its symbolic links resolved (as far as it exists).
  std::string canonical(const std::string& path) const;
  const std::string& canonical_folder(std::string_view folder) const;  // folder as given

  const FolderFacts& folders_;
  std::set<std::string, std::less<>> folders_seen_;
  std::set<std::string> patches_;                                              // canonical paths
  mutable std::map<std::string, std::string, std::less<>> canonical_folders_;  // as given -> canonical
  mutable std::map<std::string, bool, std::less<>> chart_template_folders_;    // canonical -> answer
};

// The role of one input, from where it lies.
InputRole input_role(const std::string& path, const KustomizePatches& patches);

// Byte offsets [begin, end) of a text.
struct TextRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Reads template actions as Go's text/template (Helm's templates) does:
// "{{", an optional trim marker ("{{- "), then a comment ("/* ... */" right
// after the delimiter) or a pipeline of names, fields (.Values.x), variables,
// numbers, "...", '...' and `...` literals, parentheses, "|", "=", ":=" and
// ",", across lines if need be, up to "}}" (or " -}}"). Anything else there
// (a lone ":" or "{", "}", "[", nothing at all) makes no action: YAML's
// nested flow mappings `{a: {b: c}}` or `{{a: 1}: 2}` are none.
class ActionReader {
 public:
  explicit ActionReader(std::string_view text) : text_(text) {}
  // The offset past the action whose "{{" is at `open`, or npos.
  size_t action_end(size_t open);

 private:
  size_t comment_close(size_t from);  // the next "*/" from `from`, or npos

  std::string_view text_;
  size_t comment_searched_from_ = std::string_view::npos;
  size_t comment_close_ = 0;
};

// The template actions of a text, in order, as Go reads them (after one
// action the next "{{" is searched after its "}}"), except those that open
// on a line YAML reads as a comment.
std::vector<TextRange> template_actions(std::string_view text);

// What template_action() reads of a whole input: its template actions and
// its lines, each found once, when first asked for, and shared by the
// input's batches (on any thread). A batch must not scan the whole input
// again: a long stream's hundreds of batches made that quadratic.
class TemplateScan {
 public:
  explicit TemplateScan(std::string_view text) : text_(text) {}
  std::string_view text() const { return text_; }
  const std::vector<TextRange>& actions() const;
  const yaml::LineIndex& lines() const;

 private:
  std::string_view text_;
  mutable std::once_flag actions_found_, lines_found_;
  mutable std::vector<TextRange> actions_;
  mutable std::optional<yaml::LineIndex> lines_;
};

// The first template action ("{{ ... }}") of an input that is a template
// rather than YAML: one in a chart's templates/ folder, or one whose YAML
// errors lie on lines with actions, or where YAML reads an action as a
// mapping ("replicas: {{count}}"). Nothing for YAML that merely holds
// braces: in strings, comments, flow mappings. `stream` is the input's, or
// a batch of its documents.
std::optional<yaml::Span> template_action(const yaml::Stream& stream, const TemplateScan& input,
                                          bool in_chart_templates);

// The Helm template a rendered document came from: the path of its
// "# Source: CHART/templates/X.yaml" comment (helm template writes one
// before each document); empty without one.
std::string_view rendered_from(const yaml::Document& document);

// Why an input with no Kubernetes object holds none, by its name: a chart's
// Chart.yaml or values, a Compose file, a GitHub workflow... else "no
// Kubernetes object (no document with apiVersion and kind)".
std::string no_object_reason(const std::string& path);

}  // namespace podlint
