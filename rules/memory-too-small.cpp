// memory-too-small: a memory request or limit below 1Mi, the mark of a
// missing or mistaken unit (512m is 0.512 bytes, 512 is 512 bytes).
#include <fmt/format.h>

#include "engine/edits.hpp"
#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "support/quantity.hpp"

namespace podlint {
namespace {

constexpr __int128 kMebibyteMilli = static_cast<__int128>(1024) * 1024 * 1000;

// "0.512 bytes", "512 bytes", "500 KiB".
std::string in_bytes(const rules::Quantity& q) {
  const auto milli = static_cast<int64_t>(q.milli);
  if (milli % 1000 != 0) {
    std::string fraction = fmt::format("{:03}", milli % 1000);
    while (fraction.back() == '0')
      fraction.pop_back();
    return fmt::format("{}.{} bytes", milli / 1000, fraction);
  }
  return fmt::format("{} byte{}", milli / 1000, milli == 1000 ? "" : "s");
}

// "512Mi" for "512m" or "512": the unit most likely meant.
std::string likely_meant(std::string_view text) {
  std::string_view digits = text;
  if (digits.ends_with('m')) digits.remove_suffix(1);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return {};
  return std::string(digits) + "Mi";
}

// `meant` in place of the quantity, in its quotes. Not for an anchored value
// (its aliases, a cpu among them maybe, would change too) nor a tag other
// than !!str (`!!int 512Mi` would not load). A plain `512` is an integer, and
// replace_scalar() keeps a scalar's type by quoting: `512Mi` is plain text
// wherever it stands.
std::optional<Edit> unit_edit(std::string_view source, const yaml::Node& value, const std::string& meant) {
  if (!value.is_scalar() || !value.anchor.empty() ||
      !(value.tag.empty() || value.tag == "tag:yaml.org,2002:str"))
    return std::nullopt;
  const Editor editor(source, nullptr);
  if (value.style == yaml::ScalarStyle::Plain)
    return editor.replace(value.span.begin.offset, value.span.end.offset, meant, value.span.begin);
  return editor.replace_scalar(value, meant);
}

class MemoryTooSmall final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "memory-too-small",
        .severity = Severity::Error,
        .category = Category::Resources,
        .consequence = Consequence::Fails,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (!c->resources) continue;
      check(rules::find_entry(c->resources->limits, "memory"), true, *c, reporter);
      check(rules::find_entry(c->resources->requests, "memory"), false, *c, reporter);
    }
  }

 private:
  static void check(const model::ResourceQuantity* entry, bool limit, const model::Container& c,
                    Reporter& reporter) {
    if (!entry) return;
    const auto quantity = rules::entry_quantity(*entry);
    // Zero means none; negative values are invalid-quantity's.
    if (!quantity || quantity->milli <= 0 || quantity->milli >= kMebibyteMilli) return;
    const std::string text(entry->quantity);
    const std::string meant = likely_meant(text);
    const std::string unit_hint = text.ends_with('m') ? "\"m\" means thousandths, not mega" : "";
    std::string hint = unit_hint;
    if (!meant.empty()) hint += fmt::format("{}did you mean \"{}\"?", hint.empty() ? "" : ": ", meant);
    const std::string effect = limit ? "so it is killed for lack of memory as soon as it starts"
                                     : "so the scheduler reserves no memory for it";
    Diagnostic& finding = reporter.report(
        entry->value->span,
        fmt::format("memory {} \"{}\" of {} is {}, {}{}", limit ? "limit" : "request", text,
                    rules::describe(c), in_bytes(*quantity), effect, hint.empty() ? "" : " (" + hint + ")"));
    // Unsafe: the container gets over a million times the memory written.
    if (meant.empty()) return;
    if (auto edit = unit_edit(reporter.source(), *entry->value, meant))
      finding.fixes.push_back(
          {fmt::format("Change \"{}\" to \"{}\"", text, meant), Applicability::Unsafe, {std::move(*edit)}});
  }
};

PODLINT_REGISTER_RULE(MemoryTooSmall);

}  // namespace
}  // namespace podlint
