// The document model both YAML front-ends build: our parser (parser.hpp) and
// the error-tolerant tree-sitter front-end (treesitter.hpp). Nodes live in an
// arena owned by their Document; scalar values are views into the input where
// no unescaping or folding was needed, otherwise into the arena.
#pragma once

#include <cstdint>
#include <memory>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/source.hpp"

namespace podlint::yaml {

enum class NodeKind : uint8_t { Scalar, Mapping, Sequence, Alias };
enum class ScalarStyle : uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Node;

struct Pair {
  Node* key;
  Node* value;
};

struct Node {
  NodeKind kind = NodeKind::Scalar;
  ScalarStyle style = ScalarStyle::Plain;  // scalars only
  bool flow = false;                       // collections written as {...} or [...]
  // The node's content, without its anchor and tag. An empty (null) node has
  // an empty span where it would stand.
  Span span;
  // Resolved tag ("tag:yaml.org,2002:str", "!local", "!" for the
  // non-specific tag); empty when the node has no tag.
  std::string_view tag;
  // Anchor name without '&'; for an alias, the name it refers to.
  std::string_view anchor;
  std::string_view value;        // scalars: the content after unescaping/folding
  std::span<Node*> items;        // sequences
  std::span<Pair> pairs;         // mappings, in source order (duplicates kept)
  const Node* target = nullptr;  // aliases: the anchored node

  bool is_scalar() const { return kind == NodeKind::Scalar; }
  bool is_mapping() const { return kind == NodeKind::Mapping; }
  bool is_sequence() const { return kind == NodeKind::Sequence; }
  bool is_alias() const { return kind == NodeKind::Alias; }
};

enum class ErrorKind : uint8_t {
  Syntax,        // ends its document
  DuplicateKey,  // the document is still complete
  Limit,         // depth, alias expansion or size limit; ends its document
  Encoding,      // invalid UTF-8 or a forbidden control character; ends its document
};

struct Error {
  ErrorKind kind = ErrorKind::Syntax;
  Span span;
  std::string
      message;  // complete sentence fragment, e.g. "unterminated double-quoted string starting at 7:8"
  // Another place the error refers to (the first occurrence of a duplicate key).
  bool has_related = false;
  Span related;
};

struct Comment {
  Span span;              // from '#' to the end of the line (line break excluded)
  std::string_view text;  // after '#'
};

// Where document arenas take their blocks from: a process-wide pool that
// keeps the blocks of freed documents for the next ones, so that parsing
// does not go back to the kernel for fresh pages every time.
std::pmr::memory_resource& arena_blocks();

struct Document {
  explicit Document(size_t initial_arena_bytes = 1024)
      : arena(std::make_unique<std::pmr::monotonic_buffer_resource>(initial_arena_bytes, &arena_blocks())) {}

  // The root node; null only when a syntax error came before any content.
  Node* root = nullptr;
  Span span;                    // from the first byte of the document to its end
  bool explicit_start = false;  // "---"
  bool explicit_end = false;    // "..."
  std::vector<Comment> comments;
  std::vector<Error> errors;

  // True when the document was cut short (syntax, limit or encoding error).
  bool broken() const;

  std::unique_ptr<std::pmr::monotonic_buffer_resource> arena;
};

struct Stream {
  std::string_view text;  // the parsed input; the caller keeps it alive
  std::vector<Document> documents;

  bool has_errors() const;
};

// Looks a plain key up in a mapping, following merge keys ("<<") as YAML 1.1
// defines them: the mapping's own keys win, then merged mappings in order.
// Returns null when absent. Aliases are followed.
const Node* find(const Node& mapping, std::string_view key);

// Follows an alias to its target (returns the node itself otherwise).
const Node& resolve(const Node& node);

}  // namespace podlint::yaml
