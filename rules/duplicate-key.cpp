// duplicate-key: a key may appear only once in a mapping.
#include <fmt/format.h>

#include <utility>
#include <vector>

#include "engine/edits.hpp"
#include "engine/rule.hpp"

namespace podlint {
namespace {

// The mapping holding the pair whose key starts at `offset`, and the pair's
// index there.
std::pair<const yaml::Node*, size_t> pair_with_key_at(const yaml::Node* root, uint32_t offset) {
  std::vector<const yaml::Node*> pending;
  if (root != nullptr) pending.push_back(root);
  while (!pending.empty()) {
    const yaml::Node* node = pending.back();
    pending.pop_back();
    // Only the node whose span holds the key can hold its pair.
    if (offset < node->span.begin.offset || offset >= node->span.end.offset) continue;
    if (node->is_sequence()) pending.insert(pending.end(), node->items.begin(), node->items.end());
    if (!node->is_mapping()) continue;
    for (size_t i = 0; i < node->pairs.size(); ++i) {
      if (node->pairs[i].key->span.begin.offset == offset) return {node, i};
      pending.push_back(node->pairs[i].key);
      pending.push_back(node->pairs[i].value);
    }
  }
  return {nullptr, 0};
}

class DuplicateKey final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "duplicate-key",
        .severity = Severity::Error,
        .category = Category::Yaml,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_document(const yaml::Document& document, Reporter& reporter) const override {
    for (const auto& error : document.errors) {
      if (error.kind != yaml::ErrorKind::DuplicateKey) continue;
      Diagnostic& d = reporter.report(error.span, error.message);
      if (!error.has_related) continue;
      d.related.push_back({error.related, "first defined here"});
      // Kubernetes reads the last value; the earlier entry may be the one meant.
      const auto [mapping, index] = pair_with_key_at(document.root, error.related.begin.offset);
      if (mapping == nullptr) continue;
      const yaml::Node& key = *mapping->pairs[index].key;
      if (auto edit = Editor(reporter.source(), document.root).remove_pair(*mapping, index))
        d.fixes.push_back({fmt::format("Remove the earlier \"{}\" (line {})", key.value, key.span.begin.line),
                           Applicability::Unsafe,
                           {std::move(*edit)}});
    }
  }
};

PODLINT_REGISTER_RULE(DuplicateKey);

}  // namespace
}  // namespace podlint
