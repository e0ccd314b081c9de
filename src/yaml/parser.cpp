// podlint's YAML 1.2 parser, its grammar: a recursive-descent parser over the
// scanner's tokens (scanner.hpp) that builds each document with the tree
// builder (tree_builder.hpp). In block context, whenever no token is pending,
// the block parsers ask the block reader (block_reader.hpp) for the common
// shapes ("key: value", "- item") read straight from the bytes, to the same
// effect. An error that ends a document unwinds with Failure to the document
// loop (run()), which skips to the next document marker.
//
// Span conventions (the tree-sitter front-end follows them too): quoted
// scalars include their quotes; block scalars run from the indicator to the
// end of the last non-empty content line; plain scalars from the first to the
// last non-blank character; block collections from their first entry to the
// end of the last token in them; flow collections include the brackets; a
// flow-sequence pair ("[a: b]") runs from its key to the end of its value; an
// empty node is an empty span right after the preceding token (for an empty
// key before ':', at the ':'). A byte order mark is not part of line 1.
#include "yaml/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "yaml/block_reader.hpp"
#include "yaml/scanner.hpp"
#include "yaml/tree_builder.hpp"

namespace podlint::yaml {
namespace {

// How error messages name a token that is out of place.
const char* describe(Tok kind) {
  switch (kind) {
    case Tok::StreamEnd:
      return "the end of the input";
    case Tok::DocStart:
      return "a document start marker '---'";
    case Tok::DocEnd:
      return "a document end marker '...'";
    case Tok::FlowSeqEnd:
      return "']'";
    case Tok::FlowMapEnd:
      return "'}'";
    case Tok::FlowEntry:
      return "','";
    case Tok::Key:
      return "'?'";
    case Tok::Value:
      return "':'";
    case Tok::BlockEntry:
      return "'-'";
    case Tok::BlockEnd:
      return "a less indented line";
    case Tok::VersionDirective:
    case Tok::TagDirective:
    case Tok::ReservedDirective:
      return "a directive";
    default:
      return "an unexpected token";
  }
}

bool ends_document(Tok kind) {
  return kind == Tok::DocStart || kind == Tok::DocEnd || kind == Tok::StreamEnd ||
         kind == Tok::VersionDirective || kind == Tok::TagDirective || kind == Tok::ReservedDirective;
}

// The parser's working memory. It outlives one parse() and serves the next
// one on the same thread; only what an unusually large input needed is given
// back.
struct Scratch {
  ScannerScratch scanner;
  TreeScratch tree;
};

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options, Scratch& scratch)
      : builder_(text, options, scratch.tree),
        scanner_(text, scratch.scanner, builder_, options.first_line),
        reader_(scanner_, builder_) {}

  Stream run();

 private:
  using Head = BlockReader::Head;

  // ---- errors ----
  template <class... Args>
  [[noreturn]] void fail(Args&&... args) {
    scanner_.fail(std::forward<Args>(args)...);
  }
  // A syntax error on a later line that is indented no deeper than the line
  // a bracket opened on almost always means the bracket was never closed
  // ("args: [a, b" followed by the next key): blame the bracket.
  void blame_unclosed(const char* what, Span open);
  [[noreturn, gnu::noinline]] void fail_in_block(const Token& t, const Node& collection, const char* entry);
  [[noreturn, gnu::noinline]] void fail_no_node(const Token& t);

