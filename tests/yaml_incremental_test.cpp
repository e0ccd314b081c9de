// The incremental tolerant front-end (IncrementalParser): after any edit its
// parts hold what parse_tolerant makes of the whole new text, and an edit
// reparses only the document it touched, from that document's old tree.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "yaml/treesitter.hpp"

using namespace podlint::yaml;

namespace {

const std::string kStream = R"(# leading comment
apiVersion: v1
kind: Pod
metadata:
  name: one
spec:
  containers:
    - name: app
      image: busybox:1.36
---
apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  containers:
    - name: app   # trailing comment
      image: "busybox"
      args: [a, b, c]
---
kind: ConfigMap
data:
  script: |
    echo hello
    echo world
...
---
- &a x
- *a
)";

struct Shift {
  uint32_t offset;
  uint32_t lines;
};

Position shifted(Position p, Shift s) {
  return {p.offset + s.offset, p.line + s.lines, p.column};
}
Span shifted(Span span, Shift s) {
  return {shifted(span.begin, s), shifted(span.end, s)};
}

// Compares a node of a part (moved by `s`) with the same node of a whole parse.
void require_same(const Node& part, Shift s, const Node& whole) {
  REQUIRE(part.kind == whole.kind);
  REQUIRE(shifted(part.span, s) == whole.span);
  REQUIRE(part.value == whole.value);
  REQUIRE(part.tag == whole.tag);
  REQUIRE(part.anchor == whole.anchor);
  REQUIRE(part.items.size() == whole.items.size());
  for (size_t i = 0; i < part.items.size(); ++i)
    require_same(*part.items[i], s, *whole.items[i]);
  REQUIRE(part.pairs.size() == whole.pairs.size());
  for (size_t i = 0; i < part.pairs.size(); ++i) {
    require_same(*part.pairs[i].key, s, *whole.pairs[i].key);
    require_same(*part.pairs[i].value, s, *whole.pairs[i].value);
  }
}

// The parts, put together, are what parse_tolerant makes of the whole text.
void require_matches_whole_parse(const IncrementalParser& parser) {
  const Stream whole = parse_tolerant(parser.text());
  size_t next = 0;
  for (const auto& part : parser.parts()) {
    REQUIRE(parser.text().substr(part->begin, part->text.size()) == part->text);
    const Shift s{part->begin, part->first_line - 1};
    for (const Document& document : part->stream.documents) {
      REQUIRE(next < whole.documents.size());
      const Document& expected = whole.documents[next++];
      REQUIRE(shifted(document.span, s) == expected.span);
      REQUIRE(document.errors.size() == expected.errors.size());
      for (size_t i = 0; i < document.errors.size(); ++i) {
        REQUIRE(document.errors[i].message == expected.errors[i].message);
        REQUIRE(shifted(document.errors[i].span, s) == expected.errors[i].span);
      }
      REQUIRE(document.comments.size() == expected.comments.size());
      REQUIRE((document.root == nullptr) == (expected.root == nullptr));
      if (document.root != nullptr) require_same(*document.root, s, *expected.root);
    }
  }
  REQUIRE(next == whole.documents.size());
}

std::vector<const IncrementalParser::Part*> addresses(const IncrementalParser& parser) {
  std::vector<const IncrementalParser::Part*> out;
  for (const auto& part : parser.parts())
    out.push_back(part.get());
  return out;
}

uint32_t offset_of(const IncrementalParser& parser, std::string_view needle) {
  const size_t at = parser.text().find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<uint32_t>(at);
}

}  // namespace

TEST_CASE("incremental parser: one part a document, leading comments with the first", "[yaml][incremental]") {
  const IncrementalParser parser(kStream);
  REQUIRE(parser.parts().size() == 4);
  CHECK(parser.parts()[0]->begin == 0);
  CHECK(parser.parts()[1]->first_line == 10);
  CHECK(parser.parts()[0]->stream.documents.at(0).comments.size() == 1);
  CHECK(parser.reparsed() == 4);
  CHECK(parser.reused_trees() == 0);
  require_matches_whole_parse(parser);
}

TEST_CASE(
    "incremental parser: opening reads well-formed documents with the fast front-end, broken ones with "
    "tree-sitter",
    "[yaml][incremental]") {
  std::string text = kStream;
  text.replace(text.find("args: [a, b, c]"), 15, "args: [a, b, c");
  const IncrementalParser parser(text);
  REQUIRE(parser.parts().size() == 4);
  for (size_t i : {0, 2, 3}) {
    CHECK(parser.parts()[i]->tree == nullptr);
    CHECK(!parser.parts()[i]->stream.has_errors());
  }
  CHECK(parser.parts()[1]->tree != nullptr);
  CHECK(parser.parts()[1]->stream.documents.at(0).broken());
  require_matches_whole_parse(parser);
}

