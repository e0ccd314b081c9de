#include "yaml/path.hpp"

#include <algorithm>

namespace podlint::yaml {

namespace {

bool holds(const Span& span, uint32_t offset) {
  return (span.begin.offset <= offset && offset < span.end.offset) ||
         (span.begin.offset == offset && span.end.offset == offset);
}

bool is_word(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

void append_key(std::string& path, const Node& key) {
  if (!key.is_scalar()) {
    path += "[?]";
  } else if (is_word(key.value)) {
    if (!path.empty()) path += '.';
    path += key.value;
  } else {
    path += "[\"";
    for (const char c : key.value) {
      if (c == '"' || c == '\\') path += '\\';
      path += c;
    }
    path += "\"]";
  }
}

}  // namespace

std::string path_to(const Node& root, uint32_t offset) {
  std::string path;
  const Node* node = &root;
  while (node != nullptr) {
    const Node* next = nullptr;
    if (node->is_mapping()) {
      // Pairs are in source order: the last one starting at or before the offset.
      const auto after =
          std::upper_bound(node->pairs.begin(), node->pairs.end(), offset,
                           [](uint32_t at, const Pair& p) { return at < p.key->span.begin.offset; });
      if (after != node->pairs.begin()) {
        const Pair& pair = *(after - 1);
        if (holds(pair.key->span, offset)) {
          append_key(path, *pair.key);
        } else if (holds(pair.value->span, offset)) {
          append_key(path, *pair.key);
          next = pair.value;
        }
      }
    } else if (node->is_sequence()) {
      const auto after =
          std::upper_bound(node->items.begin(), node->items.end(), offset,
                           [](uint32_t at, const Node* item) { return at < item->span.begin.offset; });
      if (after != node->items.begin() && holds((*(after - 1))->span, offset)) {
        path += '[' + std::to_string(after - 1 - node->items.begin()) + ']';
        next = *(after - 1);
      }
    }
    node = next;
  }
  return path;
}

}  // namespace podlint::yaml
