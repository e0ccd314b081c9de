// probe-handler-count: a probe needs exactly one of exec, httpGet, tcpSocket, grpc.
#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class ProbeHandlerCount final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "probe-handler-count",
        .severity = Severity::Error,
        .category = Category::Probes,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      for (const auto& [field, probe] : rules::probes_of(*c)) {
        if (!probe->node || !yaml::resolve(*probe->node).is_mapping()) continue;
        // `sleep` is a lifecycle handler: a probe does not have that field.
        std::vector<const model::Handler*> handlers;
        for (const model::Handler& h : probe->handlers) {
          if (h.key && h.kind != model::HandlerKind::Sleep) handlers.push_back(&h);
        }
        if (handlers.empty()) {
          reporter.report(probe->key ? probe->key->span : probe->node->span,
                          std::string(field) + " of " + rules::describe(*c) +
                              " has no handler: set one of exec, httpGet, tcpSocket or grpc");
          continue;
        }
        for (size_t i = 1; i < handlers.size(); ++i) {
          const std::string_view first = handlers[0]->key->value, extra = handlers[i]->key->value;
          Diagnostic& d = reporter.report(handlers[i]->key->span,
                                          std::string(field) + " of " + rules::describe(*c) + " has both " +
                                              std::string(first) + " and " + std::string(extra) +
                                              ", but a probe takes exactly one handler");
          d.related.push_back({handlers[0]->key->span, "first handler"});
        }
      }
    }
  }
};

PODLINT_REGISTER_RULE(ProbeHandlerCount);

}  // namespace
}  // namespace podlint
