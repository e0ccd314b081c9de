// What "a sane result" means for any input, shared by the fuzz targets and
// tests/yaml_fuzz_regression_test.cpp: every span lies within the input with
// line and column agreeing with LineIndex, no tree is deeper than the depth
// limit allows, a mapping finds its own plain keys, and every string view the
// model hands out can be read (so the sanitizers see a dangling one).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "yaml/document.hpp"
#include "yaml/parser.hpp"
#include "yaml/source.hpp"

namespace podlint::fuzz {

// The limits the fuzz targets parse with: small, so that the fuzzer reaches
// the limit paths with inputs it can build and alias bombs stay cheap.
inline yaml::ParseOptions fuzz_parse_options() {
  yaml::ParseOptions options;
  options.max_depth = 64;
  options.max_alias_expansion = 10'000;
  options.max_document_bytes = 16u << 10;
  return options;
}

class StreamChecker {
 public:
  StreamChecker(std::string_view text, const yaml::ParseOptions& options)
      : text_(text), index_(text), options_(options) {}

  // Returns the first problem found, or an empty string when the stream is sane.
  std::string check(const yaml::Stream& stream) {
    if (stream.text.data() != text_.data() || stream.text.size() != text_.size()) {
      return "Stream::text is not the parsed input";
    }
    for (size_t d = 0; d < stream.documents.size() && problem_.empty(); ++d) {
      const yaml::Document& doc = stream.documents[d];
      where_ = "document " + std::to_string(d);
      span(doc.span, "document span");
      for (const auto& e : doc.errors) {
        span(e.span, "error span (" + e.message + ")");
        if (e.has_related) span(e.related, "related span of error (" + e.message + ")");
        read(e.message);
      }
      for (const auto& c : doc.comments) {
        span(c.span, "comment span");
        read(c.text);
      }
      if (doc.root) node(*doc.root, 1);
    }
    return problem_;
  }

  // Folding every byte the model points at into this keeps the reads alive.
  uint64_t checksum() const { return checksum_; }

 private:
  void fail(const std::string& what) {
    if (problem_.empty()) problem_ = where_ + ": " + what;
  }

  void position(const yaml::Position& p, const std::string& what) {
    if (p.offset > text_.size()) {
      fail(what + " at offset " + std::to_string(p.offset) + " past the end of the input (" +
           std::to_string(text_.size()) + " bytes)");
      return;
    }
    const yaml::Position expected = index_.position(p.offset);
    if (!(expected == p)) {
      fail(what + " at offset " + std::to_string(p.offset) + " says " + std::to_string(p.line) + ":" +
           std::to_string(p.column) + ", LineIndex says " + std::to_string(expected.line) + ":" +
           std::to_string(expected.column));
    }
  }

  void span(const yaml::Span& s, const std::string& what) {
    position(s.begin, what + " begin");
    position(s.end, what + " end");
    if (s.begin.offset > s.end.offset) fail(what + " ends before it begins");
  }

  void read(std::string_view s) {
    for (char c : s)
      checksum_ = checksum_ * 31 + static_cast<unsigned char>(c);
  }

  void node(const yaml::Node& n, uint32_t depth) {
    if (!problem_.empty()) return;
    // Collections nest at most max_depth deep; their leaves add one level.
    if (depth > options_.max_depth + 1) {
      fail("tree deeper than max_depth " + std::to_string(options_.max_depth));
      return;
    }
    span(n.span, "node span");
    read(n.tag);
    read(n.anchor);
    switch (n.kind) {
      case yaml::NodeKind::Scalar:
        read(n.value);
        break;
      case yaml::NodeKind::Alias:
        if (n.target) read(yaml::resolve(n).tag);
        break;
      case yaml::NodeKind::Sequence:
        for (const yaml::Node* item : n.items) {
          if (!item) return fail("null sequence item");
          node(*item, depth + 1);
        }
        break;
      case yaml::NodeKind::Mapping:
        for (const yaml::Pair& p : n.pairs) {
          if (!p.key || !p.value) return fail("null key or value in a mapping");
          node(*p.key, depth + 1);
          node(*p.value, depth + 1);
        }
        lookups(n);
        break;
    }
  }

  void lookups(const yaml::Node& mapping) {
    for (std::string_view key : {"apiVersion", "kind", "metadata", "", "<<"}) {
      if (const yaml::Node* found = yaml::find(mapping, key)) read(found->tag);
    }
    // The mapping's own untagged plain keys must be found, merge keys or not.
    // Only the first few: find() is linear, and huge mappings would time out.
    for (const yaml::Pair& p : mapping.pairs.first(std::min<size_t>(mapping.pairs.size(), 64))) {
      const yaml::Node& key = *p.key;
      if (!key.is_scalar() || key.style != yaml::ScalarStyle::Plain || !key.tag.empty() ||
          key.value == "<<") {
        continue;
      }
      if (!yaml::find(mapping, key.value)) {
        return fail("find() misses the mapping's own key \"" + std::string(key.value) + "\"");
      }
    }
  }

  std::string_view text_;
  yaml::LineIndex index_;
  yaml::ParseOptions options_;
  std::string where_;
  std::string problem_;
  uint64_t checksum_ = 0;
};

}  // namespace podlint::fuzz
