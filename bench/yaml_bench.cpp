// Throughput of podlint's YAML front-ends against tree-sitter-yaml and
// yaml-cpp on the same bytes. Every file of each input directory is read into
// memory once; each parser then goes over all of them for several rounds and
// the best round counts, so disk and page-cache effects stay out of the
// figures. Single-threaded on purpose: the targets are per core.
//
//   yaml_bench [--rounds N] [--passes N] [--only NAME] DIR...
#include <tree_sitter/api.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/parser.hpp"

#if __has_include("yaml/treesitter.hpp")
#include "yaml/treesitter.hpp"
#define PODLINT_BENCH_TOLERANT 1
#endif

extern "C" const TSLanguage* tree_sitter_yaml(void);

namespace {

namespace fs = std::filesystem;

// tree-sitter-yaml's scanner counts rows and columns in 16 bits and fails on
// files with more lines or longer lines, so those are left out of its
// measurement (and only its).
constexpr uint32_t kTreeSitterMaxLines = 32767;
constexpr uint32_t kTreeSitterMaxLineBytes = 32767;
constexpr double kMinRoundSeconds = 0.2;

struct InputFile {
  std::string path;
  std::string text;
  uint32_t lines = 0;
  uint32_t longest_line = 0;  // bytes, line break excluded
};

struct FileResult {
  uint32_t documents = 0;
  bool failed = false;  // see Contender::failure_note
};

struct Contender {
  std::string name;
  std::string failure_note;                       // what a failed file means for this parser
  std::function<bool(const InputFile&)> accepts;  // whether the file is measured at all
  std::function<FileResult(const InputFile&)> parse;
};

struct Measurement {
  std::string name;
  std::string failure_note;
  size_t files = 0;
  uint64_t bytes = 0;
  uint64_t documents = 0;
  size_t failed = 0;
  size_t excluded = 0;
  double best_seconds = 0;  // one pass over all measured files, in the best round

