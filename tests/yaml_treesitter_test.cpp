#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"
#include "yaml/events.hpp"
#include "yaml/parser.hpp"
#include "yaml/treesitter.hpp"

namespace fs = std::filesystem;
using namespace podlint::yaml;

namespace {

using podlint::test::split_lines;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The differing middle of two event dumps with a little context, prefixed
// "-" for the parser and "+" for tree-sitter.
std::string diff(const std::string& expected, const std::string& actual) {
  const auto a = split_lines(expected);
  const auto b = split_lines(actual);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
    ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  constexpr size_t kContext = 3, kMaxLines = 40;
  std::string out = "--- parse()\n+++ parse_tolerant()\n@@ line " + std::to_string(prefix + 1) + " @@\n";
  for (size_t i = prefix > kContext ? prefix - kContext : 0; i < prefix; ++i)
    out += " " + a[i] + "\n";
  for (size_t i = prefix; i < a.size() - suffix && i < prefix + kMaxLines; ++i)
    out += "-" + a[i] + "\n";
  for (size_t i = prefix; i < b.size() - suffix && i < prefix + kMaxLines; ++i)
    out += "+" + b[i] + "\n";
  for (size_t i = a.size() - suffix; i < a.size() && i < a.size() - suffix + kContext; ++i)
    out += " " + a[i] + "\n";
  return out;
}

// Mirrors the limits parse_tolerant() documents.
bool beyond_tree_sitter_limits(std::string_view text) {
  const LineIndex lines(text);
  const bool ends_with_break = !text.empty() && (text.back() == '\n' || text.back() == '\r');
  if (lines.line_count() - (ends_with_break ? 1 : 0) > 32767) return true;
  for (uint32_t line = 1; line <= lines.line_count(); ++line) {
    const std::string_view line_text = lines.line_text(line);
    size_t start = line_text.find_first_not_of(" \t-?:");
    if (start == std::string_view::npos) start = line_text.find_last_not_of(" \t");
    if (line_text.size() > 32767 || (start != std::string_view::npos && start >= 200)) return true;
  }
  return false;
}

// The suite's expected events without their indentation.
std::string suite_events(const nlohmann::json& tree) {
  if (tree.is_null()) return {};
  std::string out;
  for (const std::string& line : split_lines(tree.get<std::string>())) {
    const size_t begin = line.find_first_not_of(' ');
    if (begin != std::string::npos) out += line.substr(begin) + "\n";
  }
  return out;
}

bool rejected(const Stream& stream) {
  return std::any_of(stream.documents.begin(), stream.documents.end(),
                     [](const Document& document) { return document.broken(); });
}

// ID -> reason, from tests/yaml-treesitter-known-differences.txt.
std::map<std::string, std::string> known_differences() {
  std::map<std::string, std::string> known;
  std::istringstream in(read_file(PODLINT_SOURCE_DIR "/tests/yaml-treesitter-known-differences.txt"));
  for (std::string line; std::getline(in, line);) {
    const size_t begin = line.find_first_not_of(" \t");
    if (begin == std::string::npos || line[begin] == '#') continue;
    const size_t end = line.find_first_of(" \t", begin);
    const std::string id = line.substr(begin, end - begin);
    const size_t reason = end == std::string::npos ? std::string::npos : line.find_first_not_of(" \t", end);
    known[id] = reason == std::string::npos ? "" : line.substr(reason);
  }
  return known;
}

std::string dump(const Stream& stream) {
  return to_events(stream, {.with_spans = true});
}

const Node* lookup(const Node& mapping, std::string_view key) {
  for (const Pair& pair : mapping.pairs) {
    if (pair.key->is_scalar() && pair.key->value == key) return pair.value;
  }
  return nullptr;
}

std::vector<std::string_view> keys(const Node& mapping) {
  std::vector<std::string_view> out;
  for (const Pair& pair : mapping.pairs)
    out.push_back(pair.key->value);
  return out;
}

// The span between two 1-based line:column positions of `text`.
Span at(uint32_t line1, uint32_t column1, uint32_t line2, uint32_t column2, std::string_view text) {
  const LineIndex lines(text);
  auto offset = [&](uint32_t line, uint32_t column) {
    uint32_t o = 0;
    for (uint32_t l = 1; l < line; ++l)
      o = static_cast<uint32_t>(text.find('\n', o)) + 1;
    return o + column - 1;
  };
  return Span{lines.position(offset(line1, column1)), lines.position(offset(line2, column2))};
}

}  // namespace

