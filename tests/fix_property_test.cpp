// What every fix must keep, checked on every fix offered for the rule
// fixtures, examples/ and the shared corpus (../shared/corpus, skipped with a
// message when absent). Each fix alone: the file still parses as well as
// before, its finding is gone, no new finding appears, every comment outside
// its edits is still there, and the YAML tree is unchanged outside the paths
// it edits. All fixes together (podlint fix, safe and --unsafe): the same,
// and a second run changes nothing.
//
// A finding the fixed file has and the original had not is a new one. One
// kind is not counted against a fix: a finding of a rule about the meaning
// (not the YAML or the schema: those a fix must never add) within what the
// fix made readable or meaningful: the value it rewrote (a quantity that now
// parses can now exceed its limit), the value of a misspelt key it renamed,
// the mapping whose field it set (an init container that `restartPolicy:
// Always` makes a sidecar is checked as one), that mapping not being a whole
// object. Those were there all along, unseen; the test counts them.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/fix.hpp"
#include "model/pod.hpp"
#include "model/scalar.hpp"
#include "yaml/parser.hpp"
#include "yaml/path.hpp"

namespace {

namespace fs = std::filesystem;
using podlint::Diagnostic;
using podlint::Edit;
using podlint::FileReport;
using podlint::Fix;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The inputs: every fixture (not the expected fixed files), example and
// corpus file.
std::vector<fs::path> inputs(bool& corpus_found) {
  std::vector<fs::path> out;
  const auto add_under = [&](const fs::path& dir) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || name.ends_with("fixed.yaml")) continue;
      if (name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json"))
        out.push_back(entry.path());
    }
  };
  add_under(fs::path(PODLINT_SOURCE_DIR) / "tests" / "rules");
  add_under(fs::path(PODLINT_SOURCE_DIR) / "examples");
  const fs::path corpus = fs::path(PODLINT_SHARED_DIR) / "corpus";
  corpus_found = fs::is_directory(corpus);
  if (corpus_found) add_under(corpus);
  std::sort(out.begin(), out.end());
  return out;
}

// What a finding is, wherever lines moved: its rule, object (not its
// apiVersion, which a fix may change), path and message without numbers.
std::string key(const Diagnostic& d) {
  static const std::regex kNumbers("[0-9]+");
  std::string object;
  if (d.object) object = d.object->kind + "/" + d.object->namespace_ + "/" + d.object->name;
  return d.rule + " | " + object + " | " + d.path + " | " + std::regex_replace(d.message, kNumbers, "#");
}

std::map<std::string, int> keys(const FileReport& report) {
  std::map<std::string, int> out;
  for (const auto& d : report.diagnostics)
    ++out[key(d)];
  return out;
}

// The rules about the YAML and the schema: no fix may add their findings.
const std::set<std::string> kStructuralRules{
    "yaml-syntax",  "duplicate-key",          "unknown-field",        "invalid-type",
    "invalid-enum", "missing-required-field", "unserved-api-version", "missing-api-version-or-kind"};

struct Health {
  size_t documents = 0, duplicate_keys = 0, errors = 0;
};

Health health(const podlint::yaml::Stream& stream) {
  Health out{.documents = stream.documents.size()};
  for (const auto& document : stream.documents) {
    for (const auto& error : document.errors)
      ++(error.kind == podlint::yaml::ErrorKind::DuplicateKey ? out.duplicate_keys : out.errors);
  }
  return out;
}

std::multiset<std::string> comments(const podlint::yaml::Stream& stream) {
  std::multiset<std::string> out;
  for (const auto& document : stream.documents) {
    for (const auto& comment : document.comments)
      out.emplace(comment.text);
  }
  return out;
}