  // ---- nodes ----
  // A document's first node is its root until the document is finished, so
  // that a broken document keeps what it had.
  Node* new_node(NodeKind kind, Span span) {
    Node* node = builder_.new_node(kind, span);
    if (!builder_.document().root) builder_.document().root = node;
    return node;
  }
  Node* empty_node(Position at) { return new_node(NodeKind::Scalar, {at, at}); }
  // Most scalars are views into the input; only decoding is out of line.
  Node* scalar_node(Span span, std::string_view raw, ScalarStyle style, bool needs_decoding,
                    int block_indent = -1) {
    Node* node = new_node(NodeKind::Scalar, span);
    node->style = style;
    if (needs_decoding) {
      decode(*node, raw, block_indent);
    } else {
      node->value = style == ScalarStyle::Plain ? raw : raw.substr(1, raw.size() - 2);
    }
    return node;
  }
  Node* scalar_node(const Token& t) {
    return scalar_node(t.span, t.text, t.style, t.needs_decoding, t.block_indent);
  }
  [[gnu::noinline]] void decode(Node& node, std::string_view raw, int block_indent) {
    if (std::optional<Error> error = builder_.decode_scalar(node, raw, block_indent)) fail(std::move(*error));
  }
  Node* plain_key_node(Span span) {
    Node* key = new_node(NodeKind::Scalar, span);
    key->value = scanner_.source(span);
    return key;
  }
  [[gnu::noinline]] std::string_view resolve_tag(const Token& t) {
    if (const std::optional<std::string_view> tag = builder_.resolve_tag(t.text, t.suffix)) return *tag;
    fail(builder_.undefined_tag_handle(t.span, t.text));
  }
  void enter(const Span& span) {
    if (!builder_.enter()) fail(builder_.too_deep(span));
  }
  void finish_items(Node* node, size_t base) {
    node->items = builder_.take_items(base);
    end_collection(*node);
  }
  void finish_pairs(Node* node, size_t base) {
    node->pairs = builder_.take_pairs(base);
    end_collection(*node);
    builder_.check_duplicate_keys(node->pairs);
  }
  void end_collection(Node& node) {
    node.span.end = std::max(scanner_.last_end(), node.span.begin,
                             [](const Position& a, const Position& b) { return a.offset < b.offset; });
  }

  // ---- documents ----
  void start_document() {
    builder_.start_content();
    had_yaml_directive_ = false;
  }
  bool read_plain_document();
  void parse_document();
  void finish_document(Node* root);

  // ---- the grammar ----
  Node* parse_node(bool block, bool indentless);
  // The recursion runs parse_node -> one collection function -> parse_node;
  // keeping the collection functions out of line keeps each level's stack
  // frames small (several KiB under AddressSanitizer otherwise).
  [[gnu::noinline]] Node* parse_alias();
  // first_entry_taken: start_block_sequence() started the sequence and took
  // the '-' of its first entry.
  [[gnu::noinline]] void parse_block_sequence(Node* node, bool first_entry_taken = false);
  [[gnu::noinline]] void parse_indentless_sequence(Node* node, bool first_entry_taken = false);
  // first_key: read by start_plain_mapping(), which also started the block.
  [[gnu::noinline]] void parse_block_mapping(Node* node, Node* first_key = nullptr);
  [[gnu::noinline]] void parse_flow_sequence(Node* node);
  [[gnu::noinline]] void parse_flow_mapping(Node* node);
  // From a flow collection's opening bracket to its closing one; read_entry()
  // reads an entry.
  template <class ReadEntry>
  void parse_flow_entries(Node* node, Tok closing, ReadEntry read_entry);
  [[gnu::noinline]] Pair parse_flow_pair(Tok closing);

  // ---- what the block reader found ----
  // A node in block context after its ':', '-' or "---". Returns null, with
  // the next token queued, when it is not read directly.
  [[gnu::noinline]] Node* read_block_value(BlockSlot slot);
  Node* start_plain_mapping(const PlainKey& key);
  Node* start_block_sequence(bool indentless);

  TreeBuilder builder_;
  Scanner scanner_;
  BlockReader reader_;
  bool had_yaml_directive_ = false;
};

void Parser::blame_unclosed(const char* what, Span open) {
  std::vector<Error>& errors = builder_.document().errors;
  if (errors.empty()) return;
  Error& error = errors.back();
  if (error.kind != ErrorKind::Syntax || error.span.begin.line <= open.begin.line ||
      error.message.starts_with("unterminated "))
    return;
  if (scanner_.line_indentation(error.span.begin) > scanner_.line_indentation(open.begin)) return;
  error.message = Scanner::unterminated(what, open.begin);
  error.span = open;
}

// Reports a token that cannot continue a block collection.
void Parser::fail_in_block(const Token& t, const Node& collection, const char* entry) {
  if (t.span.begin.line == scanner_.last_end().line)
    fail(t.span, "unexpected content after the value on this line");
  if (t.span.begin.column != collection.span.begin.column)
    fail(t.span, fmt::format("bad indentation of a {}", entry));
  fail(t.span, fmt::format("expected a {}", entry));
}