TEST_CASE("tree-sitter front-end matches the parser on the YAML test suite", "[treesitter]") {
  std::ifstream suite_file(PODLINT_YAML_SUITE_JSON);
  REQUIRE(suite_file.good());
  const auto suite = nlohmann::json::parse(suite_file);
  auto known = known_differences();

  size_t compared = 0, identical = 0, listed = 0, skipped_limits = 0;
  std::vector<std::string> rejected_ids, wrong_ids;
  for (const auto& test : suite) {
    if (test.at("fail").get<bool>()) continue;
    const auto id = test.at("id").get<std::string>();
    const auto yaml = test.at("yaml").get<std::string>();
    if (beyond_tree_sitter_limits(yaml)) {
      ++skipped_limits;
      continue;
    }
    const Stream ours = parse(yaml);
    const Stream tolerant = parse_tolerant(yaml);
    // Parser bugs, for the parser's own tests to report; there is no
    // reference to compare with.
    if (rejected(ours)) {
      rejected_ids.push_back(id);
      continue;
    }
    if (!test.at("tree").is_null() && to_events(ours) != suite_events(test.at("tree"))) {
      wrong_ids.push_back(id);
      continue;
    }
    ++compared;
    const std::string expected = dump(ours);
    const std::string actual = dump(tolerant);
    const auto entry = known.find(id);
    if (entry != known.end()) {
      ++listed;
      INFO(id << " is listed in yaml-treesitter-known-differences.txt (" << entry->second
              << ") but the front-ends now agree: remove it");
      const bool still_differs = expected != actual;
      CHECK(still_differs);
      known.erase(entry);
      continue;
    }
    if (expected == actual) {
      ++identical;
    } else {
      INFO(id << " " << test.at("name").get<std::string>() << "\n" << yaml << "\n" << diff(expected, actual));
      const bool same = false;
      CHECK(same);
    }
  }
  for (const auto& [id, reason] : known) {
    INFO(id << " is listed in yaml-treesitter-known-differences.txt but is not a valid, compared suite case");
    CHECK(false);
  }
  auto list = [](const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids)
      out += " " + id;
    return out;
  };
  if (!rejected_ids.empty()) {
    WARN("YAML test suite: parse() rejects " << rejected_ids.size()
                                             << " valid cases, not compared:" << list(rejected_ids));
  }
  if (!wrong_ids.empty()) {
    WARN("YAML test suite: parse() builds the wrong events for "
         << wrong_ids.size() << " cases, not compared:" << list(wrong_ids));
  }
  WARN("YAML test suite: compared " << compared << ", identical " << identical << ", known differences "
                                    << listed << ", skipped " << rejected_ids.size() + wrong_ids.size()
                                    << " for parse() bugs and " << skipped_limits
                                    << " beyond tree-sitter's limits");
}

TEST_CASE("tree-sitter front-end matches the parser on the shared corpus", "[treesitter]") {
  const fs::path corpus = PODLINT_SHARED_DIR "/corpus";
  if (!fs::is_directory(corpus)) {
    WARN("corpus comparison skipped: " << corpus.string() << " does not exist");
    return;
  }
  size_t compared = 0, identical = 0, skipped_limits = 0, skipped_rejected = 0;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    const auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".yaml" || extension == ".yml" || extension == ".json")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    const std::string text = read_file(path);
    if (beyond_tree_sitter_limits(text)) {
      ++skipped_limits;
      continue;
    }
    const Stream ours = parse(text);
    const Stream tolerant = parse_tolerant(text);
    if (rejected(ours)) {
      ++skipped_rejected;
      continue;
    }
    ++compared;
    const std::string expected = dump(ours);
    const std::string actual = dump(tolerant);
    if (expected == actual) {
      ++identical;
    } else {
      INFO(path.string() << "\n" << diff(expected, actual));
      const bool same = false;
      CHECK(same);
    }
  }
  WARN("corpus: compared " << compared << ", identical " << identical << ", skipped " << skipped_rejected
                           << " that parse() rejects and " << skipped_limits
                           << " beyond tree-sitter's limits");
}

