#include "lsp/session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <system_error>
#include <utility>

#include "engine/config_file.hpp"
#include "engine/fix.hpp"
#include "engine/lint.hpp"
#include "engine/rule.hpp"
#include "lsp/features.hpp"
#include "lsp/uri.hpp"

namespace podlint::lsp {

namespace fs = std::filesystem;

namespace {

// How many manifests stay parsed between edits: the most recently used. The
// others keep their text and findings; their next edit parses them again.
constexpr size_t kParsedDocuments = 8;

// LSP message types (window/logMessage) and severities.
constexpr int kLogError = 1;
constexpr int kLogWarning = 2;
constexpr int kLogInfo = 3;

std::optional<Severity> severity_named(std::string_view name) {
  if (name == "error") return Severity::Error;
  if (name == "warning") return Severity::Warning;
  if (name == "info") return Severity::Info;
  return std::nullopt;
}

bool has_extension(const fs::path& path, std::initializer_list<std::string_view> extensions) {
  const std::string extension = path.extension().string();
  return std::any_of(extensions.begin(), extensions.end(),
                     [&](std::string_view e) { return extension == e; });
}

Document::Role role_of(const std::optional<fs::path>& path, const std::string& language) {
  if (path && is_config_file_name(path->filename().string())) return Document::Role::Config;
  if (language == "yaml" || language == "json" || language == "jsonc") return Document::Role::Manifest;
  if (path && has_extension(*path, {".yaml", ".yml", ".json"})) return Document::Role::Manifest;
  return Document::Role::Other;
}

// Whether `directory` is `path`'s directory or one above it.
bool is_within(const fs::path& path, const fs::path& directory) {
  const fs::path relative = path.lexically_relative(directory);
  return !relative.empty() && *relative.begin() != "..";
}

// A finding moved from its part to the buffer.
void move_to_buffer(Diagnostic& d, const yaml::IncrementalParser::Part& part) {
  const auto move = [&](yaml::Span& span) {
    for (yaml::Position* p : {&span.begin, &span.end}) {
      p->offset += part.begin;
      p->line += part.first_line - 1;
    }
  };
  move(d.span);
  for (RelatedLocation& r : d.related)
    move(r.span);
  if (d.suppression) move(d.suppression->span);
  for (Fix& fix : d.fixes) {
    for (Edit& edit : fix.edits)
      move(edit.span);
  }
}

// The byte offset of an LSP position in a parsed buffer, read in the lines
// of the document it falls in: indexing the whole buffer's lines for each
// edit would cost more than the edit.
uint32_t offset_in(const yaml::IncrementalParser& parser, const json& position, Encoding encoding) {
  const uint32_t line = position.at("line").get<uint32_t>() + 1;
  const auto parts = parser.parts();
  const auto after = std::upper_bound(parts.begin(), parts.end(), line,
                                      [](uint32_t l, const auto& part) { return l < part->first_line; });
  if (after == parts.begin()) return Lines(parser.text()).offset(position, encoding);
  const auto& part = *std::prev(after);
  return part->begin + Lines(part->text, part->first_line).offset(position, encoding);
}

// JSON text as the client reads it: bytes that are not UTF-8 become U+FFFD.
std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

Session::Session(Send send) : send_(std::move(send)), configs_(std::make_unique<ConfigFinder>()) {}

// ---- the wire --------------------------------------------------------------

void Session::handle(const json& message) {
  if (!message.is_object()) {
    respond_error(nullptr, kInvalidRequest, "a message must be a JSON object");
    return;
  }
  const auto method = message.find("method");
  const auto id = message.find("id");
  if (method == message.end()) {
    // A response to one of our requests.
    if (id == message.end() || !id->is_number_integer()) return;
    const auto pending = pending_.find(id->get<int64_t>());
    if (pending == pending_.end()) return;
    auto on_result = std::move(pending->second);
    pending_.erase(pending);
    if (const auto result = message.find("result"); result != message.end()) on_result(*result);
    return;
  }
  if (!method->is_string() || (id != message.end() && !id->is_string() && !id->is_number_integer())) {
    respond_error(id != message.end() && (id->is_string() || id->is_number_integer()) ? *id : json(nullptr),
                  kInvalidRequest, "a request needs a method name and an integer or string id");
    return;
  }
  static const json kNoParams = json::object();
  const auto params_it = message.find("params");
  const json& params = params_it != message.end() ? *params_it : kNoParams;
  const std::string name = method->get<std::string>();
  const auto started = std::chrono::steady_clock::now();
  if (id == message.end()) {
    try {
      notification(name, params);
    } catch (const std::exception& e) {
      log(kLogError, "podlint: " + name + ": " + e.what());
    }
  } else {
    try {
      request(name, *id, params);
    } catch (const json::exception& e) {
      respond_error(*id, kInvalidParams, name + ": " + e.what());
    } catch (const std::exception& e) {
      respond_error(*id, kInternalError, name + ": " + e.what());
    }
  }
  if (trace_ != "off" && initialized_) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
            .count();
    notify("$/logTrace", {{"message", name + " handled in " + std::to_string(micros) + " µs"}});
  }
}

void Session::malformed(const std::string& error) {
  respond_error(nullptr, kParseError, error);
}

void Session::cancelled(const json& id) {
  respond_error(id, kRequestCancelled, "cancelled");
}

void Session::send(const json& message) {
  send_(dump(message));
}

void Session::respond(const json& id, json result) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Session::respond_error(const json& id, int code, const std::string& message) {
  send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Session::notify(const std::string& method, json params) {
  send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

void Session::send_request(const std::string& method, json params,
                           std::function<void(const json&)> on_result) {
  const int64_t id = next_request_id_++;
  pending_.emplace(id, std::move(on_result));
  send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
}

void Session::log(int type, const std::string& message) {
  notify("window/logMessage", {{"type", type}, {"message", message}});
}

void Session::request(const std::string& method, const json& id, const json& params) {
  if (method == "initialize") {
    if (initialized_) {
      respond_error(id, kInvalidRequest, "initialize was already called");
      return;
    }
    respond(id, initialize(params));
    return;
  }
  if (!initialized_) {
    respond_error(id, kServerNotInitialized, "the server is not initialized yet");
    return;
  }
  if (shutdown_) {
    respond_error(id, kInvalidRequest, "the server is shut down: only exit is accepted");
    return;
  }
  if (method == "shutdown") {
    shutdown_ = true;
    documents_.clear();
    respond(id, nullptr);
  } else if (method == "textDocument/diagnostic") {
    pull_diagnostics(id, params);
  } else if (method == "textDocument/codeAction") {
    respond(id, code_actions(params));
  } else if (method == "textDocument/hover") {
    respond(id, hover(params));
  } else if (method == "textDocument/completion") {
    respond(id, completion(params));
  } else {
    respond_error(id, kMethodNotFound, "podlint does not handle " + method);
  }
}

void Session::notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exited_ = true;
    return;
  }
  if (method == "$/setTrace") {
    trace_ = params.value("value", "off");
    return;
  }
  if (!initialized_ || shutdown_) return;  // dropped, as the protocol says
  if (method == "initialized") {
    initialized();
  } else if (method == "textDocument/didOpen") {
    did_open(params);
  } else if (method == "textDocument/didChange") {
    did_change(params);
  } else if (method == "textDocument/didClose") {
    did_close(params);
  } else if (method == "textDocument/didSave") {
    did_save(params);
  } else if (method == "workspace/didChangeWatchedFiles") {
    did_change_watched_files(params);
  } else if (method == "workspace/didChangeConfiguration") {
    did_change_configuration(params);
  } else if (!method.starts_with("$/")) {
    log(kLogInfo, "podlint: ignoring the notification " + method);
  }
}

// ---- lifecycle -------------------------------------------------------------

json Session::initialize(const json& params) {
  initialized_ = true;
  const json capabilities = params.value("capabilities", json::object());
  const json general = capabilities.value("general", json::object());
  const json encodings = general.value("positionEncodings", json::array());
  if (std::find(encodings.begin(), encodings.end(), "utf-8") != encodings.end()) encoding_ = Encoding::Utf8;
  const json text_document = capabilities.value("textDocument", json::object());
  client_pulls_ = text_document.contains("diagnostic");
  const json workspace = capabilities.value("workspace", json::object());
  client_configuration_ = workspace.value("configuration", false);
  client_watches_dynamically_ =
      workspace.value("didChangeWatchedFiles", json::object()).value("dynamicRegistration", false);
  client_refreshes_diagnostics_ =
      workspace.value("diagnostics", json::object()).value("refreshSupport", false);
  trace_ = params.value("trace", "off");
  if (const auto root = params.find("rootUri"); root != params.end() && root->is_string()) {
    root_ = path_of_uri(root->get<std::string>());
  }
  if (const auto folders = params.find("workspaceFolders"); folders != params.end() && folders->is_array()) {
    if (!folders->empty()) root_ = path_of_uri(folders->at(0).value("uri", ""));
  }
  if (const auto options = params.find("initializationOptions");
      options != params.end() && options->is_object()) {
    apply_settings(options->contains("podlint") ? options->at("podlint") : *options);
  }
  reload_configuration();
  json result = {
      {"capabilities",
       {
           {"positionEncoding", encoding_ == Encoding::Utf8 ? "utf-8" : "utf-16"},
           {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
           {"diagnosticProvider",
            {{"identifier", "podlint"}, {"interFileDependencies", false}, {"workspaceDiagnostics", false}}},
           {"codeActionProvider", {{"codeActionKinds", {kQuickFix, kFixAll}}}},
           {"hoverProvider", true},
           {"completionProvider", {{"triggerCharacters", {":", " "}}}},
       }},
      {"serverInfo", {{"name", "podlint"}, {"version", PODLINT_VERSION}}},
  };
  return result;
}

void Session::initialized() {
  if (client_watches_dynamically_) {
    const json watcher = {{"globPattern", "**/.podlint.{yaml,yml}"}};
    send_request("client/registerCapability",
                 {{"registrations",
                   {{{"id", "podlint-configuration-files"},
                     {"method", "workspace/didChangeWatchedFiles"},
                     {"registerOptions", {{"watchers", {watcher}}}}}}}},
                 [](const json&) {});
  }
  if (client_configuration_) did_change_configuration({{"settings", nullptr}});
}

// ---- documents -------------------------------------------------------------

Document* Session::find(const json& text_document) {
  const auto it = documents_.find(text_document.at("uri").get<std::string>());
  return it == documents_.end() ? nullptr : &it->second;
}

Document& Session::require(const json& text_document) {
  Document* document = find(text_document);
  if (document == nullptr) {
    throw json::other_error::create(
        501, "the document " + text_document.at("uri").get<std::string>() + " is not open", nullptr);
  }
  return *document;
}

void Session::did_open(const json& params) {
  const json& item = params.at("textDocument");
  const std::string uri = item.at("uri").get<std::string>();
  Document& document = documents_[uri];
  document = Document{};
  document.uri = uri;
  document.path = path_of_uri(uri);
  document.version = item.value("version", int64_t{0});
  document.role = role_of(document.path, item.value("languageId", ""));
  document.text = item.at("text").get<std::string>();
  document.last_used = ++clock_;
  if (document.role == Document::Role::Manifest) {
    configure(document);
    make_parser(document);
    document.publish = true;
    set_aside_idle_parsers();
  } else if (document.role == Document::Role::Config) {
    check_config_document(document);
  }
}

void Session::make_parser(Document& document) {
  if (document.parser != nullptr) return;
  document.parser = std::make_unique<yaml::IncrementalParser>(std::move(document.text));
  document.text.clear();
  document.findings.clear();
}

void Session::set_aside_idle_parsers() {
  std::vector<Document*> parsed;
  for (auto& [uri, document] : documents_) {
    if (document.parser != nullptr) parsed.push_back(&document);
  }
  if (parsed.size() <= kParsedDocuments) return;
  std::sort(parsed.begin(), parsed.end(),
            [](const Document* a, const Document* b) { return a->last_used > b->last_used; });
  for (size_t i = kParsedDocuments; i < parsed.size(); ++i) {
    Document& document = *parsed[i];
    // Linted before it is set aside: what it shows stays known.
    if (document.publish || document.findings.size() != document.parser->parts().size()) lint_parts(document);
    for (auto& [serial, part] : document.findings)
      part = {.diagnostics = std::move(part.diagnostics)};
    document.text = document.parser->text();
    document.parser.reset();
  }
}

void Session::did_change(const json& params) {
  Document* document = find(params.at("textDocument"));
  if (document == nullptr) {
    log(kLogWarning, "podlint: a change to a document that is not open: " +
                         params.at("textDocument").at("uri").get<std::string>());
    return;
  }
  document->version = params.at("textDocument").value("version", document->version + 1);
  document->last_used = ++clock_;
  if (document->role == Document::Role::Manifest) make_parser(*document);
  for (const json& change : params.at("contentChanges")) {
    const std::string text = change.at("text").get<std::string>();
    const auto range = change.find("range");
    if (document->parser == nullptr) {
      if (range == change.end()) {
        document->text = text;
      } else {
        const Lines lines(document->text);
        const uint32_t begin = lines.offset(range->at("start"), encoding_);
        const uint32_t end = std::max(begin, lines.offset(range->at("end"), encoding_));
        document->text.replace(begin, end - begin, text);
      }
      continue;
    }
    if (range == change.end()) {
      document->parser->edit(0, static_cast<uint32_t>(document->parser->text().size()), text);
    } else {
      const uint32_t begin = offset_in(*document->parser, range->at("start"), encoding_);
      const uint32_t end = std::max(begin, offset_in(*document->parser, range->at("end"), encoding_));
      document->parser->edit(begin, end, text);
    }
  }
  if (document->role == Document::Role::Manifest) {
    document->publish = true;
    set_aside_idle_parsers();
  } else if (document->role == Document::Role::Config) {
    check_config_document(*document);
  }
}

void Session::did_close(const json& params) {
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  const auto it = documents_.find(uri);
  if (it == documents_.end()) return;
  const bool manifest = it->second.role == Document::Role::Manifest;
  documents_.erase(it);
  // Its findings leave with it; a configuration file's errors stay shown.
  if (manifest && !client_pulls_) {
    notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
  }
  if (!manifest) publish_config_errors();
}

void Session::did_save(const json& params) {
  const Document* document = find(params.at("textDocument"));
  if (document != nullptr && document->role == Document::Role::Config) reload_configuration();
}

void Session::did_change_watched_files(const json& params) {
  bool configuration = false;
  for (const json& change : params.value("changes", json::array())) {
    const std::optional<fs::path> path = path_of_uri(change.value("uri", ""));
    if (path && is_config_file_name(path->filename().string())) configuration = true;
  }
  if (configuration) reload_configuration();
}

// ---- configuration -----------------------------------------------------------

void Session::did_change_configuration(const json& params) {
  const auto settings = params.find("settings");
  if (settings != params.end() && settings->is_object() && settings->contains("podlint")) {
    apply_settings(settings->at("podlint"));
    reload_configuration();
    return;
  }
  if (!client_configuration_) return;
  send_request("workspace/configuration", {{"items", {{{"section", "podlint"}}}}},
               [this](const json& result) {
                 if (result.is_array() && !result.empty() && result[0].is_object()) {
                   apply_settings(result[0]);
                   reload_configuration();
                 }
               });
}

void Session::apply_settings(const json& podlint) {
  Settings settings;
  settings.config_path = podlint.value("configPath", "");
  if (!settings.config_path.empty() && root_ && fs::path(settings.config_path).is_relative()) {
    settings.config_path = (*root_ / settings.config_path).string();
  }
  const std::string minimum = podlint.value("minimumSeverity", "info");
  if (const auto severity = severity_named(minimum)) {
    settings.minimum = *severity;
  } else {
    log(kLogWarning, "podlint: minimumSeverity must be error, warning or info, not \"" + minimum + "\"");
  }
  const json rules = podlint.value("rules", json::object());
  for (const auto& [id, value] : rules.items()) {
    if (find_rule(id) == nullptr) {
      log(kLogWarning, "podlint: the setting podlint.rules names no rule: " + id);
      continue;
    }
    if (value.is_boolean()) {
      settings.rules[id] =
          value.get<bool>() ? std::optional(rule_registry().find(id)->info().severity) : std::nullopt;
    } else if (value.is_string() && value.get<std::string>() == "off") {
      settings.rules[id] = std::nullopt;
    } else if (value.is_string() && severity_named(value.get<std::string>())) {
      settings.rules[id] = severity_named(value.get<std::string>());
    } else {
      log(kLogWarning, "podlint: podlint.rules." + id + " must be true, false, off, error, warning or info");
    }
  }
  settings_ = std::move(settings);
}

void Session::reload_configuration() {
  std::error_code ec;
  if (root_ && fs::is_directory(*root_, ec)) fs::current_path(*root_, ec);
  configs_ = std::make_unique<ConfigFinder>(settings_.config_path);
  for (auto& [uri, document] : documents_) {
    if (document.role == Document::Role::Manifest) {
      configure(document);
      document.findings.clear();
      document.publish = true;
    }
  }
  publish_config_errors();
  if (client_pulls_ && client_refreshes_diagnostics_)
    send_request("workspace/diagnostic/refresh", nullptr, [](const json&) {});
}

void Session::configure(Document& document) {
  const size_t errors_before = configs_->errors().size();
  ResolvedConfig resolved =
      configs_->resolve(document.path ? std::optional(document.path->string()) : std::nullopt);
  // A broken configuration file leaves its documents with the defaults: they
  // keep the last good configuration instead, while the file shows its errors.
  bool broken = configs_->errors().size() != errors_before;
  if (!broken && resolved.file == nullptr) {
    for (const ConfigError& error : configs_->errors()) {
      const fs::path file = fs::absolute(error.path).lexically_normal();
      if (!settings_.config_path.empty() ||
          (document.path && is_within(*document.path, file.parent_path()))) {
        broken = true;
      }
    }
  }
  if (document.path) {
    // Read afresh each time: the kustomization may have changed since.
    KustomizePatches patches;
    patches.add_input(document.path->string());
    document.input_role = input_role(document.path->string(), patches);
  }
  document.config_broken = broken;
  if (!broken) {
    document.config = std::move(resolved.config);
    document.ignored = resolved.ignored_by.has_value();
  }
  for (const auto& [id, severity] : settings_.rules) {
    RuleConfig& rule = document.config.rules[id];
    rule.enabled = severity.has_value();
    if (severity) rule.severity = *severity;
  }
}

// The errors of configuration files, as diagnostics on those files.
void Session::publish_config_errors() {
  std::map<std::string, json> now;
  for (const ConfigError& error : configs_->errors()) {
    const fs::path file = fs::absolute(error.path).lexically_normal();
    const std::string uri = uri_of_path(file);
    json range = {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}};
    const auto open = documents_.find(uri);
    if (open != documents_.end() && open->second.role == Document::Role::Config) continue;  // checked live
    if (error.position) {
      const json at = {{"line", error.position->line - 1}, {"character", error.position->column - 1}};
      range = {{"start", at}, {"end", at}};
    }
    now[uri].push_back(
        {{"range", range}, {"severity", 1}, {"source", "podlint"}, {"message", error.message}});
  }
  for (auto& [uri, document] : documents_) {
    if (document.role != Document::Role::Config) continue;
    check_config_document(document);
    now.erase(uri);
  }
  for (const auto& [uri, diagnostics] : config_diagnostics_) {
    if (!now.contains(uri)) {
      notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
    }
  }
  for (const auto& [uri, diagnostics] : now)
    notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", diagnostics}});
  config_diagnostics_ = std::move(now);
}

// An open configuration file is checked as it is typed.
void Session::check_config_document(Document& document) {
  std::vector<ConfigError> errors;
  parse_config(document.path ? document.path->string() : document.uri, document.buffer(), errors);
  const Lines lines(document.buffer());
  json diagnostics = json::array();
  for (const ConfigError& error : errors) {
    yaml::Span span;
    if (error.position) {
      span.begin = *error.position;
      // To the end of the word the error is at.
      const std::string_view line = lines.line_text(error.position->line);
      uint32_t end = error.position->column - 1;
      while (end < line.size() && line[end] != ' ' && line[end] != ':' && line[end] != ',' &&
             line[end] != '}' && line[end] != ']')
        ++end;
      span.end = {span.begin.offset + (end - (error.position->column - 1)), span.begin.line, end + 1};
    }
    diagnostics.push_back({{"range", lines.range(span, encoding_)},
                           {"severity", 1},
                           {"source", "podlint"},
                           {"message", error.message}});
  }
  notify("textDocument/publishDiagnostics",
         {{"uri", document.uri}, {"version", document.version}, {"diagnostics", diagnostics}});
}

// ---- diagnostics -------------------------------------------------------------

LintSettings Session::lint_settings(const Document& document) const {
  return {.parse = {},
          .config = document.config,
          .index = nullptr,
          .check_broken_documents = true,
          .role = document.input_role};
}

void Session::lint_parts(Document& document) {
  make_parser(document);
  const LintSettings settings = lint_settings(document);
  std::unordered_map<uint64_t, PartFindings> findings;
  for (const auto& part : document.parser->parts()) {
    auto cached = document.findings.find(part->serial);
    if (cached != document.findings.end()) {
      findings.emplace(part->serial, std::move(cached->second));
      continue;
    }
    FileReport report{.path = document.uri, .text = part->text};
    lint_stream(report, part->stream, settings);
    findings.emplace(part->serial, PartFindings{.diagnostics = std::move(report.diagnostics)});
  }
  document.findings = std::move(findings);
}

std::vector<Diagnostic> Session::findings(const std::string& uri) {
  Document& document = documents_.at(uri);
  if (document.role != Document::Role::Manifest || document.ignored) return {};
  make_parser(document);
  // A template is not YAML: it is reported once, as the command line does,
  // not a document at a time.
  if (document.input_role == InputRole::ChartTemplate)
    return lint_text(document.uri, document.parser->text(), lint_settings(document)).diagnostics;
  lint_parts(document);
  std::vector<Diagnostic> all;
  for (const auto& part : document.parser->parts()) {
    for (Diagnostic d : document.findings.at(part->serial).diagnostics) {
      move_to_buffer(d, *part);
      all.push_back(std::move(d));
    }
  }
  return all;
}

std::vector<Diagnostic> Session::shown_findings(Document& document) {
  std::vector<Diagnostic> out;
  for (Diagnostic& d : findings(document.uri)) {
    if (shown(d)) out.push_back(std::move(d));
  }
  return out;
}

void Session::append_published(Document& document, std::string& out) {
  bool first = true;
  const auto append = [&](std::string_view items) {
    if (items.empty()) return;
    if (!first) out += ',';
    out += items;
    first = false;
  };
  if (document.role != Document::Role::Manifest || document.ignored) return;
  make_parser(document);
  if (document.input_role == InputRole::ChartTemplate) {
    const Lines lines(document.buffer());
    for (const Diagnostic& d : shown_findings(document))
      append(dump(lsp_diagnostic(d, lines, document.uri, encoding_)));
    return;
  }
  lint_parts(document);
  for (const auto& part : document.parser->parts()) {
    PartFindings& found = document.findings.at(part->serial);
    if (found.published_line != part->first_line) {
      // The part's own lines, numbered as the buffer numbers them.
      const Lines lines(part->text, part->first_line);
      found.published.clear();
      for (const Diagnostic& d : found.diagnostics) {
        if (!shown(d)) continue;
        if (!found.published.empty()) found.published += ',';
        found.published += dump(lsp_diagnostic(d, lines, document.uri, encoding_));
      }
      found.published_line = part->first_line;
    }
    append(found.published);
  }
}

void Session::send_with_diagnostics(const json& message, std::string_view key, Document& document) {
  // The message's text with the diagnostics in its empty array `key`. A
  // string value cannot hold the key's text: its quotes would be escaped.
  const std::string envelope = dump(message);
  const std::string empty_array = fmt::format("\"{}\":[]", key);
  const size_t inside = envelope.find(empty_array) + empty_array.size() - 1;
  // One buffer for every publication: its memory is not allocated, and its
  // pages not mapped, again for each edit.
  outgoing_.clear();
  outgoing_.append(envelope, 0, inside);
  append_published(document, outgoing_);
  outgoing_.append(envelope, inside);
  send_(outgoing_);
}

void Session::idle() {
  if (client_pulls_) return;
  for (auto& [uri, document] : documents_) {
    if (!document.publish) continue;
    document.publish = false;
    const json message = {
        {"jsonrpc", "2.0"},
        {"method", "textDocument/publishDiagnostics"},
        {"params", {{"uri", uri}, {"version", document.version}, {"diagnostics", json::array()}}}};
    send_with_diagnostics(message, "diagnostics", document);
  }
}

void Session::pull_diagnostics(const json& id, const json& params) {
  Document& document = require(params.at("textDocument"));
  if (document.role == Document::Role::Config) {
    respond(id, {{"kind", "full"}, {"items", json::array()}});
    return;
  }
  if (document.publish || document.result_id == 0) {
    document.publish = false;
    document.result_id = ++clock_;
  } else if (params.value("previousResultId", "") == std::to_string(document.result_id)) {
    respond(id, {{"kind", "unchanged"}, {"resultId", std::to_string(document.result_id)}});
    return;
  }
  const json message = {
      {"jsonrpc", "2.0"},
      {"id", id},
      {"result",
       {{"kind", "full"}, {"resultId", std::to_string(document.result_id)}, {"items", json::array()}}}};
  send_with_diagnostics(message, "items", document);
}

// ---- features ------------------------------------------------------------------

json Session::code_actions(const json& params) {
  Document& document = require(params.at("textDocument"));
  if (document.role != Document::Role::Manifest) return json::array();
  make_parser(document);
  document.last_used = ++clock_;
  const Lines lines(document.buffer());
  const uint32_t begin = lines.offset(params.at("range").at("start"), encoding_);
  const uint32_t end = lines.offset(params.at("range").at("end"), encoding_);
  const bool json_document = document.path && has_extension(*document.path, {".json"});
  const DocumentView view{.uri = document.uri,
                          .parser = *document.parser,
                          .lines = lines,
                          .encoding = encoding_,
                          .config = document.config};
  const json only = params.value("context", json::object()).value("only", json(nullptr));
  json actions = json::array();
  if (kind_requested(only, kQuickFix))
    actions = podlint::lsp::code_actions(view, shown_findings(document), begin, end, !json_document);
  if (kind_requested(only, kFixAll) && !document.ignored) {
    // What `podlint fix` makes of the file: its safe fixes, round after round,
    // on the file as the command line reads it.
    LintSettings settings = lint_settings(document);
    settings.check_broken_documents = false;
    const FixResult fixed = fix_text(document.uri, document.parser->text(), settings, {});
    if (json fix_all = fix_all_action(view, fixed.text); !fix_all.is_null())
      actions.push_back(std::move(fix_all));
  }
  return actions;
}

json Session::hover(const json& params) {
  Document& document = require(params.at("textDocument"));
  if (document.role != Document::Role::Manifest) return nullptr;
  make_parser(document);
  document.last_used = ++clock_;
  const Lines lines(document.buffer());
  const uint32_t at = lines.offset(params.at("position"), encoding_);
  return podlint::lsp::hover({.uri = document.uri,
                              .parser = *document.parser,
                              .lines = lines,
                              .encoding = encoding_,
                              .config = document.config},
                             shown_findings(document), at);
}

json Session::completion(const json& params) {
  Document& document = require(params.at("textDocument"));
  if (document.role != Document::Role::Manifest) return json::array();
  make_parser(document);
  document.last_used = ++clock_;
  const Lines lines(document.buffer());
  const uint32_t at = lines.offset(params.at("position"), encoding_);
  return podlint::lsp::completion({.uri = document.uri,
                                   .parser = *document.parser,
                                   .lines = lines,
                                   .encoding = encoding_,
                                   .config = document.config},
                                  at);
}

}  // namespace podlint::lsp
