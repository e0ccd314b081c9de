#include "engine/edits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "model/scalar.hpp"

namespace podlint {

namespace {

bool is_break(char c) {
  return c == '\n' || c == '\r';
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool all_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), is_blank);
}

// Words that YAML 1.1 readers (older tools, some editors) take for booleans
// or null even where Kubernetes reads strings: quoted, they mean one thing
// everywhere.
bool yaml11_special(std::string_view value) {
  static constexpr std::array<std::string_view, 19> kWords{"y",   "Y",   "yes", "Yes",  "YES", "n",  "N",
                                                           "no",  "No",  "NO",  "on",   "On",  "ON", "off",
                                                           "Off", "OFF", "~",   "Null", "NULL"};
  if (std::find(kWords.begin(), kWords.end(), value) != kWords.end()) return true;
  // 1_000, 1:30 (sexagesimal), 0b101: numbers to YAML 1.1.
  const bool numeric_start = !value.empty() && (value[0] >= '0' && value[0] <= '9');
  return numeric_start && value.find_first_not_of("0123456789_:.+-eEoxXbB") == std::string_view::npos;
}

// Text a plain scalar can hold as it is (no quoting needed to read it back
// character for character), in block and flow context alike.
bool plain_syntax(std::string_view value) {
  if (value.empty() || is_blank(value.front()) || is_blank(value.back())) return false;
  if (value.starts_with("---") || value.starts_with("...")) return false;
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
  }
  const char first = value.front();
  if (std::string_view("-?:").find(first) != std::string_view::npos &&
      (value.size() == 1 || is_blank(value[1])))
    return false;
  if (std::string_view(",[]{}#&*!|>'\"%@`").find(first) != std::string_view::npos) return false;
  if (value.find_first_of(",[]{}") != std::string_view::npos) return false;
  return value.find(": ") == std::string_view::npos && value.find(" #") == std::string_view::npos &&
         value.back() != ':';
}

std::string double_quoted(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += fmt::format("\\x{:02x}", u);
        } else {
          out += c;
        }
    }
  }
  return out + '"';
}

// Single quotes hold any printable text ('' for a quote).
std::optional<std::string> single_quoted(std::string_view value) {
  std::string out = "'";
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return std::nullopt;
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + '\'';
}

std::string quoted(std::string_view value, char quote) {
  if (quote == '\'') {
    if (auto single = single_quoted(value)) return *single;
  }
  return double_quoted(value);
}

bool is_null(const yaml::Node& node) {
  return node.is_scalar() && model::scalar_type(node) == model::ScalarType::Null;
}

const yaml::Pair* own_pair(const yaml::Node& mapping, std::string_view key) {
  const yaml::Pair* found = nullptr;
  for (const yaml::Pair& pair : mapping.pairs) {
    // A duplicate's last value is the one Kubernetes reads.
    if (pair.key->is_scalar() && pair.key->value == key) found = &pair;
  }
  return found;
}

// Whether a node or anything in it defines an anchor.
bool holds_anchor(const yaml::Node& node) {
  std::vector<const yaml::Node*> pending{&node};
  while (!pending.empty()) {
    const yaml::Node* n = pending.back();
    pending.pop_back();
    if (!n->is_alias() && !n->anchor.empty()) return true;
    for (const yaml::Pair& pair : n->pairs) {
      pending.push_back(pair.key);
      pending.push_back(pair.value);
    }
    pending.insert(pending.end(), n->items.begin(), n->items.end());
  }
  return false;
}

// `value` under the keys `path`: {a: {b: value}} for path [a, b].
NewValue nest(std::span<const std::string_view> path, const NewValue& value) {
  NewValue out = value;
  for (auto it = path.rbegin(); it != path.rend(); ++it)
    out = NewValue::mapping({{NewValue::string(std::string(*it)), std::move(out)}});
  return out;
}

}  // namespace

bool plain_safe(std::string_view value) {
  return plain_syntax(value) && model::plain_scalar_type(value) == model::ScalarType::String &&
         !yaml11_special(value);
}