TEST_CASE("tree-sitter front-end matches the parser with CRLF line breaks", "[treesitter]") {
  // Editors on Windows save CRLF; the grammar handles it apart from LF.
  std::vector<std::pair<std::string, std::string>> inputs;  // name, text
  std::ifstream suite_file(PODLINT_YAML_SUITE_JSON);
  REQUIRE(suite_file.good());
  for (const auto& test : nlohmann::json::parse(suite_file)) {
    if (!test.at("fail").get<bool>()) inputs.emplace_back(test.at("id"), test.at("yaml"));
  }
  const fs::path corpus = PODLINT_SHARED_DIR "/corpus";
  if (fs::is_directory(corpus)) {
    for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
      if (entry.is_regular_file()) inputs.emplace_back(entry.path().string(), read_file(entry.path()));
    }
  }
  size_t compared = 0;
  for (auto& [name, text] : inputs) {
    std::string crlf;
    for (const char c : text) {
      if (c == '\n') crlf += '\r';
      crlf += c;
    }
    if (beyond_tree_sitter_limits(crlf)) continue;
    const Stream ours = parse(crlf);
    const Stream tolerant = parse_tolerant(crlf);
    if (rejected(ours)) continue;
    ++compared;
    const std::string expected = dump(ours);
    const std::string actual = dump(tolerant);
    if (expected != actual) {
      INFO(name << "\n" << diff(expected, actual));
      const bool same = false;
      CHECK(same);
    }
  }
  WARN("CRLF: compared " << compared << " inputs");
}

namespace {

const Node& container(const Document& document, size_t index) {
  const Node* spec = lookup(*document.root, "spec");
  REQUIRE(spec != nullptr);
  const Node* containers = lookup(*spec, "containers");
  REQUIRE(containers != nullptr);
  REQUIRE(containers->is_sequence());
  REQUIRE(containers->items.size() > index);
  REQUIRE(containers->items[index]->is_mapping());
  return *containers->items[index];
}

}  // namespace

TEST_CASE("duplicate keys are reported as the parser reports them", "[treesitter]") {
  std::string big = "m:\n";
  for (int i = 0; i < 40; ++i)
    big += "  k" + std::to_string(i % 30) + ": v\n";
  for (const std::string& text :
       {std::string("a: 1\nname: x\nname: y\n"), std::string("{a: 1, a: 2, b: {c: 1, c: 2}}"), big}) {
    INFO(text);
    const Stream tolerant = parse_tolerant(text);
    CHECK(dump(tolerant) == dump(parse(text)));
    REQUIRE(tolerant.documents.size() == 1);
    CHECK_FALSE(tolerant.documents[0].broken());
    CHECK(tolerant.documents[0].errors.size() == (text == big ? 10u : text[0] == '{' ? 2u : 1u));
    ParseOptions quiet;
    quiet.report_duplicate_keys = false;
    CHECK_FALSE(parse_tolerant(text, quiet).has_errors());
  }
  const Stream stream = parse_tolerant("a: 1\nname: x\nname: y\n");
  CHECK(stream.documents[0].errors[0].message == "duplicate key \"name\" (first defined at 2:1)");
}

