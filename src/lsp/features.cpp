#include "lsp/features.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "engine/fix.hpp"
#include "engine/rule.hpp"
#include "model/pod.hpp"
#include "output/rule_docs.hpp"
#include "schema/schema.hpp"
#include "yaml/path.hpp"

namespace podlint::lsp {

using nlohmann::json;

namespace {

using Part = yaml::IncrementalParser::Part;

const Part* part_at(const yaml::IncrementalParser& parser, uint32_t offset) {
  const Part* found = nullptr;
  for (const auto& part : parser.parts()) {
    if (part->begin <= offset) found = part.get();
  }
  return found;
}

bool holds(const yaml::Span& span, uint32_t offset) {
  return span.begin.offset <= offset && (offset < span.end.offset || offset == span.begin.offset);
}

// ---- the schema, step by step ---------------------------------------------

// Where a place stands in an object: the keys and item indexes down to it.
struct Step {
  std::string_view key;  // empty for a sequence item
};

// The type of the mapping the steps lead into (from the object's type), and
// the field of the last key step; null where the schema does not follow.
struct Resolved {
  const schema::TypeInfo* type = nullptr;    // of the mapping reached
  const schema::FieldInfo* field = nullptr;  // the last key's field
};

Resolved resolve(const schema::TypeInfo* type, std::span<const Step> steps) {
  Resolved at{type, nullptr};
  // Whether the field just read still needs its item (an array) or its
  // value (a map) before reaching the type.
  bool pending_item = false, pending_value = false;
  for (const Step& step : steps) {
    if (at.type == nullptr && !pending_item && !pending_value) return {};
    if (step.key.empty()) {
      if (!pending_item) return {};
      pending_item = false;
      continue;
    }
    if (pending_value) {
      pending_value = false;
      continue;
    }
    if (pending_item || at.type == nullptr) return {};
    const schema::FieldInfo* field = at.type->field(step.key);
    if (field == nullptr) return {};
    at.field = field;
    at.type = field->kind == schema::Kind::Object ? field->object : nullptr;
    pending_item = field->shape == schema::Shape::Array;
    pending_value = field->shape == schema::Shape::Map;
  }
  if (pending_item || pending_value) at.type = nullptr;
  return at;
}

std::string kind_text(const schema::FieldInfo& field) {
  std::string kind;
  switch (field.kind) {
    case schema::Kind::String:
      kind = "string";
      break;
    case schema::Kind::Integer:
      kind = "integer";
      break;
    case schema::Kind::Number:
      kind = "number";
      break;
    case schema::Kind::Boolean:
      kind = "boolean";
      break;
    case schema::Kind::DateTime:
      kind = "date-time (RFC 3339)";
      break;
    case schema::Kind::IntOrString:
      kind = "integer or string";
      break;
    case schema::Kind::Quantity:
      kind = "quantity";
      break;
    case schema::Kind::Any:
      kind = "any";
      break;
    case schema::Kind::Object:
      kind = field.object != nullptr ? std::string(field.object->name) : "object";
      break;
  }
  if (field.shape == schema::Shape::Array) return "array of " + kind;
  if (field.shape == schema::Shape::Map) return "map of string to " + kind;
  return kind;
}

std::string enum_text(const schema::FieldInfo& field) {
  std::string out;
  for (const std::string_view value : field.enum_values) {
    if (!out.empty()) out += ", ";
    out += "`" + std::string(value) + "`";
  }
  return out;
}

// ---- hover ---------------------------------------------------------------

// The key whose span holds `offset`, and the steps to it from `node`.
const yaml::Node* key_at(const yaml::Node& node, uint32_t offset, std::vector<Step>& steps) {
  if (node.is_mapping()) {
    for (const yaml::Pair& pair : node.pairs) {
      if (!pair.key->is_scalar()) continue;
      if (holds(pair.key->span, offset)) {
        steps.push_back({pair.key->value});
        return pair.key;
      }
      if (holds(pair.value->span, offset)) {
        steps.push_back({pair.key->value});
        if (const yaml::Node* key = key_at(*pair.value, offset, steps)) return key;
        steps.pop_back();
      }
    }
  } else if (node.is_sequence()) {
    for (const yaml::Node* item : node.items) {
      if (!holds(item->span, offset)) continue;
      steps.push_back({});
      if (const yaml::Node* key = key_at(*item, offset, steps)) return key;
      steps.pop_back();
    }
  }
  return nullptr;
}

std::optional<std::string> field_hover(const Part& part, uint32_t offset) {
  for (const yaml::Document& document : part.stream.documents) {
    if (document.root == nullptr || !holds(document.root->span, offset)) continue;
    // The innermost object holding the offset (a List's item before the List).
    const model::ObjectHeader* object = nullptr;
    const std::vector<model::ObjectHeader> headers = model::object_headers(document);
    for (const model::ObjectHeader& header : headers) {
      if (header.has_type() && holds(header.object->span, offset)) object = &header;
    }
    if (object == nullptr) return std::nullopt;
    std::vector<Step> steps;
    const yaml::Node* key = key_at(*object->object, offset, steps);
    if (key == nullptr) return std::nullopt;
    const schema::TypeInfo* type = schema::type_for_kind(object->api_version.value, object->kind.value);
    if (type == nullptr) return std::nullopt;
    const Resolved resolved = resolve(type, steps);
    if (resolved.field == nullptr) return std::nullopt;
    const schema::FieldInfo& field = *resolved.field;
    std::string text = "**" + std::string(field.name) + "**: " + kind_text(field);
    if (field.required) text += " (required)";
    if (const std::string_view description = schema::description(field); !description.empty())
      text += "\n\n" + std::string(description);
    text += "\n\n`" + std::string(object->kind.value) + "` `" +
            yaml::path_to(*object->object, key->span.begin.offset) + "`";
    if (!field.enum_values.empty()) text += "\n\nOne of: " + enum_text(field);
    return text;
  }
  return std::nullopt;
}

// ---- code actions ----------------------------------------------------------

std::string line_break_of(std::string_view line_with_break) {
  return line_with_break.ends_with("\r\n") ? "\r\n" : "\n";
}

// The rule added to a comment `directive` on line `at` (1-based), if that
// line is one.
std::optional<json> join_waiver(const DocumentView& document, uint32_t at, std::string_view directive,
                                std::string_view rule) {
  const std::string_view line = document.lines.line_text(at);
  const size_t hash = line.find_first_not_of(" \t");
  const std::string prefix = "# " + std::string(directive) + " ";
  if (hash == std::string_view::npos || !line.substr(hash).starts_with(prefix)) return std::nullopt;
  const size_t list_begin = hash + prefix.size();
  size_t list_end = line.find(" --", list_begin);
  if (list_end == std::string_view::npos) list_end = line.size();
  while (list_end > list_begin && (line[list_end - 1] == ' ' || line[list_end - 1] == '\t'))
    --list_end;
  const auto offset = static_cast<uint32_t>(line.data() - document.parser.text().data() + list_end);
  const yaml::Position p = document.lines.at(offset);
  return json{{"range", document.lines.range({p, p}, document.encoding)},
              {"newText", ", " + std::string(rule)}};
}

// A comment waiving `rule` on a line of its own before `line` (1-based),
// indented like it.
json waiver_line(const DocumentView& document, uint32_t line, std::string_view directive,
                 std::string_view rule) {
  const std::string_view text = document.parser.text();
  const std::string_view current = document.lines.line_text(line);
  const size_t indent = std::min(current.find_first_not_of(" \t"), current.size());
  const auto start = static_cast<uint32_t>(current.data() - text.data());
  const std::string_view with_break = text.substr(start, current.size() + 2);
  const yaml::Position p = document.lines.at(start);
  return {{"range", document.lines.range({p, p}, document.encoding)},
          {"newText", std::string(current.substr(0, indent)) + "# " + std::string(directive) + " " +
                          std::string(rule) + " -- reason" + line_break_of(with_break)}};
}

// "# podlint-disable-next-line RULE" above the finding's line, or RULE added
// to the one there.
json next_line_waiver(const DocumentView& document, uint32_t line, std::string_view rule) {
  constexpr std::string_view kDirective = "podlint-disable-next-line";
  if (line > 1) {
    if (auto joined = join_waiver(document, line - 1, kDirective, rule)) return *joined;
  }
  return waiver_line(document, line, kDirective, rule);
}

// "# podlint-disable-file RULE" at the document's start (`line`), or RULE
// added to one among the comment lines there.
json file_waiver(const DocumentView& document, uint32_t line, std::string_view rule) {
  constexpr std::string_view kDirective = "podlint-disable-file";
  for (uint32_t at = line; at <= document.lines.line_count(); ++at) {
    const std::string_view text = document.lines.line_text(at);
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos || text[first] != '#') break;
    if (auto joined = join_waiver(document, at, kDirective, rule)) return *joined;
  }
  return waiver_line(document, line, kDirective, rule);
}

// The line a document's waivers go on: after its "---", else its first.
uint32_t document_waiver_line(const Part& part, uint32_t offset) {
  const uint32_t local = offset - part.begin;
  for (const yaml::Document& document : part.stream.documents) {
    if (local < document.span.begin.offset && &document != &part.stream.documents.front()) continue;
    if (!document.explicit_start) return part.first_line;
    // The marker is the document's first line, or follows its directives.
    const yaml::LineIndex lines(part.text);
    for (uint32_t line = document.span.begin.line; line <= lines.line_count(); ++line) {
      if (lines.line_text(line).starts_with("---")) return line + part.first_line;
    }
  }
  return part.first_line;
}

json action(const DocumentView& document, const Diagnostic& d, std::string title, json edits) {
  return {{"title", std::move(title)},
          {"kind", kQuickFix},
          {"diagnostics", {lsp_diagnostic(d, document.lines, document.uri, document.encoding)}},
          {"edit", {{"changes", {{document.uri, std::move(edits)}}}}}};
}

// A fix's edits as LSP TextEdits; null when one does not fit the buffer.
json text_edits(const DocumentView& document, const Fix& fix) {
  json edits = json::array();
  for (const Edit& edit : fix.edits) {
    if (edit.span.end.offset > document.parser.text().size()) return nullptr;
    edits.push_back(
        {{"range", document.lines.range(edit.span, document.encoding)}, {"newText", edit.replacement}});
  }
  return edits;
}

bool utf8_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// ---- completion --------------------------------------------------------------

// What a YAML line opens: its "- " indicators and its key, with columns.
struct LineEntries {
  std::vector<uint32_t> dashes;  // 0-based columns
  std::optional<uint32_t> key_column;
  std::string_view key;
  bool key_has_value = false;  // something follows "key:" on the line
};

LineEntries entries_of(std::string_view line) {
  LineEntries out;
  size_t at = line.find_first_not_of(' ');
  if (at == std::string_view::npos || line[at] == '#') return out;
  while (at < line.size() && line[at] == '-' && (at + 1 == line.size() || line[at + 1] == ' ')) {
    out.dashes.push_back(static_cast<uint32_t>(at));
    at = line.find_first_not_of(' ', at + 1);
    if (at == std::string_view::npos) return out;
  }
  // A plain key: up to ": " or a ':' ending the line.
  for (size_t i = at; i < line.size(); ++i) {
    if (line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ')) {
      if (line[at] == '{' || line[at] == '[' || line[at] == '"' || line[at] == '\'' || line[at] == '#') break;
      out.key_column = static_cast<uint32_t>(at);
      out.key = line.substr(at, i - at);
      const size_t value = line.find_first_not_of(' ', i + 1);
      out.key_has_value = value != std::string_view::npos && line[value] != '#' && line[value] != '&' &&
                          line[value] != '!' && line[value] != '|' && line[value] != '>';
      break;
    }
    if (line[i] == ' ' && i + 1 < line.size() && line[i + 1] == '#') break;
  }
  return out;
}

// The steps from a document's root to the mapping a key at `column` of
// `line` (1-based, in the part) belongs to, read from the indentation of
// the lines above: each line above that starts left of where the search
// stands is a parent (a key opening a block, or a "- " item). `dashes` are
// the item indicators left of the key on its own line.
std::optional<std::vector<Step>> steps_to(const yaml::LineIndex& lines, uint32_t line, uint32_t column,
                                          const std::vector<uint32_t>& dashes) {
  std::vector<Step> reversed;
  uint32_t want = column;   // a parent starts left of this column...
  bool after_dash = false;  // ...or, for an item, at it when it is a key
  for (auto dash = dashes.rbegin(); dash != dashes.rend(); ++dash) {
    reversed.push_back({});
    want = *dash;
    after_dash = true;
  }
  for (uint32_t l = line - 1; l >= 1 && want > 0; --l) {
    const std::string_view text = lines.line_text(l);
    if (text.starts_with("---") || text.starts_with("...")) break;
    const LineEntries entries = entries_of(text);
    if (entries.dashes.empty() && !entries.key_column) continue;
    const size_t first = text.find_first_not_of(' ');
    if (first == std::string_view::npos || first > want) continue;
    // Right to left along the line: its key, then its dashes.
    if (entries.key_column && (*entries.key_column < want || (after_dash && *entries.key_column == want))) {
      if (entries.key_has_value) return std::nullopt;  // a scalar holds nothing
      reversed.push_back({entries.key});
      want = *entries.key_column;
      after_dash = false;
    }
    for (auto dash = entries.dashes.rbegin(); dash != entries.dashes.rend(); ++dash) {
      if (*dash < want) {
        reversed.push_back({});
        want = *dash;
        after_dash = true;
      }
    }
  }
  if (want > 0) return std::nullopt;
  return std::vector<Step>(reversed.rbegin(), reversed.rend());
}

// A top-level "name: value" of the part's document at `line`, by its text
// (which a broken document may not have in its tree).
std::string_view top_level_value(const yaml::LineIndex& lines, uint32_t line, std::string_view name) {
  for (uint32_t up = line; up >= 1; --up) {
    const std::string_view text = lines.line_text(up);
    if (text.starts_with("---")) break;
    if (text.starts_with(name) && text.substr(name.size()).starts_with(":")) {
      std::string_view value = text.substr(name.size() + 1);
      value = value.substr(std::min(value.find_first_not_of(' '), value.size()));
      return value.substr(0, std::min(value.find_first_of(" #"), value.size()));
    }
  }
  for (uint32_t down = line + 1; down <= lines.line_count(); ++down) {
    const std::string_view text = lines.line_text(down);
    if (text.starts_with("---")) break;
    if (text.starts_with(name) && text.substr(name.size()).starts_with(":")) {
      std::string_view value = text.substr(name.size() + 1);
      value = value.substr(std::min(value.find_first_not_of(' '), value.size()));
      return value.substr(0, std::min(value.find_first_of(" #"), value.size()));
    }
  }
  return {};
}

// The keys already in the mapping whose keys stand at `column`, around `line`.
std::set<std::string_view> sibling_keys(const yaml::LineIndex& lines, uint32_t line, uint32_t column) {
  std::set<std::string_view> keys;
  const auto scan = [&](uint32_t l, bool upward) {
    const std::string_view text = lines.line_text(l);
    const LineEntries entries = entries_of(text);
    const size_t first = text.find_first_not_of(' ');
    if (first == std::string_view::npos || text[first] == '#') return true;
    if (entries.key_column && *entries.key_column == column) keys.insert(entries.key);
    // A line further left ends the mapping; so does, going up, this item's own "- ".
    if (first < column) return false;
    if (upward && !entries.dashes.empty() && entries.dashes.back() + 2 == column) return false;
    if (!upward && !entries.dashes.empty() && entries.dashes.front() < column) return false;
    return true;
  };
  const LineEntries own = entries_of(lines.line_text(line));
  if (own.dashes.empty() || own.dashes.back() + 2 != column) {
    for (uint32_t l = line - 1; l >= 1 && scan(l, true); --l) {
    }
  }
  for (uint32_t l = line + 1; l <= lines.line_count() && scan(l, false); ++l) {
  }
  return keys;
}

}  // namespace

