// How it goes: the input is cut into documents at "---" lines, each parsed
// by tree-sitter on its own (at its real offsets, through included ranges).
// Where tree-sitter gives up on the rest of a document, that line's tail (or
// the line before) is blanked and the document parsed again. The tree is
// then walked with one cursor into the parser's model, built with the tree
// builder both front-ends share (tree_builder.hpp): the same node spans,
// empty-node positions, comments and document spans. ERROR nodes become
// syntax errors; an ERROR in place of a whole document is rebuilt from the
// pieces it holds, by their indentation.
#include "yaml/treesitter.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "yaml/batches.hpp"
#include "yaml/characters.hpp"
#include "yaml/parser.hpp"
#include "yaml/tree_builder.hpp"

extern "C" const TSLanguage* tree_sitter_yaml();

namespace podlint::yaml {
namespace {

// The grammar has many symbols per visible node type (one per parse
// context); they are told apart by name only, once, through this table.
enum class Sym : uint8_t {
  Other,
  Document,
  BlockNode,
  FlowNode,
  BlockMapping,
  BlockMappingPair,
  BlockSequence,
  BlockSequenceItem,
  FlowMapping,
  FlowSequence,
  FlowPair,
  PlainScalar,
  SingleQuoted,
  DoubleQuoted,
  BlockScalar,
  Anchor,
  AnchorName,
  Alias,
  AliasName,
  Tag,
  Comment,
  TagDirective,
  TagHandle,
  TagPrefix,
  DirectivesEnd,  // ---
  DocumentEnd,    // ...
  Question,       // ?
  Dash,           // - (block sequence entry)
  Colon,          // :
  Error,
};

constexpr TSSymbol kErrorSymbol = static_cast<TSSymbol>(-1);

class SymbolTable {
 public:
  SymbolTable() {
    static constexpr std::pair<const char*, Sym> kNamed[] = {
        {"document", Sym::Document},
        {"block_node", Sym::BlockNode},
        {"flow_node", Sym::FlowNode},
        {"block_mapping", Sym::BlockMapping},
        {"block_mapping_pair", Sym::BlockMappingPair},
        {"block_sequence", Sym::BlockSequence},
        {"block_sequence_item", Sym::BlockSequenceItem},
        {"flow_mapping", Sym::FlowMapping},
        {"flow_sequence", Sym::FlowSequence},
        {"flow_pair", Sym::FlowPair},
        {"plain_scalar", Sym::PlainScalar},
        {"single_quote_scalar", Sym::SingleQuoted},
        {"double_quote_scalar", Sym::DoubleQuoted},
        {"block_scalar", Sym::BlockScalar},
        {"anchor", Sym::Anchor},
        {"anchor_name", Sym::AnchorName},
        {"alias", Sym::Alias},
        {"alias_name", Sym::AliasName},
        {"tag", Sym::Tag},
        {"comment", Sym::Comment},
        {"tag_directive", Sym::TagDirective},
        {"tag_handle", Sym::TagHandle},
        {"tag_prefix", Sym::TagPrefix},
    };
    static constexpr std::pair<const char*, Sym> kAnonymous[] = {
        {"---", Sym::DirectivesEnd}, {"...", Sym::DocumentEnd}, {"?", Sym::Question}, {"-", Sym::Dash},
        {":", Sym::Colon},
    };
    const TSLanguage* language = tree_sitter_yaml();
    const uint32_t count = ts_language_symbol_count(language);
    table_.assign(count, Sym::Other);
    for (uint32_t i = 0; i < count; ++i) {
      const auto symbol = static_cast<TSSymbol>(i);
      const char* name = ts_language_symbol_name(language, symbol);
      const TSSymbolType type = ts_language_symbol_type(language, symbol);
      if (name == nullptr || type == TSSymbolTypeAuxiliary) continue;
      const auto* begin = type == TSSymbolTypeRegular ? std::begin(kNamed) : std::begin(kAnonymous);
      const auto* end = type == TSSymbolTypeRegular ? std::end(kNamed) : std::end(kAnonymous);
      for (const auto* it = begin; it != end; ++it) {
        if (std::strcmp(it->first, name) == 0) table_[i] = it->second;
      }
    }
    key_field_ = ts_language_field_id_for_name(language, "key", 3);
  }

  Sym operator()(TSNode node) const {
    const TSSymbol symbol = ts_node_symbol(node);
    if (symbol == kErrorSymbol) return Sym::Error;
    return symbol < table_.size() ? table_[symbol] : Sym::Other;
  }
  TSFieldId key_field() const { return key_field_; }

 private:
  std::vector<Sym> table_;
  TSFieldId key_field_ = 0;
};

const SymbolTable& symbols() {
  static const SymbolTable table;
  return table;
}

// The scanner keeps rows and columns in int16_t.
constexpr uint32_t kMaxRows = 32767;
constexpr uint32_t kMaxColumns = 32767;

// Each level of block nesting has its own, greater indentation. The scanner
// serializes its stack of them into tree-sitter's 1 KiB buffer, 4 bytes a
// level, and overruns it past 253 levels: inputs that could nest that deep
// are refused.
constexpr size_t kMaxIndent = 200;

struct Deleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};

// Reads tree-sitter's trees into the model.
class TreeReader {
 public:
  TreeReader(std::string_view text, const ParseOptions& options, const LineIndex& lines, TreeScratch& scratch)
      : text_(text), lines_(lines), sym_(symbols()), builder_(text, options, scratch) {}
  ~TreeReader() {
    if (has_cursor_) ts_tree_cursor_delete(&cursor_);
  }
  TreeReader(const TreeReader&) = delete;
  TreeReader& operator=(const TreeReader&) = delete;

  // Adds the documents of one tree, parsed from `parsed` (the input with
  // the `blanked` regions replaced by spaces) in the range [.., end).
  void add_tree(TSNode root, std::string_view parsed, uint32_t end,
                const std::vector<std::pair<uint32_t, uint32_t>>& blanked) {
    parsed_ = parsed;
    parsed_end_ = end;
    if (has_cursor_) {
      ts_tree_cursor_reset(&cursor_, root);
    } else {
      cursor_ = ts_tree_cursor_new(root);
      has_cursor_ = true;
    }
    if (sym_(root) == Sym::Error) {
      // Nothing parsed as a stream: salvage what did parse as one document.
      begin_document();
      salvage_error(root);
      end_document(ts_node_start_byte(root), ts_node_end_byte(root));
    } else {
      // An ERROR before the first document is that document gone wrong;
      // tree-sitter then starts over with a document of what follows,
      // which continues it unless it starts with "---".
      const size_t documents_before = builder_.stream().documents.size();
      bool salvaged = false;
      for_each_child([&](TSNode child) {
        switch (sym_(child)) {
          case Sym::Document:
            if (salvaged && !starts_explicitly()) {
              continue_document(child);
            } else {
              salvaged = false;
              build_document(child);
            }
            break;
          case Sym::Comment:
            comments_.push_back(comment(child));
            break;
          case Sym::Error:
            if (builder_.stream().documents.size() == documents_before) {
              begin_document();
              salvage_error(child);
              end_document(ts_node_start_byte(child), ts_node_end_byte(child));
              salvaged = true;
            } else {
              stray_errors_.push_back({ts_node_start_byte(child), ts_node_end_byte(child)});
              collect_comments(comments_);
            }
            break;
          default:
            break;
        }
      });
    }
    stray_errors_.insert(stray_errors_.end(), blanked.begin(), blanked.end());
    // Where tree-sitter still gave up, the rest is one error.
    uint32_t stop = ts_node_end_byte(root);
    while (stop < end && (parsed[stop] == ' ' || parsed[stop] == '\t' || is_break(parsed[stop])))
      ++stop;
    uint32_t last = end;
    while (last > stop && (parsed[last - 1] == ' ' || parsed[last - 1] == '\t' || is_break(parsed[last - 1])))
      --last;
    if (stop < last) stray_errors_.push_back({stop, last});
  }