void Parser::fail_no_node(const Token& t) {
  fail(t.span, fmt::format("expected a node, found {}", describe(t.kind)));
}

Node* Parser::parse_alias() {
  const Token t = scanner_.next();
  const Anchored* target = builder_.find_anchor(t.text);
  if (!target) fail(builder_.undefined_alias(t.span, t.text));
  Node* node = new_node(NodeKind::Alias, t.span);
  node->anchor = t.text;
  node->target = target->node;
  if (!builder_.expand_alias(*target)) fail(builder_.too_many_alias_nodes(t.span, t.text));
  return node;
}

Node* Parser::parse_node(bool block, bool indentless) {
  Token* t = &scanner_.peek();
  if (t->kind == Tok::Alias) return parse_alias();
  std::string_view anchor;
  std::string_view tag;
  bool has_tag = false;
  while (t->kind == Tok::Anchor || t->kind == Tok::Tag) {
    const Token& property = scanner_.next();  // valid until the next peek()
    if (property.kind == Tok::Anchor) {
      if (!anchor.empty()) fail(property.span, "a node must not have more than one anchor");
      anchor = property.text;
    } else {
      if (has_tag) fail(property.span, "a node must not have more than one tag");
      tag = resolve_tag(property);
      has_tag = true;
    }
    t = &scanner_.peek();
  }
  if (t->kind == Tok::Alias) fail(t->span, "an alias must not have an anchor or a tag");
  const uint64_t count_before = builder_.node_count();
  Node* node = nullptr;
  auto collection = [&](NodeKind kind, bool flow) {
    node = new_node(kind, t->span);
    node->flow = flow;
    node->tag = tag;
    node->anchor = anchor;
    if (!anchor.empty()) builder_.define_anchor(anchor, node, count_before);
    enter(t->span);
  };
  switch (t->kind) {
    case Tok::Scalar:
      node = scalar_node(scanner_.next());
      break;
    case Tok::FlowSeqStart:
      collection(NodeKind::Sequence, true);
      parse_flow_sequence(node);
      break;
    case Tok::FlowMapStart:
      collection(NodeKind::Mapping, true);
      parse_flow_mapping(node);
      break;
    case Tok::BlockSeqStart:
      if (!block) fail(t->span, "block collections are not allowed inside flow collections");
      collection(NodeKind::Sequence, false);
      parse_block_sequence(node);
      break;
    case Tok::BlockMapStart:
      if (!block) fail(t->span, "block collections are not allowed inside flow collections");
      collection(NodeKind::Mapping, false);
      parse_block_mapping(node);
      break;
    case Tok::BlockEntry:
      if (indentless) {
        collection(NodeKind::Sequence, false);
        parse_indentless_sequence(node);
        break;
      }
      [[fallthrough]];
    default:
      if (anchor.empty() && !has_tag) {
        fail_no_node(*t);
      }
      node = empty_node(scanner_.last_end());
      break;
  }
  if (node->kind != NodeKind::Scalar) {
    builder_.leave();
  } else {
    node->tag = tag;
    node->anchor = anchor;
  }
  if (!anchor.empty()) builder_.define_anchor(anchor, node, count_before);
  return node;
}

void Parser::parse_block_sequence(Node* node, bool first_entry_taken) {
  if (!first_entry_taken) scanner_.next();  // the block sequence start
  const size_t base = builder_.items().size();
  try {
    for (bool took_entry = first_entry_taken;; took_entry = false) {
      if (!took_entry && scanner_.drained()) {
        const Head head = reader_.sequence_entry(false);
        if (head == Head::End) break;
        took_entry = head == Head::Entry;
      }
      if (!took_entry) {
        const Token* t = &scanner_.peek();
        if (t->kind == Tok::BlockEnd) {
          scanner_.next();
          break;
        }
        if (t->kind != Tok::BlockEntry) fail_in_block(*t, *node, "sequence entry");
        scanner_.next();
      }
      Node* item = scanner_.drained() ? read_block_value(BlockSlot::Entry) : nullptr;
      if (!item) {
        const Tok following = scanner_.peek().kind;
        item = following == Tok::BlockEntry || following == Tok::BlockEnd ? empty_node(scanner_.last_end())
                                                                          : parse_node(true, false);
      }
      builder_.items().push_back(item);
    }
  } catch (const Failure&) {
    finish_items(node, base);
    throw;
  }
  finish_items(node, base);
}