json lsp_diagnostic(const Diagnostic& d, const Lines& lines, const std::string& uri, Encoding encoding) {
  json out = {{"range", lines.range(d.span, encoding)},
              {"severity", d.severity == Severity::Error     ? 1
                           : d.severity == Severity::Warning ? 2
                                                             : 3},
              {"code", d.rule},
              {"source", "podlint"},
              {"message", d.message}};
  if (const Rule* rule = find_rule(d.rule)) out["codeDescription"] = {{"href", rule_page_url(rule->info())}};
  if (!d.related.empty()) {
    json related = json::array();
    for (const RelatedLocation& r : d.related) {
      related.push_back(
          {{"location", {{"uri", uri}, {"range", lines.range(r.span, encoding)}}}, {"message", r.message}});
    }
    out["relatedInformation"] = std::move(related);
  }
  if (d.rule == kUnusedSuppressionRule) out["tags"] = {1};  // Unnecessary: shown faded
  return out;
}

json code_actions(const DocumentView& document, const std::vector<Diagnostic>& shown, uint32_t begin,
                  uint32_t end, bool comments) {
  json actions = json::array();
  for (const Diagnostic& d : shown) {
    const bool overlaps =
        d.span.begin.offset <= end && begin <= std::max(d.span.end.offset, d.span.begin.offset);
    if (!overlaps) continue;
    const Fix* preferred = chosen_fix(d, {});
    for (const Fix& fix : d.fixes) {
      json edits = text_edits(document, fix);
      if (edits.is_null() || edits.empty()) continue;
      const bool safe = fix.applicability == Applicability::Safe;
      json fix_action = action(document, d, safe ? fix.title : fix.title + " (unsafe)", std::move(edits));
      fix_action["isPreferred"] = &fix == preferred;
      actions.push_back(std::move(fix_action));
    }
    const Rule* rule = find_rule(d.rule);
    if (!comments || rule == nullptr || !rule->info().suppressible ||
        !document.config.suppression_allowed(d.rule)) {
      continue;
    }
    actions.push_back(action(document, d, "Disable " + d.rule + " on this line",
                             {next_line_waiver(document, d.span.begin.line, d.rule)}));
    const Part* part = part_at(document.parser, d.span.begin.offset);
    if (part == nullptr) continue;
    actions.push_back(
        action(document, d, "Disable " + d.rule + " in this document",
               {file_waiver(document, document_waiver_line(*part, d.span.begin.offset), d.rule)}));
  }
  return actions;
}

