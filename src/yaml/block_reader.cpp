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

}  // namespace podlint::yaml
