// sensitive-host-mount: a hostPath volume of a node path that gives the node
// away (the container runtime's socket, /, /etc, /proc, the kubelet's files),
// or of a directory that holds one.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

#include "support/pod_security.hpp"

namespace podlint {
namespace {

std::string check_path(std::string_view item) {
  return item.starts_with('/') ? std::string() : fmt::format("\"{}\" is not an absolute path", item);
}

const ListOption kPaths{
    "paths",
    {"/", "/boot", "/dev", "/etc", "/lib", "/proc", "/root", "/run", "/sys", "/usr", "/var/lib/containerd",
     "/var/lib/docker", "/var/lib/etcd", "/var/lib/kubelet", "/var/run", "/var/run/crio/crio.sock",
     "/var/run/docker.sock", "/run/containerd/containerd.sock"},
    check_path};
constexpr std::array<const OptionSpec*, 1> kOptions{&kPaths};

// "/var//run/./" -> "/var/run"; "/" stays.
std::string normalize(std::string_view path) {
  std::string out;
  size_t i = 0;
  while (i < path.size()) {
    const size_t end = std::min(path.find('/', i), path.size());
    const std::string_view segment = path.substr(i, end - i);
    if (segment == "..") {
      const size_t slash = out.rfind('/');
      out.resize(slash == std::string::npos ? 0 : slash);
    } else if (!segment.empty() && segment != ".") {
      out += '/';
      out += segment;
    }
    i = end + 1;
  }
  return out.empty() ? "/" : out;
}

// Whether `path` is `base` or lies under it (both normalized).
bool within(std::string_view path, std::string_view base) {
  return path == base || base == "/" || (path.starts_with(base) && path[base.size()] == '/');
}

class SensitiveHostMount final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "sensitive-host-mount",
        .severity = Severity::Error,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .options = kOptions,
        .security_severity = 8.5,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const std::vector<std::string>& sensitive = reporter.option(kPaths);
    for (size_t i = 0; i < workload.pod_spec->volumes.size(); ++i) {
      const model::Volume& volume = workload.pod_spec->volumes[i];
      if (!volume.host_path.valid() || !volume.host_path.value.starts_with('/')) continue;
      const std::string path = normalize(volume.host_path.value);
      // The path itself, or a directory that holds it (/var holds /var/run).
      for (const std::string& entry : sensitive) {
        const std::string base = normalize(entry);
        if (within(base, path)) {
          const std::string what = path == base ? fmt::format("\"{}\"", path)
                                                : fmt::format("\"{}\", which holds \"{}\"", path, base);
          reporter.report(volume.host_path.span(),
                          fmt::format("{} mounts the node's {}", rules::describe_volume(volume, i), what));
          break;
        }
      }
    }
  }
};

PODLINT_REGISTER_RULE(SensitiveHostMount);

}  // namespace
}  // namespace podlint
