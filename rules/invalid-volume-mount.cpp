// invalid-volume-mount: volume mounts and devices the API server rejects: a
// mountPath used twice, subPath with subPathExpr, Bidirectional propagation
// without privilege, recursive read-only without readOnly, devices that are
// not block volumes.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

class InvalidVolumeMount final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-volume-mount",
        .severity = Severity::Error,
        .category = Category::Volumes,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    for (const model::Container* c : w.pod_spec->all_containers()) {
      check_mounts(*c, *w.pod_spec, reporter);
      check_devices(*c, *w.pod_spec, reporter);
    }
  }

 private:
  static const model::Volume* volume_named(const model::PodSpec& spec, std::string_view name) {
    for (const model::Volume& v : spec.volumes)
      if (v.name.valid() && v.name.value == name) return &v;
    return nullptr;
  }

  static void check_mounts(const model::Container& c, const model::PodSpec& spec, Reporter& reporter) {
    const std::string who = rules::describe(c);
    const bool privileged =
        c.security_context && c.security_context->privileged.valid() && c.security_context->privileged.value;
    const auto& mounts = c.volume_mounts;
    for (size_t k = 0; k < mounts.size(); ++k) {
      const model::VolumeMount& m = mounts[k];
      if (m.mount_path.valid() && !m.mount_path.value.empty()) {
        for (size_t j = 0; j < k; ++j) {
          if (!mounts[j].mount_path.valid() || mounts[j].mount_path.value != m.mount_path.value) continue;
          Diagnostic& d =
              reporter.report(m.mount_path.span(), fmt::format("{} mounts two volumes at \"{}\": each "
                                                               "mountPath of a container must differ",
                                                               who, m.mount_path.value));
          d.related.push_back({mounts[j].mount_path.span(), "first mounted here"});
          break;
        }
        if (std::any_of(c.volume_devices.begin(), c.volume_devices.end(), [&](const model::VolumeDevice& d) {
              return d.device_path.valid() && d.device_path.value == m.mount_path.value;
            }))
          reporter.report(m.mount_path.span(),
                          fmt::format("mountPath \"{}\" of {} is also a devicePath of its "
                                      "volumeDevices",
                                      m.mount_path.value, who));
      }
      if (m.name.valid() &&
          std::any_of(c.volume_devices.begin(), c.volume_devices.end(), [&](const model::VolumeDevice& d) {
            return d.name.valid() && d.name.value == m.name.value;
          }))
        reporter.report(m.name.span(),
                        fmt::format("volume \"{}\" is both mounted and a device of {}: a volume is "
                                    "one or the other",
                                    m.name.value, who));
      if (m.sub_path.present() && m.sub_path_expr.present() && !m.sub_path.value.empty() &&
          !m.sub_path_expr.value.empty())
        reporter.report(m.sub_path_expr.key_span(),
                        fmt::format("a volumeMount of {} sets both subPath and subPathExpr: keep one", who));
      if (const model::Volume* v = m.name.valid() ? volume_named(spec, m.name.value) : nullptr;
          v && v->source() == "image") {
        for (const auto* sub : {&m.sub_path, &m.sub_path_expr})
          if (sub->valid() && !sub->value.empty())
            reporter.report(sub->key_span(),
                            fmt::format("a volumeMount of {} sets a subPath on image volume \"{}\": "
                                        "an image volume is mounted whole",
                                        who, m.name.value));
      }
      const std::string_view propagation = m.mount_propagation.valid() ? m.mount_propagation.value : "";
      if (propagation == "Bidirectional" && !privileged)
        reporter.report(
            m.mount_propagation.span(),
            fmt::format("mountPropagation Bidirectional needs a privileged container, and {} is not", who));
      const std::string_view recursive = m.recursive_read_only.valid() ? m.recursive_read_only.value : "";
      if (recursive == "IfPossible" || recursive == "Enabled") {
        if (!(m.read_only.valid() && m.read_only.value))
          reporter.report(m.recursive_read_only.span(),
                          fmt::format("recursiveReadOnly {} needs readOnly: true on the mount", recursive));
        if (!propagation.empty() && propagation != "None")
          reporter.report(m.recursive_read_only.span(),
                          fmt::format("recursiveReadOnly {} needs mountPropagation None, not {}", recursive,
                                      propagation));
      }
    }
  }

  static void check_devices(const model::Container& c, const model::PodSpec& spec, Reporter& reporter) {
    const std::string who = rules::describe(c);
    const auto& devices = c.volume_devices;
    for (size_t k = 0; k < devices.size(); ++k) {
      const model::VolumeDevice& d = devices[k];
      for (size_t j = 0; j < k; ++j) {
        if (d.name.valid() && devices[j].name.valid() && devices[j].name.value == d.name.value)
          reporter.report(d.name.span(),
                          fmt::format("{} lists volume device \"{}\" twice", who, d.name.value));
        if (d.device_path.valid() && devices[j].device_path.valid() &&
            devices[j].device_path.value == d.device_path.value)
          reporter.report(d.device_path.span(),
                          fmt::format("{} uses devicePath \"{}\" twice", who, d.device_path.value));
      }
      const model::Volume* v = d.name.valid() ? volume_named(spec, d.name.value) : nullptr;
      if (v && !v->source().empty() && v->source() != "persistentVolumeClaim" && v->source() != "ephemeral")
        reporter.report(d.name.span(),
                        fmt::format("volume device \"{}\" of {} has a source of type {}: only "
                                    "persistentVolumeClaim and ephemeral volumes are block devices",
                                    d.name.value, who, v->source()));
    }
  }
};

PODLINT_REGISTER_RULE(InvalidVolumeMount);

}  // namespace
}  // namespace podlint
