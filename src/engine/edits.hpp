// Edits for fixes: the bytes to change in an input so that it says something
// else, and nothing more. What is written follows its surroundings: new keys
// get the indentation of their siblings, block or flow style as the mapping
// they go into, line breaks as the file's; a rewritten scalar keeps its
// quoting, a new one is quoted like its neighbours when it must be. Every
// rule that offers a fix builds its edits here.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/diagnostic.hpp"
#include "yaml/document.hpp"

namespace podlint {

// A value to write into a manifest: a string (quoted only when it must be),
// YAML text written as is (`false`, `1`, a key copied with its quotes), or a
// mapping or list of such values.
struct NewValue {
  enum class Kind : uint8_t { String, Raw, Mapping, Sequence };
  Kind kind = Kind::String;
  std::string text{};                                  // String, Raw
  std::vector<std::pair<NewValue, NewValue>> pairs{};  // Mapping: keys, values
  std::vector<NewValue> items{};                       // Sequence
  bool flow = false;                                   // written as {...} or [...] even in a block mapping

  static NewValue string(std::string value) { return {.kind = Kind::String, .text = std::move(value)}; }
  static NewValue raw(std::string yaml) { return {.kind = Kind::Raw, .text = std::move(yaml)}; }
  static NewValue mapping(std::vector<std::pair<NewValue, NewValue>> pairs, bool flow = false) {
    return {.kind = Kind::Mapping, .pairs = std::move(pairs), .flow = flow};
  }
  static NewValue sequence(std::vector<NewValue> items, bool flow = false) {
    return {.kind = Kind::Sequence, .items = std::move(items), .flow = flow};
  }
};

// How a plain string would read back: whether it can be written without
// quotes and stay the same string (in a flow collection too).
bool plain_safe(std::string_view value);

// Computes edits of one input. `layout` is the node whose style new nested
// blocks follow (the indentation step, whether a list's dashes are indented
// under their key): the document's root or the object; null: two spaces,
// indented dashes.
class Editor {
 public:
  Editor(std::string_view text, const yaml::Node* layout);

  // `value` in place of a scalar (a value or a key), in the scalar's quoting
  // style, quoted when plain text would read as something else; a string
  // stays a string. Nothing for a block scalar (| or >) or a collection.
  std::optional<Edit> replace_scalar(const yaml::Node& scalar, std::string_view value) const;

  // Quotes a plain scalar so that it reads as the string it spells (`1.10`,
  // `yes`, `080`). Nothing for other nodes.
  std::optional<Edit> quote(const yaml::Node& scalar) const;

  // Adds `key: value` to a mapping: before the first key of `before` it has
  // (and the comments just above that key), else after its last entry. Nothing
  // when the mapping is an alias target (an anchor: other places share it) or
  // a block mapping whose layout cannot take a line (an empty one).
  std::optional<Edit> insert_pair(const yaml::Node& mapping, const NewValue& key, const NewValue& value,
                                  std::span<const std::string_view> before = {}) const;

  // Sets `path` (keys, from `mapping` down) to `value`: replaces the value
  // when the path is there (a scalar's text, written as `value` is), else
  // adds the missing keys with the mappings they need (the first one added
  // goes as insert_pair() puts it, `before`). Nothing when a step on the way
  // is not a mapping or null.
  std::optional<Edit> set(const yaml::Node& mapping, std::span<const std::string_view> path,
                          const NewValue& value, std::span<const std::string_view> before = {}) const;

  // Removes the entry at `index` of `mapping` with what stands on its lines
  // (its trailing comment); the comments above the next entry stay. Nothing
  // for the only entry of a block mapping (its key would be left without a
  // value): remove the mapping's own entry instead; nothing for an entry that
  // holds an anchor (an alias elsewhere may refer to it).
  std::optional<Edit> remove_pair(const yaml::Node& mapping, size_t index) const;

  // Removes a comment: its whole line when it stands alone on it, else the
  // comment and the blanks before it.
  Edit remove_comment(const yaml::Comment& comment) const;

  // Replaces the bytes [begin, end) (deletes them with an empty
  // replacement); `near` is a known position the offsets' lines and columns
  // are counted from.
  Edit replace(uint32_t begin, uint32_t end, std::string replacement, const yaml::Position& near) const;

 private:
  yaml::Position position(uint32_t offset, const yaml::Position& near) const;
  uint32_t line_start(uint32_t offset) const;
  uint32_t line_end(uint32_t offset) const;  // offset of the line's break, or of the text's end
  uint32_t next_line(uint32_t offset) const;
  // The offset just after the last byte of a value's own text on its last line.
  uint32_t content_end(const yaml::Node& key, const yaml::Node& value) const;
  std::string render(const NewValue& value, uint32_t indent, bool in_flow, char quote) const;
  std::string render_key(const NewValue& key, char quote) const;
  char sibling_quote(const yaml::Node& mapping) const;

  std::string_view text_;
  std::string_view eol_ = "\n";
  uint32_t step_ = 2;         // the indentation of nested mappings
  uint32_t dash_indent_ = 2;  // where a list's dashes stand, relative to its key
};

}  // namespace podlint
