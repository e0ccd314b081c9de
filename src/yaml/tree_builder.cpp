#include "yaml/tree_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "yaml/characters.hpp"
#include "yaml/scalars.hpp"
#include "yaml/source.hpp"

namespace podlint::yaml {
namespace {

constexpr size_t kMaxInitialArenaBytes = 32 * 1024;
// Alias expansion stops counting here, so that counting on never wraps.
constexpr uint64_t kCountCeiling = UINT64_MAX / 2;

}  // namespace

std::string position_text(const Position& p) {
  return fmt::format("{}:{}", p.line, p.column);
}

InvalidCharacter find_invalid_character(std::string_view text, size_t from) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = from;
  while (i < n) {
#ifdef __SSE2__
    // Fast path: skip 16 bytes at a time while they are printable ASCII,
    // tab, LF or CR.
    while (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const int mask = _mm_movemask_epi8(non_text_ascii(v));
      if (mask != 0) {
        i += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        break;
      }
      i += 16;
    }
    if (i >= n) break;
#endif
    const unsigned char c = s[i];
    if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c < 0x80) return {i, fmt::format("forbidden control character U+{:04X}", c)};
    const Utf8Char decoded = decode_utf8(text, i);
    if (decoded.length == 0) return {i, fmt::format("invalid UTF-8 byte 0x{:02X}", c)};
    const uint32_t cp = decoded.code_point;
    if ((cp >= 0x80 && cp <= 0x9F && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF)
      return {i, fmt::format("forbidden character U+{:04X}", cp)};
    i += decoded.length;
  }
  return {n, {}};
}

Stream oversized_input(std::string_view text) {
  Stream stream;
  stream.text = text;
  stream.documents.emplace_back().errors.push_back(
      make_error(ErrorKind::Limit, {}, "input of 4 GiB or more cannot be parsed"));
  return stream;
}

void TreeScratch::trim() {
  release_if_large(items);
  release_if_large(pairs);
  release_if_large(tag_handles);
  if (anchors.bucket_count() * sizeof(void*) > kScratchKeepBytes) anchors = {};
  if (first_keys.bucket_count() * sizeof(void*) > kScratchKeepBytes) first_keys = {};
}

TreeBuilder::TreeBuilder(std::string_view text, const ParseOptions& options, TreeScratch& scratch)
    : text_(text),
      options_(options),
      max_depth_(std::min(options.max_depth, kHardDepthLimit)),
      scratch_(scratch),
      items_(std::move(scratch.items)),
      pairs_(std::move(scratch.pairs)),
      anchors_(scratch.anchors),
      first_keys_(scratch.first_keys),
      tag_handles_(scratch.tag_handles) {
  items_.clear();
  pairs_.clear();
  tag_handles_.clear();
  if (!anchors_.empty()) anchors_.clear();
  if (!first_keys_.empty()) first_keys_.clear();
  stream_.text = text;
  // Room for the document and the one begun after it, which the parser
  // usually finds empty at the end of the input and drops.
  stream_.documents.reserve(2);
}

TreeBuilder::~TreeBuilder() {
  scratch_.items = std::move(items_);
  scratch_.pairs = std::move(pairs_);
  scratch_.trim();
}

Document& TreeBuilder::add_document() {
  const std::vector<Document>& documents = stream_.documents;
  const size_t expected_bytes = documents.empty()
                                    ? text_.size()
                                    : documents.back().span.end.offset - documents.back().span.begin.offset;
  doc_ = &stream_.documents.emplace_back(std::clamp<size_t>(expected_bytes * 8, 1024, kMaxInitialArenaBytes));
  node_cursor_ = node_end_ = nullptr;
  node_batch_ = 4;
  return *doc_;
}

bool TreeBuilder::drop_document() {
  stream_.documents.pop_back();
  // The batch was the dropped document's.
  node_cursor_ = node_end_ = nullptr;
  doc_ = stream_.documents.empty() ? nullptr : &stream_.documents.back();
  return doc_ != nullptr;
}

void TreeBuilder::start_content() {
  tag_handles_.clear();
  if (!anchors_.empty()) anchors_.clear();
  nodes_ = 0;
  expansion_reported_ = false;
  depth_ = 0;
}

void TreeBuilder::refill_nodes() {
  node_batch_ = std::min<size_t>(node_batch_ * 2, 256);
  node_cursor_ = static_cast<Node*>(doc_->arena->allocate(node_batch_ * sizeof(Node), alignof(Node)));
  node_end_ = node_cursor_ + node_batch_;
}