  double mb_per_s() const { return best_seconds > 0 ? bytes / best_seconds / 1e6 : 0; }
};

std::vector<InputFile> load_directory(const fs::path& dir) {
  std::vector<InputFile> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension();
    if (ext != ".yaml" && ext != ".yml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    InputFile f{entry.path().string(), buf.str(), 0};
    size_t line_start = 0;
    for (size_t nl = f.text.find('\n'); line_start <= f.text.size(); nl = f.text.find('\n', line_start)) {
      const size_t end = nl == std::string::npos ? f.text.size() : nl;
      f.longest_line = std::max(f.longest_line, static_cast<uint32_t>(end - line_start));
      ++f.lines;
      line_start = end + 1;
    }
    files.push_back(std::move(f));
  }
  // Directory order is arbitrary; a fixed order keeps runs comparable.
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return files;
}

// Duplicate keys leave a document whole (and yaml-cpp accepts them), so only
// a broken document makes the file count as failed.
FileResult summarize(const podlint::yaml::Stream& stream) {
  FileResult r;
  r.documents = static_cast<uint32_t>(stream.documents.size());
  r.failed = std::any_of(stream.documents.begin(), stream.documents.end(),
                         [](const podlint::yaml::Document& d) { return d.broken(); });
  return r;
}

std::vector<Contender> contenders(TSParser* ts) {
  auto all = [](const InputFile&) { return true; };
  std::vector<Contender> list;
  list.push_back({"podlint parse()", "files with a broken document", all,
                  [](const InputFile& f) { return summarize(podlint::yaml::parse(f.text)); }});
#ifdef PODLINT_BENCH_TOLERANT
  list.push_back({"podlint parse_tolerant()", "files with a broken document", all,
                  [](const InputFile& f) { return summarize(podlint::yaml::parse_tolerant(f.text)); }});
#endif
  list.push_back({"tree-sitter-yaml", "files with error nodes",
                  [](const InputFile& f) {
                    return f.lines <= kTreeSitterMaxLines && f.longest_line <= kTreeSitterMaxLineBytes;
                  },
                  [ts](const InputFile& f) {
                    TSTree* tree = ts_parser_parse_string(ts, nullptr, f.text.data(),
                                                          static_cast<uint32_t>(f.text.size()));
                    FileResult r;
                    r.failed = tree == nullptr || ts_node_has_error(ts_tree_root_node(tree));
                    // Counting documents would walk the tree, which the other
                    // contenders are not asked to do either.
                    ts_tree_delete(tree);
                    return r;
                  }});
  list.push_back({"yaml-cpp LoadAll()", "files rejected (exception)", all, [](const InputFile& f) {
                    FileResult r;
                    try {
                      r.documents = static_cast<uint32_t>(YAML::LoadAll(f.text).size());
                    } catch (const YAML::Exception&) {
                      r.failed = true;
                    }
                    return r;
                  }});
  return list;
}

// passes: exactly that many passes per round (e.g. 1 under callgrind);
// 0: as many as make the round last kMinRoundSeconds.
Measurement measure(const Contender& c, const std::vector<InputFile>& files, int rounds,
                    int passes_per_round) {
  Measurement m;
  m.name = c.name;
  m.failure_note = c.failure_note;
  std::vector<const InputFile*> measured;
  for (const auto& f : files) {
    if (c.accepts(f)) {
      measured.push_back(&f);
      m.bytes += f.text.size();
    } else {
      ++m.excluded;
    }
  }
  m.files = measured.size();
  bool first_pass = true;
  for (int round = 0; round < rounds; ++round) {
    // A round repeats whole passes until it lasts long enough for the clock;
    // small input sets would otherwise be timed in single milliseconds.
    int passes = 0;
    double seconds = 0;
    const auto start = std::chrono::steady_clock::now();
    do {
      uint64_t documents = 0;
      size_t failed = 0;
      for (const InputFile* f : measured) {
        const FileResult r = c.parse(*f);
        documents += r.documents;
        failed += r.failed;
      }
      // Every pass must see the same results, and using them keeps the work alive.
      if (!first_pass && (documents != m.documents || failed != m.failed)) {
        std::fprintf(stderr, "yaml_bench: %s gave different results across passes\n", c.name.c_str());
        std::exit(1);
      }
      first_pass = false;
      m.documents = documents;
      m.failed = failed;
      ++passes;
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (passes_per_round ? passes < passes_per_round : seconds < kMinRoundSeconds);
    const double per_pass = seconds / passes;
    if (round == 0 || per_pass < m.best_seconds) m.best_seconds = per_pass;
  }
  return m;
}

const Measurement* find_measurement(const std::vector<Measurement>& ms, std::string_view prefix) {
  for (const auto& m : ms) {
    if (std::string_view(m.name).starts_with(prefix)) return &m;
  }
  return nullptr;
}

void print_ratio(const std::vector<Measurement>& ms, std::string_view other, const char* label,
                 double target) {
  const Measurement* podlint = find_measurement(ms, "podlint parse()");
  const Measurement* them = find_measurement(ms, other);
  if (!podlint || !them || them->mb_per_s() <= 0) return;
  const double ratio = podlint->mb_per_s() / them->mb_per_s();
  std::printf("  podlint parse() vs %-17s %7.1fx   (target >= %.0fx: %s)\n", label, ratio, target,
              ratio >= target ? "met" : "NOT met");
}

void report(const fs::path& dir, const std::vector<InputFile>& files, const std::vector<Measurement>& ms,
            int rounds) {
  uint64_t bytes = 0;
  for (const auto& f : files)
    bytes += f.text.size();
  std::printf("\n== %s: %zu files, %.2f MB, best of %d rounds\n", dir.string().c_str(), files.size(),
              bytes / 1e6, rounds);
  std::printf("  %-26s %9s %9s %7s %7s %10s  %s\n", "parser", "MB/s", "ms/pass", "files", "MB", "documents",
              "notes");
  for (const auto& m : ms) {
    std::string notes;
    if (m.failed) {
      notes += std::to_string(m.failed) + " " + m.failure_note;
    }
    if (m.excluded) {
      if (!notes.empty()) notes += "; ";
      notes += std::to_string(m.excluded) + " files excluded (> 32767 lines or bytes in a line)";
    }
    const std::string documents = m.name.starts_with("tree-sitter") ? "-" : std::to_string(m.documents);
    std::printf("  %-26s %9.1f %9.2f %7zu %7.2f %10s  %s\n", m.name.c_str(), m.mb_per_s(),
                m.best_seconds * 1e3, m.files, m.bytes / 1e6, documents.c_str(), notes.c_str());
  }
  if (const Measurement* podlint = find_measurement(ms, "podlint parse()")) {
    std::printf("  podlint parse() %.1f MB/s (target >= 150 MB/s: %s)\n", podlint->mb_per_s(),
                podlint->mb_per_s() >= 150 ? "met" : "NOT met");
  }
  print_ratio(ms, "tree-sitter", "tree-sitter-yaml:", 25);
  print_ratio(ms, "yaml-cpp", "yaml-cpp:", 35);
}

int usage() {
  std::fprintf(stderr,
               "usage: yaml_bench [--rounds N] [--passes N] [--only NAME] DIR...\n"
               "  --rounds N   rounds per parser, the best counts (default 5)\n"
               "  --passes N   exactly N passes over the files per round (default: enough for 0.2 s),\n"
               "               e.g. 1 to count instructions under callgrind\n"
               "  --only NAME  measure only parsers whose name starts with NAME (podlint, tree-sitter, "
               "yaml-cpp)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 5;
  int passes = 0;
  std::string only;
  std::vector<fs::path> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--passes" && i + 1 < argc) {
      passes = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else if (arg.starts_with("-")) {
      return usage();
    } else {
      dirs.emplace_back(arg);
    }
  }
  if (dirs.empty()) return usage();

  TSParser* ts = ts_parser_new();
  ts_parser_set_language(ts, tree_sitter_yaml());
  const auto list = contenders(ts);

  for (const auto& dir : dirs) {
    if (!fs::is_directory(dir)) {
      std::fprintf(stderr, "yaml_bench: not a directory: %s\n", dir.string().c_str());
      return 2;
    }
    const auto files = load_directory(dir);
    if (files.empty()) {
      std::fprintf(stderr, "yaml_bench: no .yaml/.yml files in %s\n", dir.string().c_str());
      return 2;
    }
    std::vector<Measurement> ms;
    for (const auto& c : list) {
      if (!only.empty() && !c.name.starts_with(only)) continue;
      ms.push_back(measure(c, files, rounds, passes));
    }
    report(dir, files, ms, rounds);
  }
  ts_parser_delete(ts);
  return 0;
}