  Stream finish() {
    place_stray_items(builder_.stream());
    report_invalid_bytes();
    // Errors of broken documents were found in no particular order. (Those
    // of complete ones, duplicate keys, stay in the parser's order.)
    for (Document& document : builder_.stream().documents) {
      if (!document.broken()) continue;
      std::stable_sort(document.errors.begin(), document.errors.end(), [](const Error& a, const Error& b) {
        return a.span.begin.offset < b.span.begin.offset;
      });
    }
    return builder_.take_stream();
  }

 private:
  // Calls f(node) for every child of the cursor's node, with the cursor on
  // it; f may descend with the same cursor as long as it comes back.
  template <class F>
  void for_each_child(F&& f) {
    if (!ts_tree_cursor_goto_first_child(&cursor_)) return;
    do {
      f(ts_tree_cursor_current_node(&cursor_));
    } while (ts_tree_cursor_goto_next_sibling(&cursor_));
    ts_tree_cursor_goto_parent(&cursor_);
  }

  // 0-based byte column; tree-sitter's points do not count a lone CR as a
  // line break.
  uint32_t column(TSNode node) const { return lines_.position(ts_node_start_byte(node)).column - 1; }
  Span span(uint32_t begin, uint32_t end) const { return Span{lines_.position(begin), lines_.position(end)}; }
  Span span(TSNode node) const { return span(ts_node_start_byte(node), ts_node_end_byte(node)); }
  std::string_view source(TSNode node) const {
    const uint32_t begin = ts_node_start_byte(node);
    return text_.substr(begin, ts_node_end_byte(node) - begin);
  }

  Node* new_node(NodeKind kind, uint32_t begin, uint32_t end) {
    return builder_.new_node(kind, span(begin, end));
  }
  Node* empty_node(uint32_t at) { return new_node(NodeKind::Scalar, at, at); }

  void add_error(Error error) { doc_->errors.push_back(std::move(error)); }

  Comment comment(TSNode node) const {
    const uint32_t begin = ts_node_start_byte(node);
    uint32_t end = ts_node_end_byte(node);
    while (end > begin && is_break(text_[end - 1]))
      --end;
    return Comment{span(begin, end), text_.substr(begin + 1, end - begin - 1)};
  }

  // ---- documents -----------------------------------------------------------

  void begin_document() {
    doc_ = &builder_.add_document();
    builder_.start_content();
  }

  // Like the parser, a document spans its tokens: from its first directive,
  // marker or node to its last marker or node, comments around excluded.
  void end_document(uint32_t begin, uint32_t end) {
    builder_.start_document_at(lines_.position(begin));
    doc_->span.end = lines_.position(std::max(begin, end));
    if (builder_.exceeds_document_size(doc_->span.end.offset)) add_error(builder_.too_large(doc_->span));
  }

  void build_document(TSNode document) {
    begin_document();
    uint32_t begin = UINT32_MAX, end = 0;
    for_each_child([&](TSNode child) {
      const Sym sym = sym_(child);
      if (sym == Sym::Comment) {
        comments_.push_back(comment(child));
        return;
      }
      begin = std::min(begin, ts_node_start_byte(child));
      switch (sym) {
        case Sym::TagDirective:
          add_tag_directive();
          break;
        case Sym::DirectivesEnd:
          doc_->explicit_start = true;
          break;
        case Sym::DocumentEnd:
          doc_->explicit_end = true;
          if (doc_->root == nullptr && doc_->errors.empty() && doc_->explicit_start) {
            // "---" alone: an empty scalar right after the marker.
            doc_->root = empty_node(end);
          }
          break;
        case Sym::BlockNode:
        case Sym::FlowNode:
          doc_->root = build_node(-1);
          end = std::max(end, doc_->root->span.end.offset);
          return;
        case Sym::Error:
          if (doc_->root == nullptr) {
            salvage_error(child);
          } else {
            report_error(child);
          }
          break;
        default:
          report_missing(child);
          break;
      }
      end = std::max(end, ts_node_end_byte(child));
    });
    if (doc_->root == nullptr && doc_->errors.empty()) {
      if (!doc_->explicit_start) {
        // A bare "..." ends no document of its own but the one before.
        if (builder_.drop_document()) builder_.document().explicit_end = true;
        doc_ = nullptr;
        return;
      }
      doc_->root = empty_node(end);
    }
    end_document(begin == UINT32_MAX ? ts_node_start_byte(document) : begin, end);
  }

  // Whether the document under the cursor has directives or "---".
  bool starts_explicitly() {
    bool explicit_start = false;
    for_each_child([&](TSNode child) {
      const Sym sym = sym_(child);
      if (sym == Sym::DirectivesEnd || sym == Sym::TagDirective) explicit_start = true;
    });
    return explicit_start;
  }

  // Adds the document under the cursor to the salvaged current one: a block
  // mapping in the same column as its root mapping continues it, anything
  // else is an error.
  void continue_document(TSNode document) {
    for_each_child([&](TSNode child) {
      const Sym sym = sym_(child);
      if (sym == Sym::Comment) {
        comments_.push_back(comment(child));
      } else if (sym == Sym::DocumentEnd) {
        doc_->explicit_end = true;
      } else if (sym == Sym::Error) {
        report_error(child);
      } else if (sym == Sym::BlockNode || sym == Sym::FlowNode) {
        Node* more = build_node(-1);
        Node* root = doc_->root;
        if (root == nullptr) {
          doc_->root = more;
        } else if (root->is_mapping() && !root->flow && more->is_mapping() && !more->flow &&
                   more->tag.empty() && more->anchor.empty() &&
                   root->span.begin.column == more->span.begin.column) {
          append_pairs(*root, more->pairs);
        } else {
          report_unexpected(more->span.begin.offset, more->span.end.offset);
        }
      }
    });
    doc_->span.end = lines_.position(std::max(doc_->span.end.offset, ts_node_end_byte(document)));
  }

  void append_pairs(Node& mapping, std::span<Pair> more) {
    std::vector<Pair>& pairs = builder_.pairs();
    const size_t first = pairs.size();
    pairs.insert(pairs.end(), mapping.pairs.begin(), mapping.pairs.end());
    pairs.insert(pairs.end(), more.begin(), more.end());
    // Duplicates are checked again over all the pairs.
    auto is_key = [](std::span<const Pair> pairs, const Span& span) {
      return std::any_of(pairs.begin(), pairs.end(), [&](const Pair& p) { return p.key->span == span; });
    };
    std::erase_if(doc_->errors, [&](const Error& e) {
      return e.kind == ErrorKind::DuplicateKey && (is_key(mapping.pairs, e.span) || is_key(more, e.span));
    });
    mapping.pairs = builder_.take_pairs(first);
    mapping.span.end = more.empty() ? mapping.span.end : lines_.position(pair_end(more.back()));
    builder_.check_duplicate_keys(mapping.pairs);
  }