// Every leaf of a document (scalars, aliases, empty collections) as
// "path = type:value", duplicate keys and all.
std::multiset<std::pair<std::string, std::string>> leaves(const podlint::yaml::Document& document) {
  std::multiset<std::pair<std::string, std::string>> out;
  if (document.root == nullptr) return out;
  std::vector<const podlint::yaml::Node*> pending{document.root};
  while (!pending.empty()) {
    const podlint::yaml::Node* node = pending.back();
    pending.pop_back();
    const std::string path = podlint::yaml::path_to(*document.root, node->span.begin.offset);
    if (node->is_alias()) {
      out.emplace(path, "*" + std::string(node->anchor));
    } else if (node->is_scalar()) {
      out.emplace(path, std::string(podlint::model::describe_type(*node)) + ":" + std::string(node->value));
    } else if (node->is_mapping()) {
      if (node->pairs.empty()) out.emplace(path, "{}");
      for (const auto& pair : node->pairs) {
        pending.push_back(pair.value);
        if (!pair.key->is_scalar()) pending.push_back(pair.key);
      }
    } else {
      if (node->items.empty()) out.emplace(path, "[]");
      pending.insert(pending.end(), node->items.begin(), node->items.end());
    }
  }
  return out;
}

// "a.b[2].c" -> "a.b[2]", "a.b[2]" -> "a.b", "a" -> "".
std::string parent(const std::string& path) {
  const size_t last = path.find_last_of(".[");
  return last == std::string::npos ? "" : path.substr(0, last);
}

bool under(const std::string& path, const std::string& prefix) {
  if (prefix.empty()) return true;
  return path == prefix ||
         (path.starts_with(prefix) && (path[prefix.size()] == '.' || path[prefix.size()] == '['));
}

// The document of a stream an offset lies in.
size_t document_at(const podlint::yaml::Stream& stream, uint32_t offset) {
  for (size_t i = 0; i < stream.documents.size(); ++i) {
    if (offset < stream.documents[i].span.end.offset) return i;
  }
  return stream.documents.empty() ? 0 : stream.documents.size() - 1;
}

// The path an edit touches in a tree: where its first non-blank byte stands.
void edited_path(const podlint::yaml::Stream& stream, std::string_view text, uint32_t begin, uint32_t end,
                 std::vector<std::pair<size_t, std::string>>& out) {
  const size_t first = text.substr(begin, end - begin).find_first_not_of(" \t\r\n-");
  if (first == std::string_view::npos) return;
  const auto at = static_cast<uint32_t>(begin + first);
  const size_t doc = document_at(stream, at);
  if (stream.documents[doc].root != nullptr)
    out.emplace_back(doc, podlint::yaml::path_to(*stream.documents[doc].root, at));
}

// The objects' own paths in each document of a stream.
std::vector<std::set<std::string>> object_paths(const podlint::yaml::Stream& stream) {
  std::vector<std::set<std::string>> out;
  for (const auto& document : stream.documents) {
    auto& paths = out.emplace_back();
    if (document.root == nullptr) continue;
    for (const auto& header : podlint::model::object_headers(document))
      paths.insert(podlint::yaml::path_to(*document.root, header.object->span.begin.offset));
  }
  return out;
}

// Every finding `after` has more of than `before` must be one a change made
// readable (see the top): not a YAML or schema finding, and at or under a
// changed path, or in the mapping holding it when that is not an object.
// Counts them into `revealed`.
void check_new_findings(const FileReport& before, const FileReport& after,
                        const podlint::yaml::Stream& after_stream,
                        const std::vector<std::pair<size_t, std::string>>& changed,
                        std::map<std::string, int>& revealed) {
  const auto before_keys = keys(before);
  const auto after_keys = keys(after);
  const auto objects = object_paths(after_stream);
  std::map<std::string, int> seen;
  for (const auto& d : after.diagnostics) {
    const std::string k = key(d);
    const int had = before_keys.contains(k) ? before_keys.at(k) : 0;
    if (++seen[k] <= had) continue;
    INFO("new: " << k << " at " << d.span.begin.line << ":" << d.span.begin.column);
    const size_t doc = document_at(after_stream, d.span.begin.offset);
    const auto* root = after_stream.documents.empty() ? nullptr : after_stream.documents[doc].root;
    const std::string path = root ? podlint::yaml::path_to(*root, d.span.begin.offset) : "";
    const bool made_readable = std::any_of(changed.begin(), changed.end(), [&](const auto& c) {
      if (c.first != doc) return false;
      const std::string holder = parent(c.second);
      return under(path, c.second) || (!objects[doc].contains(holder) && under(path, holder));
    });
    CHECK_FALSE(kStructuralRules.contains(d.rule));
    CHECK(made_readable);
    ++revealed[k];
  }
}