json fix_all_action(const DocumentView& document, std::string_view fixed) {
  const std::string_view text = document.parser.text();
  if (fixed == text) return nullptr;
  // The changed bytes, cut at whole characters so that both ends are positions.
  size_t prefix = 0;
  while (prefix < text.size() && prefix < fixed.size() && text[prefix] == fixed[prefix])
    ++prefix;
  while (prefix > 0 && prefix < text.size() && utf8_continuation(text[prefix]))
    --prefix;
  size_t suffix = 0;
  while (suffix < text.size() - prefix && suffix < fixed.size() - prefix &&
         text[text.size() - 1 - suffix] == fixed[fixed.size() - 1 - suffix])
    ++suffix;
  while (suffix > 0 && utf8_continuation(text[text.size() - suffix]))
    --suffix;
  const auto begin = static_cast<uint32_t>(prefix);
  const auto end = static_cast<uint32_t>(text.size() - suffix);
  const yaml::Span span{document.lines.at(begin), document.lines.at(end)};
  json edit = {{"range", document.lines.range(span, document.encoding)},
               {"newText", std::string(fixed.substr(prefix, fixed.size() - prefix - suffix))}};
  return {{"title", "Apply every safe podlint fix"},
          {"kind", kFixAll},
          {"edit", {{"changes", {{document.uri, {std::move(edit)}}}}}}};
}