  // The tag_directive under the cursor.
  void add_tag_directive() {
    const TSNode directive = ts_tree_cursor_current_node(&cursor_);
    std::string_view handle, prefix;
    for_each_child([&](TSNode child) {
      if (sym_(child) == Sym::TagHandle) handle = source(child);
      if (sym_(child) == Sym::TagPrefix) prefix = source(child);
    });
    if (!builder_.add_tag_handle(handle, prefix))
      add_error(builder_.duplicate_tag_directive(span(directive), handle));
  }

  // As in the parser, comments between documents belong to the one before,
  // unless it ended with "...": then to the one after. Leading comments go
  // to the first document; without documents, comments are dropped.
  Document* owner(Stream& stream, uint32_t offset) {
    Document* found = stream.documents.empty() ? nullptr : &stream.documents.front();
    for (size_t i = 1; i < stream.documents.size(); ++i) {
      const Document& before = stream.documents[i - 1];
      const uint32_t from =
          before.explicit_end ? before.span.end.offset : stream.documents[i].span.begin.offset;
      if (from <= offset) found = &stream.documents[i];
    }
    return found;
  }

  void place_stray_items(Stream& stream) {
    std::stable_sort(comments_.begin(), comments_.end(), [](const Comment& a, const Comment& b) {
      return a.span.begin.offset < b.span.begin.offset;
    });
    std::stable_sort(stray_errors_.begin(), stray_errors_.end());
    for (const auto& [begin, end] : stray_errors_) {
      if (stream.documents.empty()) {
        begin_document();
        end_document(begin, end);
      }
      doc_ = owner(stream, begin);
      report_unexpected(begin, end);
    }
    for (Document& document : stream.documents)
      drop_nested_errors(document);
    for (const Comment& c : comments_) {
      if (Document* document = owner(stream, c.span.begin.offset)) document->comments.push_back(c);
    }
  }

  // ---- errors --------------------------------------------------------------

  // As the parser does, the first byte in each document that is not valid
  // UTF-8 or is a character YAML forbids is an Encoding error.
  void report_invalid_bytes() {
    Stream& stream = builder_.stream();
    for (InvalidCharacter bad = find_invalid_character(text_, 0); bad.offset < text_.size();
         bad = find_invalid_character(text_, bad.offset + 1)) {
      const auto at = static_cast<uint32_t>(bad.offset);
      if (stream.documents.empty()) {
        begin_document();
        end_document(at, at);
      }
      Document* document = owner(stream, at);
      const bool reported = std::any_of(document->errors.begin(), document->errors.end(),
                                        [](const Error& e) { return e.kind == ErrorKind::Encoding; });
      if (!reported) {
        // The syntax errors the byte caused say less than this one.
        std::erase_if(document->errors, [at](const Error& e) {
          return e.kind == ErrorKind::Syntax && e.span.begin.offset <= at && at < e.span.end.offset;
        });
        doc_ = document;
        add_error(make_error(ErrorKind::Encoding, span(at, at + 1), std::move(bad.message)));
      }
    }
  }

  static std::string quote_snippet(std::string_view text) {
    size_t begin = 0;
    while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\t' || is_break(text[begin])))
      ++begin;
    size_t end = begin;
    while (end < text.size() && !is_break(text[end]) && end - begin < 24)
      ++end;
    std::string snippet(text.substr(begin, end - begin));
    while (!snippet.empty() && (snippet.back() == ' ' || snippet.back() == '\t'))
      snippet.pop_back();
    if (snippet.empty()) return "end of input";
    std::string out = "\"";
    for (char c : snippet) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    if (end < text.size() && !is_break(text[end])) out += "...";
    out += '"';
    return out;
  }

  // Text tree-sitter could not parse, its surrounding blanks left out.
  void report_unexpected(uint32_t begin, uint32_t end) {
    auto blank = [this](uint32_t at) { return text_[at] == ' ' || text_[at] == '\t' || is_break(text_[at]); };
    uint32_t first = begin, last = end;
    while (first < last && blank(first))
      ++first;
    while (last > first && blank(last - 1))
      --last;
    if (first == last) first = last = begin;
    add_error(make_error(ErrorKind::Syntax, span(first, last),
                         "syntax error: unexpected " + quote_snippet(text_.substr(first, end - first))));
  }

  // Tree-sitter may report a region, and parts of it again; one is enough.
  static void drop_nested_errors(Document& document) {
    auto& errors = document.errors;
    if (errors.size() < 2) return;
    std::vector<size_t> order;
    for (size_t i = 0; i < errors.size(); ++i) {
      if (errors[i].kind == ErrorKind::Syntax) order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const Span& x = errors[a].span;
      const Span& y = errors[b].span;
      return x.begin.offset != y.begin.offset ? x.begin.offset < y.begin.offset : x.end.offset > y.end.offset;
    });
    std::vector<bool> nested(errors.size(), false);
    uint32_t covered_to = 0;
    bool any = false;
    for (size_t i : order) {
      const Span& here = errors[i].span;
      if (any && here.end.offset <= covered_to && here.begin.offset < here.end.offset) {
        nested[i] = true;
      } else {
        covered_to = std::max(covered_to, here.end.offset);
        any = true;
      }
    }
    size_t kept = 0;
    for (size_t i = 0; i < errors.size(); ++i) {
      if (nested[i]) continue;
      if (kept != i) errors[kept] = std::move(errors[i]);
      ++kept;
    }
    errors.resize(kept);
  }

  // The ERROR node under the cursor.
  void report_error(TSNode node) {
    report_unexpected(ts_node_start_byte(node), ts_node_end_byte(node));
    collect_comments(comments_);
  }

  // A child under the cursor that is no part of the node being built: a
  // comment is kept; an ERROR, or a token tree-sitter made up, is reported.
  void other_child(TSNode child) {
    const Sym sym = sym_(child);
    if (sym == Sym::Comment) {
      comments_.push_back(comment(child));
    } else if (sym == Sym::Error) {
      report_error(child);
    } else {
      report_missing(child);
    }
  }

  // A token tree-sitter inserted to recover, such as a closing bracket.
  void report_missing(TSNode node) {
    if (!ts_node_is_missing(node)) return;
    const char* type = ts_node_type(node);
    add_error(
        make_error(ErrorKind::Syntax, span(node), std::string("syntax error: missing \"") + type + "\""));
  }

  // Keeps the comments inside the cursor's subtree, which is not otherwise
  // built. Iterative: error subtrees can nest arbitrarily deep.
  void collect_comments(std::vector<Comment>& out) {
    uint32_t depth = 0;
    if (!ts_tree_cursor_goto_first_child(&cursor_)) return;
    ++depth;
    for (;;) {
      const TSNode node = ts_tree_cursor_current_node(&cursor_);
      if (sym_(node) == Sym::Comment) out.push_back(comment(node));
      if (ts_tree_cursor_goto_first_child(&cursor_)) {
        ++depth;
        continue;
      }
      while (!ts_tree_cursor_goto_next_sibling(&cursor_)) {
        ts_tree_cursor_goto_parent(&cursor_);
        if (--depth == 0) return;
      }
    }
  }

