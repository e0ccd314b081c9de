// The streaming and parallel paths: the JSON writer, long inputs cut into
// batches of documents, work delivered in order, and lint results that do
// not depend on batches or jobs.
#include <fmt/format.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/lint.hpp"
#include "engine/ordered_work.hpp"
#include "output/json_writer.hpp"
#include "yaml/batches.hpp"

namespace {

using podlint::JsonWriter;

std::string describe(const podlint::yaml::Node& node) {
  std::string out =
      fmt::format("{}:{}:{}-{}:{}:{} ", node.span.begin.offset, node.span.begin.line, node.span.begin.column,
                  node.span.end.offset, node.span.end.line, node.span.end.column);
  out += std::string(node.value);
  for (const auto* item : node.items)
    out += "[" + describe(*item) + "]";
  for (const auto& pair : node.pairs)
    out += "{" + describe(*pair.key) + "=" + describe(*pair.value) + "}";
  return out;
}

// Every node, comment and error of a stream, with its positions.
std::vector<std::string> describe(const podlint::yaml::Stream& stream) {
  std::vector<std::string> out;
  for (const auto& document : stream.documents) {
    out.push_back(fmt::format("document {}:{}-{}", document.span.begin.offset, document.span.begin.line,
                              document.span.end.offset));
    if (document.root != nullptr) out.push_back(describe(*document.root));
    for (const auto& comment : document.comments)
      out.push_back(fmt::format("comment {}:{}:{} {}", comment.span.begin.offset, comment.span.begin.line,
                                comment.span.begin.column, comment.text));
    for (const auto& error : document.errors)
      out.push_back(fmt::format("error {}:{}:{} {}", error.span.begin.offset, error.span.begin.line,
                                error.span.begin.column, error.message));
  }
  return out;
}

std::vector<std::string> describe_batched(std::string_view text, size_t bytes) {
  std::vector<std::string> out;
  for (const auto& batch : podlint::yaml::split_documents(text, bytes)) {
    auto part = describe(podlint::yaml::parse(batch));
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

}  // namespace

TEST_CASE("the JSON writer nests, escapes and indents like a dump(2)", "[streaming][json]") {
  JsonWriter json;
  json.begin_object();
  json.field("text", std::string_view("a \"quote\", a \\ and\ta line\n\x01 caf\xc3\xa9"));
  json.field("bad", std::string_view("\xff\xfe ok \xc3"));
  json.field("count", size_t{3});
  json.field("negative", -2);
  json.field("flag", true);
  json.key("none");
  json.null();
  json.key("empty");
  json.begin_array();
  json.end_array();
  json.key("list");
  json.begin_array();
  json.value(1);
  json.begin_object();
  json.end_object();
  json.end_array();
  json.key("raw");
  json.raw("{\n  \"a\": 1\n}");
  json.end_object();
  const std::string out = json.take();
  CHECK(out ==
        "{\n"
        "  \"text\": \"a \\\"quote\\\", a \\\\ and\\ta line\\n\\u0001 caf\xc3\xa9\",\n"
        "  \"bad\": \"\xef\xbf\xbd\xef\xbf\xbd ok \xef\xbf\xbd\",\n"
        "  \"count\": 3,\n"
        "  \"negative\": -2,\n"
        "  \"flag\": true,\n"
        "  \"none\": null,\n"
        "  \"empty\": [],\n"
        "  \"list\": [\n"
        "    1,\n"
        "    {}\n"
        "  ],\n"
        "  \"raw\": {\n"
        "    \"a\": 1\n"
        "  }\n"
        "}\n");
  const auto parsed = nlohmann::json::parse(out);
  CHECK(parsed["list"][0] == 1);
  CHECK(parsed["raw"]["a"] == 1);
  CHECK(json.size() == 0);  // taken
}

TEST_CASE("a long stream is cut where documents begin, directives after ... going with theirs",
          "[streaming][yaml]") {
  const std::string text =
      "# about a\na: 1\n---\nb: [2,\n  3]\n--- # next\nc: |\n  ---not a marker\n...\n%YAML 1.2\n---\nd: "
      "4\n---\n";
  const auto batches = podlint::yaml::split_documents(text, 4);
  std::vector<std::string> pieces;
  for (const auto& batch : batches) {
    pieces.emplace_back(batch.text);
    CHECK(text.substr(batch.start.offset, batch.text.size()) == batch.text);
  }
  CHECK(pieces == std::vector<std::string>{"# about a\na: 1\n", "---\nb: [2,\n  3]\n",
                                           "--- # next\nc: |\n  ---not a marker\n...\n",
                                           "%YAML 1.2\n---\nd: 4\n", "---\n"});
  CHECK(batches[1].start.line == 3);
  CHECK(batches[3].start.line == 10);
  // Batches of at least 30 bytes: whole documents together.
  CHECK(podlint::yaml::split_documents(text, 30).size() == 3);
  CHECK(podlint::yaml::split_documents(text, 1000).size() == 1);
  CHECK(podlint::yaml::split_documents("a: 1\nb: 2\n", 2).size() == 1);  // nowhere to cut
  // A byte order mark before the directives leaves them with their document.
  const auto bom = podlint::yaml::split_documents(
      "\xEF\xBB\xBF%YAML 1.2\n%TAG !e! tag:e,2000:\n--- !e!x\na: 1\n---\nb: 2\n", 1);
  REQUIRE(bom.size() == 2);
  CHECK(bom[0].text == "\xEF\xBB\xBF%YAML 1.2\n%TAG !e! tag:e,2000:\n--- !e!x\na: 1\n");
  // Lines end at LF, CR LF or a lone CR.
  const auto cr = podlint::yaml::split_documents("a: 1\r---\rb: 2\r\n---\nc: 3\n", 1);
  REQUIRE(cr.size() == 3);
  CHECK(cr[1].start.line == 2);
  CHECK(cr[2].start.line == 4);
}

TEST_CASE("a stream parsed in batches has the positions of one parsed whole", "[streaming][yaml]") {
  std::string text = "# head\n";
  for (int i = 0; i < 40; ++i) {
    text += fmt::format("---\nkind: Pod  # pod {}\nmetadata: {{name: p{}}}\nspec:\n  containers:\n", i, i);
    text += fmt::format("    - name: \"c{}\"\n      args: |\n        line one\n        line two\n", i);
    if (i % 7 == 3) text += "  broken: [unclosed\n";
    if (i % 9 == 4) text += "  dup: 1\n  dup: 2\n";
  }
  text += "...\n# tail\n";
  const auto whole = describe(podlint::yaml::parse(text));
  for (const size_t bytes : {1, 50, 200, 1000, 100000}) {
    INFO("batches of " << bytes << " bytes");
    CHECK(describe_batched(text, bytes) == whole);
  }
}

TEST_CASE("work runs on many threads and is delivered in order", "[streaming][jobs]") {
  for (const unsigned jobs : {1u, 2u, 7u}) {
    std::vector<int> results(100, 0);
    std::vector<size_t> delivered;
    std::atomic<int> ran = 0;
    podlint::in_order(
        results.size(), jobs,
        [&](size_t i) {
          results[i] = static_cast<int>(i * i);
          ++ran;
        },
        [&](size_t i) {
          CHECK(results[i] == static_cast<int>(i * i));
          delivered.push_back(i);
        });
    CHECK(ran == 100);
    REQUIRE(delivered.size() == 100);
    for (size_t i = 0; i < delivered.size(); ++i)
      CHECK(delivered[i] == i);
  }
  std::vector<size_t> delivered;
  CHECK_THROWS_WITH(podlint::in_order(
                        50, 3,
                        [](size_t i) {
                          if (i == 20) throw std::runtime_error("item 20 failed");
                        },
                        [&](size_t i) { delivered.push_back(i); }),
                    "item 20 failed");
  CHECK(delivered.size() == 20);  // everything before the failure, nothing after
}

TEST_CASE("with two jobs the calling thread works beside one other", "[streaming][jobs]") {
  // Item 0 waits for item 1 to have started: only two threads running at
  // once get past it, and in_order starts one besides the caller.
  std::mutex mutex;
  std::condition_variable started;
  bool second_started = false;
  bool waited_in_vain = false;
  std::set<std::thread::id> threads;
  podlint::in_order(
      8, 2,
      [&](size_t i) {
        std::unique_lock lock(mutex);
        threads.insert(std::this_thread::get_id());
        if (i == 1) {
          second_started = true;
          started.notify_all();
        }
        if (i == 0)
          waited_in_vain = !started.wait_for(lock, std::chrono::seconds(20), [&] { return second_started; });
      },
      [](size_t) {});
  CHECK_FALSE(waited_in_vain);
  CHECK(threads.size() == 2);
  CHECK(threads.contains(std::this_thread::get_id()));
}

TEST_CASE("a long stream gives the same findings in batches and on any number of jobs", "[streaming][lint]") {
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += fmt::format(
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p{}\n  annotations: {{podlint.dev/ignore: "
        "\"image-tag\"}}\nspec:\n  restartPolicy: {}\n  containers:\n    - name: c\n      image: busybox\n"
        "      ports: [{{containerPort: 80}}, {{containerPort: 80}}]\n      resources:\n        limits: "
        "{{memory: "
        "512m}}\n",
        i, i % 5 == 0 ? "Sometimes" : "Always");
    if (i % 50 == 7) text += "      broken: [\n";
  }
  const auto lint = [&](size_t batch_bytes, unsigned jobs) {
    podlint::LintSettings settings;
    settings.batch_bytes = batch_bytes;
    settings.jobs = jobs;
    const podlint::FileReport report = podlint::lint_text("stream.yaml", text, settings);
    std::vector<std::string> out{fmt::format("{} documents, {} objects", report.documents, report.objects)};
    for (const auto& d : report.diagnostics)
      out.push_back(fmt::format("{}:{}:{} {} {} {} {}{}", d.span.begin.offset, d.span.begin.line,
                                d.span.begin.column, d.rule, d.message, d.path,
                                d.object ? d.object->name : "-", d.suppression ? " (waived)" : ""));
    return out;
  };
  const auto whole = lint(text.size() + 1, 1);
  REQUIRE(whole.size() > 1000);
  CHECK(whole[0] == "300 documents, 294 objects");
  CHECK(lint(4096, 1) == whole);
  CHECK(lint(4096, 3) == whole);
  CHECK(lint(100, 2) == whole);
}

TEST_CASE("every fuzz regression gives the same findings whole and in batches of a few bytes",
          "[streaming][lint]") {
  namespace fs = std::filesystem;
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(PODLINT_SOURCE_DIR "/tests/fuzz-regressions")) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > 1'000'000) continue;  // the size-limit cases: one batch anyway
    INFO(entry.path().filename().string());
    const auto lint = [&](size_t batch_bytes, unsigned jobs) {
      const podlint::FileReport report =
          podlint::lint_text("fuzz.yaml", text, {.jobs = jobs, .batch_bytes = batch_bytes});
      std::string out =
          fmt::format("{} documents, {} objects, {}\n", report.documents, report.objects, report.skipped);
      for (const auto& d : report.diagnostics)
        out += fmt::format("{}:{}:{}-{} {} {} {}\n", d.span.begin.offset, d.span.begin.line,
                           d.span.begin.column, d.span.end.offset, d.rule, d.message, d.path);
      return out;
    };
    CHECK(lint(32, 2) == lint(text.size() + 1, 1));
    ++files;
  }
  CHECK(files > 20);
}