bool kind_requested(const json& only, std::string_view kind) {
  if (!only.is_array()) return kind == kQuickFix;
  return std::any_of(only.begin(), only.end(), [&](const json& asked) {
    if (!asked.is_string()) return false;
    const std::string& prefix = asked.get_ref<const std::string&>();
    return kind == prefix || (kind.starts_with(prefix) && kind[prefix.size()] == '.');
  });
}

json hover(const DocumentView& document, const std::vector<Diagnostic>& shown, uint32_t at) {
  std::vector<std::string> sections;
  for (const Diagnostic& d : shown) {
    if (!holds(d.span, at) && !(d.span.begin.offset <= at && at <= d.span.end.offset)) continue;
    const Rule* rule = find_rule(d.rule);
    if (rule == nullptr) continue;
    sections.push_back("**" + d.message + "** `" + d.rule + "`\n\n" +
                       std::string(rule_page(rule->info()).summary) + " [Rule page](" +
                       rule_page_url(rule->info()) + ")");
  }
  if (const Part* part = part_at(document.parser, at)) {
    if (auto field = field_hover(*part, at - part->begin)) sections.push_back(std::move(*field));
  }
  if (sections.empty()) return nullptr;
  std::string value;
  for (const std::string& section : sections) {
    if (!value.empty()) value += "\n\n---\n\n";
    value += section;
  }
  return {{"contents", {{"kind", "markdown"}, {"value", value}}}};
}