  // An ERROR node in place of a document's content holds, flat, the pieces
  // tree-sitter did parse: whole pairs, a key and its ':', a '-', nodes.
  // Their columns give back the block structure they stood in, so far as it
  // goes; from the first piece that fits nowhere, the rest is one error.
  void salvage_error(TSNode error) {
    struct Frame {
      bool mapping;
      uint32_t column;
      uint32_t begin;
      size_t first;          // where its children begin in the builder's stacks
      Node* key = nullptr;   // a mapping's key waiting for its value
      bool open = false;     // a value is pending (after ':' or '-')
      uint32_t open_at = 0;  // where that value would stand if empty
    };
    std::vector<Frame> frames;
    Node* root = nullptr;
    Node* candidate = nullptr;  // a node that is a key if a ':' follows
    uint32_t candidate_column = 0, candidate_begin = 0;
    uint32_t broken_from = UINT32_MAX;

    // Gives a value to the innermost pending slot, or makes it the root.
    auto deliver = [&](Node* value) {
      if (frames.empty()) {
        if (root != nullptr) return false;
        root = value;
        return true;
      }
      Frame& top = frames.back();
      if (!top.open) return false;
      if (top.mapping) {
        builder_.pairs().push_back(Pair{top.key, value});
      } else {
        builder_.items().push_back(value);
      }
      top.open = false;
      top.key = nullptr;
      return true;
    };
    auto close_top = [&] {
      Frame& top = frames.back();
      if (top.open) deliver(empty_node(top.open_at));
      Node* node;
      if (top.mapping) {
        node = new_node(NodeKind::Mapping, top.begin,
                        builder_.pairs().size() > top.first ? pair_end(builder_.pairs().back()) : top.begin);
        node->pairs = builder_.take_pairs(top.first);
        builder_.check_duplicate_keys(node->pairs);
      } else {
        node = new_node(
            NodeKind::Sequence, top.begin,
            builder_.items().size() > top.first ? builder_.items().back()->span.end.offset : top.begin);
        node->items = builder_.take_items(top.first);
      }
      frames.pop_back();
      builder_.leave();
      deliver(node);
    };
    // Ends the collections a piece at `column` cannot belong to; a key at a
    // sequence's column ends it too when it is a mapping's value.
    auto close_to = [&](uint32_t column, bool key) {
      while (!frames.empty()) {
        const Frame& top = frames.back();
        const bool inner_sequence = key && !top.mapping && top.column == column && frames.size() > 1 &&
                                    frames[frames.size() - 2].mapping &&
                                    frames[frames.size() - 2].column == column;
        if (top.column <= column && !inner_sequence) break;
        close_top();
      }
    };
    // The innermost collection of this kind at `column`, opened if a value
    // is pending further left (or in the same column, for a sequence).
    auto frame_at = [&](bool mapping, uint32_t column, uint32_t begin, TSNode piece) -> Frame* {
      if (!frames.empty() && frames.back().column == column && frames.back().mapping == mapping) {
        return &frames.back();
      }
      const bool root_slot = frames.empty() && root == nullptr;
      const bool value_slot = !frames.empty() && frames.back().open &&
                              (column > frames.back().column ||
                               (!mapping && column == frames.back().column && frames.back().mapping));
      if ((!root_slot && !value_slot) || !enter(piece)) return nullptr;
      frames.push_back(
          Frame{mapping, column, begin, mapping ? builder_.pairs().size() : builder_.items().size()});
      return &frames.back();
    };
    auto flush_candidate = [&] {
      if (candidate == nullptr) return true;
      const bool placed = deliver(candidate);
      if (!placed) broken_from = std::min(broken_from, candidate_begin);
      candidate = nullptr;
      return placed;
    };

    for_each_child([&](TSNode child) {
      const Sym sym = sym_(child);
      if (sym == Sym::Comment) {
        comments_.push_back(comment(child));
        return;
      }
      if (broken_from != UINT32_MAX) {
        collect_comments(comments_);
        return;
      }
      const uint32_t column = this->column(child);
      const uint32_t begin = ts_node_start_byte(child);
      bool fits = false;
      const bool nothing_yet = root == nullptr && frames.empty() && candidate == nullptr;
      if (nothing_yet && sym == Sym::DirectivesEnd) {
        doc_->explicit_start = true;
        fits = true;
      } else if (nothing_yet && sym == Sym::TagDirective) {
        add_tag_directive();
        fits = true;
      } else if (sym == Sym::Colon && candidate != nullptr) {
        close_to(candidate_column, true);
        Frame* frame = frame_at(true, candidate_column, candidate_begin, child);
        if (frame != nullptr && frame->open) {
          frame->open = false;  // a key without value before this one
          builder_.pairs().push_back(Pair{frame->key, empty_node(frame->open_at)});
        }
        if (frame != nullptr) {
          frame->key = candidate;
          frame->open = true;
          frame->open_at = ts_node_end_byte(child);
          candidate = nullptr;
          fits = true;
        }
      } else if ((sym == Sym::BlockNode || sym == Sym::FlowNode) && flush_candidate()) {
        close_to(column, false);
        candidate = build_node(frames.empty() ? -1 : static_cast<int>(frames.back().column));
        candidate_column = column;
        candidate_begin = begin;
        fits = true;
      } else if (sym == Sym::BlockMappingPair && flush_candidate()) {
        close_to(column, true);
        Frame* frame = frame_at(true, column, begin, child);
        if (frame != nullptr) {
          if (frame->open) deliver(empty_node(frame->open_at));
          build_pair(static_cast<int>(column));
          fits = true;
        }
      } else if (sym == Sym::Dash && flush_candidate()) {
        close_to(column, false);
        Frame* frame = frame_at(false, column, begin, child);
        if (frame != nullptr) {
          if (frame->open) deliver(empty_node(frame->open_at));
          frame->open = true;
          frame->open_at = ts_node_end_byte(child);
          fits = true;
        }
      }
      if (!fits) {
        broken_from = std::min(broken_from, begin);
        collect_comments(comments_);
      }
    });
    if (broken_from == UINT32_MAX) flush_candidate();
    while (!frames.empty())
      close_top();
    doc_->root = root;
    if (broken_from == UINT32_MAX) {
      // Everything in it was salvaged: what tree-sitter did not expect comes
      // after it, and is reported where its tree stops, unless that is the
      // end of the input.
      broken_from = ts_node_end_byte(error);
      const std::string_view rest =
          parsed_.substr(broken_from, parsed_end_ - std::min(parsed_end_, broken_from));
      if (rest.find_first_not_of(" \t\r\n") != std::string_view::npos) return;
    }
    const uint32_t end = std::max(ts_node_end_byte(error), broken_from);
    report_unexpected(broken_from, end);
  }

  // ---- nodes ---------------------------------------------------------------

  // Builds the block_node or flow_node under the cursor. `indent` is the
  // column of the enclosing block collection, -1 at the top level.
  Node* build_node(int indent) {
    const TSNode wrapper = ts_tree_cursor_current_node(&cursor_);
    std::string_view anchor, tag;
    Node* node = nullptr;
    const uint64_t count_before = builder_.node_count();
    for_each_child([&](TSNode child) {
      switch (sym_(child)) {
        case Sym::Anchor:
          for_each_child([&](TSNode name) {
            if (sym_(name) == Sym::AnchorName) anchor = source(name);
          });
          break;
        case Sym::Tag:
          tag = resolve_tag(child);
          break;
        case Sym::Comment:
          comments_.push_back(comment(child));
          break;
        case Sym::Error:
          report_error(child);
          break;
        default:
          if (node == nullptr) {
            node = build_content(child, indent);
          } else {
            report_missing(child);
          }
          break;
      }
    });
    if (node == nullptr) node = empty_node(ts_node_end_byte(wrapper));
    node->tag = tag;
    if (!anchor.empty()) {
      node->anchor = anchor;
      builder_.define_anchor(anchor, node, count_before);
    }
    return node;
  }

