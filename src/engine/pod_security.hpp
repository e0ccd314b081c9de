// The Pod Security Standards' levels and policy versions, as the PodSecurity
// admission controller spells them in namespace labels
// (pod-security.kubernetes.io/enforce: restricted, enforce-version: v1.30)
// and as podlint's configuration takes them (podSecurity: {level, version}).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace podlint {

enum class PodSecurityLevel : uint8_t { Privileged, Baseline, Restricted };

// "privileged", "baseline", "restricted".
std::string_view pod_security_level_name(PodSecurityLevel level);
std::span<const std::string_view> pod_security_level_names();
// Exact and lower case, as admission reads a label.
std::optional<PodSecurityLevel> parse_pod_security_level(std::string_view name);

// A policy version: "latest", or "v1.N" naming the check set of a
// Kubernetes minor release.
struct PodSecurityVersion {
  // The minor release "latest" stands for: the newest check set of the
  // Kubernetes release podlint's schema describes.
  static constexpr int kLatestMinor = 36;

  bool latest = true;
  int minor = kLatestMinor;  // meaningful when !latest

  // The minor release whose checks apply.
  int effective_minor() const { return latest ? kLatestMinor : minor; }
  // "latest", "v1.30".
  std::string name() const;
};

// "latest" or a string matching ^v1\.(0|[1-9][0-9]*)$; nothing otherwise
// (admission then evaluates "latest").
std::optional<PodSecurityVersion> parse_pod_security_version(std::string_view text);

}  // namespace podlint