void Parser::parse_indentless_sequence(Node* node, bool first_entry_taken) {
  const size_t base = builder_.items().size();
  try {
    for (bool took_entry = first_entry_taken;; took_entry = false) {
      if (!took_entry && scanner_.drained()) {
        const Head head = reader_.sequence_entry(true);
        if (head == Head::End) break;  // the next key of the enclosing mapping
        took_entry = head == Head::Entry;
      }
      if (!took_entry) {
        if (scanner_.peek().kind != Tok::BlockEntry) break;
        scanner_.next();
      }
      Node* item = scanner_.drained() ? read_block_value(BlockSlot::IndentlessEntry) : nullptr;
      if (!item) {
        const Tok following = scanner_.peek().kind;
        item = following == Tok::BlockEntry || following == Tok::Key || following == Tok::Value ||
                       following == Tok::BlockEnd
                   ? empty_node(scanner_.last_end())
                   : parse_node(true, false);
      }
      builder_.items().push_back(item);
    }
  } catch (const Failure&) {
    finish_items(node, base);
    throw;
  }
  finish_items(node, base);
}

void Parser::parse_block_mapping(Node* node, Node* first_key) {
  if (!first_key) scanner_.next();  // the block mapping start
  const size_t base = builder_.pairs().size();
  auto ends_entry = [](Tok kind) { return kind == Tok::Key || kind == Tok::Value || kind == Tok::BlockEnd; };
  try {
    for (;;) {
      Node* key = first_key;
      first_key = nullptr;
      if (!key && scanner_.drained()) {
        Span key_span;
        const Head head = reader_.mapping_entry(key_span);
        if (head == Head::End) break;
        if (head == Head::Key) key = plain_key_node(key_span);
      }
      bool has_value_indicator = true;
      if (!key) {
        const Token* t = &scanner_.peek();
        if (t->kind == Tok::BlockEnd) {
          scanner_.next();
          break;
        }
        if (t->kind == Tok::Key) {
          scanner_.next();
          key = ends_entry(scanner_.peek().kind) ? empty_node(scanner_.last_end()) : parse_node(true, true);
        } else if (t->kind == Tok::Value) {
          key = empty_node(t->span.begin);
        } else {
          fail_in_block(*t, *node, "mapping entry");
        }
        has_value_indicator = scanner_.peek().kind == Tok::Value;
        if (has_value_indicator) scanner_.next();
      }
      Node* value =
          has_value_indicator && scanner_.drained() ? read_block_value(BlockSlot::MappingValue) : nullptr;
      if (!value) {
        value = !has_value_indicator || ends_entry(scanner_.peek().kind) ? empty_node(scanner_.last_end())
                                                                         : parse_node(true, true);
      }
      builder_.pairs().push_back({key, value});
    }
  } catch (const Failure&) {
    finish_pairs(node, base);
    throw;
  }
  finish_pairs(node, base);
}

Node* Parser::read_block_value(BlockSlot slot) {
  // What the block reader found, made as parse_node() makes it of the tokens.
  struct Build {
    Parser& parser;
    Node* scalar(const Span& span, ScalarStyle style, bool needs_decoding) {
      return parser.scalar_node(span, parser.scanner_.source(span), style, needs_decoding);
    }
    Node* empty() { return parser.empty_node(parser.scanner_.last_end()); }
    Node* mapping(const PlainKey& key) { return parser.start_plain_mapping(key); }
    Node* sequence(bool indentless) { return parser.start_block_sequence(indentless); }
  };
  return reader_.value(slot, Build{*this});
}