Editor::Editor(std::string_view text, const yaml::Node* layout) : text_(text) {
  const size_t newline = text.find('\n');
  if (newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r') eol_ = "\r\n";
  // The first nested block mapping and block list under a key show the
  // file's indentation step and where its dashes stand.
  bool step_found = false, dash_found = false;
  std::vector<const yaml::Node*> pending;
  if (layout != nullptr) pending.push_back(layout);
  size_t visited = 0;
  while (!pending.empty() && !(step_found && dash_found) && ++visited < 10000) {
    const yaml::Node* node = pending.back();
    pending.pop_back();
    if (node->is_sequence()) {
      for (auto it = node->items.rbegin(); it != node->items.rend(); ++it)
        pending.push_back(*it);
      continue;
    }
    if (!node->is_mapping()) continue;
    for (auto it = node->pairs.rbegin(); it != node->pairs.rend(); ++it) {
      const yaml::Node& key = *it->key;
      const yaml::Node& value = *it->value;
      pending.push_back(&value);
      if (node->flow || value.flow || value.span.begin.line == key.span.begin.line) continue;
      if (!step_found && value.is_mapping() && !value.pairs.empty() &&
          value.span.begin.column > key.span.begin.column) {
        step_ = value.span.begin.column - key.span.begin.column;
        step_found = true;
      }
      if (!dash_found && value.is_sequence() && !value.items.empty() &&
          value.span.begin.column >= key.span.begin.column) {
        dash_indent_ = value.span.begin.column - key.span.begin.column;
        dash_found = true;
      }
    }
  }
}

uint32_t Editor::line_start(uint32_t offset) const {
  uint32_t at = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  while (at > 0 && !is_break(text_[at - 1]))
    --at;
  // A byte order mark is not part of line 1.
  if (at == 0 && text_.starts_with("\xEF\xBB\xBF") && offset >= 3) at = 3;
  return at;
}

uint32_t Editor::line_end(uint32_t offset) const {
  uint32_t at = offset;
  while (at < text_.size() && !is_break(text_[at]))
    ++at;
  return at;
}

uint32_t Editor::next_line(uint32_t offset) const {
  const uint32_t at = line_end(offset);
  if (at == text_.size()) return at;
  return at + (text_.compare(at, 2, "\r\n") == 0 ? 2 : 1);
}

yaml::Position Editor::position(uint32_t offset, const yaml::Position& near) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  const auto breaks_between = [&](uint32_t from, uint32_t to) {
    uint32_t n = 0;
    for (uint32_t i = from; i < to; ++i) {
      if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n'))) ++n;
    }
    return n;
  };
  const uint32_t line = offset >= near.offset ? near.line + breaks_between(near.offset, offset)
                                              : near.line - breaks_between(offset, near.offset);
  return {offset, line, offset - line_start(offset) + 1};
}

Edit Editor::replace(uint32_t begin, uint32_t end, std::string replacement,
                     const yaml::Position& near) const {
  return {{position(begin, near), position(end, near)}, std::move(replacement)};
}

uint32_t Editor::content_end(const yaml::Node& key, const yaml::Node& value) const {
  // A block scalar's span takes in the line breaks its chomping keeps.
  if (value.is_scalar() &&
      (value.style == yaml::ScalarStyle::Literal || value.style == yaml::ScalarStyle::Folded))
    return value.span.end.offset;
  uint32_t end = std::max(key.span.end.offset, value.span.end.offset);
  while (end > key.span.end.offset && (is_break(text_[end - 1]) || is_blank(text_[end - 1])))
    --end;
  return end;
}

char Editor::sibling_quote(const yaml::Node& mapping) const {
  size_t single = 0, double_ = 0;
  for (const yaml::Pair& pair : mapping.pairs) {
    single += pair.value->style == yaml::ScalarStyle::SingleQuoted;
    double_ += pair.value->style == yaml::ScalarStyle::DoubleQuoted;
  }
  return single > double_ ? '\'' : '"';
}

std::string Editor::render_key(const NewValue& key, char quote) const {
  if (key.kind == NewValue::Kind::Raw) return key.text;
  return plain_safe(key.text) ? key.text : quoted(key.text, quote);
}