  Node* build_content(TSNode content, int indent) {
    switch (sym_(content)) {
      case Sym::PlainScalar:
        return scalar(content, ScalarStyle::Plain);
      case Sym::SingleQuoted:
        return scalar(content, ScalarStyle::SingleQuoted);
      case Sym::DoubleQuoted:
        return scalar(content, ScalarStyle::DoubleQuoted);
      case Sym::BlockScalar:
        return block_scalar(content, indent);
      case Sym::Alias:
        return alias(content);
      case Sym::BlockMapping:
      case Sym::BlockSequence:
      case Sym::FlowMapping:
      case Sym::FlowSequence:
        return collection(content);
      default:
        report_missing(content);
        return nullptr;
    }
  }

  Node* scalar(TSNode content, ScalarStyle style) {
    Node* node = new_node(NodeKind::Scalar, ts_node_start_byte(content), ts_node_end_byte(content));
    node->style = style;
    if (std::optional<Error> error = builder_.decode_scalar(*node, source(content), -1))
      add_error(std::move(*error));
    // A closing quote tree-sitter had to invent.
    for_each_child([&](TSNode child) { report_missing(child); });
    return node;
  }

  // tree-sitter ends a block scalar after its last content line, except at
  // the end of the input; the decoder wants the line break and the trailing
  // empty lines too, for keep chomping.
  Node* block_scalar(TSNode content, int indent) {
    const uint32_t begin = ts_node_start_byte(content);
    uint32_t end = ts_node_end_byte(content);
    const auto size = static_cast<uint32_t>(text_.size());
    if (end < size && (end == begin || !is_break(text_[end - 1]))) {
      if (text_[end] == '\r' && end + 1 < size && text_[end + 1] == '\n') ++end;
      if (is_break(text_[end])) ++end;
    }
    // Lines of blanks may still be content (more indented) or empty lines.
    for (;;) {
      uint32_t p = end;
      while (p < size && (text_[p] == ' ' || text_[p] == '\t'))
        ++p;
      if (p >= size) {
        end = p;
        break;
      }
      if (!is_break(text_[p])) break;
      if (text_[p] == '\r' && p + 1 < size && text_[p + 1] == '\n') ++p;
      end = p + 1;
    }
    std::string_view raw = text_.substr(begin, end - begin);
    // The header: indicators, then perhaps a comment, which tree-sitter
    // keeps inside the block scalar token.
    size_t i = 1;
    int explicit_indent = 0;
    while (i < raw.size() && i < 3 && (raw[i] == '+' || raw[i] == '-' || (raw[i] >= '1' && raw[i] <= '9'))) {
      if (raw[i] >= '1') explicit_indent = raw[i] - '0';
      ++i;
    }
    const size_t blanks = i;
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t'))
      ++i;
    size_t header_end = i;
    while (header_end < raw.size() && !is_break(raw[header_end]))
      ++header_end;
    if (i < header_end && raw[i] == '#' && i > blanks) {
      comments_.push_back(
          Comment{span(begin + static_cast<uint32_t>(i), begin + static_cast<uint32_t>(header_end)),
                  raw.substr(i + 1, header_end - i - 1)});
    }
    // The node itself ends with its last content line; lines of blanks
    // short of the content indentation are empty. With CRLF line breaks,
    // tree-sitter runs on over less indented comment lines: they end it.
    int content_indent = explicit_indent > 0 ? std::max(indent, 0) + explicit_indent : -1;
    auto content_end = static_cast<uint32_t>(header_end);
    for (size_t line = header_end; line < raw.size();) {
      line += raw[line] == '\r' && line + 1 < raw.size() && raw[line + 1] == '\n' ? 2 : 1;
      size_t p = line;
      while (p < raw.size() && raw[p] == ' ')
        ++p;
      const auto spaces = static_cast<int>(p - line);
      size_t line_end = p;
      while (line_end < raw.size() && !is_break(raw[line_end]))
        ++line_end;
      if (p < line_end) {
        if (content_indent < 0) content_indent = std::max(spaces, indent + 1);
        if (spaces >= content_indent) {
          content_end = static_cast<uint32_t>(line_end);
        } else if (raw.substr(p, line_end - p).find_first_not_of(" \t") != std::string_view::npos) {
          trailing_comments(begin + static_cast<uint32_t>(line), begin + static_cast<uint32_t>(raw.size()));
          raw = raw.substr(0, line);
          break;
        }
      }
      line = line_end;
    }
    Node* node = new_node(NodeKind::Scalar, begin, begin + content_end);
    node->style = raw.empty() || raw[0] == '|' ? ScalarStyle::Literal : ScalarStyle::Folded;
    if (std::optional<Error> error = builder_.decode_scalar(*node, raw, indent)) add_error(std::move(*error));
    return node;
  }

  // The comment lines in [from, to), after a block scalar; anything else
  // there is an error.
  void trailing_comments(uint32_t from, uint32_t to) {
    for (uint32_t line = from; line < to;) {
      uint32_t hash = line;
      while (hash < to && (text_[hash] == ' ' || text_[hash] == '\t'))
        ++hash;
      uint32_t line_end = hash;
      while (line_end < to && !is_break(text_[line_end]))
        ++line_end;
      if (hash < line_end && text_[hash] == '#') {
        comments_.push_back(Comment{span(hash, line_end), text_.substr(hash + 1, line_end - hash - 1)});
      } else if (hash < line_end) {
        report_unexpected(hash, line_end);
      }
      line = line_end;
      while (line < to && is_break(text_[line]))
        ++line;
    }
  }

  Node* alias(TSNode content) {
    Node* node = new_node(NodeKind::Alias, ts_node_start_byte(content), ts_node_end_byte(content));
    for_each_child([&](TSNode child) {
      if (sym_(child) == Sym::AliasName) node->anchor = source(child);
    });
    if (const Anchored* target = builder_.find_anchor(node->anchor)) {
      node->target = target->node;
      // The alias stands for a copy of its target: counted as such,
      // billion-laughs documents stop here as they do in the parser.
      if (!builder_.expand_alias(*target)) add_error(builder_.too_many_alias_nodes(node->span, node->anchor));
    } else {
      add_error(builder_.undefined_alias(node->span, node->anchor));
    }
    return node;
  }

  Node* collection(TSNode content) {
    const Sym sym = sym_(content);
    if (!enter(content)) return empty_node(ts_node_start_byte(content));
    Node* node = nullptr;
    switch (sym) {
      case Sym::BlockMapping:
        node = block_mapping(content);
        break;
      case Sym::BlockSequence:
        node = block_sequence(content);
        break;
      default:
        node = flow_collection(content);
        break;
    }
    builder_.leave();
    return node;
  }

  // A collection opens; false, with the error recorded, when that is too
  // deep.
  bool enter(TSNode node) {
    if (builder_.enter()) return true;
    add_error(builder_.too_deep(span(node)));
    return false;
  }

  static uint32_t pair_begin(const Pair& pair) {
    return std::min(pair.key->span.begin.offset, pair.value->span.begin.offset);
  }
  static uint32_t pair_end(const Pair& pair) {
    return std::max(pair.key->span.end.offset, pair.value->span.end.offset);
  }

