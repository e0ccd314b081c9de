#include "engine/pod_security.hpp"

#include <algorithm>
#include <array>

namespace podlint {

namespace {

constexpr std::array<std::string_view, 3> kLevelNames{"privileged", "baseline", "restricted"};

}  // namespace

std::string_view pod_security_level_name(PodSecurityLevel level) {
  return kLevelNames[static_cast<size_t>(level)];
}

std::span<const std::string_view> pod_security_level_names() {
  return kLevelNames;
}

std::optional<PodSecurityLevel> parse_pod_security_level(std::string_view name) {
  for (size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == name) return static_cast<PodSecurityLevel>(i);
  }
  return std::nullopt;
}

std::string PodSecurityVersion::name() const {
  return latest ? std::string("latest") : "v1." + std::to_string(minor);
}

std::optional<PodSecurityVersion> parse_pod_security_version(std::string_view text) {
  if (text == "latest") return PodSecurityVersion{};
  if (!text.starts_with("v1.")) return std::nullopt;
  const std::string_view digits = text.substr(3);
  // Digits only, no leading zero; a huge minor is as good as any newer one.
  if (digits.empty() || (digits.size() > 1 && digits.front() == '0')) return std::nullopt;
  constexpr int kHuge = 1'000'000;
  int minor = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    minor = std::min(kHuge, minor * 10 + (c - '0'));
  }
  return PodSecurityVersion{.latest = false, .minor = minor};
}

}  // namespace podlint
