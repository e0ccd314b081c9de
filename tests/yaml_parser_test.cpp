#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>

#include "yaml/document.hpp"
#include "yaml/events.hpp"
#include "yaml/parser.hpp"
#include "yaml/scalars.hpp"

using namespace podlint::yaml;

namespace Catch {
template <>
struct StringMaker<Position> {
  static std::string convert(const Position& p) {
    return std::to_string(p.offset) + "@" + std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};
template <>
struct StringMaker<Span> {
  static std::string convert(const Span& s) {
    return StringMaker<Position>::convert(s.begin) + "-" + StringMaker<Position>::convert(s.end);
  }
};
}  // namespace Catch

namespace {

Position at(uint32_t offset, uint32_t line, uint32_t column) {
  return {offset, line, column};
}

const Node& value_of(const Node& mapping, std::string_view key) {
  const Node* found = find(mapping, key);
  REQUIRE(found != nullptr);
  return *found;
}

const Pair& pair_of(const Node& mapping, std::string_view key) {
  for (const Pair& pair : mapping.pairs)
    if (pair.key->value == key) return pair;
  FAIL("no key " << key);
  return mapping.pairs[0];
}

// The only error of a single-document stream (a copy: streams are temporaries).
Error only_error(const Stream& stream) {
  REQUIRE(stream.documents.size() == 1);
  REQUIRE(stream.documents[0].errors.size() == 1);
  return stream.documents[0].errors[0];
}

}  // namespace

TEST_CASE("spans of keys, values and collections", "[yaml][parser]") {
  const std::string text =
      "apiVersion: v1\n"           // offsets 0..14
      "kind: Pod\n"                // 15..24
      "metadata:\n"                // 25..34
      "  name: web\n"              // 35..46
      "spec:\n"                    // 47..52
      "  containers:\n"            // 53..66
      "    - image: nginx\n"       // 67..85
      "      ports: [80, 443]\n";  // 86..
  const Stream stream = parse(text);
  REQUIRE(stream.documents.size() == 1);
  const Document& doc = stream.documents[0];
  REQUIRE(doc.errors.empty());
  const Node& root = *doc.root;
  REQUIRE(root.is_mapping());
  CHECK(root.span.begin == at(0, 1, 1));
  CHECK(root.span.end == at(108, 8, 23));

  const Pair& api = pair_of(root, "apiVersion");
  CHECK(api.key->span == Span{at(0, 1, 1), at(10, 1, 11)});
  CHECK(api.value->span == Span{at(12, 1, 13), at(14, 1, 15)});
  CHECK(api.value->value == "v1");

  const Node& metadata = value_of(root, "metadata");
  CHECK(metadata.span == Span{at(37, 4, 3), at(46, 4, 12)});
  const Pair& name = pair_of(metadata, "name");
  CHECK(name.key->span == Span{at(37, 4, 3), at(41, 4, 7)});
  CHECK(name.value->span == Span{at(43, 4, 9), at(46, 4, 12)});

  const Node& containers = value_of(value_of(root, "spec"), "containers");
  REQUIRE(containers.is_sequence());
  CHECK_FALSE(containers.flow);
  CHECK(containers.span.begin == at(71, 7, 5));
  const Node& container = *containers.items[0];
  CHECK(container.span.begin == at(73, 7, 7));
  const Node& ports = value_of(container, "ports");
  REQUIRE(ports.is_sequence());
  CHECK(ports.flow);
  CHECK(ports.span == Span{at(99, 8, 14), at(108, 8, 23)});
  CHECK(ports.items[1]->span == Span{at(104, 8, 19), at(107, 8, 22)});
  CHECK(ports.items[1]->value == "443");
}

TEST_CASE("empty values have an empty span after the indicator", "[yaml][parser]") {
  const Stream stream = parse("a:\nb: 1\n");
  const Node& a = *stream.documents[0].root->pairs[0].value;
  CHECK(a.is_scalar());
  CHECK(a.value.empty());
  CHECK(a.span == Span{at(2, 1, 3), at(2, 1, 3)});
}

TEST_CASE("comments are recorded with their positions", "[yaml][parser]") {
  const Stream stream = parse("# head\nkey: value # trailing\n  # indented\n");
  const auto& comments = stream.documents.at(0).comments;
  REQUIRE(comments.size() == 3);
  CHECK(comments[0].text == " head");
  CHECK(comments[0].span == Span{at(0, 1, 1), at(6, 1, 7)});
  CHECK(comments[1].text == " trailing");
  CHECK(comments[1].span == Span{at(18, 2, 12), at(28, 2, 22)});
  CHECK(comments[2].span.begin == at(31, 3, 3));
}

TEST_CASE("CRLF line breaks and a byte order mark", "[yaml][parser]") {
  SECTION("CRLF") {
    const Stream stream = parse("a: 1\r\nb: |\r\n  x\r\n  y\r\n");
    const Node& root = *stream.documents.at(0).root;
    const Pair& b = pair_of(root, "b");
    CHECK(b.key->span.begin == at(6, 2, 1));
    CHECK(b.value->value == "x\ny\n");
    CHECK(b.value->span == Span{at(9, 2, 4), at(20, 4, 4)});
  }
  SECTION("BOM") {
    const Stream stream = parse("\xEF\xBB\xBFkey: v\n");
    CHECK(stream.documents.at(0).errors.empty());
    const Node& root = *stream.documents.at(0).root;
    // The BOM is not part of line 1: "key" starts at column 1, byte 3.
    CHECK(root.pairs[0].key->span.begin == at(3, 1, 1));
    CHECK(root.pairs[0].value->span.begin == at(8, 1, 6));
  }
}

TEST_CASE("every scalar style decodes to its value", "[yaml][parser]") {
  const Stream stream = parse(
      "plain: a b\n"
      "multi: one\n  two\n\n  three\n"
      "single: 'it''s\n  folded'\n"
      "double: \"t\\tn\\nq\\\"u\\u00e9x\\x41U\\U0001F600\\\\ \\/ \\0\\a\\b\\v\\f\\r\\e\\N\\_\\L\\P\"\n"
      "escaped_break: \"a\\\n   b\"\n"
      "literal: |\n  l1\n   l2\n\n"
      "strip: |-\n  s\n\n"
      "keep: |+\n  k\n\n"
      "folded: >\n  f1\n  f2\n\n  f3\n    more\n  f4\n"
      "indicator: |2\n   x\n");
  const Document& doc = stream.documents.at(0);
  REQUIRE(doc.errors.empty());
  const Node& root = *doc.root;
  CHECK(value_of(root, "plain").value == "a b");
  CHECK(value_of(root, "multi").value == "one two\nthree");
  CHECK(value_of(root, "single").value == "it's folded");
  CHECK(value_of(root, "single").style == ScalarStyle::SingleQuoted);
  using namespace std::string_literals;
  CHECK(
      value_of(root, "double").value ==
      "t\tn\nq\"u\xC3\xA9xAU\xF0\x9F\x98\x80\\ / \0\a\b\v\f\r\x1b\xC2\x85\xC2\xA0\xE2\x80\xA8\xE2\x80\xA9"s);
  CHECK(value_of(root, "escaped_break").value == "ab");
  CHECK(value_of(root, "literal").value == "l1\n l2\n");
  CHECK(value_of(root, "literal").style == ScalarStyle::Literal);
  CHECK(value_of(root, "strip").value == "s");
  CHECK(value_of(root, "keep").value == "k\n\n");
  CHECK(value_of(root, "folded").value == "f1 f2\nf3\n  more\nf4\n");
  CHECK(value_of(root, "folded").style == ScalarStyle::Folded);
  CHECK(value_of(root, "indicator").value == " x\n");
}

TEST_CASE("scalar decoders work on raw text", "[yaml][scalars]") {
  std::pmr::monotonic_buffer_resource arena;
  const std::string_view raw = "plain";
  CHECK(decode_plain(raw, arena).value.data() == raw.data());  // no copy when nothing changes
  CHECK(decode_double_quoted("\"a\\qb\"", arena).error != nullptr);
  CHECK(decode_double_quoted("\"a\\qb\"", arena).error_offset == 2);
  CHECK(decode_block(">-\n  a\n  b\n", -1, arena).value == "a b");
}

TEST_CASE("tags, anchors and aliases", "[yaml][parser]") {
  const Stream stream = parse(
      "%TAG !e! tag:example.com,2000:app/\n"
      "---\n"
      "a: !!str &x 1\n"
      "b: !e!foo%21 2\n"
      "c: !<tag:verbatim> 3\n"
      "d: ! 4\n"
      "e: !local 5\n"
      "f: *x\n");
  const Node& root = *stream.documents.at(0).root;
  REQUIRE(stream.documents[0].errors.empty());
  CHECK(value_of(root, "a").tag == "tag:yaml.org,2002:str");
  CHECK(value_of(root, "a").anchor == "x");
  CHECK(value_of(root, "a").span == Span{at(51, 3, 13), at(52, 3, 14)});
  CHECK(value_of(root, "b").tag == "tag:example.com,2000:app/foo!");
  CHECK(value_of(root, "c").tag == "tag:verbatim");
  CHECK(value_of(root, "d").tag == "!");
  CHECK(value_of(root, "e").tag == "!local");
  const Node& f = *pair_of(root, "f").value;
  CHECK(f.is_alias());
  CHECK(f.anchor == "x");
  CHECK(&resolve(f) == &value_of(root, "a"));
}

TEST_CASE("syntax errors name what and where", "[yaml][parser][errors]") {
  SECTION("unterminated double-quoted string") {
    const Error e = only_error(parse("a: 1\nkey: \"abc\n"));
    CHECK(e.kind == ErrorKind::Syntax);
    CHECK(e.message == "unterminated double-quoted string starting at 2:6");
    CHECK(e.span.begin == at(10, 2, 6));
  }
  SECTION("unterminated single-quoted string") {
    const Error e = only_error(parse("k: 'abc"));
    CHECK(e.message == "unterminated single-quoted string starting at 1:4");
  }
  SECTION("bad indentation") {
    const Error e = only_error(parse("a:\n  b: 1\n c: 2\n"));
    CHECK(e.message == "bad indentation of a mapping entry");
    CHECK(e.span.begin == at(11, 3, 2));
  }
  SECTION("undefined alias") {
    const Error e = only_error(parse("a: *foo\n"));
    CHECK(e.message == "undefined alias \"foo\"");
    CHECK(e.span == Span{at(3, 1, 4), at(7, 1, 8)});
  }
  SECTION("tab indentation") {
    const Error e = only_error(parse("a:\n\tb: 1\n"));
    CHECK(e.message == "tab characters must not be used for indentation");
    CHECK(e.span.begin == at(3, 2, 1));
  }
  SECTION("mapping value in a plain scalar") {
    const Error e = only_error(parse("key: value: x\n"));
    CHECK(e.message == "mapping values are not allowed here");
    CHECK(e.span.begin == at(10, 1, 11));
  }
  SECTION("invalid escape") {
    const Error e = only_error(parse("a: \"x\\qy\"\n"));
    CHECK(e.message == "invalid escape sequence in double-quoted string");
    CHECK(e.span.begin == at(5, 1, 6));
  }
  SECTION("unterminated flow sequence") {
    const Error e = only_error(parse("a: [1, 2\n"));
    CHECK(e.message == "unterminated flow sequence starting at 1:4");
  }
}

TEST_CASE("encoding errors point at the bad byte", "[yaml][parser][errors]") {
  SECTION("invalid UTF-8") {
    const Error e = only_error(parse(std::string("a: 1\nb: x\xC3(\n")));
    CHECK(e.kind == ErrorKind::Encoding);
    CHECK(e.message == "invalid UTF-8 byte 0xC3");
    CHECK(e.span.begin == at(9, 2, 5));
  }
  SECTION("NUL byte") {
    const Error e = only_error(parse(std::string("a: b\0c\n", 7)));
    CHECK(e.kind == ErrorKind::Encoding);
    CHECK(e.message == "forbidden control character U+0000");
    CHECK(e.span.begin == at(4, 1, 5));
  }
  SECTION("C1 control and noncharacter") {
    CHECK(only_error(parse("a: \xC2\x80\n")).message == "forbidden character U+0080");
    CHECK(only_error(parse("a: \xEF\xBF\xBF\n")).message == "forbidden character U+FFFF");
    CHECK(parse("a: \xC2\x85\n").documents[0].errors.empty());  // NEL is allowed
  }
}

TEST_CASE("a syntax error ends only its own document", "[yaml][parser][errors]") {
  const Stream stream = parse("a: 1\n---\nb: \"oops\n---\nc: [3]\n");
  REQUIRE(stream.documents.size() == 3);
  CHECK_FALSE(stream.documents[0].broken());
  CHECK(value_of(*stream.documents[0].root, "a").value == "1");
  CHECK(stream.documents[1].broken());
  CHECK_FALSE(stream.documents[2].broken());
  CHECK(value_of(*stream.documents[2].root, "c").items[0]->value == "3");
  CHECK(stream.has_errors());
}

TEST_CASE("an error found while reading ahead to a '---' ends only its own document",
          "[yaml][parser][errors]") {
  // The second anchor is an error only once the scanner has read on to the
  // "---" for the node's content: recovery goes back to that marker.
  for (const std::string_view marker : {"---", "..."}) {
    const std::string text = fmt::format("&a !!map\n&b !!str\n{}\nc: 3\n", marker);
    const Stream stream = parse(text);
    INFO(text);
    REQUIRE(stream.documents.size() == 2);
    REQUIRE(stream.documents[0].errors.size() == 1);
    CHECK(stream.documents[0].errors[0].message == "a node must not have more than one anchor");
    CHECK(stream.documents[1].errors.empty());
    REQUIRE(stream.documents[1].root != nullptr);
    CHECK(value_of(*stream.documents[1].root, "c").value == "3");
    CHECK(stream.documents[1].span.begin.line == (marker == "---" ? 3 : 4));
  }
}

TEST_CASE("a broken document keeps the part of its root already built", "[yaml][parser][errors]") {
  const Stream stream = parse("a: 1\nb: [2\n");
  const Document& doc = stream.documents.at(0);
  CHECK(doc.broken());
  REQUIRE(doc.root != nullptr);
  CHECK(value_of(*doc.root, "a").value == "1");
}

// The parser reads common lines without tokens; where the token path would
// have read ahead and failed before taking an entry, so must it.
TEST_CASE("a broken document keeps exactly the entries read before the error", "[yaml][parser][errors]") {
  // "b" could be a key until the next line shows it is not, and that line fails.
  const Stream lookahead = parse("key:\n - b #c\ninvalid\n");
  const Document& first = lookahead.documents.at(0);
  CHECK(only_error(lookahead).message == "could not find expected ':' after this implicit key");
  REQUIRE(first.root != nullptr);
  CHECK(first.root->pairs.empty());
  CHECK(first.root->span == Span{at(0, 1, 1), at(7, 2, 3)});

  // Too long to be a key, so nothing is read past it before it is taken.
  const std::string text = "- " + std::string(1100, 'a') + "\x01\n";
  const Stream long_scalar = parse(text);
  const Document& second = long_scalar.documents.at(0);
  CHECK(only_error(long_scalar).kind == ErrorKind::Encoding);
  REQUIRE(second.root != nullptr);
  REQUIRE(second.root->items.size() == 1);
  CHECK(second.root->items[0]->value.size() == 1100);
  CHECK(second.root->span == Span{at(0, 1, 1), at(1102, 1, 1103)});
}

TEST_CASE("duplicate keys name both positions", "[yaml][parser][errors]") {
  const Stream stream = parse("metadata:\n  name: a\n  labels: {}\n  name: b\n");
  const Document& doc = stream.documents.at(0);
  REQUIRE(doc.errors.size() == 1);
  const Error& e = doc.errors[0];
  CHECK(e.kind == ErrorKind::DuplicateKey);
  CHECK(e.message == "duplicate key \"name\" (first defined at 2:3)");
  CHECK(e.span == Span{at(35, 4, 3), at(39, 4, 7)});
  REQUIRE(e.has_related);
  CHECK(e.related == Span{at(12, 2, 3), at(16, 2, 7)});
  CHECK_FALSE(doc.broken());  // the document is still complete
  CHECK(doc.root->pairs[0].value->pairs.size() == 3);
}

TEST_CASE("nesting depth is limited", "[yaml][parser][limits]") {
  const std::string ok = std::string(512, '[') + std::string(512, ']');
  CHECK_FALSE(parse(ok).documents.at(0).broken());
  const std::string deep = std::string(513, '[') + std::string(513, ']');
  const Error e = only_error(parse(deep));
  CHECK(e.kind == ErrorKind::Limit);
  CHECK(e.message == "nesting exceeds the maximum depth of 512");
  CHECK(e.span.begin.column == 513);

  std::string block;
  for (int i = 0; i < 600; ++i)
    block += std::string(static_cast<size_t>(i), ' ') + "k:\n";
  CHECK(only_error(parse(block)).kind == ErrorKind::Limit);
}

TEST_CASE("max_depth is capped to keep the C stack safe", "[yaml][parser][limits]") {
  ParseOptions options;
  options.max_depth = 1'000'000;
  const Error e = only_error(parse(std::string(1001, '['), options));
  CHECK(e.kind == ErrorKind::Limit);
  CHECK(e.message == "nesting exceeds the maximum depth of 1000");
}

TEST_CASE("100000 nested brackets give an error, not a crash", "[yaml][parser][limits]") {
  const Stream stream = parse(std::string(100000, '['));
  CHECK(only_error(stream).kind == ErrorKind::Limit);
  const Stream mixed = parse(std::string(50000, '[') + std::string(50000, '{'));
  CHECK(mixed.documents.at(0).broken());
}

TEST_CASE("billion laughs is stopped", "[yaml][parser][limits]") {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k)
      text += (k ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  const Stream stream = parse(text);
  const Document& doc = stream.documents.at(0);
  REQUIRE(doc.errors.size() == 1);
  CHECK(doc.errors[0].kind == ErrorKind::Limit);
  CHECK(doc.errors[0].message.find("aliases expand to more than 1000000 nodes") == 0);
  CHECK(doc.errors[0].span.begin.line == 6);  // a5 stands for 1111111 nodes

  ParseOptions generous;
  generous.max_alias_expansion = UINT64_MAX;
  CHECK_FALSE(parse(text, generous).documents.at(0).broken());
}

TEST_CASE("documents larger than max_document_bytes are rejected", "[yaml][parser][limits]") {
  ParseOptions options;
  options.max_document_bytes = 100;
  std::string big = "a: [";
  for (int i = 0; i < 50; ++i)
    big += "1, ";
  big += "2]\n---\nsmall: 1\n";
  const Stream stream = parse(big, options);
  REQUIRE(stream.documents.size() == 2);
  REQUIRE(stream.documents[0].errors.size() == 1);
  CHECK(stream.documents[0].errors[0].kind == ErrorKind::Limit);
  CHECK(stream.documents[0].errors[0].message == "document exceeds the maximum size of 100 bytes");
  CHECK_FALSE(stream.documents[1].broken());
}

TEST_CASE("find follows merge keys and aliases", "[yaml][document]") {
  const Stream stream = parse(
      "base: &base {image: nginx, port: 80}\n"
      "extra: &extra {port: 8080, debug: true}\n"
      "one:\n  <<: *base\n  port: 81\n"
      "two:\n  <<: [*extra, *base]\n"
      "alias: *base\n"
      "loop: &loop\n  <<: *loop\n  own: 1\n");
  const Node& root = *stream.documents.at(0).root;
  REQUIRE_FALSE(stream.documents[0].broken());
  const Node& one = value_of(root, "one");
  CHECK(value_of(one, "port").value == "81");  // own keys win
  CHECK(value_of(one, "image").value == "nginx");
  const Node& two = value_of(root, "two");
  CHECK(value_of(two, "port").value == "8080");  // earlier merged mappings win
  CHECK(value_of(two, "image").value == "nginx");
  CHECK(find(two, "missing") == nullptr);
  CHECK(value_of(value_of(root, "alias"), "port").value == "80");
  const Node& loop = value_of(root, "loop");
  CHECK(value_of(loop, "own").value == "1");
  CHECK(find(loop, "missing") == nullptr);  // the cycle terminates
}

TEST_CASE("events with spans dump the whole model", "[yaml][events]") {
  const Stream stream = parse("--- # c\n- &a x\n- *a\n- {k: 'v'}\n...\n");
  EventOptions options;
  options.with_spans = true;
  CHECK(to_events(stream, options) ==
        "+STR\n"
        "+DOC --- @1:1-5:4\n"
        "+SEQ @2:1-4:11\n"
        "=VAL &a :x @2:6-2:7\n"
        "=ALI *a @3:3-3:5\n"
        "+MAP {} @4:3-4:11\n"
        "=VAL :k @4:4-4:5\n"
        "=VAL 'v @4:7-4:10\n"
        "-MAP\n"
        "-SEQ\n"
        "-DOC ...\n"
        "#C @1:5-1:8  c\n"
        "-STR\n");
  CHECK(to_events(parse("a: \"x\\ty\"\n")) == "+STR\n+DOC\n+MAP\n=VAL :a\n=VAL \"x\\ty\n-MAP\n-DOC\n-STR\n");
}

TEST_CASE("recovery resumes at a directive after '...'", "[yaml][parser][errors]") {
  const Stream stream = parse("---\na: 1\n... junk\n%YAML 1.2\n---\nb: 2\n");
  REQUIRE(stream.documents.size() == 2);
  CHECK(only_error(parse("... junk\n")).message == "unexpected content after the document end marker '...'");
  CHECK(stream.documents[0].broken());
  CHECK_FALSE(stream.documents[1].broken());
  CHECK(value_of(*stream.documents[1].root, "b").value == "2");
}

TEST_CASE("an error after a bracket left open on an earlier line blames the bracket",
          "[yaml][parser][errors]") {
  const Error seq = only_error(
      parse("spec:\n  containers:\n    - name: a\n      args: [\"--x\", \"--y\"\n      image: nginx\n"));
  CHECK(seq.message == "unterminated flow sequence starting at 4:13");
  CHECK(seq.span == Span{at(46, 4, 13), at(47, 4, 14)});
  CHECK(only_error(parse("a: {x: 1\nb: 2\n")).message == "unterminated flow mapping starting at 1:4");
  CHECK(only_error(parse("a: 1\nb: [x\nc: 3\n")).message == "unterminated flow sequence starting at 2:4");
  // A continuation indented deeper than the bracket's line is not blamed on it.
  CHECK(only_error(parse("a: [1,\n    b: c: d]\n")).message != "unterminated flow sequence starting at 1:4");
}

TEST_CASE("unterminated flow collections at the end of input terminate", "[yaml][parser][errors]") {
  CHECK(only_error(parse("[1, 2")).message == "unterminated flow sequence starting at 1:1");
  CHECK(only_error(parse("a: 1\n{b: [c")).kind == ErrorKind::Syntax);
}

TEST_CASE("comments after reserved directives are kept", "[yaml][parser]") {
  const Stream stream = parse("%FOO bar # note\n--- x\n");
  REQUIRE(stream.documents.at(0).comments.size() == 1);
  CHECK(stream.documents[0].comments[0].text == " note");
  CHECK(stream.documents[0].comments[0].span.begin == at(9, 1, 10));
}

TEST_CASE("an alias cannot have properties", "[yaml][parser][errors]") {
  const Error e = only_error(parse("a: &x 1\nb: &y *x\n"));
  CHECK(e.message == "an alias must not have an anchor or a tag");
  CHECK(e.span.begin == at(14, 2, 7));
}

TEST_CASE("flow pairs, explicit keys and empty nodes have exact spans", "[yaml][events]") {
  EventOptions options;
  options.with_spans = true;
  CHECK(to_events(parse("? a\n: [x: 1, ? y, : z]\nb: !!str\nc: {d, e: }\n"), options) ==
        "+STR\n"
        "+DOC @1:1-4:12\n"
        "+MAP @1:1-4:12\n"
        "=VAL :a @1:3-1:4\n"
        "+SEQ [] @2:3-2:19\n"
        "+MAP {} @2:4-2:8\n"
        "=VAL :x @2:4-2:5\n"
        "=VAL :1 @2:7-2:8\n"
        "-MAP\n"
        "+MAP {} @2:12-2:13\n"
        "=VAL :y @2:12-2:13\n"
        "=VAL : @2:13-2:13\n"
        "-MAP\n"
        "+MAP {} @2:15-2:18\n"
        "=VAL : @2:15-2:15\n"
        "=VAL :z @2:17-2:18\n"
        "-MAP\n"
        "-SEQ\n"
        "=VAL :b @3:1-3:2\n"
        "=VAL <tag:yaml.org,2002:str> : @3:9-3:9\n"
        "=VAL :c @4:1-4:2\n"
        "+MAP {} @4:4-4:12\n"
        "=VAL :d @4:5-4:6\n"
        "=VAL : @4:6-4:6\n"
        "=VAL :e @4:8-4:9\n"
        "=VAL : @4:10-4:10\n"
        "-MAP\n"
        "-MAP\n"
        "-DOC\n"
        "-STR\n");
}
