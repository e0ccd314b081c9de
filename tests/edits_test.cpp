// Edits for fixes (engine/edits.hpp): each changes only the bytes it must,
// in the style of what surrounds it, and says where it is.
#include "engine/edits.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/fix.hpp"
#include "yaml/parser.hpp"

namespace {

using podlint::Edit;
using podlint::Editor;
using podlint::NewValue;

// The node at a dotted path of keys and [i] items, from the root.
const podlint::yaml::Node& at(const podlint::yaml::Node& root, std::string_view path) {
  const podlint::yaml::Node* node = &root;
  while (!path.empty()) {
    if (path.front() == '.') path.remove_prefix(1);
    if (path.front() == '[') {
      const size_t close = path.find(']');
      node = node->items[std::stoul(std::string(path.substr(1, close - 1)))];
      path.remove_prefix(close + 1);
      continue;
    }
    const size_t end = path.find_first_of(".[");
    const std::string_view key = path.substr(0, end);
    path.remove_prefix(end == std::string_view::npos ? path.size() : end);
    const podlint::yaml::Node* next = nullptr;
    for (const auto& pair : node->pairs)
      if (pair.key->value == key) next = pair.value;
    REQUIRE(next != nullptr);
    node = next;
  }
  return *node;
}

// The key node of the last step of `path`.
const podlint::yaml::Node& key_at(const podlint::yaml::Node& root, std::string_view mapping_path,
                                  std::string_view key) {
  const auto& mapping = mapping_path.empty() ? root : at(root, mapping_path);
  for (const auto& pair : mapping.pairs)
    if (pair.key->value == key) return *pair.key;
  FAIL("no key " << key);
  return root;
}

std::string applied(std::string_view text, const std::optional<Edit>& edit) {
  REQUIRE(edit.has_value());
  const std::vector<Edit> edits{*edit};
  return podlint::apply_edits(text, edits);
}

// An edit's positions agree with its offsets.
void check_positions(std::string_view text, const Edit& edit) {
  const podlint::yaml::LineIndex lines(text);
  CHECK(lines.position(edit.span.begin.offset) == edit.span.begin);
  CHECK(lines.position(edit.span.end.offset) == edit.span.end);
}

struct Parsed {
  std::string text;
  podlint::yaml::Stream stream;
  explicit Parsed(std::string t) : text(std::move(t)), stream(podlint::yaml::parse(text)) {
    REQUIRE(!stream.documents.empty());
    REQUIRE(stream.documents[0].root != nullptr);
  }
  const podlint::yaml::Node& root() const { return *stream.documents[0].root; }
  Editor editor() const { return Editor(text, stream.documents[0].root); }
};

}  // namespace

TEST_CASE("a rewritten scalar keeps its quoting, and a string stays a string", "[edits]") {
  const Parsed in(
      "a: always\n"
      "b: 'always'\n"
      "c: \"always\"\n"
      "d: 1,5\n"
      "e: !!str yes\n"
      "f: |\n  block\n"
      "g: x  # note\n");
  const Editor editor = in.editor();
  CHECK(applied(in.text, editor.replace_scalar(at(in.root(), "a"), "Always")).starts_with("a: Always\n"));
  CHECK(applied(in.text, editor.replace_scalar(at(in.root(), "b"), "it's")).find("b: 'it''s'\n") !=
        std::string::npos);
  CHECK(
      applied(in.text, editor.replace_scalar(at(in.root(), "c"), "say \"hi\"")).find(R"(c: "say \"hi\"")") !=
      std::string::npos);
  // Plain 1.5 would read as a number: the string is quoted.
  CHECK(applied(in.text, editor.replace_scalar(at(in.root(), "d"), "1.5")).find("d: \"1.5\"\n") !=
        std::string::npos);
  // A tag decides the type, so the text may stay plain.
  CHECK(applied(in.text, editor.replace_scalar(at(in.root(), "e"), "no")).find("e: !!str no\n") !=
        std::string::npos);
  CHECK_FALSE(editor.replace_scalar(at(in.root(), "f"), "x").has_value());
  CHECK(applied(in.text, editor.replace_scalar(at(in.root(), "g"), "a: b")).find("g: \"a: b\"  # note\n") !=
        std::string::npos);
  // Keys are scalars too.
  const auto rename = editor.replace_scalar(key_at(in.root(), "", "g"), "imagePullPolicy");
  CHECK(applied(in.text, rename).ends_with("imagePullPolicy: x  # note\n"));
  check_positions(in.text, *rename);
  CHECK(rename->span.begin.line == 8);
  CHECK(rename->span.begin.column == 1);
}

TEST_CASE("plain text is used only where it reads back as the same string", "[edits]") {
  CHECK(podlint::plain_safe("Always"));
  CHECK(podlint::plain_safe("512Mi"));
  CHECK(podlint::plain_safe("app.kubernetes.io/name"));
  CHECK(podlint::plain_safe("-v"));
  for (const char* risky :
       {"",     "true", "yes", "on",  "No", "null", "~",  "1",   "1.5", "0x1F", "1_000", "1:30",
        "a: b", "a #b", "#x",  "*x",  "&x", "!x",   "'x", "\"x", "x,y", "[x]",  "{x}",   "- x",
        "-",    " x",   "x ",  "---", "x:", "%x",   "@x", "`x",  "|x",  ">x",   "a\nb"}) {
    INFO(risky);
    CHECK_FALSE(podlint::plain_safe(risky));
  }
}

