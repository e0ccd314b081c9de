// The language server's state and its answers, one message at a time: the
// open documents, kept parsed between edits (yaml::IncrementalParser) and
// linted a document of the stream at a time, so that an edit relints only
// the document it touched; the configuration of each; the client's settings.
// serve() (server.hpp) feeds it from the wire; tests may feed it directly.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/config.hpp"
#include "engine/config_finder.hpp"
#include "engine/diagnostic.hpp"
#include "engine/input_kind.hpp"
#include "engine/lint.hpp"
#include "lsp/positions.hpp"
#include "yaml/treesitter.hpp"

namespace podlint::lsp {

using nlohmann::json;

// JSON-RPC and LSP error codes.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerNotInitialized = -32002;
inline constexpr int kRequestCancelled = -32800;

// What the client sets (initializationOptions, workspace/didChangeConfiguration,
// or workspace/configuration's "podlint" section).
struct Settings {
  std::string config_path;  // one configuration file for every document; empty: each one's .podlint.yaml
  Severity minimum = Severity::Info;  // findings below it are not shown
  // Rule id -> false (off) or a severity (on, at it); over the configuration file.
  std::map<std::string, std::optional<Severity>, std::less<>> rules;
};

// What one document of a buffer's stream gives, kept until an edit changes it.
struct PartFindings {
  std::vector<Diagnostic> diagnostics{};  // positions relative to the part
  // Those shown, as the JSON text of LSP Diagnostics joined by commas, for
  // the part starting on line `published_line` of the buffer (0: not made
  // yet): an edit above that adds or removes lines moves them.
  std::string published{};
  uint32_t published_line = 0;
};

// An open document.
struct Document {
  enum class Role { Manifest, Config, Other };
  std::string uri;
  std::optional<std::filesystem::path> path;  // file: URIs
  int64_t version = 0;
  Role role = Role::Other;
  // Manifests: the buffer, parsed. Null while set aside to save memory (the
  // text is then in `text`), made again on the next use.
  std::unique_ptr<yaml::IncrementalParser> parser;
  std::string text;
  // By the part's serial.
  std::unordered_map<uint64_t, PartFindings> findings;
  LintConfig config;
  // Where the file lies, as the command line reads it: a Helm chart's
  // template, a kustomization, a patch its folder's kustomization lists.
  InputRole input_role = InputRole::Manifest;
  bool ignored = false;        // an `ignore` glob of its configuration matches it
  bool config_broken = false;  // its configuration file has errors: linted with the last good one
  bool publish = false;        // push diagnostics owed to the client
  uint64_t result_id = 0;      // of its current diagnostics, for pull requests
  uint64_t last_used = 0;

  const std::string& buffer() const { return parser != nullptr ? parser->text() : text; }
};

class Session {
 public:
  // Sends a message's JSON text.
  using Send = std::function<void(const std::string&)>;
  explicit Session(Send send);

  // Handles one message (a request, a notification or a response).
  void handle(const json& message);
  // Called when no message is waiting: pushes the diagnostics owed.
  void idle();
  // A request the client cancelled before it was handled.
  void cancelled(const json& id);
  // The body of a frame that is not JSON.
  void malformed(const std::string& error);

  bool exited() const { return exited_; }
  int exit_status() const { return shutdown_ ? 0 : 1; }

  // The diagnostics of an open document, linting what changed (for tests).
  std::vector<Diagnostic> findings(const std::string& uri);

 private:
  void request(const std::string& method, const json& id, const json& params);
  void notification(const std::string& method, const json& params);
  void send(const json& message);
  void respond(const json& id, json result);
  void respond_error(const json& id, int code, const std::string& message);
  void notify(const std::string& method, json params);
  void send_request(const std::string& method, json params, std::function<void(const json&)> on_result);
  void log(int type, const std::string& message);

  json initialize(const json& params);
  void initialized();
  void did_open(const json& params);
  void did_change(const json& params);
  void did_close(const json& params);
  void did_save(const json& params);
  void did_change_watched_files(const json& params);
  void did_change_configuration(const json& params);
  void apply_settings(const json& podlint);
  void pull_diagnostics(const json& id, const json& params);
  json code_actions(const json& params);
  json hover(const json& params);
  json completion(const json& params);

  Document* find(const json& text_document);
  Document& require(const json& text_document);
  void reload_configuration();
  void configure(Document& document);
  void check_config_document(Document& document);
  void publish_config_errors();
  void make_parser(Document& document);
  void set_aside_idle_parsers();
  LintSettings lint_settings(const Document& document) const;
  // Lints the parts of a manifest that have no findings yet.
  void lint_parts(Document& document);
  bool shown(const Diagnostic& d) const { return !d.suppression && d.severity >= settings_.minimum; }
  // The findings the client is shown: not waived, at the minimum severity or above.
  std::vector<Diagnostic> shown_findings(Document& document);
  // Appends those as the JSON text of LSP Diagnostics joined by commas; only
  // the parts that an edit changed or moved are linted or written again.
  void append_published(Document& document, std::string& out);
  // Sends `message` with the document's diagnostics in its empty array `key`.
  void send_with_diagnostics(const json& message, std::string_view key, Document& document);

  Send send_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  Encoding encoding_ = Encoding::Utf16;
  bool client_pulls_ = false;  // the client asks for diagnostics itself (textDocument/diagnostic)
  bool client_configuration_ = false;
  bool client_watches_dynamically_ = false;
  bool client_refreshes_diagnostics_ = false;
  std::string trace_ = "off";
  std::optional<std::filesystem::path> root_;
  Settings settings_;
  std::unique_ptr<ConfigFinder> configs_;
  // Configuration files with errors, by URI, as diagnostics; published until mended.
  std::map<std::string, json> config_diagnostics_;
  std::map<std::string, Document> documents_;  // by URI
  uint64_t clock_ = 0;
  int64_t next_request_id_ = 1;
  std::map<int64_t, std::function<void(const json&)>> pending_;  // our requests to the client
  std::string outgoing_;                                         // the text of the last publication
};

}  // namespace podlint::lsp