namespace {

// The line-table version document_starts() replaced, kept as the oracle: a
// table of every line, and a walk back over it from each "---" line.
std::vector<podlint::yaml::DocumentStart> document_starts_by_line_table(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const auto is_break = [](char c) { return c == '\n' || c == '\r'; };
  const auto marker_at = [&](size_t at, char c) {
    return text.size() - at >= 3 && text[at] == c && text[at + 1] == c && text[at + 2] == c &&
           (text.size() - at == 3 || text[at + 3] == ' ' || text[at + 3] == '\t' || is_break(text[at + 3]));
  };
  struct Line {
    uint32_t offset, row;
  };
  std::vector<Line> lines{{0, 0}};
  std::vector<podlint::yaml::DocumentStart> starts{{0, 1, 0}};
  const auto cut = [&](size_t line) {
    size_t first = line, k = line;
    while (k > 0) {
      std::string_view previous = text.substr(lines[k - 1].offset, lines[k].offset - lines[k - 1].offset);
      if (previous.starts_with(kBom)) previous.remove_prefix(kBom.size());
      const size_t content = previous.find_first_not_of(" \t\r\n");
      if (!previous.empty() && previous[0] == '%') {
        first = k - 1;
      } else if (content != std::string_view::npos && previous[content] != '#') {
        break;
      }
      --k;
    }
    if (first < line && (k == 0 || marker_at(lines[k - 1].offset, '.'))) line = first;
    if (lines[line].offset <= starts.back().offset) return;
    starts.push_back({lines[line].offset, static_cast<uint32_t>(line + 1), lines[line].row});
  };
  uint32_t row = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == lines.back().offset && marker_at(i, '-')) cut(lines.size() - 1);
    if (i == text.size()) break;
    if (text[i] == '\n') ++row;
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      lines.push_back({static_cast<uint32_t>(i + 1), row});
  }
  return starts;
}

