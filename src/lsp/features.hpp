// What the language server answers besides diagnostics: code actions (a
// finding's fixes; waive it on its line or in its document; every safe fix of
// the document at once), hover (a field's type and path
// from the compiled-in schema; a finding's rule), completion (the fields
// valid where the cursor is, and enum values).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config.hpp"
#include "engine/diagnostic.hpp"
#include "lsp/positions.hpp"
#include "yaml/treesitter.hpp"

namespace podlint::lsp {

// Shown faded (DiagnosticTag.Unnecessary): a waiver that waives nothing.
inline constexpr std::string_view kUnusedSuppressionRule = "unused-suppression";

// An open manifest, as the features read it.
struct DocumentView {
  const std::string& uri;
  const yaml::IncrementalParser& parser;
  const Lines& lines;  // of parser.text()
  Encoding encoding;
  const LintConfig& config;
};

// A finding as an LSP Diagnostic (its positions in the buffer).
nlohmann::json lsp_diagnostic(const Diagnostic& d, const Lines& lines, const std::string& uri,
                              Encoding encoding);

// The code action kinds podlint offers.
inline constexpr std::string_view kQuickFix = "quickfix";
inline constexpr std::string_view kFixAll = "source.fixAll.podlint";

// Whether a client's CodeActionContext.only (null: absent) asks for actions
// of `kind`: it names the kind or one it is under ("source" holds
// "source.fixAll.podlint"). Without `only`, the quick fixes are asked for,
// not the source actions.
bool kind_requested(const nlohmann::json& only, std::string_view kind);

// The quick fixes for the findings `shown` that overlap [begin, end]: each
// of a finding's fixes (the one `podlint fix` applies preferred; an unsafe
// one says so in its title), then, for a finding the manifest may waive,
// "disable RULE on this line" and "... in this document", as comments
// (`comments`: false for JSON, which has none).
nlohmann::json code_actions(const DocumentView& document, const std::vector<Diagnostic>& shown,
                            uint32_t begin, uint32_t end, bool comments);

// The source action that turns the buffer into `fixed` (what `podlint fix`
// makes of it): one edit of the bytes between what the two share at their
// start and at their end. Null when nothing changes.
nlohmann::json fix_all_action(const DocumentView& document, std::string_view fixed);

// Markdown about the byte `at`: the findings there (their rule and its page),
// and the field whose key it is on (its type, description, path and allowed
// values).
// Null when there is nothing to say.
nlohmann::json hover(const DocumentView& document, const std::vector<Diagnostic>& shown, uint32_t at);

// A CompletionList for the cursor at byte `at` of a YAML manifest: the
// field names valid there that its mapping does not have yet, or, after
// "key: ", the field's enum values.
nlohmann::json completion(const DocumentView& document, uint32_t at);

}  // namespace podlint::lsp
