// The tree builder both YAML front-ends build their Stream with: the parser
// (parser.cpp) and the tree-sitter front-end (treesitter.cpp) decide what the
// nodes are, this makes and checks them. It owns the Stream and its current
// document: the document's arena and the nodes in it, the entries of the
// collections under construction, anchors and what aliases expand to (the
// billion-laughs limit), tag resolution, duplicate keys, scalar decoding, the
// limits of nesting and document size, the check of the input's characters,
// and the wording of every error these raise.
//
// A check that fails returns false or nothing, and the front-end asks for the
// error (too_deep(), undefined_alias(), ...): the parser ends the document
// with it, the tree-sitter front-end records it and goes on.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory_resource>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "yaml/characters.hpp"
#include "yaml/document.hpp"
#include "yaml/parser.hpp"

namespace podlint::yaml {

// An error with no related place.
inline Error make_error(ErrorKind kind, Span at, std::string message) {
  Error error;
  error.kind = kind;
  error.span = at;
  error.message = std::move(message);
  return error;
}

// How messages name a place: "line:column".
std::string position_text(const Position& p);

// The first character at or after `from` that YAML forbids (C0 controls but
// tab, LF and CR; DEL; C1 controls but NEL; U+FFFE and U+FFFF) or that is not
// valid UTF-8, and what is wrong with it. offset is text.size() when there is
// none.
struct InvalidCharacter {
  size_t offset = 0;
  std::string message;
};
InvalidCharacter find_invalid_character(std::string_view text, size_t from);

// Positions hold 32-bit offsets, and the parser pads its copy of the input.
inline constexpr size_t kMaxInputBytes = UINT32_MAX - kPadding;
// What either front-end makes of an input of kMaxInputBytes or more: one
// document with a Limit error.
Stream oversized_input(std::string_view text);

struct Anchored {
  Node* node;
  uint64_t nodes;  // how many nodes it stands for, its aliases expanded
};

// What the working memory of a parse may keep for the next one.
inline constexpr size_t kScratchKeepBytes = 1 << 20;
template <class T>
void release_if_large(std::vector<T>& v) {
  if (v.capacity() * sizeof(T) > kScratchKeepBytes) std::vector<T>().swap(v);
}

// The tree builder's working memory. The front-ends keep one per thread
// across calls, which spares small inputs most of their allocations.
struct TreeScratch {
  std::vector<Node*> items;
  std::vector<Pair> pairs;
  std::unordered_map<std::string_view, Anchored> anchors;
  std::unordered_map<std::string_view, const Node*> first_keys;
  std::vector<std::pair<std::string_view, std::string_view>> tag_handles;

  // Gives back what an unusually large input needed.
  void trim();
};

class TreeBuilder {
 public:
  // Both front-ends recurse once per nesting level; this bound keeps the C
  // stack safe whatever max_depth says.
  static constexpr uint32_t kHardDepthLimit = 1000;

  TreeBuilder(std::string_view text, const ParseOptions& options, TreeScratch& scratch);
  // Gives the working memory back to `scratch`, trimmed.
  ~TreeBuilder();
  TreeBuilder(const TreeBuilder&) = delete;
  TreeBuilder& operator=(const TreeBuilder&) = delete;

  Stream& stream() { return stream_; }
  Stream take_stream() { return std::move(stream_); }

  // ---- documents ----

  // Appends a document and makes it the current one. Nodes take several
  // times the bytes of their source: its arena's first block is sized after
  // the previous document (or the whole input), but tiny ones stay cheap.
  Document& add_document();
  // The current document: always the last one.
  Document& document() { return *doc_; }
  Document* previous_document() {
    const size_t count = stream_.documents.size();
    return count > 1 ? &stream_.documents[count - 2] : nullptr;
  }
  // Removes the current document; the one before, if any, becomes current.
  // Returns whether there is one.
  bool drop_document();
  // The current document begins at `begin`: its span and its size limit.
  void start_document_at(Position begin) {
    doc_->span.begin = begin;
    limit_document_from(begin.offset);
  }
  // Where the size limit counts from, if the document is not begun yet.
  void limit_document_from(uint32_t begin_offset) {
    document_end_limit_ = uint64_t{begin_offset} + options_.max_document_bytes;
  }
  // A document's content starts afresh: no anchors, tag handles, nodes
  // counted or nesting from the one before.
  void start_content();

  // ---- nodes ----

  // Every node counts once toward the alias-expansion limit.
  Node* new_node(NodeKind kind, Span span) {
    if (node_cursor_ == node_end_) [[unlikely]]
      refill_nodes();
    Node* node = new (node_cursor_++) Node;
    node->kind = kind;
    node->span = span;
    ++nodes_;
    return node;
  }
  Node* empty_node(Position at) { return new_node(NodeKind::Scalar, {at, at}); }

