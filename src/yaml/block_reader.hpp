// Direct reading: the parser's fast path through block context. Most of a
// manifest is "key: value" lines, "- " entries and plain scalars, which cost
// the token path several tokens each (the key's scalar, a Key token inserted
// once the ':' turns up, the Value, the value's scalar), with their queue
// traffic and simple-key bookkeeping. When the token queue is drained, the
// block parsers ask this reader what comes next instead: it looks at the bytes
// through the scanner's read-only view, takes what it recognizes as the
// scanner's direct tokens, and says what it found; the parser builds the
// nodes. Anything else, and anything whose scanning could fail, it hands to
// the token path (the next token queued), so that errors, their positions and
// the partial trees of broken documents are those of the token path.
#pragma once

#include <cstdint>

#include "yaml/characters.hpp"
#include "yaml/scanner.hpp"
#include "yaml/tree_builder.hpp"

namespace podlint::yaml {

// Where a block node is read: a mapping value, an entry of an indentless
// sequence (both of which a key that follows leaves empty), or an entry of a
// block sequence or a document's root.
enum class BlockSlot : uint8_t { MappingValue, IndentlessEntry, Entry };

class BlockReader {
 public:
  BlockReader(Scanner& scanner, const TreeBuilder& builder) : scanner_(scanner), builder_(builder) {}

  // What starts the next entry of a block collection.
  enum class Head : uint8_t {
    Token,  // not read directly: the next token is queued
    Entry,  // a sequence's "- ", taken
    Key,    // a mapping's plain key and its ':', taken
    End,    // a less indented key: the collection ends (a block one's end taken)
  };

  // At the cursor, where the next entry of the sequence at the scanner's
  // indentation may start.
  Head sequence_entry(bool indentless) {
    scanner_.skip_to_next_token();
    const int column = scanner_.column();
    PlainKey key;
    if (column == scanner_.indent() && at_block_entry()) {
      scanner_.take_block_entry();
      return Head::Entry;
    }
    if ((indentless ? column <= scanner_.indent() : column < scanner_.indent()) && plain_key_here(key)) {
      if (!indentless) scanner_.end_block();
      return Head::End;
    }
    scanner_.fetch_token_here();
    return Head::Token;
  }

  // The same for a block mapping; `key` gets a taken key's span.
  Head mapping_entry(Span& key) {
    scanner_.skip_to_next_token();
    PlainKey found;
    if (scanner_.column() <= scanner_.indent() && plain_key_here(found)) {
      if (scanner_.column() < scanner_.indent()) {
        scanner_.end_block();
        return Head::End;
      }
      key = scanner_.take_plain_key(found);
      return Head::Key;
    }
    scanner_.fetch_token_here();
    return Head::Token;
  }

  // What stands after a ':', '-' or "---", read directly when it can be. The
  // reader tells `build` what it found, and returns what that made:
  //   build.scalar(span, style, needs_decoding)  a plain or quoted scalar, taken
  //   build.empty()                              nothing: a key follows
  //   build.mapping(key)                         a block mapping begins with
  //                                              `key`, not taken yet
  //   build.sequence(indentless)                 a block sequence begins at
  //                                              the cursor's '-'
  // Otherwise it returns null, with the next token queued.
  template <class Build>
  Node* value(BlockSlot slot, Build&& build);

  // Whether an implicit plain key that the token path would take without
  // error starts at the cursor; `key` then says where it ends.
  bool plain_key_here(PlainKey& key) const {
    return scanner_.simple_key_allowed() && !scanner_.after_tab() && !scanner_.at_document_marker() &&
           starts_block_plain_scalar(scanner_.here()) && plain_key_ahead(key) == KeyAhead::Found;
  }

 private:
  enum class KeyAhead : uint8_t { None, Found, Unsure };
  KeyAhead plain_key_ahead(PlainKey& key) const;
  bool at_block_entry() const {
    const char* p = scanner_.here();
    return p[0] == '-' && is_blankz(p[1]) && scanner_.simple_key_allowed();
  }
  // Whether fetching the token at the cursor, and checking the keys pending
  // then, cannot fail.
  bool next_token_is_safe() const;

  Scanner& scanner_;
  const TreeBuilder& builder_;
};

template <class Build>
Node* BlockReader::value(BlockSlot slot, Build&& build) {
  scanner_.skip_to_next_token();
  const char* p = scanner_.here();
  const int column = scanner_.column();
  const int indent = scanner_.indent();
  PlainKey key;
  if (at_block_entry()) {
    // A new block sequence (its start token's tab check passes), or an
    // indentless one as a mapping value.
    if (column > indent && !scanner_.after_tab()) return build.sequence(false);
    if (column == indent && slot == BlockSlot::MappingValue) return build.sequence(true);
  }
  if (column > indent && !scanner_.simple_key_allowed() && (*p == '"' || *p == '\'')) {
    // On the line of its ':', where no key may start: taken directly when it
    // ends on its line and needs no decoding.
    const char quote = *p;
    const char* q = p + 1;
    while (*q != quote && !is_break(*q) && *q != '\0' && !(*q == '\\' && quote == '"'))
      ++q;
    if (*q == quote && !(quote == '\'' && q[1] == '\'')) {
      const ScalarStyle style = quote == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
      return build.scalar(scanner_.take_quoted_scalar(q), style, false);
    }
  } else if (column > indent && !scanner_.at_document_marker() && starts_block_plain_scalar(p)) {
    if (!scanner_.simple_key_allowed()) {
      // On the line of its ':', where no key may start.
      const PlainScalar scalar = scanner_.scan_plain_value();
      const Span span{scalar.begin, scalar.end};
      scanner_.take(span);
      return build.scalar(span, ScalarStyle::Plain, scalar.multiline);
    }
    switch (plain_key_ahead(key)) {
      case KeyAhead::Found:
        if (!scanner_.after_tab()) return build.mapping(key);
        break;
      case KeyAhead::None: {
        // A scalar where a key may start; the token path sorts out those
        // that continue on later lines.
        const Cursor start = scanner_.cursor();
        const PlainScalar scalar = scanner_.scan_plain_value();
        if (scalar.multiline) {
          scanner_.unscan(start);
          break;
        }
        // Before a comment or the end of the input, and within the reach of
        // implicit keys, the token path reads the next token (and checks the
        // keys it may start) before it can tell that this is no key.
        if (scanner_.cursor().line == start.line && scanner_.here() - start.p <= 1024) {
          scanner_.skip_to_next_token();
          if (!next_token_is_safe()) {
            scanner_.fetch_token_here();
            scanner_.stale_simple_keys();
          }
        }
        const Span span{scalar.begin, scalar.end};
        scanner_.take(span);
        return build.scalar(span, ScalarStyle::Plain, false);
      }
      case KeyAhead::Unsure:
        break;
    }
  } else if (column <= indent && (column < indent || slot != BlockSlot::Entry) && plain_key_here(key)) {
    return build.empty();
  }
  scanner_.fetch_token_here();
  return nullptr;
}

}  // namespace podlint::yaml