std::optional<Error> TreeBuilder::decode_scalar(Node& node, std::string_view raw, int block_indent) {
  std::pmr::memory_resource& arena = *doc_->arena;
  DecodedScalar decoded;
  switch (node.style) {
    case ScalarStyle::Plain:
      decoded = decode_plain(raw, arena);
      break;
    case ScalarStyle::SingleQuoted:
      decoded = decode_single_quoted(raw, arena);
      break;
    case ScalarStyle::DoubleQuoted:
      decoded = decode_double_quoted(raw, arena);
      break;
    case ScalarStyle::Literal:
    case ScalarStyle::Folded:
      decoded = decode_block(raw, block_indent, arena);
      break;
  }
  node.value = decoded.value;
  if (!decoded.error) return std::nullopt;
  // Walk to the offending byte to name its line and column.
  Position at = node.span.begin;
  for (uint32_t k = 0; k < decoded.error_offset && k < raw.size(); ++k) {
    if (raw[k] == '\n' || (raw[k] == '\r' && (k + 1 >= raw.size() || raw[k + 1] != '\n'))) {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
    ++at.offset;
  }
  Position after = at;
  ++after.offset;
  ++after.column;
  return make_error(ErrorKind::Syntax, {at, after}, decoded.error);
}

// Small mappings are checked without the hash map, whose clear() costs its
// buckets.
void TreeBuilder::report_duplicate_keys(std::span<const Pair> pairs) {
  auto report = [&](const Node& first, const Node& again) {
    add_error({.kind = ErrorKind::DuplicateKey,
               .span = again.span,
               .message = fmt::format("duplicate key \"{}\" (first defined at {})", again.value,
                                      position_text(first.span.begin)),
               .has_related = true,
               .related = first.span});
  };
  if (pairs.size() <= 16) {
    for (size_t i = 1; i < pairs.size(); ++i) {
      const Node* key = pairs[i].key;
      if (!key->is_scalar()) continue;
      for (size_t j = 0; j < i; ++j) {
        const Node* other = pairs[j].key;
        if (other->is_scalar() && other->value == key->value) {
          report(*other, *key);
          break;
        }
      }
    }
    return;
  }
  first_keys_.clear();
  for (const Pair& pair : pairs) {
    if (!pair.key->is_scalar()) continue;
    const auto [it, inserted] = first_keys_.emplace(pair.key->value, pair.key);
    if (!inserted) report(*it->second, *pair.key);
  }
}

Error TreeBuilder::too_deep(Span at) const {
  return make_error(ErrorKind::Limit, at, fmt::format("nesting exceeds the maximum depth of {}", max_depth_));
}

Error TreeBuilder::too_large(Span at) const {
  return make_error(
      ErrorKind::Limit, at,
      fmt::format("document exceeds the maximum size of {} bytes", options_.max_document_bytes));
}

const Anchored* TreeBuilder::find_anchor(std::string_view name) const {
  const auto it = anchors_.find(name);
  return it == anchors_.end() ? nullptr : &it->second;
}

bool TreeBuilder::expand_alias(const Anchored& target) {
  // The alias node counted one of them already.
  const uint64_t more = target.nodes - 1;
  if (more >= kCountCeiling - std::min(nodes_, kCountCeiling)) {
    nodes_ = std::max(nodes_, kCountCeiling);
  } else {
    nodes_ += more;
  }
  if (nodes_ <= options_.max_alias_expansion || expansion_reported_) return true;
  expansion_reported_ = true;
  return false;
}

Error TreeBuilder::undefined_alias(Span at, std::string_view name) const {
  return make_error(ErrorKind::Syntax, at, fmt::format("undefined alias \"{}\"", name));
}

Error TreeBuilder::too_many_alias_nodes(Span at, std::string_view name) const {
  return make_error(
      ErrorKind::Limit, at,
      fmt::format("aliases expand to more than {} nodes (alias \"{}\")", options_.max_alias_expansion, name));
}

bool TreeBuilder::add_tag_handle(std::string_view handle, std::string_view prefix) {
  for (const auto& [defined, unused] : tag_handles_)
    if (defined == handle) return false;
  tag_handles_.emplace_back(handle, prefix);
  return true;
}

Error TreeBuilder::duplicate_tag_directive(Span at, std::string_view handle) const {
  return make_error(ErrorKind::Syntax, at, fmt::format("duplicate %TAG directive for \"{}\"", handle));
}

std::optional<std::string_view> TreeBuilder::resolve_tag(std::string_view handle, std::string_view suffix) {
  std::string_view prefix;  // a verbatim tag has none
  if (!handle.empty()) {
    if (handle == "!" && suffix.empty()) return "!";  // the non-specific tag
    const auto defined = std::find_if(tag_handles_.begin(), tag_handles_.end(),
                                      [&](const auto& entry) { return entry.first == handle; });
    if (defined != tag_handles_.end()) {
      prefix = defined->second;
    } else if (handle == "!!") {
      prefix = "tag:yaml.org,2002:";
    } else if (handle == "!") {
      prefix = "!";
    } else {
      return std::nullopt;
    }
  }
  if (suffix.find('%') == std::string_view::npos && prefix.empty()) return suffix;
  auto* out = static_cast<char*>(doc_->arena->allocate(prefix.size() + suffix.size(), 1));
  if (!prefix.empty()) std::memcpy(out, prefix.data(), prefix.size());
  size_t n = prefix.size();
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (suffix[i] == '%' && i + 2 < suffix.size() && hex_value(suffix[i + 1]) >= 0 &&
        hex_value(suffix[i + 2]) >= 0) {
      out[n++] = static_cast<char>(hex_value(suffix[i + 1]) * 16 + hex_value(suffix[i + 2]));
      i += 2;
    } else {
      out[n++] = suffix[i];
    }
  }
  return std::string_view(out, n);
}

Error TreeBuilder::undefined_tag_handle(Span at, std::string_view handle) const {
  return make_error(ErrorKind::Syntax, at, fmt::format("undefined tag handle \"{}\"", handle));
}

}  // namespace podlint::yaml