std::string describe(const std::vector<podlint::yaml::DocumentStart>& starts) {
  std::string out;
  for (const auto& s : starts)
    out += fmt::format("{}@{}/{} ", s.offset, s.line, s.row);
  return out;
}

}  // namespace

TEST_CASE("documents begin where a table of every line says they do", "[streaming][yaml]") {
  // Pieces that make and unmake document starts: markers, directives, "...",
  // comments, byte order marks, every kind of line break.
  const std::vector<std::string_view> pieces{
      "---", "--- x", "---\t", "----", "...",  "... # end", "%YAML 1.2",    "%TAG ! !",
      "# c", "  # c", "",      "  ",   "a: 1", " ---",      "\xEF\xBB\xBF", "\xEF\xBB\xBF%YAML 1.2",
      "\n",  "\r\n",  "\r",    "\n",   "\r\n", "\n"};
  uint64_t seed = 7;
  const auto next = [&] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(seed >> 33);
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t count = next() % 24;
    for (size_t i = 0; i < count; ++i)
      text += pieces[next() % pieces.size()];
    INFO(nlohmann::json(text).dump());
    REQUIRE(describe(podlint::yaml::document_starts(text)) == describe(document_starts_by_line_table(text)));
  }
  namespace fs = std::filesystem;
  for (const auto& entry : fs::directory_iterator(PODLINT_SOURCE_DIR "/tests/fuzz-regressions")) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    INFO(entry.path().filename().string());
    CHECK(describe(podlint::yaml::document_starts(text)) == describe(document_starts_by_line_table(text)));
  }
}
