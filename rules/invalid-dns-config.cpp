// invalid-dns-config: dnsPolicy None without nameservers, and a dnsConfig
// beyond the resolver's limits (3 nameservers, 32 search domains, 2048
// characters of them) or with search domains that are no domains.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "schema/formats.hpp"
#include "support/fields.hpp"

namespace podlint {
namespace {

constexpr size_t kMaxNameservers = 3;
constexpr size_t kMaxSearches = 32;
constexpr size_t kMaxSearchCharacters = 2048;

// A search domain: a DNS subdomain once one trailing '.' is trimmed. From
// Kubernetes 1.33 (RelaxedDNSSearchValidation) '_' is allowed in it and a
// lone "." is a search domain too.
bool valid_search(std::string_view search, bool relaxed) {
  if (search == ".") return relaxed;
  if (search.ends_with('.')) search.remove_suffix(1);
  std::string domain(search);
  if (relaxed) std::replace(domain.begin(), domain.end(), '_', 'a');
  return schema::matches_format(schema::Format::Dns1123Subdomain, domain);
}

class InvalidDnsConfig final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-dns-config",
        .severity = Severity::Error,
        .category = Category::Scheduling,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    const yaml::Node* spec = w.pod_spec->node;
    const yaml::Node* config = rules::mapping_field(spec, "dnsConfig");
    const auto nameservers = rules::items(rules::field(config, "nameservers"));
    if (rules::string_value(rules::field(spec, "dnsPolicy")) == "None" && nameservers.empty())
      reporter.report(
          rules::field_span(spec, "dnsPolicy"),
          "dnsPolicy None gives the pod no DNS settings but its dnsConfig: list at least one nameserver "
          "there");
    if (!config) return;
    if (nameservers.size() > kMaxNameservers)
      reporter.report(nameservers[kMaxNameservers]->span,
                      fmt::format("dnsConfig lists {} nameservers: a resolver takes at most {}",
                                  nameservers.size(), kMaxNameservers));
    const auto searches = rules::items(rules::field(config, "searches"));
    if (searches.size() > kMaxSearches)
      reporter.report(searches[kMaxSearches]->span,
                      fmt::format("dnsConfig lists {} search domains: at most {} are "
                                  "allowed",
                                  searches.size(), kMaxSearches));
    const bool relaxed = reporter.facts().kubernetes_minor() >= 33;
    size_t characters = 0;
    for (const yaml::Node* search : searches) {
      const auto text = rules::string_value(search);
      if (!text) continue;
      characters += text->size() + (characters ? 1 : 0);
      if (!valid_search(*text, relaxed))
        reporter.report(search->span,
                        fmt::format("search domain \"{}\" of dnsConfig is not a domain name{}", *text,
                                    relaxed || !valid_search(*text, true)
                                        ? ""
                                        : " (Kubernetes allows '_' and \".\" there from 1.33)"));
    }
    if (characters > kMaxSearchCharacters)
      reporter.report(
          rules::field_span(config, "searches"),
          fmt::format("the search domains of dnsConfig add up to {} characters: at most {} are allowed",
                      characters, kMaxSearchCharacters));
  }
};

PODLINT_REGISTER_RULE(InvalidDnsConfig);

}  // namespace
}  // namespace podlint