json completion(const DocumentView& document, uint32_t at) {
  json items = json::array();
  const json empty = {{"isIncomplete", false}, {"items", items}};
  const Part* part = part_at(document.parser, at);
  if (part == nullptr) return empty;
  const yaml::LineIndex lines(part->text);
  const yaml::Position cursor = lines.position(at - part->begin);
  const std::string_view line = lines.line_text(cursor.line);
  const std::string_view before = line.substr(0, std::min<size_t>(cursor.column - 1, line.size()));
  const LineEntries entries = entries_of(before);
  const schema::TypeInfo* root = schema::type_for_kind(top_level_value(lines, cursor.line, "apiVersion"),
                                                       top_level_value(lines, cursor.line, "kind"));
  if (root == nullptr) return empty;
  const auto range_from = [&](size_t column) {
    const auto begin = static_cast<uint32_t>(part->begin + (line.data() - part->text.data()) + column);
    return document.lines.range({document.lines.at(begin), document.lines.at(at)}, document.encoding);
  };

  if (entries.key_column) {
    // After "key: ": the field's values.
    const std::optional<std::vector<Step>> steps =
        steps_to(lines, cursor.line, *entries.key_column, entries.dashes);
    if (!steps) return empty;
    std::vector<Step> to_field = *steps;
    to_field.push_back({entries.key});
    const Resolved resolved = resolve(root, to_field);
    if (resolved.field == nullptr) return empty;
    const size_t colon = *entries.key_column + entries.key.size() + 1;
    const size_t value_begin = std::min(before.find_first_not_of(' ', colon), before.size());
    std::vector<std::string_view> values(resolved.field->enum_values.begin(),
                                         resolved.field->enum_values.end());
    if (resolved.field->kind == schema::Kind::Boolean && resolved.field->shape == schema::Shape::Single) {
      values = {"true", "false"};
    }
    for (const std::string_view value : values) {
      items.push_back({{"label", value},
                       {"kind", 20},  // EnumMember
                       {"detail", kind_text(*resolved.field)},
                       {"textEdit", {{"range", range_from(value_begin)}, {"newText", value}}}});
    }
    return {{"isIncomplete", false}, {"items", items}};
  }

  // A key being typed: the word before the cursor, after any "- ".
  size_t word = before.size();
  while (word > 0 && before[word - 1] != ' ')
    --word;
  const std::string_view typed = before.substr(word);
  if (typed.find_first_of(":#{}[],\"'") != std::string_view::npos) return empty;
  const size_t first = before.find_first_not_of(' ');
  if (first != std::string_view::npos && first < word) {
    // Only item indicators may stand before the word.
    if (entries.dashes.empty() || entries.dashes.back() + 2 != word) return empty;
  }
  const auto column = static_cast<uint32_t>(word);
  const std::optional<std::vector<Step>> steps = steps_to(lines, cursor.line, column, entries.dashes);
  if (!steps) return empty;
  const Resolved resolved = resolve(root, *steps);
  if (resolved.type == nullptr) return empty;
  const std::set<std::string_view> present = sibling_keys(lines, cursor.line, column);
  for (const schema::FieldInfo& field : resolved.type->fields) {
    if (present.contains(field.name)) continue;
    const bool block = field.kind == schema::Kind::Object || field.shape != schema::Shape::Single;
    json item = {
        {"label", field.name},
        {"kind", 10},  // Property
        {"detail", kind_text(field) + (field.required ? " (required)" : "")},
        {"textEdit",
         {{"range", range_from(word)}, {"newText", std::string(field.name) + (block ? ":" : ": ")}}}};
    if (field.required) item["sortText"] = "0" + std::string(field.name);
    items.push_back(std::move(item));
  }
  return {{"isIncomplete", false}, {"items", items}};
}

}  // namespace podlint::lsp
