// image-tag: an image without a tag or with :latest, whose content changes
// under the manifest (and, with require-digest, any image not pinned by
// digest).
#include <fmt/format.h>

#include <array>

#include "engine/rule.hpp"
#include "support/image_reference.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

const BoolOption kRequireDigest{"require-digest", false};
constexpr std::array<const OptionSpec*, 1> kOptions{&kRequireDigest};

class ImageTag final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "image-tag",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .options = kOptions,
        .security_severity = 3.5,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const bool require_digest = reporter.option(kRequireDigest);
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      if (!container->image.valid()) continue;
      const std::string_view image = container->image.value;
      const rules::ImageReference ref = rules::parse_image_reference(image);
      if (!ref.valid() || !ref.digest.empty()) continue;  // a digest pins it, whatever the tag says
      const std::string who = rules::describe(*container);
      if (!ref.tag.empty() && ref.tag != "latest") {
        if (require_digest)
          reporter.report(
              container->image.span(),
              fmt::format("{} uses image \"{}\", which is not pinned by digest (@sha256:...)", who, image));
        continue;
      }
      const std::string what =
          ref.tag.empty() ? "has no tag, so it means \"latest\"" : "is tagged \"latest\"";
      const model::Field<std::string_view>& policy = container->image_pull_policy;
      if (policy.valid() && policy.value != "Always") {
        // A node then keeps whichever "latest" it pulled first.
        Diagnostic& d = reporter.report(
            container->image.span(),
            fmt::format("{}'s image \"{}\" {}: with imagePullPolicy {}, each node runs whichever version it "
                        "pulled first",
                        who, image, what, policy.value));
        d.related.push_back({policy.span(), "the pull policy"});
      } else {
        reporter.report(
            container->image.span(),
            fmt::format("{}'s image \"{}\" {}: each pull (imagePullPolicy {}{}) may bring another "
                        "version",
                        who, image, what, rules::default_pull_policy(ref),
                        policy.valid() ? "" : ", the default for it"));
      }
    }
  }
};

PODLINT_REGISTER_RULE(ImageTag);

}  // namespace
}  // namespace podlint