// The sequence whose first '-' is at the cursor, as parse_node() makes it of
// a BlockSeqStart token (or, indentless, of the BlockEntry token).
Node* Parser::start_block_sequence(bool indentless) {
  const Position mark = scanner_.pos();
  Node* node =
      new_node(NodeKind::Sequence, {mark, indentless ? scanner_.position_at(scanner_.here() + 1) : mark});
  enter(node->span);
  if (!indentless) {
    scanner_.open_block();
    scanner_.take(node->span);
  }
  scanner_.take_block_entry();
  if (indentless) {
    parse_indentless_sequence(node, true);
  } else {
    parse_block_sequence(node, true);
  }
  builder_.leave();
  return node;
}

Node* Parser::start_plain_mapping(const PlainKey& key) {
  const Position mark = scanner_.pos();
  Node* node = new_node(NodeKind::Mapping, {mark, mark});
  enter(node->span);
  scanner_.open_block();
  parse_block_mapping(node, plain_key_node(scanner_.take_plain_key(key)));
  builder_.leave();
  return node;
}

// One "key: value" entry of a flow collection (the key may be implicit or
// empty). Stops before ',' or the closing bracket.
Pair Parser::parse_flow_pair(Tok closing) {
  auto ends_entry = [closing](Tok kind) { return kind == Tok::FlowEntry || kind == closing; };
  Pair pair;
  const Token* t = &scanner_.peek();
  if (t->kind == Tok::Key) {
    scanner_.next();
    const Tok following = scanner_.peek().kind;
    pair.key = following == Tok::Value || ends_entry(following) ? empty_node(scanner_.last_end())
                                                                : parse_node(false, false);
  } else if (t->kind == Tok::Value) {
    pair.key = empty_node(t->span.begin);
  } else {
    pair.key = parse_node(false, false);
  }
  if (scanner_.peek().kind == Tok::Value) {
    scanner_.next();
    pair.value =
        ends_entry(scanner_.peek().kind) ? empty_node(scanner_.last_end()) : parse_node(false, false);
  } else {
    pair.value = empty_node(scanner_.last_end());
  }
  return pair;
}

template <class ReadEntry>
void Parser::parse_flow_entries(Node* node, Tok closing, ReadEntry read_entry) {
  const bool mapping = node->is_mapping();
  const char* what = mapping ? "flow mapping" : "flow sequence";
  const Span open = scanner_.next().span;
  const size_t base = mapping ? builder_.pairs().size() : builder_.items().size();
  auto finish = [&] { mapping ? finish_pairs(node, base) : finish_items(node, base); };
  try {
    for (bool first = true;; first = false) {
      const Token* t = &scanner_.peek();
      if (t->kind == closing) {
        scanner_.next();
        break;
      }
      if (t->kind == Tok::StreamEnd || t->kind == Tok::DocStart || t->kind == Tok::DocEnd)
        scanner_.fail_unterminated(what, open);
      if (!first) {
        if (t->kind != Tok::FlowEntry)
          fail(t->span, mapping ? "did not find expected ',' or '}'" : "did not find expected ',' or ']'");
        scanner_.next();
        if (scanner_.peek().kind == closing) {
          scanner_.next();
          break;
        }
      }
      read_entry();
    }
  } catch (const Failure&) {
    blame_unclosed(what, open);
    finish();
    throw;
  }
  finish();
}

void Parser::parse_flow_sequence(Node* node) {
  parse_flow_entries(node, Tok::FlowSeqEnd, [&] {
    const Token* t = &scanner_.peek();
    Node* item;
    if (t->kind == Tok::Key || t->kind == Tok::Value) {
      // A single "key: value" pair is a one-entry mapping.
      item = new_node(NodeKind::Mapping, {t->span.begin, t->span.begin});
      item->flow = true;
      const size_t first_pair = builder_.pairs().size();
      builder_.pairs().push_back(parse_flow_pair(Tok::FlowSeqEnd));
      item->pairs = builder_.take_pairs(first_pair);
      item->span.begin = item->pairs[0].key->span.begin;
      item->span.end = scanner_.last_end();
    } else {
      item = parse_node(false, false);
      if (scanner_.peek().kind == Tok::Value)
        fail(scanner_.peek().span, "implicit keys of flow mappings must be on a single line");
    }
    builder_.items().push_back(item);
  });
}