// Both front-ends build with the one tree builder (tree_builder.hpp): tags,
// aliases and its limits come out the same.
TEST_CASE("tags and aliases and their limits are those of the parser", "[treesitter]") {
  SECTION("tags, verbatim and %-escaped ones too") {
    for (const char* text : {"a: !<tag:example.com,2000:%21x> 1\n",
                             "%TAG !e! tag:e.com,2000:\n---\n- !e!a%2Fb 1\n- !local 2\n- !!str 3\n- ! 4\n"}) {
      INFO(text);
      CHECK(dump(parse_tolerant(text)) == dump(parse(text)));
    }
    CHECK(parse_tolerant("a: !<tag:example.com,2000:%21x> 1\n").documents[0].root->pairs[0].value->tag ==
          "tag:example.com,2000:!x");
  }
  SECTION("a duplicate %TAG directive") {
    const std::string text = "%TAG !e! tag:a,2000:\n%TAG !e! tag:b,2000:\n---\nk: !e!x 1\n";
    const Stream ours = parse(text);
    const Stream tolerant = parse_tolerant(text);
    REQUIRE(ours.documents.at(0).errors.size() == 1);
    REQUIRE(tolerant.documents.at(0).errors.size() == 1);
    CHECK(tolerant.documents[0].errors[0].message == "duplicate %TAG directive for \"!e!\"");
    CHECK(tolerant.documents[0].errors[0].message == ours.documents[0].errors[0].message);
    CHECK(tolerant.documents[0].errors[0].span == ours.documents[0].errors[0].span);
  }
  SECTION("the alias expansion limit stops at the same alias") {
    ParseOptions options;
    options.max_alias_expansion = 50;
    const std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b]\n";
    for (const Stream& stream : {parse(text, options), parse_tolerant(text, options)}) {
      const auto& errors = stream.documents.at(0).errors;
      REQUIRE(errors.size() == 1);
      CHECK(errors[0].kind == ErrorKind::Limit);
      CHECK(errors[0].message == "aliases expand to more than 50 nodes (alias \"b\")");
      CHECK(errors[0].span == at(3, 5, 3, 7, text));
    }
  }
  SECTION("nesting is capped whatever max_depth says") {
    ParseOptions options;
    options.max_depth = 1'000'000;
    const Stream stream = parse_tolerant(std::string(1001, '[') + std::string(1001, ']'), options);
    const auto& errors = stream.documents.at(0).errors;
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == "nesting exceeds the maximum depth of 1000");
  }
}

TEST_CASE("an unterminated flow sequence keeps the pairs around it", "[treesitter]") {
  const std::string text =
      "kind: Deployment\n"
      "spec:\n"
      "  containers:\n"
      "    - name: app\n"
      "      args: [a, b\n"
      "      ports:\n"
      "        - containerPort: 80\n"
      "    - name: side\n";
  const Stream stream = parse_tolerant(text);
  REQUIRE(stream.documents.size() == 1);
  const Document& document = stream.documents[0];
  CHECK(document.broken());
  REQUIRE(document.root != nullptr);
  CHECK(keys(*document.root) == std::vector<std::string_view>{"kind", "spec"});

  const Node& app = container(document, 0);
  CHECK(keys(app) == std::vector<std::string_view>{"name", "args", "ports"});
  CHECK(app.pairs[0].key->span == at(4, 7, 4, 11, text));
  CHECK(app.pairs[0].value->span == at(4, 13, 4, 16, text));
  CHECK(app.pairs[2].key->span == at(6, 7, 6, 12, text));
  const Node* ports = app.pairs[2].value;
  REQUIRE(ports->is_sequence());
  REQUIRE(ports->items.size() == 1);
  CHECK(ports->span == at(7, 9, 7, 28, text));
  CHECK(ports->items[0]->pairs[0].value->value == "80");
  CHECK(ports->items[0]->pairs[0].value->span == at(7, 26, 7, 28, text));

  const Node& side = container(document, 1);
  CHECK(keys(side) == std::vector<std::string_view>{"name"});
  CHECK(side.pairs[0].value->span == at(8, 13, 8, 17, text));

  REQUIRE(document.errors.size() == 1);
  CHECK(document.errors[0].kind == ErrorKind::Syntax);
  CHECK(document.errors[0].span == at(5, 13, 5, 18, text));
  CHECK(document.errors[0].message == "syntax error: unexpected \"[a, b\"");
}