TEST_CASE("a key is inserted at its siblings' indentation, in block and flow mappings", "[edits]") {
  const Parsed in(
      "spec:\n"
      "    containers:\n"
      "    -   name: web\n"
      "        image: nginx   # pinned below\n"
      "    # the volumes\n"
      "    volumes: []\n"
      "    labels: {app: web, 'tier': 'front'}\n"
      "    empty: {}\n"
      "other: 1\n");
  const Editor editor = in.editor();
  SECTION("at the end of a block mapping") {
    const auto edit = editor.insert_pair(at(in.root(), "spec"), NewValue::string("restartPolicy"),
                                         NewValue::string("OnFailure"));
    std::string expected = in.text;
    expected.insert(expected.find("other: 1\n"), "    restartPolicy: OnFailure\n");
    CHECK(applied(in.text, edit) == expected);
    check_positions(in.text, *edit);
  }
  SECTION("before a key, above the comments about it") {
    const std::vector<std::string_view> before{"nothing", "volumes"};
    const auto edit = editor.insert_pair(at(in.root(), "spec"), NewValue::string("hostNetwork"),
                                         NewValue::raw("false"), before);
    CHECK(applied(in.text, edit)
              .find("        image: nginx   # pinned below\n"
                    "    hostNetwork: false\n"
                    "    # the volumes\n") != std::string::npos);
  }
  SECTION("in a list item, after its last entry") {
    const auto edit = editor.insert_pair(at(in.root(), "spec.containers[0]"),
                                         NewValue::string("imagePullPolicy"), NewValue::string("Always"));
    CHECK(applied(in.text, edit)
              .find("        image: nginx   # pinned below\n"
                    "        imagePullPolicy: Always\n") != std::string::npos);
  }
  SECTION("a nested mapping, at the file's indentation step, with its dashes as the file has them") {
    const auto value =
        NewValue::mapping({{NewValue::string("matchLabels"),
                            NewValue::mapping({{NewValue::string("app"), NewValue::string("web")}})},
                           {NewValue::string("drop"), NewValue::sequence({NewValue::string("ALL")})}});
    const auto edit = editor.insert_pair(at(in.root(), "spec"), NewValue::string("selector"), value);
    // The dashes stand where this file puts them (under the key), the items
    // two columns after the dash.
    CHECK(applied(in.text, edit)
              .find("    empty: {}\n"
                    "    selector:\n"
                    "        matchLabels:\n"
                    "            app: web\n"
                    "        drop:\n"
                    "        - ALL\n"
                    "other: 1\n") != std::string::npos);
  }
  SECTION("in a flow mapping, quoted like the neighbours") {
    const auto edit =
        editor.insert_pair(at(in.root(), "spec.labels"), NewValue::string("team"), NewValue::string("yes"));
    CHECK(applied(in.text, edit).find("labels: {app: web, 'tier': 'front', team: 'yes'}") !=
          std::string::npos);
    const auto first =
        editor.insert_pair(at(in.root(), "spec.empty"), NewValue::string("a"), NewValue::raw("1"));
    CHECK(applied(in.text, first).find("empty: {a: 1}") != std::string::npos);
    const std::vector<std::string_view> before{"tier"};
    const auto middle =
        editor.insert_pair(at(in.root(), "spec.labels"), NewValue::string("b"), NewValue::raw("2"), before);
    CHECK(applied(in.text, middle).find("{app: web, b: 2, 'tier': 'front'}") != std::string::npos);
  }
}

TEST_CASE("inserting keeps the file's line breaks and a last line without one", "[edits]") {
  const Parsed crlf("a:\r\n  b: 1\r\nc: 2\r\n");
  const auto edit =
      crlf.editor().insert_pair(at(crlf.root(), "a"), NewValue::string("x"), NewValue::raw("true"));
  CHECK(applied(crlf.text, edit) == "a:\r\n  b: 1\r\n  x: true\r\nc: 2\r\n");
  const Parsed open_end("a:\n  b: 1");
  const auto at_end =
      open_end.editor().insert_pair(at(open_end.root(), "a"), NewValue::string("x"), NewValue::raw("true"));
  CHECK(applied(open_end.text, at_end) == "a:\n  b: 1\n  x: true");
  check_positions(open_end.text, *at_end);
}

TEST_CASE("no insertion into a mapping that others share through an anchor", "[edits]") {
  const Parsed in("base: &base\n  a: 1\nuse: *base\n");
  CHECK_FALSE(
      in.editor().insert_pair(at(in.root(), "base"), NewValue::string("b"), NewValue::raw("2")).has_value());
}