struct Counts {
  size_t files = 0, fixes = 0, applied_safe = 0, applied_unsafe = 0, revealed = 0;
};

// One fix, applied alone to the text it was offered for.
void check_one_fix(const fs::path& file, const std::string& text, const podlint::yaml::Stream& before_stream,
                   const FileReport& before, const Diagnostic& finding, const Fix& fix,
                   std::multiset<std::string>& removable_comments, std::map<std::string, int>& revealed) {
  INFO(file.string() << ": " << finding.rule << " at " << finding.span.begin.line << ":"
                     << finding.span.begin.column << ": " << fix.title);
  const std::string fixed = podlint::apply_edits(text, fix.edits);
  INFO("fixed text:\n" << fixed);
  const podlint::yaml::Stream after_stream = podlint::yaml::parse(fixed);
  // It parses as well as before.
  const Health was = health(before_stream), is = health(after_stream);
  CHECK(is.documents == was.documents);
  CHECK(is.errors <= was.errors);
  CHECK(is.duplicate_keys <= was.duplicate_keys);
  // Where it edits: paths in the old tree and the new, the new text's ranges.
  std::vector<std::pair<size_t, std::string>> edited, edited_after;
  int64_t shift = 0;
  for (const Edit& e : fix.edits) {
    edited_path(before_stream, text, e.span.begin.offset, e.span.end.offset, edited);
    const auto new_begin = static_cast<uint32_t>(e.span.begin.offset + shift);
    const auto new_end = new_begin + static_cast<uint32_t>(e.replacement.size());
    edited_path(after_stream, fixed, new_begin, new_end, edited_after);
    shift += static_cast<int64_t>(e.replacement.size()) - (e.span.end.offset - e.span.begin.offset);
  }
  edited.insert(edited.end(), edited_after.begin(), edited_after.end());
  // Its finding is gone, and no other appears but what it gave a meaning.
  const auto before_keys = keys(before);
  const FileReport after = podlint::lint_text(file.string(), fixed);
  const std::string fixed_key = key(finding);
  const auto after_keys = keys(after);
  CHECK((after_keys.contains(fixed_key) ? after_keys.at(fixed_key) : 0) < before_keys.at(fixed_key));
  check_new_findings(before, after, after_stream, edited_after, revealed);
  // Every comment outside its edits is still there (one it edits counts as removed).
  std::multiset<std::string> kept = comments(after_stream);
  for (const auto& document : before_stream.documents) {
    for (const auto& comment : document.comments) {
      const bool edited = std::any_of(fix.edits.begin(), fix.edits.end(), [&](const Edit& e) {
        return e.span.begin.offset < comment.span.end.offset && comment.span.begin.offset < e.span.end.offset;
      });
      if (edited) {
        removable_comments.emplace(comment.text);
        continue;
      }
      INFO("comment: #" << comment.text);
      const auto found = kept.find(std::string(comment.text));
      CHECK(found != kept.end());
      if (found != kept.end()) kept.erase(found);
    }
  }
  // The tree is unchanged outside the edited paths.
  for (size_t doc = 0; doc < std::min(before_stream.documents.size(), after_stream.documents.size()); ++doc) {
    const auto old_leaves = leaves(before_stream.documents[doc]);
    const auto new_leaves = leaves(after_stream.documents[doc]);
    std::vector<std::pair<std::string, std::string>> changed;
    std::set_symmetric_difference(old_leaves.begin(), old_leaves.end(), new_leaves.begin(), new_leaves.end(),
                                  std::back_inserter(changed));
    for (const auto& [path, value] : changed) {
      INFO("document " << doc << ": " << path << " = " << value);
      CHECK(std::any_of(edited.begin(), edited.end(),
                        [&](const auto& e) { return e.first == doc && under(path, e.second); }));
    }
  }
}