// A value in flow style (in_flow) or as it follows "key:" in a block mapping
// whose keys stand at column `indent`.
std::string Editor::render(const NewValue& value, uint32_t indent, bool in_flow, char quote) const {
  const std::string lead = in_flow ? "" : " ";
  switch (value.kind) {
    case NewValue::Kind::Raw:
      return lead + value.text;
    case NewValue::Kind::String:
      return lead + render_key(value, quote);
    case NewValue::Kind::Mapping:
      if (in_flow || value.flow || value.pairs.empty()) {
        std::string out = lead + "{";
        for (size_t i = 0; i < value.pairs.size(); ++i) {
          if (i > 0) out += ", ";
          out += render_key(value.pairs[i].first, quote);
          out += ": ";
          out += render(value.pairs[i].second, 0, true, quote);
        }
        return out + "}";
      } else {
        std::string out;
        for (const auto& [key, item] : value.pairs) {
          out += std::string(eol_) + std::string(indent + step_, ' ') + render_key(key, quote) + ":" +
                 render(item, indent + step_, false, quote);
        }
        return out;
      }
    case NewValue::Kind::Sequence:
      if (in_flow || value.flow || value.items.empty()) {
        std::string out = lead + "[";
        for (size_t i = 0; i < value.items.size(); ++i)
          out += (i ? ", " : "") + render(value.items[i], 0, true, quote);
        return out + "]";
      } else {
        std::string out;
        const uint32_t dash = indent + dash_indent_;
        for (const NewValue& item : value.items) {
          out += std::string(eol_) + std::string(dash, ' ') + "-";
          if (item.kind != NewValue::Kind::Mapping || item.flow || item.pairs.empty()) {
            out += render(item, dash + 2, item.kind == NewValue::Kind::Sequence, quote);
            continue;
          }
          // The first entry shares the dash's line; the others align with it.
          for (size_t i = 0; i < item.pairs.size(); ++i) {
            out += (i ? std::string(eol_) + std::string(dash + 2, ' ') : std::string(" ")) +
                   render_key(item.pairs[i].first, quote) + ":" +
                   render(item.pairs[i].second, dash + 2, false, quote);
          }
        }
        return out;
      }
  }
  return {};
}

std::optional<Edit> Editor::replace_scalar(const yaml::Node& scalar, std::string_view value) const {
  if (!scalar.is_scalar()) return std::nullopt;
  std::string text;
  switch (scalar.style) {
    case yaml::ScalarStyle::Literal:
    case yaml::ScalarStyle::Folded:
      return std::nullopt;
    case yaml::ScalarStyle::SingleQuoted:
      text = quoted(value, '\'');
      break;
    case yaml::ScalarStyle::DoubleQuoted:
      text = double_quoted(value);
      break;
    case yaml::ScalarStyle::Plain: {
      // A tag decides the type whatever the text; without one, the text
      // must resolve to what the scalar was.
      const bool same_type =
          !scalar.tag.empty() ||
          (model::plain_scalar_type(value) == model::scalar_type(scalar) && !yaml11_special(value));
      text = plain_syntax(value) && same_type ? std::string(value) : double_quoted(value);
      break;
    }
  }
  return replace(scalar.span.begin.offset, scalar.span.end.offset, std::move(text), scalar.span.begin);
}

std::optional<Edit> Editor::quote(const yaml::Node& scalar) const {
  if (!scalar.is_scalar() || scalar.style != yaml::ScalarStyle::Plain) return std::nullopt;
  return replace(scalar.span.begin.offset, scalar.span.end.offset, double_quoted(scalar.value),
                 scalar.span.begin);
}

std::optional<Edit> Editor::insert_pair(const yaml::Node& mapping, const NewValue& key, const NewValue& value,
                                        std::span<const std::string_view> before) const {
  if (!mapping.is_mapping() || !mapping.anchor.empty()) return std::nullopt;
  const char quote = sibling_quote(mapping);
  const std::string key_text = render_key(key, quote);
  const auto pairs = mapping.pairs;
  const yaml::Pair* next = nullptr;  // the entry the new one goes before
  for (const std::string_view name : before) {
    if ((next = own_pair(mapping, name)) != nullptr) break;
  }
  const yaml::Position& near = mapping.span.begin;

  if (mapping.flow) {
    const std::string entry = key_text + ": " + render(value, 0, true, quote);
    if (pairs.empty()) {
      const uint32_t open = mapping.span.begin.offset + 1;  // after '{'
      return replace(open, open, entry, near);
    }
    if (next != nullptr) {
      const uint32_t at = next->key->span.begin.offset;
      return replace(at, at, entry + ", ", near);
    }
    const yaml::Pair& last = pairs.back();
    const uint32_t at = std::max(last.key->span.end.offset, last.value->span.end.offset);
    return replace(at, at, ", " + entry, near);
  }

  if (pairs.empty()) return std::nullopt;
  const uint32_t column = pairs.front().key->span.begin.column - 1;
  const std::string line = std::string(column, ' ') + key_text + ":" + render(value, column, false, quote);
  if (next != nullptr) {
    const uint32_t key_at = next->key->span.begin.offset;
    uint32_t at = line_start(key_at);
    if (all_blank(text_.substr(at, key_at - at))) {
      // The comments just above a key are about it: the new entry goes above them.
      while (at > 0) {
        const uint32_t above = line_start(at - 1);
        const std::string_view above_text = text_.substr(above, line_end(above) - above);
        const size_t first = above_text.find_first_not_of(" \t");
        if (first == std::string_view::npos || above_text[first] != '#') break;
        at = above;
      }
      return replace(at, at, line + std::string(eol_), near);
    }
    // The key follows "- " on its line: after the entry before it, if any.
    const auto index = static_cast<size_t>(next - pairs.data());
    if (index > 0) {
      const uint32_t after = next_line(content_end(*pairs[index - 1].key, *pairs[index - 1].value));
      return replace(after, after, line + std::string(eol_), near);
    }
  }
  const yaml::Pair& last = pairs.back();
  const uint32_t after = next_line(content_end(*last.key, *last.value));
  const bool ends_line = after > 0 && is_break(text_[after - 1]);
  if (!ends_line) return replace(after, after, std::string(eol_) + line, near);
  return replace(after, after, line + std::string(eol_), near);
}