TEST_CASE("set adds the missing mappings on the way, or rewrites what is there", "[edits]") {
  const Parsed in(
      "containers:\n"
      "  - name: a\n"
      "    securityContext:\n"
      "      privileged: true\n"
      "  - name: b\n"
      "    securityContext:\n"
      "  - name: c\n"
      "    securityContext: ~   # none\n"
      "  - {name: d}\n");
  const Editor editor = in.editor();
  const std::vector<std::string_view> ape{"securityContext", "allowPrivilegeEscalation"};
  CHECK(applied(in.text, editor.set(at(in.root(), "containers[0]"), ape, NewValue::raw("false")))
            .find("      privileged: true\n      allowPrivilegeEscalation: false\n") != std::string::npos);
  const std::vector<std::string_view> privileged{"securityContext", "privileged"};
  CHECK(applied(in.text, editor.set(at(in.root(), "containers[0]"), privileged, NewValue::raw("false")))
            .find("      privileged: false\n") != std::string::npos);
  CHECK(
      applied(in.text, editor.set(at(in.root(), "containers[1]"), ape, NewValue::raw("false")))
          .find("  - name: b\n    securityContext:\n      allowPrivilegeEscalation: false\n  - name: c\n") !=
      std::string::npos);
  CHECK(applied(in.text, editor.set(at(in.root(), "containers[2]"), ape, NewValue::raw("false")))
            .find("    securityContext: {allowPrivilegeEscalation: false}   # none\n") != std::string::npos);
  const std::vector<std::string_view> drop{"securityContext", "capabilities", "drop"};
  CHECK(applied(in.text, editor.set(at(in.root(), "containers[3]"), drop,
                                    NewValue::sequence({NewValue::string("ALL")})))
            .find("  - {name: d, securityContext: {capabilities: {drop: [ALL]}}}\n") != std::string::npos);
  const std::vector<std::string_view> through_scalar{"name", "x"};
  CHECK_FALSE(editor.set(at(in.root(), "containers[0]"), through_scalar, NewValue::raw("1")).has_value());
}

TEST_CASE("an entry is removed with its lines, and the next one moves up behind a dash", "[edits]") {
  const Parsed in(
      "- image: a   # old\n"
      "  image: b\n"
      "  # about name\n"
      "  name: x\n"
      "- {a: 1, b: 2, c: 3}\n"
      "- only: 1\n");
  const Editor editor = in.editor();
  CHECK(applied(in.text, editor.remove_pair(at(in.root(), "[0]"), 0))
            .starts_with("- image: b\n  # about name\n"));
  CHECK(applied(in.text, editor.remove_pair(at(in.root(), "[0]"), 1))
            .starts_with("- image: a   # old\n  # about name\n"));
  CHECK(applied(in.text, editor.remove_pair(at(in.root(), "[0]"), 2))
            .starts_with("- image: a   # old\n  image: b\n  # about name\n- {"));
  CHECK(applied(in.text, editor.remove_pair(at(in.root(), "[1]"), 0)).find("- {b: 2, c: 3}") !=
        std::string::npos);
  CHECK(applied(in.text, editor.remove_pair(at(in.root(), "[1]"), 2)).find("- {a: 1, b: 2}") !=
        std::string::npos);
  CHECK_FALSE(editor.remove_pair(at(in.root(), "[2]"), 0).has_value());
  // An anchor in the entry may be what an alias elsewhere needs.
  const Parsed anchored("a: {x: &one 1}\na: 2\nb: *one\n");
  CHECK_FALSE(anchored.editor().remove_pair(anchored.root(), 0).has_value());
  CHECK(anchored.editor().remove_pair(anchored.root(), 1).has_value());
}

TEST_CASE("a comment is removed with its line when it stands alone", "[edits]") {
  const Parsed in("a: 1  # trailing\n  # alone\nb: 2\n");
  const auto& comments = in.stream.documents[0].comments;
  REQUIRE(comments.size() == 2);
  const Editor editor = in.editor();
  CHECK(applied(in.text, editor.remove_comment(comments[0])) == "a: 1\n  # alone\nb: 2\n");
  CHECK(applied(in.text, editor.remove_comment(comments[1])) == "a: 1  # trailing\nb: 2\n");
}

TEST_CASE("edits are applied in any order, and fixes that touch conflict", "[edits][fix]") {
  const std::string text = "abcdef";
  const auto edit = [](uint32_t begin, uint32_t end, std::string replacement) {
    return Edit{{{begin, 1, begin + 1}, {end, 1, end + 1}}, std::move(replacement)};
  };
  const std::vector<Edit> edits{edit(4, 5, "E"), edit(0, 1, ""), edit(2, 2, "+")};
  CHECK(podlint::apply_edits(text, edits) == "b+cdEf");
  const podlint::Fix a{.title = "a", .edits = {edit(1, 2, "x")}};
  const podlint::Fix b{.title = "b", .edits = {edit(2, 3, "y")}};
  const podlint::Fix c{.title = "c", .edits = {edit(4, 4, "z")}};
  CHECK(podlint::fixes_conflict(a, b));
  CHECK_FALSE(podlint::fixes_conflict(a, c));
  CHECK_FALSE(podlint::fixes_conflict(b, c));
}