// podlint fix on the whole file.
void check_whole_file(const fs::path& file, const std::string& text, const FileReport& before, bool unsafe,
                      const std::multiset<std::string>& removable_comments, Counts& counts) {
  INFO(file.string() << (unsafe ? " (--unsafe)" : ""));
  const podlint::FixResult result = podlint::fix_text(file.string(), text, {}, {.unsafe = unsafe});
  INFO("fixed text:\n" << result.text);
  (unsafe ? counts.applied_unsafe : counts.applied_safe) += result.applied.size();
  CHECK(result.converged);
  const podlint::yaml::Stream before_stream = podlint::yaml::parse(text);
  const podlint::yaml::Stream after_stream = podlint::yaml::parse(result.text);
  const Health was = health(before_stream), is = health(after_stream);
  CHECK(is.documents == was.documents);
  CHECK(is.errors <= was.errors);
  // The fixed findings are gone, and no other appears.
  const auto before_keys = keys(before);
  const auto after_keys = keys(result.report);
  std::map<std::string, int> fixed;
  for (const auto& applied : result.applied)
    ++fixed[key(applied.finding)];
  for (const auto& [k, n] : fixed) {
    INFO("fixed: " << k);
    const int had = before_keys.contains(k) ? before_keys.at(k) : 0;
    CHECK((after_keys.contains(k) ? after_keys.at(k) : 0) <= std::max(0, had - n));
  }
  // What changed: a leaf with a new value, or the top of a subtree that was
  // not there (a renamed key's whole value, a securityContext added).
  std::vector<std::pair<size_t, std::string>> changed;
  for (size_t doc = 0; doc < std::min(before_stream.documents.size(), after_stream.documents.size()); ++doc) {
    const auto old_leaves = leaves(before_stream.documents[doc]);
    std::set<std::string> old_paths;
    for (const auto& leaf : old_leaves) {
      std::string path = leaf.first;
      while (!path.empty() && old_paths.insert(path).second)
        path = parent(path);
    }
    for (const auto& leaf : leaves(after_stream.documents[doc])) {
      if (old_leaves.contains(leaf)) continue;
      std::string top = leaf.first;
      while (!parent(top).empty() && !old_paths.contains(parent(top)))
        top = parent(top);
      changed.emplace_back(doc, top);
    }
  }
  std::map<std::string, int> revealed;
  check_new_findings(before, result.report, after_stream, changed, revealed);
  for (const auto& [k, n] : revealed)
    counts.revealed += static_cast<size_t>(n);
  // Every comment is still there but those a fix removed.
  const auto now = comments(after_stream);
  for (const auto& comment : comments(before_stream)) {
    INFO("comment: #" << comment);
    CHECK((now.count(comment) >= comments(before_stream).count(comment) ||
           removable_comments.contains(comment)));
  }
  // A second run has nothing left to do.
  const podlint::FixResult again = podlint::fix_text(file.string(), result.text, {}, {.unsafe = unsafe});
  CHECK(again.text == result.text);
  CHECK(again.applied.empty());
}

}  // namespace

TEST_CASE("every fix keeps the file whole: it parses, its finding goes, nothing else changes",
          "[fix][property]") {
  bool corpus_found = false;
  const std::vector<fs::path> files = inputs(corpus_found);
  if (!corpus_found) WARN("../shared/corpus not found: only the fixtures and examples are fixed");
  Counts counts;
  for (const fs::path& file : files) {
    const std::string text = read_file(file);
    const FileReport before = podlint::lint_text(file.string(), text);
    const podlint::yaml::Stream before_stream = podlint::yaml::parse(text);
    std::multiset<std::string> removable_comments;
    std::map<std::string, int> revealed;  // by the fixes one by one: not counted, the whole run's are
    ++counts.files;
    for (const Diagnostic& d : before.diagnostics) {
      for (const Fix& fix : d.fixes) {
        ++counts.fixes;
        check_one_fix(file, text, before_stream, before, d, fix, removable_comments, revealed);
      }
    }
    check_whole_file(file, text, before, false, removable_comments, counts);
    check_whole_file(file, text, before, true, removable_comments, counts);
  }
  WARN(counts.files << " files: " << counts.fixes << " fixes checked one by one; podlint fix applied "
                    << counts.applied_safe << " (" << counts.applied_unsafe << " with --unsafe), bringing "
                    << counts.revealed << " findings to light in what they made readable");
  CHECK(counts.fixes > 50);  // the fixtures alone offer more
}