  // The entries of the collections under construction, all levels: a
  // collection pushes its own on top and takes them, from where they began,
  // into the arena once it is complete.
  std::vector<Node*>& items() { return items_; }
  std::vector<Pair>& pairs() { return pairs_; }
  std::span<Node*> take_items(size_t from) { return take(items_, from); }
  std::span<Pair> take_pairs(size_t from) { return take(pairs_, from); }

  // Sets node.value from `raw`, the scalar's source as scalars.hpp wants it,
  // which starts at node.span.begin; decoded by node.style (`block_indent`:
  // the parent's indentation, for block scalars). A scalar that does not
  // decode gets the error, placed at the offending character.
  std::optional<Error> decode_scalar(Node& node, std::string_view raw, int block_indent);

  // Reports the scalar keys of a mapping that equal an earlier one's, each
  // with the first one's span (unless the options turn that off).
  void check_duplicate_keys(std::span<const Pair> pairs) {
    if (options_.report_duplicate_keys && pairs.size() > 1) report_duplicate_keys(pairs);
  }

  // ---- limits ----

  // A collection opens: false, and nothing entered, when that is too deep.
  [[nodiscard]] bool enter() {
    if (depth_ >= max_depth_) return false;
    ++depth_;
    return true;
  }
  void leave() { --depth_; }
  uint32_t max_depth() const { return max_depth_; }
  Error too_deep(Span at) const;

  // Whether a token ending at `end_offset` leaves the document too large.
  bool exceeds_document_size(uint64_t end_offset) const { return end_offset > document_end_limit_; }
  Error too_large(Span at) const;

  // ---- anchors and aliases ----

  // Nodes of the current document so far, aliases expanded.
  uint64_t node_count() const { return nodes_; }
  // `name` anchors `node`, which was made when node_count() was
  // `count_before`: it stands for what has been made since.
  void define_anchor(std::string_view name, Node* node, uint64_t count_before) {
    anchors_[name] = {node, nodes_ - count_before};
  }
  const Anchored* find_anchor(std::string_view name) const;
  // Counts an alias node, made already, as the copy of its target it stands
  // for. False when that takes the document past max_alias_expansion, which
  // it says once a document.
  [[nodiscard]] bool expand_alias(const Anchored& target);
  Error undefined_alias(Span at, std::string_view name) const;
  Error too_many_alias_nodes(Span at, std::string_view name) const;

  // ---- tags ----

  // A %TAG directive of the current document; false if it has one for this
  // handle already.
  [[nodiscard]] bool add_tag_handle(std::string_view handle, std::string_view prefix);
  Error duplicate_tag_directive(Span at, std::string_view handle) const;
  // The tag a node's tag property stands for, from the property's handle
  // ("!", "!!", "!name!"; empty for a verbatim tag "!<...>") and suffix as
  // written, %XX escapes decoded. Nothing when the handle is undefined.
  std::optional<std::string_view> resolve_tag(std::string_view handle, std::string_view suffix);
  Error undefined_tag_handle(Span at, std::string_view handle) const;

  // ---- errors ----

  void add_error(Error error) { doc_->errors.push_back(std::move(error)); }

 private:
  template <class T>
  std::span<T> take(std::vector<T>& stack, size_t from) {
    const size_t count = stack.size() - from;
    if (count == 0) return {};
    T* array = static_cast<T*>(doc_->arena->allocate(count * sizeof(T), alignof(T)));
    std::copy(stack.begin() + static_cast<std::ptrdiff_t>(from), stack.end(), array);
    stack.resize(from);
    return {array, count};
  }
  // Nodes come from the arena in batches: one (virtual) allocate() call per
  // batch instead of one per node. Batches grow with the document, so that
  // small documents leave little unused.
  [[gnu::noinline]] void refill_nodes();
  void report_duplicate_keys(std::span<const Pair> pairs);

  std::string_view text_;
  const ParseOptions& options_;
  uint32_t max_depth_;
  TreeScratch& scratch_;
  Stream stream_;
  Document* doc_ = nullptr;
  Node* node_cursor_ = nullptr;  // the unused part of the current node batch
  Node* node_end_ = nullptr;
  size_t node_batch_ = 0;
  // The busiest scratch parts are owned while building, so that using them
  // takes no indirection.
  std::vector<Node*> items_;
  std::vector<Pair> pairs_;
  std::unordered_map<std::string_view, Anchored>& anchors_;
  std::unordered_map<std::string_view, const Node*>& first_keys_;
  std::vector<std::pair<std::string_view, std::string_view>>& tag_handles_;
  uint32_t depth_ = 0;
  uint64_t nodes_ = 0;
  bool expansion_reported_ = false;
  // Offset at which the document is too large; none before the first one
  // begins (the stream may start with a byte order mark).
  uint64_t document_end_limit_ = UINT64_MAX;
};

}  // namespace podlint::yaml
