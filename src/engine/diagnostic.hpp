// A finding, at an exact span of one input, as every emitter receives it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/source.hpp"

namespace podlint {

enum class Severity { Info, Warning, Error };

std::string_view severity_name(Severity severity);

struct RelatedLocation {
  yaml::Span span;
  std::string message;
};

// An in-source waiver (a podlint-disable comment or a podlint.dev/ignore
// annotation) that covers a finding. Waived findings are kept, marked, and
// left out of the counts and the exit status.
struct Suppression {
  yaml::Span span;            // the comment or annotation that waived it
  std::string justification;  // the text after "--", or empty
};

// The Kubernetes object a finding lies in, as its header names it (each part
// empty when the object does not say).
struct ObjectRef {
  std::string api_version{};
  std::string kind{};
  std::string namespace_{};
  std::string name{};  // metadata.name, else metadata.generateName

  friend bool operator==(const ObjectRef&, const ObjectRef&) = default;
};

// Whether a fix keeps the manifest's meaning apart from the problem it removes.
enum class Applicability : uint8_t {
  Safe,    // it only removes the problem: `podlint fix` applies it
  Unsafe,  // it may change what runs, or podlint chose among answers: `podlint fix --unsafe`
};

std::string_view applicability_name(Applicability applicability);  // "safe", "unsafe"

// One change to an input: the bytes of `span` give way to `replacement`; an
// empty span inserts.
struct Edit {
  yaml::Span span;
  std::string replacement;

  friend bool operator==(const Edit&, const Edit&) = default;
};

// A way to resolve a finding, as plain data (byte spans and text) that the
// outputs, `podlint fix` and editors read alike. Its edits apply together.
struct Fix {
  std::string title;  // what it does: "Change \"always\" to \"Always\""
  Applicability applicability = Applicability::Safe;
  std::vector<Edit> edits;  // in source order, none overlapping another

  friend bool operator==(const Fix&, const Fix&) = default;
};

struct Diagnostic {
  std::string rule;  // kebab-case rule id, e.g. "yaml-syntax"
  Severity severity = Severity::Error;
  yaml::Span span;
  std::string message;
  std::vector<RelatedLocation> related;    // in the same file
  std::optional<Suppression> suppression;  // set when waived in the manifest
  std::optional<ObjectRef> object;         // set when the span lies inside an object
  // Where the span sits, from the object (else from the document's root):
  // "spec.template.spec.containers[1].ports[0].containerPort" (yaml::path_to).
  std::string path;
  // Ways to resolve it, the preferred first (`podlint fix` applies that one).
  std::vector<Fix> fixes{};
  // The Helm template its document was rendered from, as the document's
  // "# Source: CHART/templates/X.yaml" comment names it; empty without one.
  std::string source{};
};

// One linted input: its name as given by the user, its bytes, its findings.
struct FileReport {
  std::string path{};
  std::string text{};
  std::vector<Diagnostic> diagnostics{};
  std::string read_error{};                        // non-empty when the file could not be read
  std::vector<std::string_view> disabled_rules{};  // ids of the rules its configuration turned off
  size_t documents = 0;                            // YAML documents read (empty ones left out)
  size_t objects = 0;                              // Kubernetes objects linted (any kind, List items)
  // Why nothing in it was linted as a Kubernetes object ("Helm template", "no
  // Kubernetes object"...); empty when objects were.
  std::string skipped{};
};

// Counts over a run, for summaries and the exit status.
struct Summary {
  size_t files = 0;
  size_t errors = 0;
  size_t warnings = 0;
  size_t info = 0;
  size_t unreadable = 0;
  size_t suppressed = 0;  // waived in the manifest; not in the counts above
  size_t documents = 0;
  size_t objects = 0;
  size_t skipped = 0;  // files that held no Kubernetes object (FileReport::skipped)

  // Counts one more input's report in.
  void add(const FileReport& report);
  // Whether any finding is at or above `level`.
  bool any_at_least(Severity level) const;
};

Summary summarize(const std::vector<FileReport>& reports);

}  // namespace podlint
