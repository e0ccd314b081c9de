#include "engine/suppression.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "engine/edits.hpp"
#include "engine/rule.hpp"
#include "text/suggest.hpp"

namespace podlint {

namespace {

constexpr std::string_view kDirectivePrefix = "podlint-";
constexpr std::string_view kAnnotationPrefix = "podlint.dev/";
constexpr std::string_view kIgnoreAnnotation = "podlint.dev/ignore";
// When several waivers waive one finding, the first in WaiverScope's order is
// the one recorded (all of them count as used).
using Scope = WaiverScope;

struct Directive {
  std::string_view name;
  Scope scope;
  bool next_line;
};

constexpr std::array<Directive, 3> kDirectives{{
    {"podlint-disable-next-line", Scope::Line, true},
    {"podlint-disable-line", Scope::Line, false},
    {"podlint-disable-file", Scope::File, false},
}};
constexpr std::array<std::string_view, 1> kAnnotations{kIgnoreAnnotation};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Text from one line of the input (a comment, a scalar as written), so that
// each word of it gets its exact span. Text that was unescaped or folded
// differs from the input: its words are placed at the whole.
struct Located {
  std::string_view text;
  yaml::Span whole;
  bool exact = true;

  // `part` must be a view into `text`.
  yaml::Span span_of(std::string_view part) const {
    if (!exact) return whole;
    const auto delta = static_cast<uint32_t>(part.data() - text.data());
    const auto size = static_cast<uint32_t>(part.size());
    yaml::Position begin = whole.begin;
    begin.offset += delta;
    begin.column += delta;
    yaml::Position end = begin;
    end.offset += size;
    end.column += size;
    return {begin, end};
  }
};

Located located(std::string_view text, const yaml::Comment& comment) {
  yaml::Span after_hash = comment.span;
  ++after_hash.begin.offset;
  ++after_hash.begin.column;
  const bool exact = comment.text.size() == after_hash.end.offset - after_hash.begin.offset &&
                     after_hash.end.offset <= text.size();
  return {comment.text, after_hash, exact};
}

Located located(std::string_view text, const yaml::Node& scalar) {
  yaml::Span inner = scalar.span;
  if (inner.end.offset > text.size() || inner.end.offset < inner.begin.offset)
    return {scalar.value, inner, false};
  std::string_view raw = text.substr(inner.begin.offset, inner.end.offset - inner.begin.offset);
  const bool quoted =
      scalar.style == yaml::ScalarStyle::SingleQuoted || scalar.style == yaml::ScalarStyle::DoubleQuoted;
  if (quoted && raw.size() >= 2) {
    raw = raw.substr(1, raw.size() - 2);
    ++inner.begin.offset;
    ++inner.begin.column;
    --inner.end.offset;
    --inner.end.column;
  }
  if (raw != scalar.value) return {scalar.value, scalar.span, false};
  return {raw, inner, true};
}

struct ListedRule {
  std::string_view id;
  yaml::Span span;
  bool used = false;
  size_t word = 0;  // its place in Waiver::words
};

struct Waiver {
  Scope scope = Scope::Line;
  std::string_view form;  // "podlint-disable-line", "podlint.dev/ignore.web"...
  yaml::Span span;        // the whole comment, or the annotation from key to value
  yaml::Span form_span;   // the directive, or the annotation's key
  std::string justification;
  bool all_rules = false;
  bool used = false;  // all_rules only; a listed rule keeps its own
  std::vector<ListedRule> rules;
  uint32_t line = 0;                           // Scope::Line: the line covered; 0 when there is none
  yaml::Span region;                           // Scope::Container, Scope::Object: the node covered
  std::string_view kind, name;                 // Scope::Object: the object; Scope::Container: the container
  std::set<std::string, std::less<>> refused;  // all_rules: rules it may not waive, reported once
  std::vector<yaml::Span> words;               // every word of its list, rule ids or not
  bool words_exact = true;                     // the words' spans are exact (the text was not unescaped)
  std::optional<Edit> removal;                 // the edit that removes the whole waiver

  // Whether a file or annotation waiver applies at `offset` (a line waiver is
  // looked up by its line).
  bool covers(uint32_t offset) const {
    return scope == Scope::File || (region.begin.offset <= offset && offset <= region.end.offset);
  }
};

const std::vector<std::string_view>& rule_ids() {
  static const std::vector<std::string_view> ids = [] {
    std::vector<std::string_view> out;
    for (const auto& rule : all_rules())
      out.push_back(rule->info().id);
    return out;
  }();
  return ids;
}

// Reads the waivers of one document and what is wrong with them.
class WaiverReader {
 public:
  WaiverReader(std::string_view text, const yaml::Document& document, const LintConfig& config)
      : text_(text), document_(document), config_(config), editor_(text, nullptr) {}