  Node* block_mapping(TSNode content) {
    const auto column = static_cast<int>(this->column(content));
    const size_t first = builder_.pairs().size();
    uint32_t begin = UINT32_MAX, end = 0;
    for_each_child([&](TSNode child) {
      switch (sym_(child)) {
        case Sym::BlockMappingPair:
          build_pair(column);
          begin = std::min(begin, ts_node_start_byte(child));
          end = std::max(end, pair_end(builder_.pairs().back()));
          break;
        default:
          other_child(child);
          break;
      }
    });
    if (begin == UINT32_MAX) begin = end = ts_node_start_byte(content);
    Node* node = new_node(NodeKind::Mapping, begin, end);
    node->pairs = builder_.take_pairs(first);
    builder_.check_duplicate_keys(node->pairs);
    return node;
  }

  // The pair under the cursor, "? key : value" or "key: value", either
  // side possibly empty; pushed on the builder's pairs.
  void build_pair(int indent) {
    const TSNode pair = ts_tree_cursor_current_node(&cursor_);
    Node* key = nullptr;
    Node* value = nullptr;
    uint32_t question_end = UINT32_MAX, colon_end = UINT32_MAX;
    for_each_child([&](TSNode child) {
      const Sym sym = sym_(child);
      if (sym == Sym::Question) {
        question_end = ts_node_end_byte(child);
      } else if (sym == Sym::Colon) {
        colon_end = ts_node_end_byte(child);
        report_missing(child);
      } else if (sym == Sym::BlockNode || sym == Sym::FlowNode) {
        Node* built = build_node(indent);
        if (ts_tree_cursor_current_field_id(&cursor_) == sym_.key_field() && key == nullptr) {
          key = built;
        } else {
          value = built;
        }
      } else {
        other_child(child);
      }
    });
    if (key == nullptr) {
      key = empty_node(question_end != UINT32_MAX ? question_end : ts_node_start_byte(pair));
    }
    if (value == nullptr) value = empty_node(colon_end != UINT32_MAX ? colon_end : key->span.end.offset);
    builder_.pairs().push_back(Pair{key, value});
  }

  Node* block_sequence(TSNode content) {
    const auto column = static_cast<int>(this->column(content));
    const size_t first = builder_.items().size();
    uint32_t begin = UINT32_MAX, end = 0;
    for_each_child([&](TSNode child) {
      switch (sym_(child)) {
        case Sym::BlockSequenceItem: {
          Node* item = nullptr;
          for_each_child([&](TSNode part) {
            const Sym sym = sym_(part);
            if (sym == Sym::BlockNode || sym == Sym::FlowNode) {
              item = build_node(column);
            } else {
              other_child(part);
            }
          });
          if (item == nullptr) item = empty_node(ts_node_start_byte(child) + 1);
          builder_.items().push_back(item);
          begin = std::min(begin, ts_node_start_byte(child));
          end = std::max(end, item->span.end.offset);
          break;
        }
        default:
          other_child(child);
          break;
      }
    });
    if (begin == UINT32_MAX) begin = end = ts_node_start_byte(content);
    Node* node = new_node(NodeKind::Sequence, begin, end);
    node->items = builder_.take_items(first);
    return node;
  }

  // [a, b: c] and {a: b, c}: a pair in a sequence is a one-pair mapping, a
  // lone node in a mapping is a key with an empty value.
  Node* flow_collection(TSNode content) {
    const bool is_mapping = sym_(content) == Sym::FlowMapping;
    const size_t first_item = builder_.items().size();
    const size_t first_pair = builder_.pairs().size();
    for_each_child([&](TSNode child) {
      switch (sym_(child)) {
        case Sym::FlowNode: {
          Node* built = build_node(-1);
          if (is_mapping) {
            builder_.pairs().push_back(Pair{built, empty_node(built->span.end.offset)});
          } else {
            builder_.items().push_back(built);
          }
          break;
        }
        case Sym::FlowPair:
          if (is_mapping) {
            build_pair(-1);
          } else {
            // Not a nesting level of its own, as in the parser.
            const size_t mark = builder_.pairs().size();
            build_pair(-1);
            Node* single = new_node(NodeKind::Mapping, pair_begin(builder_.pairs().back()),
                                    pair_end(builder_.pairs().back()));
            single->flow = true;
            single->pairs = builder_.take_pairs(mark);
            builder_.items().push_back(single);
          }
          break;
        default:
          other_child(child);
          break;
      }
    });
    Node* node = new_node(is_mapping ? NodeKind::Mapping : NodeKind::Sequence, ts_node_start_byte(content),
                          ts_node_end_byte(content));
    node->flow = true;
    if (is_mapping) {
      node->pairs = builder_.take_pairs(first_pair);
      builder_.check_duplicate_keys(node->pairs);
    } else {
      node->items = builder_.take_items(first_item);
    }
    return node;
  }

  // ---- tags ----------------------------------------------------------------

  std::string_view resolve_tag(TSNode node) {
    const std::string_view raw = source(node);
    // "!<uri>" is verbatim and has no handle; otherwise the handle runs to
    // the second '!', if there is one.
    std::string_view handle, suffix;
    if (raw.size() >= 3 && raw.starts_with("!<") && raw.back() == '>') {
      suffix = raw.substr(2, raw.size() - 3);
    } else {
      const size_t second = raw.find('!', 1);
      handle = raw.substr(0, second == std::string_view::npos ? 1 : second + 1);
      suffix = raw.substr(handle.size());
    }
    if (const std::optional<std::string_view> tag = builder_.resolve_tag(handle, suffix)) return *tag;
    add_error(builder_.undefined_tag_handle(span(node), handle));
    return raw;
  }

  std::string_view text_;
  const LineIndex& lines_;
  const SymbolTable& sym_;
  TreeBuilder builder_;
  std::string_view parsed_;  // the text of the current tree, and its end
  uint32_t parsed_end_ = 0;
  TSTreeCursor cursor_{};
  bool has_cursor_ = false;
  Document* doc_ = nullptr;        // where errors go
  std::vector<Comment> comments_;  // of the whole stream, placed at the end
  // Unparsed regions found outside a built node, placed at the end.
  std::vector<std::pair<uint32_t, uint32_t>> stray_errors_;
};

// Rounds of blanking what tree-sitter could not get past, per document; each
// costs up to two incremental parses, so this bounds the time a badly broken
// document takes (64 broken lines: about 40 ms).
constexpr int kMaxRepairs = 64;

// One document spanning `whole` with a single Limit error.
Stream limit_stream(std::string_view text, Span whole, std::string message) {
  Stream stream;
  stream.text = text;
  Document& document = stream.documents.emplace_back();
  document.span = whole;
  Error error;
  error.kind = ErrorKind::Limit;
  error.span = document.span;
  error.message = std::move(message);
  document.errors.push_back(std::move(error));
  return stream;
}

// Where tree-sitter's tree stops short of [.., end) of the text it parsed:
// the first non-blank byte after the root node, or `end`.
uint32_t tree_stop(const TSTree& tree, std::string_view parsed, uint32_t end) {
  uint32_t stop = ts_node_end_byte(ts_tree_root_node(&tree));
  while (stop < end && (parsed[stop] == ' ' || parsed[stop] == '\t' || is_break(parsed[stop])))
    ++stop;
  return stop;
}

