// unresolved-reference: a reference to a key of a ConfigMap or Secret of the
// run that lacks it (and, as an option, to a ConfigMap, Secret or
// ServiceAccount the run does not define).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

const BoolOption kMissingObjects{"missing-objects", false};
constexpr std::array<const OptionSpec*, 1> kOptions{&kMissingObjects};

std::string quoted_list(const std::vector<std::string>& keys) {
  if (keys.empty()) return "it has no keys";
  std::string out = "it has ";
  for (size_t i = 0; i < keys.size() && i < 8; ++i)
    out += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", keys[i]);
  if (keys.size() > 8) out += fmt::format(" and {} more", keys.size() - 8);
  return out;
}

class UnresolvedReference final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "unresolved-reference",
        .severity = Severity::Error,
        .category = Category::References,
        .consequence = Consequence::Fails,
        .options = kOptions,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const Context context{workload, reporter, reporter.option(kMissingObjects)};
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      const std::string effect = rules::describe(*c) + " cannot start (CreateContainerConfigError)";
      for (const model::EnvVar& env : c->env)
        for (const model::ConfigRef& ref : env.key_refs)
          check(context, ref, effect);
      for (const model::EnvFromSource& from : c->env_from)
        for (const model::ConfigRef& ref : from.refs)
          check(context, ref, effect);
    }
    check_service_account(context);
    for (const model::Volume& volume : workload.pod_spec->volumes) {
      const std::string effect =
          volume.name.valid()
              ? fmt::format("volume \"{}\" cannot be mounted, so the pod does not start", volume.name.value)
              : std::string("a volume cannot be mounted, so the pod does not start");
      for (const model::ConfigRef& ref : volume.config_refs)
        check(context, ref, effect);
    }
  }

 private:
  struct Context {
    const model::Workload& workload;
    Reporter& reporter;
    bool missing_objects;
  };

  static void check(const Context& context, const model::ConfigRef& ref, const std::string& effect) {
    if (!ref.name.valid() || ref.name.value.empty()) return;
    if (ref.optional.valid() && ref.optional.value) return;
    const std::string_view kind = ref.secret ? "Secret" : "ConfigMap";
    const std::string_view ns = context.workload.namespace_.value;
    const IndexedObject* object = context.reporter.index().find_in_namespace(kind, ns, ref.name.value);
    if (!object) {
      if (context.missing_objects)
        context.reporter.report(
            ref.name.span(),
            fmt::format("{} \"{}\" is not among the linted objects{}: {}", kind, ref.name.value,
                        ns.empty() ? "" : fmt::format(" of namespace \"{}\"", ns), effect));
      return;
    }
    if (object->keys_filled_in) return;
    const auto lacks = [&](std::string_view key) {
      return std::find(object->keys.begin(), object->keys.end(), key) == object->keys.end();
    };
    if (ref.item_key.valid() && !ref.item_key.value.empty() && lacks(ref.item_key.value))
      report_key(context, *object, kind, ref.name.value, ref.item_key, effect);
    for (const model::KeyToPath& item : ref.items)
      if (item.key.valid() && !item.key.value.empty() && lacks(item.key.value))
        report_key(context, *object, kind, ref.name.value, item.key, effect);
  }

  // Every namespace has the service account "default"; others must exist
  // before a pod can use them.
  static void check_service_account(const Context& context) {
    const model::Field<std::string_view>& account = context.workload.pod_spec->service_account_name;
    if (!context.missing_objects || !account.valid() || account.value.empty() || account.value == "default")
      return;
    const std::string_view ns = context.workload.namespace_.value;
    if (context.reporter.index().find_in_namespace("ServiceAccount", ns, account.value)) return;
    context.reporter.report(
        account.span(),
        fmt::format("ServiceAccount \"{}\" is not among the linted objects{}: the API server "
                    "refuses to create the pods",
                    account.value, ns.empty() ? "" : fmt::format(" of namespace \"{}\"", ns)));
  }

  static void report_key(const Context& context, const IndexedObject& object, std::string_view kind,
                         std::string_view name, const model::Field<std::string_view>& key,
                         const std::string& effect) {
    std::vector<std::string_view> candidates(object.keys.begin(), object.keys.end());
    const bool here = object.input == context.reporter.input();
    Diagnostic& d = context.reporter.report(
        key.span(), fmt::format("{} \"{}\" has no key \"{}\" ({}{}): {}{}", kind, name, key.value,
                                quoted_list(object.keys),
                                here ? "" : fmt::format(", in {}:{}", object.input, object.span.begin.line),
                                effect, text::did_you_mean(key.value, candidates)));
    if (here) d.related.push_back({object.span, fmt::format("{} \"{}\" is defined here", kind, name)});
  }
};

PODLINT_REGISTER_RULE(UnresolvedReference);

}  // namespace
}  // namespace podlint