TEST_CASE("a half-typed key keeps the pairs around it", "[treesitter]") {
  const std::string text =
      "kind: Deployment\n"
      "spec:\n"
      "  containers:\n"
      "    - name: app\n"
      "      ima\n"
      "      ports: 80\n"
      "    - name: side\n";
  const Stream stream = parse_tolerant(text);
  REQUIRE(stream.documents.size() == 1);
  const Document& document = stream.documents[0];
  CHECK(document.broken());
  const Node& app = container(document, 0);
  CHECK(keys(app) == std::vector<std::string_view>{"name", "ports"});
  CHECK(app.span == at(4, 7, 6, 16, text));
  CHECK(app.pairs[1].key->span == at(6, 7, 6, 12, text));
  CHECK(app.pairs[1].value->span == at(6, 14, 6, 16, text));
  CHECK(container(document, 1).pairs[0].value->value == "side");
  REQUIRE(document.errors.size() == 1);
  CHECK(document.errors[0].span == at(5, 7, 5, 10, text));
  CHECK(document.errors[0].message == "syntax error: unexpected \"ima\"");
}

TEST_CASE("a stray colon keeps the pairs around it", "[treesitter]") {
  // tree-sitter-yaml stops its tree at the second ':'; the rest of the line
  // is blanked and parsed again.
  const std::string text =
      "kind: Deployment\n"
      "spec:\n"
      "  containers:\n"
      "    - name: app\n"
      "      image: nginx: latest: x\n"
      "      ports: 80\n"
      "    - name: side\n";
  const Stream stream = parse_tolerant(text);
  REQUIRE(stream.documents.size() == 1);
  const Document& document = stream.documents[0];
  CHECK(document.broken());
  REQUIRE(document.root != nullptr);
  CHECK(keys(*document.root) == std::vector<std::string_view>{"kind", "spec"});
  const Node& app = container(document, 0);
  CHECK(keys(app) == std::vector<std::string_view>{"name", "image", "ports"});
  CHECK(app.pairs[1].value->value == "nginx");
  CHECK(app.pairs[1].value->span == at(5, 14, 5, 19, text));
  CHECK(app.pairs[2].key->span == at(6, 7, 6, 12, text));
  CHECK(app.pairs[2].value->span == at(6, 14, 6, 16, text));
  CHECK(container(document, 1).pairs[0].value->span == at(7, 13, 7, 17, text));
  REQUIRE(document.errors.size() == 1);
  CHECK(document.errors[0].kind == ErrorKind::Syntax);
  CHECK(document.errors[0].span == at(5, 19, 5, 30, text));
  CHECK(document.errors[0].message == "syntax error: unexpected \": latest: x\"");
}

TEST_CASE("a broken line that tree-sitter reads on past is found", "[treesitter]") {
  // "replicas:-  2" is a plain scalar; tree-sitter takes the next line as its
  // continuation and stops at "selector:". The line before is to blame.
  const std::string text =
      "kind: ReplicationController\n"
      "spec:\n"
      "  replicas:-  2\n"
      "  selector:\n"
      "    app: nginx\n"
      "  template: x\n";
  const Stream stream = parse_tolerant(text);
  REQUIRE(stream.documents.size() == 1);
  const Document& document = stream.documents[0];
  REQUIRE(document.root != nullptr);
  CHECK(keys(*document.root) == std::vector<std::string_view>{"kind", "spec"});
  const Node& spec = *document.root->pairs[1].value;
  CHECK(keys(spec) == std::vector<std::string_view>{"selector", "template"});
  CHECK(spec.pairs[0].value->pairs[0].value->span == at(5, 10, 5, 15, text));
  REQUIRE(document.errors.size() == 1);
  CHECK(document.errors[0].span == at(3, 3, 3, 16, text));
  CHECK(document.errors[0].message == "syntax error: unexpected \"replicas:-  2\"");
}

TEST_CASE("a wrongly indented key keeps the pairs around it", "[treesitter]") {
  const std::string text =
      "metadata:\n"
      "  name: web\n"
      " labels: x\n"
      "spec: {}\n";
  const Stream stream = parse_tolerant(text);
  REQUIRE(stream.documents.size() == 1);
  const Document& document = stream.documents[0];
  REQUIRE(document.root != nullptr);
  CHECK(keys(*document.root) == std::vector<std::string_view>{"metadata", "spec"});
  CHECK(keys(*document.root->pairs[0].value) == std::vector<std::string_view>{"name"});
  CHECK(document.root->pairs[1].value->span == at(4, 7, 4, 9, text));
  REQUIRE(document.errors.size() == 1);
  CHECK(document.errors[0].span == at(3, 2, 3, 11, text));
}