void Parser::parse_flow_mapping(Node* node) {
  parse_flow_entries(node, Tok::FlowMapEnd,
                     [&] { builder_.pairs().push_back(parse_flow_pair(Tok::FlowMapEnd)); });
}

void Parser::parse_document() {
  Document& document = builder_.document();
  const Token* t = &scanner_.peek();
  builder_.start_document_at(t->span.begin);
  bool has_directives = false;
  while (t->kind == Tok::VersionDirective || t->kind == Tok::TagDirective ||
         t->kind == Tok::ReservedDirective) {
    if (const Document* previous = builder_.previous_document(); previous && !previous->explicit_end)
      fail(t->span, "a directive must follow a document end marker '...'");
    scanner_.next();
    if (t->kind == Tok::VersionDirective) {
      if (had_yaml_directive_) fail(t->span, "duplicate %YAML directive");
      had_yaml_directive_ = true;
    } else if (t->kind == Tok::TagDirective) {
      if (!builder_.add_tag_handle(t->text, t->suffix))
        fail(builder_.duplicate_tag_directive(t->span, t->text));
    }
    has_directives = true;
    t = &scanner_.peek();
  }
  Node* root = nullptr;
  if (t->kind == Tok::DocStart) {
    scanner_.next();
    document.explicit_start = true;
    if (scanner_.drained()) root = read_block_value(BlockSlot::Entry);
    if (!root)
      root = ends_document(scanner_.peek().kind) ? empty_node(scanner_.last_end()) : parse_node(true, false);
  } else {
    if (has_directives) fail(t->span, "expected '---' after the directives");
    root = parse_node(true, false);
  }
  finish_document(root);
}

// A document without directives or "---" whose root is a block mapping with
// a plain first key, read directly. Returns false, with the next token
// queued, for any other start.
bool Parser::read_plain_document() {
  scanner_.skip_to_next_token();
  const Position begin = scanner_.pos();
  // The key is checked against the size limit of the document it would
  // begin; the document itself begins only once its first token is taken.
  builder_.limit_document_from(begin.offset);
  PlainKey key;
  if (!reader_.plain_key_here(key)) {
    scanner_.fetch_token_here();
    return false;
  }
  builder_.start_document_at(begin);
  start_document();
  finish_document(start_plain_mapping(key));
  return true;
}

void Parser::finish_document(Node* root) {
  Document& document = builder_.document();
  document.root = root;
  const Token* t = &scanner_.peek();
  if (t->kind == Tok::DocEnd) {
    scanner_.next();
    document.explicit_end = true;
  } else if (!ends_document(t->kind)) {
    fail(t->span, "expected the end of the document or '---'");
  }
  document.span.end = scanner_.last_end();
}

Stream Parser::run() {
  builder_.add_document();
  scanner_.next();  // the stream start
  for (;;) {
    Document& document = builder_.document();
    bool ended = false;
    try {
      if (!scanner_.drained() || !read_plain_document()) {
        const Token& t = scanner_.peek();
        builder_.start_document_at(t.span.begin);
        if (t.kind == Tok::StreamEnd) {
          ended = true;
        } else if (t.kind == Tok::DocEnd) {
          scanner_.next();  // "..." after a document that already ended
          if (Document* previous = builder_.previous_document()) previous->explicit_end = true;
          continue;
        } else {
          start_document();
          parse_document();
        }
      }
    } catch (const Failure&) {
      document.explicit_end =
          scanner_.recover(document.errors.empty() ? 0 : document.errors.back().span.begin.offset);
      document.span.end = scanner_.pos();
    }
    if (ended) {
      // The document begun at the end of the input is dropped if empty; the
      // last comments go to the last document.
      const bool empty = !document.root && document.errors.empty();
      if (!empty || builder_.drop_document()) scanner_.move_comments(builder_.document().comments, true);
      break;
    }
    scanner_.move_comments(builder_.document().comments, false);
    builder_.add_document();
  }
  return builder_.take_stream();
}

}  // namespace

Stream parse(std::string_view text, const ParseOptions& options) {
  if (text.size() >= kMaxInputBytes) return oversized_input(text);
  thread_local Scratch scratch;
  return Parser(text, options, scratch).run();
}

}  // namespace podlint::yaml
