// invalid-quantity: every requests/limits value must be a quantity the API can parse.
#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"
#include "support/quantity.hpp"

namespace podlint {
namespace {

class InvalidQuantity final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-quantity",
        .severity = Severity::Error,
        .category = "resources",
        .summary = "A resource request or limit is not a valid quantity",
        .what =
            "Parses every value under resources.requests and resources.limits with the Kubernetes "
            "quantity grammar (a number, then one of the suffixes Ki Mi Gi Ti Pi Ei, n u m k M G T P "
            "E, or an exponent such as e3) and reports values it rejects, suggesting the likely "
            "spelling: 512MB becomes 512M or 512Mi, 1.5 Gi becomes 1.5Gi. It also reports negative "
            "values and fractional values of extended resources.",
        .why =
            "The API server cannot decode the object at all (\"quantities must match the regular "
            "expression ...\"), and the suffixes are case-sensitive and unlike the usual byte units, "
            "so the mistake is easy to make: K, KB, Gb, gi and a space before the unit are all "
            "rejected. Negative values and fractional extended resources are rejected too.",
        .bad = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 8080
      resources:
        requests: {cpu: 100m, memory: 64MB}
        limits: {memory: 128 Mi}
      livenessProbe:
        httpGet: {path: /healthz, port: http}
      readinessProbe:
        httpGet: {path: /ready, port: http}
)",
        .good = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      ports:
        - name: http
          containerPort: 8080
      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits: {memory: 128Mi}
      livenessProbe:
        httpGet: {path: /healthz, port: http}
      readinessProbe:
        httpGet: {path: /ready, port: http}
)",
        .fix =
            "Write the number and the suffix together, with the suffix's exact case: Mi and Gi for "
            "powers of 1024 (what memory is usually meant in), M and G for powers of 1000, m for "
            "thousandths of a CPU, k (lowercase) for a thousand.",
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      if (!c->resources) continue;
      check_list(c->resources->requests, false, reporter);
      check_list(c->resources->limits, true, reporter);
    }
  }

 private:
  static void check_list(const std::vector<model::ResourceQuantity>& list, bool is_limit,
                         Reporter& reporter) {
    for (const model::ResourceQuantity& entry : list) {
      if (!rules::has_quantity_text(entry)) continue;
      const std::string what =
          rules::entry_label(entry, is_limit) + " \"" + std::string(entry.quantity) + "\"";
      const rules::ParsedQuantity parsed = rules::parse_quantity(entry.quantity);
      if (!parsed.ok) {
        std::string message = what + " is not a valid quantity: " + parsed.problem;
        for (size_t i = 0; i < parsed.suggestions.size(); ++i)
          message += (i == 0 ? ", did you mean \"" : "\" or \"") + parsed.suggestions[i];
        if (!parsed.suggestions.empty()) message += "\"?";
        reporter.report(entry.value->span, message);
      } else if (parsed.value.negative()) {
        reporter.report(entry.value->span, what + " must not be negative");
      } else if (rules::is_extended_resource(entry.name) && !parsed.value.is_integer()) {
        reporter.report(entry.value->span,
                        what + " must be a whole number: extended resources are not divisible");
      }
    }
  }
};

PODLINT_REGISTER_RULE(InvalidQuantity);

}  // namespace
}  // namespace podlint