TEST_CASE("several errors in one document are each reported once", "[treesitter]") {
  const std::string text =
      "a:\n"
      "  - b\n"
      "  c: 1\n"
      "d: 2\n";
  const Stream stream = parse_tolerant(text);
  REQUIRE(stream.documents.size() == 1);
  const auto& errors = stream.documents[0].errors;
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].span == at(2, 3, 2, 6, text));
  CHECK(errors[0].message == "syntax error: unexpected \"- b\"");
  CHECK(errors[1].span == at(4, 1, 4, 5, text));
  CHECK(errors[1].message == "syntax error: unexpected \"d: 2\"");
}

TEST_CASE("a document tree-sitter cannot parse is rebuilt from its pieces", "[treesitter]") {
  // tree-sitter-yaml returns one ERROR node with the pairs it parsed, flat;
  // their columns give the structure back.
  const std::string text =
      "kind: Pod\n"
      "metadata:\n"
      "  name: web\n"
      "spec:\n"
      "  containers:\n"
      "    - name: app\n"
      "      image: nginx\n"
      "  volumes:\n"
      "    - name: certs\n"
      "      hostPath: {path:>-\n"
      " /etc/ssl/certs}\n";
  const Stream stream = parse_tolerant(text);
  REQUIRE(stream.documents.size() == 1);
  const Document& document = stream.documents[0];
  REQUIRE(document.root != nullptr);
  CHECK(keys(*document.root) == std::vector<std::string_view>{"kind", "metadata", "spec"});
  CHECK(keys(*document.root->pairs[1].value) == std::vector<std::string_view>{"name"});
  const Node& app = container(document, 0);
  CHECK(keys(app) == std::vector<std::string_view>{"name", "image"});
  CHECK(app.pairs[1].value->span == at(7, 14, 7, 19, text));
  const Node* volumes = lookup(*lookup(*document.root, "spec"), "volumes");
  REQUIRE(volumes != nullptr);
  REQUIRE(volumes->is_sequence());
  CHECK(volumes->span == at(9, 5, 10, 16, text));
  REQUIRE(volumes->items.size() == 1);
  CHECK(keys(*volumes->items[0]) == std::vector<std::string_view>{"name", "hostPath"});
  REQUIRE(document.errors.size() == 2);
  CHECK(document.errors[0].span == at(10, 17, 10, 25, text));
  CHECK(document.errors[1].span == at(11, 2, 11, 17, text));
}

TEST_CASE("an error in one document leaves the others intact", "[treesitter]") {
  const std::string text =
      "a: 1\n"
      "---\n"
      "b: [1, 2\n"
      "---\n"
      "c: 3\n";
  const Stream stream = parse_tolerant(text);
  REQUIRE(stream.documents.size() == 3);
  CHECK_FALSE(stream.documents[0].broken());
  CHECK(stream.documents[1].broken());
  CHECK_FALSE(stream.documents[2].broken());
  REQUIRE(stream.documents[2].root != nullptr);
  REQUIRE(keys(*stream.documents[2].root) == std::vector<std::string_view>{"c"});
  CHECK(stream.documents[2].root->pairs[0].value->span == at(5, 4, 5, 5, text));
}

TEST_CASE("invalid bytes are Encoding errors, as in the parser", "[treesitter]") {
  for (const std::string& text :
       {std::string("a: 1\nb: x\x01y\n"), std::string("a: \xff\n"), std::string("a: \xc3\n---\nb: 2\n")}) {
    INFO(text);
    const Stream ours = parse(text);
    const Stream tolerant = parse_tolerant(text);
    REQUIRE(!tolerant.documents.empty());
    const auto& errors = tolerant.documents[0].errors;
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].kind == ErrorKind::Encoding);
    REQUIRE(ours.documents[0].errors.size() == 1);
    CHECK(errors[0].span == ours.documents[0].errors[0].span);
    CHECK(errors[0].message == ours.documents[0].errors[0].message);
    CHECK(tolerant.documents.back().errors.size() == (tolerant.documents.size() == 1 ? 1 : 0));
  }
}

