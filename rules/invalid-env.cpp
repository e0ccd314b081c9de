// invalid-env: an env var or envFrom entry the API server rejects: a value
// and a valueFrom together, no source or two of them, a fieldRef or
// resourceFieldRef it does not support.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "model/scalar.hpp"
#include "support/pod_helpers.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

constexpr std::string_view kEnvFieldPaths[] = {
    "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
    "status.hostIP", "status.hostIPs",     "status.podIP", "status.podIPs"};

constexpr std::string_view kResources[] = {"limits.cpu",   "limits.memory",   "limits.ephemeral-storage",
                                           "requests.cpu", "requests.memory", "requests.ephemeral-storage"};

constexpr std::string_view kCpuDivisors[] = {"1m", "1"};
constexpr std::string_view kByteDivisors[] = {"1",   "1k",  "1M",  "1G",  "1T",  "1P", "1E",
                                              "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"};

template <size_t N>
bool listed(const std::string_view (&list)[N], std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

template <size_t N>
std::string join(const std::string_view (&list)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i)
    out += fmt::format("{}{}", i == 0 ? "" : i + 1 == N ? " or " : ", ", list[i]);
  return out;
}

// What is wrong with a fieldRef's fieldPath in an env var; empty when fine.
std::string field_path_problem(std::string_view path) {
  if (listed(kEnvFieldPaths, path)) return {};
  for (std::string_view map : {"metadata.labels", "metadata.annotations"}) {
    if (path == map) return fmt::format("an env var cannot hold all of {}: name one, as {}['key']", map, map);
    if (path.starts_with(map) && path.size() > map.size() && path[map.size()] == '[') {
      const bool quoted =
          path.ends_with("']") && path.size() >= map.size() + 4 && path[map.size() + 1] == '\'';
      if (!quoted) return fmt::format("write the key quoted: {}['key']", map);
      return {};
    }
  }
  if (path.find('[') != std::string_view::npos)
    return "only metadata.labels and metadata.annotations take a subscript";
  return "supported are metadata.name, metadata.namespace, metadata.uid, metadata.labels['KEY'], "
         "metadata.annotations['KEY'], spec.nodeName, spec.serviceAccountName, status.hostIP, "
         "status.hostIPs, "
         "status.podIP and status.podIPs" +
         text::did_you_mean(path, kEnvFieldPaths);
}

class InvalidEnv final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-env",
        .severity = Severity::Error,
        .category = Category::Env,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      for (const model::EnvVar& env : c->env)
        check_env(env, *c, reporter);
      for (const model::EnvFromSource& from : c->env_from)
        check_env_from(from, *c, reporter);
    }
  }

 private:
  static std::string name_of(const model::EnvVar& env) {
    return env.name.valid() ? fmt::format("env var \"{}\"", env.name.value) : std::string("an env var");
  }

  static void check_env(const model::EnvVar& env, const model::Container& c, Reporter& reporter) {
    if (!env.value_from || rules::is_null(env.value_from)) return;
    const std::string who = name_of(env) + " of " + rules::describe(c);
    if (env.value.valid() && !env.value.value.empty()) {
      reporter.report(env.value_from_key->span,
                      fmt::format("{} has both a value and a valueFrom: keep one", who));
    }
    if (env.sources.empty()) {
      reporter.report(env.value_from_key->span,
                      fmt::format("the valueFrom of {} names no source: give it one of fieldRef, "
                                  "resourceFieldRef, configMapKeyRef or secretKeyRef",
                                  who));
      return;
    }
    for (size_t i = 1; i < env.sources.size(); ++i)
      reporter.report(env.sources[i]->span,
                      fmt::format("the valueFrom of {} already reads {}: a valueFrom has exactly one source",
                                  who, env.sources[0]->value));
    for (const model::ConfigRef& ref : env.key_refs)
      if (ref.name.valid() && ref.name.value.empty())
        reporter.report(ref.name.span(), fmt::format("the {} of {} names no {}", ref.key->value, who,
                                                     ref.secret ? "Secret" : "ConfigMap"));
    if (env.field_path.valid()) {
      if (const std::string problem = field_path_problem(env.field_path.value); !problem.empty())
        reporter.report(env.field_path.span(), fmt::format("fieldRef \"{}\" of {} is not supported: {}",
                                                           env.field_path.value, who, problem));
    }
    if (env.resource.valid()) check_resource_field(env, who, reporter);
  }

  static void check_resource_field(const model::EnvVar& env, const std::string& who, Reporter& reporter) {
    const std::string_view resource = env.resource.value;
    const bool hugepages =
        resource.starts_with("requests.hugepages-") || resource.starts_with("limits.hugepages-");
    if (!listed(kResources, resource) && !hugepages) {
      reporter.report(env.resource.span(),
                      fmt::format("resourceFieldRef \"{}\" of {} is not supported: use one of {}, or "
                                  "requests.hugepages-SIZE or limits.hugepages-SIZE{}",
                                  resource, who, join(kResources), text::did_you_mean(resource, kResources)));
      return;
    }
    if (!env.divisor || model::scalar_type(*env.divisor) == model::ScalarType::Null) return;
    const yaml::Node& divisor = yaml::resolve(*env.divisor);
    if (!divisor.is_scalar()) return;
    const bool cpu = resource.ends_with(".cpu");
    const bool ok = cpu ? listed(kCpuDivisors, divisor.value) : listed(kByteDivisors, divisor.value);
    if (ok) return;
    reporter.report(divisor.span,
                    fmt::format("divisor \"{}\" of {} is not supported for {}: use {}", divisor.value, who,
                                resource, cpu ? join(kCpuDivisors) : join(kByteDivisors)));
  }

  static void check_env_from(const model::EnvFromSource& from, const model::Container& c,
                             Reporter& reporter) {
    if (from.sources.empty()) {
      reporter.report(from.node->span,
                      fmt::format("an envFrom entry of {} names neither a configMapRef nor a "
                                  "secretRef: give it one",
                                  rules::describe(c)));
      return;
    }
    for (size_t i = 1; i < from.sources.size(); ++i)
      reporter.report(
          from.sources[i]->span,
          fmt::format("an envFrom entry of {} already reads {}: each entry has exactly one source, "
                      "so list the other as an entry of its own",
                      rules::describe(c), from.sources[0]->value));
  }
};

PODLINT_REGISTER_RULE(InvalidEnv);

}  // namespace
}  // namespace podlint