// One document's part of the input, parsed on its own so that an error
// cannot spill into the next document: the input is cut before every "---"
// line (and before the directives of the document it starts, when they
// follow a "..." line). Such a line is a document marker wherever it stands.
struct Chunk {
  uint32_t begin;
  uint32_t end;
  TSPoint begin_point;  // tree-sitter counts rows by LF only
  TSPoint end_point;
};

std::vector<Chunk> split_documents(std::string_view text) {
  std::vector<Chunk> chunks;
  for (const DocumentStart& start : document_starts(text)) {
    if (!chunks.empty()) {
      chunks.back().end = start.offset;
      chunks.back().end_point = {start.row, 0};
    }
    chunks.push_back({start.offset, 0, {start.row, 0}, {0, 0}});
  }
  // The last chunk ends with the input, in its last line (any break starts one).
  uint32_t row = 0, last_line = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') ++row;
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      last_line = static_cast<uint32_t>(i + 1);
  }
  chunks.back().end = static_cast<uint32_t>(text.size());
  chunks.back().end_point = {row, static_cast<uint32_t>(text.size()) - last_line};
  return chunks;
}

// tree-sitter's point of a byte offset: rows count LF only.
TSPoint ts_point(std::string_view text, uint32_t offset) {
  const auto row = static_cast<uint32_t>(std::count(text.begin(), text.begin() + offset, '\n'));
  const size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  return {row, static_cast<uint32_t>(offset - (newline == std::string_view::npos ? 0 : newline + 1))};
}

// The content (blanks around left out) of the last line before the one
// holding `offset` that has any, from `begin` on; empty if none.
std::pair<uint32_t, uint32_t> line_before(std::string_view text, uint32_t begin, uint32_t offset) {
  uint32_t at = offset;
  while (at > begin && !is_break(text[at - 1]))
    --at;
  for (;;) {
    while (at > begin && (is_break(text[at - 1]) || text[at - 1] == ' ' || text[at - 1] == '\t'))
      --at;
    if (at == begin) return {begin, begin};
    const uint32_t end = at;
    while (at > begin && !is_break(text[at - 1]))
      --at;
    uint32_t first = at;
    while (first < end && (text[first] == ' ' || text[first] == '\t'))
      ++first;
    return {first, end};
  }
}

// Why the tolerant parser cannot take `text` (see treesitter.hpp); empty
// when it can. `what` names the text in the message, whose first line is
// `first_line` of the input.
std::string beyond_limits(std::string_view text, const LineIndex& lines, std::string_view what = "input",
                          uint32_t first_line = 1) {
  const bool ends_with_break = !text.empty() && is_break(text.back());
  const uint32_t rows = lines.line_count() - (ends_with_break ? 1 : 0);
  if (rows > kMaxRows) {
    return std::string(what) + " has " + std::to_string(rows) +
           " lines; the tolerant parser handles at most 32767";
  }
  for (uint32_t line = 1; line <= lines.line_count(); ++line) {
    const std::string_view line_text = lines.line_text(line);
    const std::string shown = std::to_string(line + first_line - 1);
    if (line_text.size() > kMaxColumns) {
      return "line " + shown + " is longer than 32767 bytes, the most the tolerant parser handles";
    }
    // A block collection on this line starts no further right than its
    // first character that is no blank or indicator (or its last one).
    size_t start = line_text.find_first_not_of(" \t-?:");
    if (start == std::string_view::npos) start = line_text.find_last_not_of(" \t");
    if (start != std::string_view::npos && start >= kMaxIndent) {
      return "line " + shown + " is indented by " + std::to_string(kMaxIndent) +
             " columns or more, deeper than the tolerant parser handles";
    }
  }
  return {};
}

// One chunk's trees: tree-sitter's own parse, and the one with what it could
// not get past blanked (the same tree when nothing was).
struct ChunkTrees {
  std::unique_ptr<TSTree, Deleter> parsed;
  std::unique_ptr<TSTree, Deleter> repaired_tree;
  std::string repaired;  // the text it was parsed from, once a repair was needed
  std::vector<std::pair<uint32_t, uint32_t>> blanked;

  const TSTree* tree() const { return blanked.empty() ? parsed.get() : repaired_tree.get(); }
  std::string_view text(std::string_view original) const {
    return repaired.empty() ? original : std::string_view(repaired);
  }
};

// Parses one chunk of `text` (reusing `old`, an earlier tree of it already
// edited to match, when given), then repairs the parse.
ChunkTrees parse_chunk(TSParser* parser, std::string_view text, const Chunk& chunk, const TSTree* old) {
  ChunkTrees out;
  const TSRange range{chunk.begin_point, chunk.end_point, chunk.begin, chunk.end};
  ts_parser_set_included_ranges(parser, &range, 1);
  out.parsed.reset(ts_parser_parse_string(parser, old, text.data(), static_cast<uint32_t>(text.size())));
  if (out.parsed == nullptr) return out;
  std::string& repaired = out.repaired;
  // Blanks [from, to) of `repaired` and parses it again, reusing `previous`.
  auto blank_and_parse = [&](const TSTree& previous, uint32_t from, uint32_t to) {
    std::fill(repaired.begin() + from, repaired.begin() + to, ' ');
    const std::unique_ptr<TSTree, Deleter> edited(ts_tree_copy(&previous));
    const TSInputEdit edit{from, to, to, ts_point(text, from), ts_point(text, to), ts_point(text, to)};
    ts_tree_edit(edited.get(), &edit);
    return std::unique_ptr<TSTree, Deleter>(ts_parser_parse_string(parser, edited.get(), repaired.data(),
                                                                   static_cast<uint32_t>(repaired.size())));
  };
  auto unblank = [&](uint32_t from, uint32_t to) {
    std::copy(text.begin() + from, text.begin() + to, repaired.begin() + from);
  };
  // Trees that parse further are better; a root that is no ERROR better still.
  auto score = [&](const TSTree& tree, uint32_t end) {
    return std::pair{!ts_node_is_null(ts_tree_root_node(&tree)) &&
                         std::strcmp(ts_node_type(ts_tree_root_node(&tree)), "ERROR") != 0,
                     tree_stop(tree, repaired, end)};
  };
  // tree-sitter-yaml gives up on the rest of its input at some errors (a
  // stray ':' after a value, a wrongly indented key). Blanking the rest of
  // that line and parsing again recovers what follows, at unchanged
  // offsets; a few rounds handle a few such lines.
  const TSTree* tree = out.parsed.get();
  for (int round = 0; round < kMaxRepairs && tree != nullptr; ++round) {
    const uint32_t stop = tree_stop(*tree, out.text(text), chunk.end);
    if (stop >= chunk.end) break;
    if (repaired.empty()) repaired.assign(text);
    // Usually the rest of the line is at fault; but when tree-sitter read
    // on past a broken line, as the start of a multi-line scalar, the line
    // before is. Both are tried; the one parsing further wins.
    uint32_t tail_end = stop;
    while (tail_end < chunk.end && !is_break(text[tail_end]))
      ++tail_end;
    std::unique_ptr<TSTree, Deleter> best = blank_and_parse(*tree, stop, tail_end);
    std::pair<uint32_t, uint32_t> chosen{stop, tail_end};
    const auto [before_begin, before_end] = line_before(repaired, chunk.begin, stop);
    if (best != nullptr && before_begin < before_end) {
      const auto tail_score = score(*best, chunk.end);
      unblank(stop, tail_end);
      std::unique_ptr<TSTree, Deleter> other = blank_and_parse(*tree, before_begin, before_end);
      if (other != nullptr && score(*other, chunk.end) > tail_score) {
        best = std::move(other);
        chosen = {before_begin, before_end};
      } else {
        unblank(before_begin, before_end);
        std::fill(repaired.begin() + stop, repaired.begin() + tail_end, ' ');
      }
    }
    out.blanked.push_back(chosen);
    out.repaired_tree = std::move(best);
    tree = out.repaired_tree.get();
  }
  return out;
}

