#include "yaml/document.hpp"

#include <algorithm>
#include <unordered_set>
#include <vector>

namespace podlint::yaml {

std::pmr::memory_resource& arena_blocks() {
  // Never destroyed: documents held in other statics may outlive it otherwise.
  static auto* pool = new std::pmr::synchronized_pool_resource(
      std::pmr::pool_options{.max_blocks_per_chunk = 64, .largest_required_pool_block = 1u << 20});
  return *pool;
}

bool Document::broken() const {
  return std::any_of(errors.begin(), errors.end(),
                     [](const Error& e) { return e.kind != ErrorKind::DuplicateKey; });
}

bool Stream::has_errors() const {
  return std::any_of(documents.begin(), documents.end(), [](const Document& d) { return !d.errors.empty(); });
}

const Node& resolve(const Node& node) {
  // Alias targets are never aliases themselves, but stay safe on any model.
  const Node* current = &node;
  for (int hops = 0; current->is_alias() && current->target && hops < 64; ++hops)
    current = current->target;
  return *current;
}

namespace {

bool is_merge_key(const Node& key) {
  return key.is_scalar() && key.style == ScalarStyle::Plain && key.value == "<<" &&
         (key.tag.empty() || key.tag == "tag:yaml.org,2002:merge");
}

// Looks at a mapping's own keys; notes whether it has merge keys.
const Node* find_own(const Node& mapping, std::string_view key, bool& has_merge) {
  for (const Pair& pair : mapping.pairs) {
    if (is_merge_key(*pair.key)) {
      has_merge = true;
      continue;
    }
    const Node& k = resolve(*pair.key);
    if (k.is_scalar() && k.value == key) return pair.value;
  }
  return nullptr;
}

// Own keys first, then merged mappings depth-first in order. The explicit
// stack keeps long merge chains off the C stack; each mapping is visited at
// most once, so cycles and diamonds stay linear.
const Node* find_merged(const Node& mapping, std::string_view key) {
  bool has_merge = false;
  if (const Node* own = find_own(mapping, key, has_merge)) return own;
  if (!has_merge) return nullptr;
  std::vector<const Node*> pending{&mapping};
  std::unordered_set<const Node*> visited;
  std::vector<const Node*> sources;
  while (!pending.empty()) {
    const Node* current = pending.back();
    pending.pop_back();
    if (!current->is_mapping() || !visited.insert(current).second) continue;
    if (const Node* own = find_own(*current, key, has_merge)) return own;
    sources.clear();
    for (const Pair& pair : current->pairs) {
      if (!is_merge_key(*pair.key)) continue;
      const Node& merged = resolve(*pair.value);
      if (merged.is_sequence()) {
        for (const Node* item : merged.items)
          sources.push_back(&resolve(*item));
      } else {
        sources.push_back(&merged);
      }
    }
    pending.insert(pending.end(), sources.rbegin(), sources.rend());
  }
  return nullptr;
}

}  // namespace

const Node* find(const Node& mapping, std::string_view key) {
  const Node* found = find_merged(resolve(mapping), key);
  return found ? &resolve(*found) : nullptr;
}

}  // namespace podlint::yaml
