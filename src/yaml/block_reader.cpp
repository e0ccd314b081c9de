#include "yaml/block_reader.hpp"

namespace podlint::yaml {

// A plain scalar starts at the cursor. It is an implicit key when ": "
// follows it on its line before any comment.
BlockReader::KeyAhead BlockReader::plain_key_ahead(PlainKey& key) const {
  const char* const start = scanner_.here();
  const char* q = start;
  for (;;) {
    q = find_plain_stop(q, false);
    if (*q == ':') {
      if (is_blankz(q[1])) {
        key.end = q;
        break;
      }
      ++q;
      continue;
    }
    key.end = q;
    while (is_blank(*q))
      ++q;
    if (*q == ':' && is_blankz(q[1])) break;
    if (is_blankz(*q) || *q == '#') return KeyAhead::None;
  }
  key.colon = q;
  // A key longer than implicit keys may be is an error, and the token path
  // reports an oversized document when it consumes the token that crosses
  // the limit.
  if (q - start > 1024 || builder_.exceeds_document_size(scanner_.offset_of(q) + 1)) return KeyAhead::Unsure;
  return KeyAhead::Found;
}

bool BlockReader::next_token_is_safe() const {
  const char* p = scanner_.here();
  if (*p == '\0') return scanner_.at_input_end();
  if (scanner_.at_document_marker()) return *p == '-';
  if (p[0] == '-' && is_blankz(p[1])) return scanner_.simple_key_allowed() && !scanner_.after_tab();
  PlainKey key;
  return plain_key_here(key);
}

BlockReader::Value BlockReader::value(BlockSlot slot) {
  using Kind = Value::Kind;
  scanner_.skip_to_next_token();
  const char* p = scanner_.here();
  const int column = scanner_.column();
  const int indent = scanner_.indent();
  Value value;
  if (at_block_entry()) {
    // A new block sequence (its start token's tab check passes), or an
    // indentless one as a mapping value.
    if (column > indent && !scanner_.after_tab()) {
      value.kind = Kind::Sequence;
      return value;
    }
    if (column == indent && slot == BlockSlot::MappingValue) {
      value.kind = Kind::IndentlessSequence;
      return value;
    }
  }
  if (column > indent && !scanner_.simple_key_allowed() && (*p == '"' || *p == '\'')) {
    // On the line of its ':', where no key may start: taken directly when it
    // ends on its line and needs no decoding.
    const char quote = *p;
    const char* q = p + 1;
    while (*q != quote && !is_break(*q) && *q != '\0' && !(*q == '\\' && quote == '"'))
      ++q;
    if (*q == quote && !(quote == '\'' && q[1] == '\'')) {
      value.kind = Kind::Scalar;
      value.style = quote == '"' ? ScalarStyle::DoubleQuoted : ScalarStyle::SingleQuoted;
      value.span = scanner_.take_quoted_scalar(q);
      return value;
    }
  } else if (column > indent && !scanner_.at_document_marker() && starts_block_plain_scalar(p)) {
    if (!scanner_.simple_key_allowed()) {
      // On the line of its ':', where no key may start.
      const PlainScalar scalar = scanner_.scan_plain_value();
      value.kind = Kind::Scalar;
      value.needs_decoding = scalar.multiline;
      value.span = {scalar.begin, scalar.end};
      scanner_.take(value.span);
      return value;
    }
    switch (plain_key_ahead(value.key)) {
      case KeyAhead::Found:
        if (!scanner_.after_tab()) {
          value.kind = Kind::Mapping;
          return value;
        }
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
        value.kind = Kind::Scalar;
        value.span = {scalar.begin, scalar.end};
        scanner_.take(value.span);
        return value;
      }
      case KeyAhead::Unsure:
        break;
    }
  } else if (column <= indent && (column < indent || slot != BlockSlot::Entry) && plain_key_here(value.key)) {
    value.kind = Kind::Empty;
    return value;
  }
  scanner_.fetch_token_here();
  return value;
}

}  // namespace podlint::yaml