TEST_CASE("incremental parser: typing in one document reparses it alone, from its tree",
          "[yaml][incremental]") {
  IncrementalParser parser(kStream);
  const auto before = addresses(parser);
  const std::string typed = "\n      imagePullPolicy: Always";
  uint32_t at = offset_of(parser, "image: \"busybox\"") + 16;
  for (char c : typed) {
    const bool first = at == offset_of(parser, "image: \"busybox\"") + 16;
    parser.edit(at, at, std::string(1, c));
    ++at;
    CHECK(parser.reparsed() == 1);
    // Opened by the fast front-end: the first keystroke gives it a tree.
    CHECK(parser.reused_trees() == (first ? 0 : 1));
    CHECK(parser.parts()[1]->tree != nullptr);
  }
  const auto after = addresses(parser);
  CHECK(after[0] == before[0]);
  CHECK(after[1] != before[1]);
  CHECK(after[2] == before[2]);
  CHECK(after[3] == before[3]);
  CHECK(parser.parts()[2]->first_line == 20);
  const Node* spec = find(*parser.parts()[1]->stream.documents.at(0).root, "spec");
  REQUIRE(spec != nullptr);
  const Node& container = *find(*spec, "containers")->items[0];
  REQUIRE(find(container, "imagePullPolicy") != nullptr);
  CHECK(find(container, "imagePullPolicy")->value == "Always");
  require_matches_whole_parse(parser);
}

TEST_CASE("incremental parser: a broken document keeps the others as they were", "[yaml][incremental]") {
  IncrementalParser parser(kStream);
  const auto before = addresses(parser);
  // Mid-edit: an unterminated flow sequence in the second document.
  const uint32_t at = offset_of(parser, "args: [a, b, c]") + 14;
  parser.edit(at, at + 1, "");
  CHECK(parser.reparsed() == 1);
  REQUIRE(parser.parts()[1]->stream.documents.at(0).broken());
  CHECK(parser.parts()[1]->stream.documents.at(0).errors.at(0).span.begin.line == 9);
  for (size_t i : {0, 2, 3}) {
    CHECK(parser.parts()[i].get() == before[i]);
    CHECK(!parser.parts()[i]->stream.has_errors());
  }
  require_matches_whole_parse(parser);
  parser.edit(at, at, "]");
  CHECK(!parser.parts()[1]->stream.has_errors());
  require_matches_whole_parse(parser);
}

TEST_CASE("incremental parser: a new marker splits a document, removing one joins two",
          "[yaml][incremental]") {
  IncrementalParser parser(kStream);
  const uint32_t at = offset_of(parser, "spec:\n  containers:\n    - name: app   #");
  parser.edit(at, at, "---\n");
  REQUIRE(parser.parts().size() == 5);
  require_matches_whole_parse(parser);
  parser.edit(at, at + 4, "");
  REQUIRE(parser.parts().size() == 4);
  require_matches_whole_parse(parser);
}

TEST_CASE("incremental parser: the tolerant parser's limits hold per document", "[yaml][incremental]") {
  IncrementalParser parser(kStream);
  const uint32_t at = offset_of(parser, "kind: ConfigMap");
  parser.edit(at, at, "long: " + std::string(40000, 'x') + "\n");
  REQUIRE(parser.parts().size() == 4);
  const auto& errors = parser.parts()[2]->stream.documents.at(0).errors;
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].kind == ErrorKind::Limit);
  CHECK(errors[0].message == "line 20 is longer than 32767 bytes, the most the tolerant parser handles");
  CHECK(!parser.parts()[1]->stream.has_errors());
  CHECK(!parser.parts()[3]->stream.has_errors());
}

TEST_CASE("incremental parser: random edits always match a parse of the whole text", "[yaml][incremental]") {
  std::mt19937 random(20261206);
  const std::string alphabet = "ab: -\n#[]{}'\"|>&*!,?%.\t";
  IncrementalParser parser(kStream);
  for (int round = 0; round < 300; ++round) {
    const auto size = static_cast<uint32_t>(parser.text().size());
    const uint32_t begin = size == 0 ? 0 : random() % (size + 1);
    const uint32_t end = std::min<uint32_t>(size, begin + random() % 4);
    std::string inserted;
    for (uint32_t n = random() % 4; n > 0; --n)
      inserted += alphabet[random() % alphabet.size()];
    parser.edit(begin, end, inserted);
    INFO("round " << round << ", text:\n" << parser.text());
    require_matches_whole_parse(parser);
  }
}

TEST_CASE("incremental parser: any bytes, and edits past the end, are taken", "[yaml][incremental]") {
  IncrementalParser parser(std::string("\xff\xfe\0\n---\n\x01", 8));
  CHECK(parser.parts().size() == 2);
  parser.edit(1000, 2000, "tail: [");
  CHECK(parser.text().ends_with("tail: ["));
  parser.edit(0, UINT32_MAX, "");
  CHECK(parser.text().empty());
  CHECK(parser.parts().size() == 1);
}