  // The edit that takes a listed rule out of its waiver: the rule and the
  // separator after it (before it, for the last); the whole waiver when the
  // rule is all it lists.
  std::optional<Edit> removal(const Waiver& waiver, size_t word) const;

  void read_comment(const yaml::Comment& comment);
  void read_annotations(const model::Workload& workload, const yaml::Node* metadata);

  std::vector<Waiver> waivers;
  std::vector<WaiverProblem> problems;

 private:
  void problem(WaiverProblem&& problem) { problems.push_back(problem); }
  void read_rule_list(const Located& source, std::string_view list, Waiver& waiver, bool empty_means_all);
  void keep(Waiver&& waiver) {
    if (waiver.all_rules || !waiver.rules.empty()) waivers.push_back(std::move(waiver));
  }
  bool is_comment_at(size_t offset) const;
  uint32_t next_content_line(const yaml::Comment& comment);

  std::string_view text_;
  const yaml::Document& document_;
  const LintConfig& config_;
  Editor editor_;
  // The last next_content_line() search: everything from its start to its
  // result was blank or comments, so a later comment in between shares the
  // result (a run of directives is not scanned over and over).
  size_t searched_from_ = 0;
  size_t found_at_ = 0;
  uint32_t found_line_ = 0;
};

// "rule-a,rule-b -- why": rule ids separated by commas or blanks, "*" for
// every rule, then an optional justification after a "--" standing alone.
void WaiverReader::read_rule_list(const Located& source, std::string_view list, Waiver& waiver,
                                  bool empty_means_all) {
  for (size_t at = list.find("--"); at != std::string_view::npos; at = list.find("--", at + 1)) {
    if ((at == 0 || is_blank(list[at - 1])) && (at + 2 == list.size() || is_blank(list[at + 2]))) {
      waiver.justification = std::string(trim(list.substr(at + 2)));
      list = list.substr(0, at);
      break;
    }
  }
  std::string_view star;
  size_t words = 0;
  while (!list.empty()) {
    const size_t begin = list.find_first_not_of(", \t\r");
    if (begin == std::string_view::npos) break;
    list.remove_prefix(begin);
    const std::string_view id = list.substr(0, list.find_first_of(", \t\r"));
    list.remove_prefix(id.size());
    ++words;
    waiver.words.push_back(source.span_of(id));
    waiver.words_exact = source.exact;
    if (id == "*") {
      star = id;
      continue;
    }
    const Rule* rule = find_rule(id);
    if (rule == nullptr) {
      problem({.issue = WaiverIssue::UnknownRule,
               .span = source.span_of(id),
               .word = id,
               .suggestion = text::closest(id, rule_ids())});
    } else if (!rule->info().suppressible) {
      problem({.issue = WaiverIssue::NeverSuppressible, .span = source.span_of(id), .word = id});
    } else if (!config_.suppression_allowed(id)) {
      problem({.issue = WaiverIssue::NoSuppress, .span = source.span_of(id), .word = id});
    } else {
      waiver.rules.push_back({id, source.span_of(id), false, waiver.words.size() - 1});
    }
  }
  if (!star.empty()) {
    if (words == 1) {
      waiver.all_rules = true;
    } else {
      problem({.issue = WaiverIssue::StarWithRules, .span = source.span_of(star)});
    }
  } else if (words == 0) {
    if (empty_means_all) {
      waiver.all_rules = true;
    } else {
      problem({.issue = WaiverIssue::NoRuleListed, .span = waiver.form_span, .form = waiver.form});
    }
  }
}

bool WaiverReader::is_comment_at(size_t offset) const {
  const auto& comments = document_.comments;
  const auto it =
      std::lower_bound(comments.begin(), comments.end(), offset,
                       [](const yaml::Comment& c, size_t at) { return c.span.begin.offset < at; });
  return it != comments.end() && it->span.begin.offset == offset;
}

// The line a podlint-disable-next-line comment covers: the next one that is
// neither blank nor a comment alone; 0 when the input ends first.
uint32_t WaiverReader::next_content_line(const yaml::Comment& comment) {
  const size_t from = comment.span.end.offset;
  if (searched_from_ < from && from <= found_at_) return found_line_;
  uint32_t line = comment.span.begin.line;
  size_t at = from;
  for (;;) {
    const size_t eol = text_.find('\n', at);
    const size_t first = eol == std::string_view::npos ? eol : text_.find_first_not_of(" \t\r", eol + 1);
    if (first == std::string_view::npos) {
      line = 0;
      at = text_.size();
      break;
    }
    at = eol + 1;
    ++line;
    if (text_[first] == '\n' || (text_[first] == '#' && is_comment_at(first))) continue;
    break;
  }
  searched_from_ = from;
  found_at_ = at;
  found_line_ = line;
  return line;
}

void WaiverReader::read_comment(const yaml::Comment& comment) {
  const Located source = located(text_, comment);
  std::string_view rest = comment.text;
  rest.remove_prefix(std::min(rest.size(), rest.find_first_not_of(" \t")));
  const std::string_view word = rest.substr(0, rest.find_first_of(" \t"));
  if (!word.starts_with(kDirectivePrefix)) return;
  const auto directive = std::find_if(kDirectives.begin(), kDirectives.end(),
                                      [&](const Directive& d) { return d.name == word; });
  if (directive == kDirectives.end()) {
    std::array<std::string_view, kDirectives.size()> names;
    std::transform(kDirectives.begin(), kDirectives.end(), names.begin(),
                   [](const Directive& d) { return d.name; });
    problem({.issue = WaiverIssue::UnknownDirective,
             .span = source.span_of(word),
             .word = word,
             .suggestion = text::closest(word, names)});
    return;
  }
  Waiver waiver;
  waiver.scope = directive->scope;
  waiver.form = directive->name;
  waiver.span = comment.span;
  waiver.removal = editor_.remove_comment(comment);
  waiver.form_span = source.span_of(word);
  if (!config_.allow_suppressions) {
    problem({.issue = WaiverIssue::SuppressionsOff, .span = waiver.form_span});
    return;
  }
  if (directive->next_line) {
    waiver.line = next_content_line(comment);
  } else if (directive->scope == Scope::Line) {
    const size_t line_start = comment.span.begin.offset - (comment.span.begin.column - 1);
    if (trim(text_.substr(line_start, comment.span.begin.offset - line_start)).empty()) {
      problem({.issue = WaiverIssue::LineDirectiveAlone, .span = waiver.form_span});
      return;
    }
    waiver.line = comment.span.begin.line;
  }
  read_rule_list(source, rest.substr(word.size()), waiver, true);
  keep(std::move(waiver));
}

void WaiverReader::read_annotations(const model::Workload& workload, const yaml::Node* metadata) {
  if (metadata == nullptr || !metadata->is_mapping()) return;
  const yaml::Node* annotations = yaml::find(*metadata, "annotations");
  if (annotations == nullptr || !annotations->is_mapping()) return;
  // The annotations mapping goes with its last annotation.
  std::optional<Edit> without_annotations;
  for (size_t i = 0; i < metadata->pairs.size() && metadata->pairs.size() > 1; ++i) {
    if (metadata->pairs[i].value == annotations) without_annotations = editor_.remove_pair(*metadata, i);
  }
  for (const yaml::Pair& pair : annotations->pairs) {
    const yaml::Node& key = *pair.key;
    if (!key.is_scalar() || !key.value.starts_with(kAnnotationPrefix)) continue;
    const Located key_source = located(text_, key);
    Waiver waiver;
    if (annotations->pairs.size() == 1) {
      waiver.removal = without_annotations;
    } else if (annotations->anchor.empty()) {
      waiver.removal =
          editor_.remove_pair(*annotations, static_cast<size_t>(&pair - annotations->pairs.data()));
    }
    waiver.form = key.value;
    waiver.form_span = key.span;
    if (key.value == kIgnoreAnnotation) {
      waiver.scope = Scope::Object;
      waiver.region = workload.object->span;
      waiver.kind = workload.kind.value;
      waiver.name = workload.name.value;
    } else if (key.value.starts_with(kIgnoreAnnotation) && key.value[kIgnoreAnnotation.size()] == '.') {
      const std::string_view name = key_source.text.substr(kIgnoreAnnotation.size() + 1);
      const model::Container* container = nullptr;
      std::vector<std::string_view> names;
      if (workload.pod_spec) {
        for (const model::Container* c : workload.pod_spec->all_containers()) {
          if (!c->name.valid()) continue;
          names.push_back(c->name.value);
          if (c->name.value == name) container = c;
        }
      }
      if (container == nullptr) {
        problem({.issue = WaiverIssue::UnknownContainer,
                 .span = name.empty() ? key.span : key_source.span_of(name),
                 .word = name,
                 .suggestion = text::closest(name, names),
                 .kind = workload.kind.value,
                 .name = workload.name.value});
        continue;
      }
      waiver.scope = Scope::Container;
      waiver.region = container->node->span;
      waiver.name = container->name.value;
    } else {
      problem({.issue = WaiverIssue::UnknownAnnotation,
               .span = key.span,
               .word = key.value,
               .suggestion = text::closest(key.value, kAnnotations)});
      continue;
    }
    const yaml::Node& value = yaml::resolve(*pair.value);
    if (!value.is_scalar()) continue;  // not a string: schema validation reports it
    if (!config_.allow_suppressions) {
      problem({.issue = WaiverIssue::SuppressionsOff, .span = key.span});
      continue;
    }
    waiver.span = {key.span.begin, pair.value->span.end};  // an alias's own span, not its target's
    const Located value_source = located(text_, value);
    read_rule_list(value_source, value_source.text, waiver, false);
    keep(std::move(waiver));
  }
}

std::optional<Edit> WaiverReader::removal(const Waiver& waiver, size_t word) const {
  const auto& words = waiver.words;
  if (words.size() == 1) return waiver.removal;
  if (!waiver.words_exact || word >= words.size()) return std::nullopt;
  const bool last = word + 1 == words.size();
  const uint32_t begin = last ? words[word - 1].end.offset : words[word].begin.offset;
  const uint32_t end = last ? words[word].end.offset : words[word + 1].begin.offset;
  return editor_.replace(begin, end, "", words[word].begin);
}

}  // namespace

std::vector<WaiverProblem> apply_suppressions(std::string_view text, const yaml::Document& document,
                                              std::span<const model::Workload> workloads,
                                              std::span<Diagnostic> findings, const LintConfig& config) {
  WaiverReader reader(text, document, config);
  for (const yaml::Comment& comment : document.comments)
    reader.read_comment(comment);
  for (const model::Workload& workload : workloads) {
    reader.read_annotations(workload, yaml::find(*workload.object, "metadata"));
    reader.read_annotations(workload, workload.template_metadata);
  }
  auto& waivers = reader.waivers;
  if (waivers.empty()) return std::move(reader.problems);
  // Line waivers first, by line, so that a finding looks up its own line's;
  // then the others, in the order their scopes take precedence.
  std::stable_sort(waivers.begin(), waivers.end(), [](const Waiver& a, const Waiver& b) {
    return a.scope != b.scope ? a.scope < b.scope : a.scope == Scope::Line && a.line < b.line;
  });
  const auto line_waivers_end = std::partition_point(waivers.begin(), waivers.end(),
                                                     [](const Waiver& w) { return w.scope == Scope::Line; });

  for (Diagnostic& finding : findings) {
    const Rule* rule = find_rule(finding.rule);
    const bool by_nature = rule != nullptr && rule->info().suppressible;
    const bool suppressible = by_nature && config.suppression_allowed(finding.rule);
    const auto waive = [&](Waiver& waiver) {
      if (waiver.all_rules) {
        if (!suppressible) {
          if (waiver.refused.insert(finding.rule).second) {
            reader.problems.push_back(
                {.issue = by_nature ? WaiverIssue::NoSuppress : WaiverIssue::NeverSuppressible,
                 .span = waiver.form_span,
                 .word = rule != nullptr ? rule->info().id : std::string_view(),
                 .form = waiver.form});
          }
          return;
        }
        waiver.used = true;
      } else {
        bool listed = false;
        for (ListedRule& r : waiver.rules) {
          if (r.id == finding.rule) listed = r.used = true;
        }
        if (!listed) return;
      }
      if (!finding.suppression) finding.suppression = Suppression{waiver.span, waiver.justification};
    };
    const uint32_t line = finding.span.begin.line;
    const auto line_begin = std::lower_bound(waivers.begin(), line_waivers_end, line,
                                             [](const Waiver& w, uint32_t l) { return w.line < l; });
    const auto line_end = std::upper_bound(line_begin, line_waivers_end, line,
                                           [](uint32_t l, const Waiver& w) { return l < w.line; });
    for (auto it = line_begin; it != line_end; ++it)
      waive(*it);
    for (auto it = line_waivers_end; it != waivers.end(); ++it) {
      if (it->covers(finding.span.begin.offset)) waive(*it);
    }
  }

  for (const Waiver& waiver : waivers) {
    const WaiverProblem unused{.span = waiver.form_span,
                               .scope = waiver.scope,
                               .line = waiver.line,
                               .kind = waiver.kind,
                               .name = waiver.name};
    if (waiver.all_rules && !waiver.used && waiver.refused.empty()) {
      reader.problems.push_back(unused);
      reader.problems.back().issue = WaiverIssue::NothingWaived;
      reader.problems.back().removal = waiver.removal;
      reader.problems.back().removes_waiver = true;
    }
    for (const ListedRule& r : waiver.rules) {
      // A rule the configuration turns off reports nothing: whether it would have is unknown.
      if (!r.used && config.rule_enabled(r.id)) {
        reader.problems.push_back(unused);
        reader.problems.back().issue = WaiverIssue::RuleNotWaived;
        reader.problems.back().span = r.span;
        reader.problems.back().word = r.id;
        reader.problems.back().removal = reader.removal(waiver, r.word);
        reader.problems.back().removes_waiver = waiver.words.size() == 1;
      }
    }
  }
  return std::move(reader.problems);
}

}  // namespace podlint
