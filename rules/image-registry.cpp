// image-registry: an image from a registry the configuration does not allow
// (or, with no list, an image that names no registry and so comes from
// Docker Hub implicitly). Off by default.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "engine/rule.hpp"
#include "support/image_reference.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

std::string check_entry(std::string_view item) {
  if (item.empty() || item.front() == '/' || item.back() == '/' || item.find("://") != std::string_view::npos)
    return fmt::format("\"{}\" is not a registry or a registry/path prefix (e.g. ghcr.io/acme)", item);
  return {};
}

const ListOption kAllowed{"allowed", {}, check_entry};
constexpr std::array<const OptionSpec*, 1> kOptions{&kAllowed};

class ImageRegistry final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "image-registry",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .options = kOptions,
        .enabled_by_default = false,
        .security_severity = 5.0,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const std::vector<std::string>& allowed = reporter.option(kAllowed);
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      if (!container->image.valid()) continue;
      const rules::ImageReference ref = rules::parse_image_reference(container->image.value);
      if (!ref.valid()) continue;
      const std::string who = rules::describe(*container);
      if (allowed.empty()) {
        if (ref.domain.empty())
          reporter.report(container->image.span(),
                          fmt::format("{}'s image \"{}\" names no registry, so it is pulled from {}", who,
                                      container->image.value, ref.registry));
        continue;
      }
      // An entry is a registry ("ghcr.io") or a prefix of repositories ("ghcr.io/acme").
      const std::string full = ref.registry + "/" + ref.repository;
      const bool ok = std::ranges::any_of(allowed, [&](const std::string& entry) {
        return entry == ref.registry ||
               (full.starts_with(entry) && full.size() > entry.size() && full[entry.size()] == '/');
      });
      if (!ok)
        reporter.report(container->image.span(),
                        fmt::format("{}'s image \"{}\" comes from {}, which is not an allowed registry", who,
                                    container->image.value, full));
    }
  }
};

PODLINT_REGISTER_RULE(ImageRegistry);

}  // namespace
}  // namespace podlint