TEST_CASE("empty input and comments only", "[treesitter]") {
  for (const char* text : {"", "\n\n", "# just a comment\n"}) {
    const Stream tolerant = parse_tolerant(text);
    CHECK(tolerant.documents.empty());
    CHECK(dump(tolerant) == dump(parse(text)));
  }
}

TEST_CASE("garbage input does not crash", "[treesitter]") {
  std::mt19937 random(20261121);
  std::vector<std::string> inputs = {std::string("\0\0\xff\xfe", 4),
                                     "\xef\xbb\xbf",
                                     "{",
                                     "]]]",
                                     "- - - - -\n  ::: ::\n",
                                     "&a *a !!! ! !<",
                                     "\"\\",
                                     "'",
                                     "|\n\t\tx",
                                     "? ? ?",
                                     "--- ... --- ...",
                                     "%TAG ! !\n%YAML 1.2\n",
                                     std::string(10000, '['),
                                     std::string(5000, '-') + " x"};
  for (int i = 0; i < 200; ++i) {
    std::string bytes(static_cast<size_t>(random() % 300), '\0');
    for (char& c : bytes)
      c = static_cast<char>(random() % 256);
    inputs.push_back(bytes);
    // Printable YAML punctuation mixed with structure is harder on the grammar.
    static constexpr char kAlphabet[] = " \n-:?[]{},#&*!|>'\"%@`abc\t";
    std::string yaml(static_cast<size_t>(random() % 300), ' ');
    for (char& c : yaml)
      c = kAlphabet[random() % (sizeof kAlphabet - 1)];
    inputs.push_back(yaml);
  }
  for (const std::string& input : inputs) {
    const Stream stream = parse_tolerant(input);
    CHECK(stream.text.size() == input.size());
    for (const Document& document : stream.documents) {
      CHECK(document.span.begin.offset <= document.span.end.offset);
      CHECK(document.span.end.offset <= input.size());
    }
    CHECK_NOTHROW(to_events(stream, {.with_spans = true}));
  }
}

TEST_CASE("deep nesting stops at max_depth", "[treesitter]") {
  const std::string text = std::string(600, '[') + std::string(600, ']');
  const Stream stream = parse_tolerant(text);
  REQUIRE(stream.documents.size() == 1);
  const auto& errors = stream.documents[0].errors;
  CHECK(std::any_of(errors.begin(), errors.end(), [](const Error& e) { return e.kind == ErrorKind::Limit; }));
  ParseOptions options;
  options.max_depth = 1000;
  CHECK_FALSE(parse_tolerant(text, options).has_errors());
}

TEST_CASE("inputs beyond tree-sitter's limits get a Limit error", "[treesitter]") {
  std::string many_lines;
  for (int i = 0; i < 40000; ++i)
    many_lines += "k" + std::to_string(i) + ": v\n";
  const Stream stream = parse_tolerant(many_lines);
  REQUIRE(stream.documents.size() == 1);
  REQUIRE(stream.documents[0].errors.size() == 1);
  CHECK(stream.documents[0].errors[0].kind == ErrorKind::Limit);
  CHECK(stream.documents[0].errors[0].message.find("40000 lines") != std::string::npos);
  CHECK(stream.documents[0].root == nullptr);

  // Deeper indentation than the grammar's scanner can save its state for.
  std::string deep;
  for (int i = 0; i < 300; ++i)
    deep += std::string(static_cast<size_t>(i), ' ') + "k:\n";
  const Stream too_deep = parse_tolerant(deep);
  REQUIRE(too_deep.documents.size() == 1);
  REQUIRE(too_deep.documents[0].errors.size() == 1);
  CHECK(too_deep.documents[0].errors[0].kind == ErrorKind::Limit);
  CHECK(too_deep.documents[0].errors[0].message ==
        "line 201 is indented by 200 columns or more, deeper than the tolerant parser handles");
  CHECK_FALSE(parse_tolerant("a:\n" + std::string(300, ' ') + "\nb: 1\n").has_errors());

  const Stream long_line = parse_tolerant("k: " + std::string(40000, 'x') + "\n");
  REQUIRE(long_line.documents.size() == 1);
  REQUIRE(long_line.documents[0].errors.size() == 1);
  CHECK(long_line.documents[0].errors[0].kind == ErrorKind::Limit);
}