void add_chunk(TreeReader& reader, std::string_view text, const Chunk& chunk, const ChunkTrees& trees) {
  if (trees.tree() == nullptr) return;
  reader.add_tree(ts_tree_root_node(trees.tree()), trees.text(text), chunk.end, trees.blanked);
}

std::unique_ptr<TSParser, Deleter> new_parser() {
  std::unique_ptr<TSParser, Deleter> parser(ts_parser_new());
  ts_parser_set_language(parser.get(), tree_sitter_yaml());
  return parser;
}

// Whether a chunk holds nothing but blanks and comments.
}  // namespace

Stream parse_tolerant(std::string_view text, const ParseOptions& options) {
  if (text.size() >= kMaxInputBytes) return oversized_input(text);
  const LineIndex lines(text);
  if (std::string limit = beyond_limits(text, lines); !limit.empty()) {
    const Span whole{lines.position(0), lines.position(static_cast<uint32_t>(text.size()))};
    return limit_stream(text, whole, std::move(limit));
  }
  const auto parser = new_parser();
  thread_local TreeScratch scratch;
  TreeReader reader(text, options, lines, scratch);
  for (const Chunk& chunk : split_documents(text))
    add_chunk(reader, text, chunk, parse_chunk(parser.get(), text, chunk, nullptr));
  return reader.finish();
}

// ---- IncrementalParser -------------------------------------------------------

void IncrementalParser::TreeDeleter::operator()(TSTree* tree) const {
  ts_tree_delete(tree);
}

struct IncrementalParser::State {
  std::unique_ptr<TSParser, Deleter> parser = new_parser();
};

IncrementalParser::IncrementalParser(std::string text, const ParseOptions& options)
    : options_(options), state_(std::make_unique<State>()) {
  text_ = std::move(text);
  update(nullptr);
}

IncrementalParser::~IncrementalParser() = default;

void IncrementalParser::edit(uint32_t begin, uint32_t end, std::string_view replacement) {
  end = std::min<uint32_t>(end, static_cast<uint32_t>(text_.size()));
  begin = std::min(begin, end);
  const Edit edit{begin, end, replacement.size()};
  text_.replace(begin, end - begin, replacement);
  update(&edit);
}

void IncrementalParser::parse_part(Part& part, const TSTree* old, bool opening) {
  part.stream = Stream{};
  const LineIndex lines(part.text);
  if (part.text.size() >= kMaxInputBytes) {
    part.stream = oversized_input(part.text);
    return;
  }
  if (std::string limit = beyond_limits(part.text, lines, "document", part.first_line); !limit.empty()) {
    const Span whole{lines.position(0), lines.position(static_cast<uint32_t>(part.text.size()))};
    part.tree.reset();
    part.stream = limit_stream(part.text, whole, std::move(limit));
    return;
  }
  // A buffer being opened: the fast front-end reads each well-formed part to
  // the same model at a fraction of tree-sitter's cost; tree-sitter parses the
  // broken ones now, and the others when an edit first touches them.
  if (opening) {
    Stream strict = parse(part.text, options_);
    if (std::ranges::none_of(strict.documents, [](const Document& d) { return !d.errors.empty(); })) {
      part.tree.reset();
      part.stream = std::move(strict);
      return;
    }
  }
  const std::string_view text = part.text;
  const Chunk chunk{
      0, static_cast<uint32_t>(text.size()), {0, 0}, ts_point(text, static_cast<uint32_t>(text.size()))};
  ChunkTrees trees = parse_chunk(state_->parser.get(), text, chunk, old);
  thread_local TreeScratch scratch;
  TreeReader reader(text, options_, lines, scratch);
  add_chunk(reader, text, chunk, trees);
  part.stream = reader.finish();
  part.tree.reset(trees.parsed.release());
}

void IncrementalParser::update(const Edit* edit) {
  std::vector<Chunk> chunks = split_documents(text_);
  // Leading comments belong to the first document, as in parse_tolerant.
  if (chunks.size() > 1 && only_comments(std::string_view(text_).substr(0, chunks[0].end))) {
    chunks[1].begin = 0;
    chunks[1].begin_point = {0, 0};
    chunks.erase(chunks.begin());
  }
  // Parts whose text is unchanged are kept as they are; among the others,
  // the one the edit fell in gives its tree to the part now holding the edit.
  std::unordered_multimap<std::string_view, size_t> unchanged;
  for (size_t i = 0; i < parts_.size(); ++i)
    unchanged.emplace(parts_[i]->text, i);
  std::vector<std::unique_ptr<Part>> old = std::move(parts_);
  parts_.clear();
  reparsed_ = reused_trees_ = 0;
  LineIndex lines(text_);
  for (const Chunk& chunk : chunks) {
    const std::string_view text = std::string_view(text_).substr(chunk.begin, chunk.end - chunk.begin);
    const uint32_t first_line = lines.position(chunk.begin).line;
    if (const auto found = unchanged.find(text); found != unchanged.end() && old[found->second] != nullptr) {
      std::unique_ptr<Part>& kept = parts_.emplace_back(std::move(old[found->second]));
      unchanged.erase(found);
      kept->begin = chunk.begin;
      kept->first_line = first_line;
      continue;
    }
    auto part = std::make_unique<Part>();
    static std::atomic<uint64_t> serials{0};
    part->serial = ++serials;
    part->begin = chunk.begin;
    part->first_line = first_line;
    part->text = text;
    ++reparsed_;
    const TSTree* reused = nullptr;
    std::unique_ptr<TSTree, TreeDeleter> edited;
    if (edit != nullptr) {
      // The old part that held the edited bytes, if this part is it, edited.
      for (auto& candidate : old) {
        if (candidate == nullptr || candidate->tree == nullptr || candidate->begin != chunk.begin) continue;
        const uint32_t old_end = candidate->begin + static_cast<uint32_t>(candidate->text.size());
        const bool holds_edit = edit->begin >= candidate->begin && edit->end <= old_end;
        const size_t new_size = candidate->text.size() - (edit->end - edit->begin) + edit->inserted;
        if (!holds_edit || new_size != text.size()) continue;
        const uint32_t start = edit->begin - candidate->begin;
        const uint32_t removed_end = edit->end - candidate->begin;
        const auto inserted_end = static_cast<uint32_t>(start + edit->inserted);
        const TSInputEdit ts_edit{start,
                                  removed_end,
                                  inserted_end,
                                  ts_point(candidate->text, start),
                                  ts_point(candidate->text, removed_end),
                                  ts_point(text, inserted_end)};
        edited = std::move(candidate->tree);
        ts_tree_edit(edited.get(), &ts_edit);
        reused = edited.get();
        ++reused_trees_;
        break;
      }
    }
    parse_part(*part, reused, edit == nullptr);
    parts_.push_back(std::move(part));
  }
}

}  // namespace podlint::yaml