std::optional<Edit> Editor::set(const yaml::Node& mapping, std::span<const std::string_view> path,
                                const NewValue& value, std::span<const std::string_view> before) const {
  const yaml::Node* current = &mapping;
  for (size_t i = 0; i < path.size(); ++i) {
    if (!current->is_mapping()) return std::nullopt;
    const yaml::Pair* pair = own_pair(*current, path[i]);
    const NewValue rest = nest(path.subspan(i + 1), value);
    if (pair == nullptr) return insert_pair(*current, NewValue::string(std::string(path[i])), rest, before);
    const yaml::Node& key = *pair->key;
    const yaml::Node& found = *pair->value;
    if (found.is_alias()) return std::nullopt;  // its target is shared
    if (found.is_mapping() && i + 1 < path.size()) {
      current = &found;
      continue;
    }
    const bool last = i + 1 == path.size();
    if (last && found.is_scalar() && !is_null(found) && value.kind != NewValue::Kind::Mapping &&
        value.kind != NewValue::Kind::Sequence) {
      if (value.kind == NewValue::Kind::String) return replace_scalar(found, value.text);
      return replace(found.span.begin.offset, found.span.end.offset, value.text, found.span.begin);
    }
    if (!is_null(found)) return std::nullopt;
    // key: (nothing), key: ~, key: null: the value takes the null's place.
    const uint32_t colon = static_cast<uint32_t>(text_.find(':', key.span.end.offset));
    if (colon == std::string_view::npos || colon > found.span.begin.offset) return std::nullopt;
    const uint32_t null_end = found.span.end.offset;
    const bool rest_of_line_blank = all_blank(text_.substr(null_end, line_end(null_end) - null_end));
    if (current->flow || !rest_of_line_blank) {
      std::string flow = " ";
      flow += render(rest, 0, true, '"');
      return replace(colon + 1, null_end, std::move(flow), key.span.begin);
    }
    return replace(colon + 1, null_end,
                   render(rest, key.span.begin.column - 1, false, sibling_quote(*current)), key.span.begin);
  }
  return std::nullopt;
}

std::optional<Edit> Editor::remove_pair(const yaml::Node& mapping, size_t index) const {
  if (!mapping.is_mapping() || index >= mapping.pairs.size()) return std::nullopt;
  const auto pairs = mapping.pairs;
  const yaml::Pair& pair = pairs[index];
  if (holds_anchor(*pair.key) || holds_anchor(*pair.value)) return std::nullopt;
  const yaml::Position& near = pair.key->span.begin;
  const uint32_t key_at = pair.key->span.begin.offset;
  const auto end_of = [](const yaml::Pair& p) {
    return std::max(p.key->span.end.offset, p.value->span.end.offset);
  };
  if (mapping.flow) {
    if (index + 1 < pairs.size()) return replace(key_at, pairs[index + 1].key->span.begin.offset, "", near);
    if (index == 0) return replace(key_at, end_of(pair), "", near);
    return replace(end_of(pairs[index - 1]), end_of(pair), "", near);
  }
  if (pairs.size() == 1) return std::nullopt;
  const uint32_t start = line_start(key_at);
  const uint32_t after = next_line(content_end(*pair.key, *pair.value));
  if (all_blank(text_.substr(start, key_at - start))) return replace(start, after, "", near);
  // After "- ": the next line's content moves up behind the dash.
  uint32_t join = after;
  while (join < text_.size() && is_blank(text_[join]))
    ++join;
  return replace(key_at, join, "", near);
}

Edit Editor::remove_comment(const yaml::Comment& comment) const {
  const uint32_t at = comment.span.begin.offset;
  const uint32_t start = line_start(at);
  if (all_blank(text_.substr(start, at - start)))
    return replace(start, next_line(at), "", comment.span.begin);
  uint32_t from = at;
  while (from > start && is_blank(text_[from - 1]))
    --from;
  return replace(from, comment.span.end.offset, "", comment.span.begin);
}

}  // namespace podlint
