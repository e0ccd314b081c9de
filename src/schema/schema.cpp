#include "schema/schema.hpp"

#include <algorithm>
#include <charconv>
#include <string>

namespace podlint::schema {

const FieldInfo* TypeInfo::field(std::string_view name) const {
  const auto it = std::lower_bound(fields.begin(), fields.end(), name,
                                   [](const FieldInfo& f, std::string_view n) { return f.name < n; });
  return it != fields.end() && it->name == name ? &*it : nullptr;
}

Presence presence(const Lifetime& lifetime, uint8_t minor) {
  if (lifetime.added_by != 0 && minor < lifetime.added_by)
    return minor <= lifetime.added_after ? Presence::No : Presence::Unknown;
  if (lifetime.removed_by != 0 && minor > lifetime.removed_after)
    return minor >= lifetime.removed_by ? Presence::No : Presence::Unknown;
  return Presence::Yes;
}

uint8_t oldest_minor() {
  return modelled_minors().front();
}

uint8_t newest_minor() {
  return modelled_minors().back();
}

std::string_view kubernetes_version() {
  static const std::string newest = "1." + std::to_string(newest_minor());
  return newest;
}

std::optional<uint8_t> parse_kubernetes_version(std::string_view text) {
  if (text.starts_with('v')) text.remove_prefix(1);
  if (!text.starts_with("1.")) return std::nullopt;
  text.remove_prefix(2);
  unsigned minor = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), minor);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  // A patch release may follow: "1.30.4".
  const std::string_view rest(end, text.data() + text.size() - end);
  if (!rest.empty()) {
    unsigned patch = 0;
    const auto [patch_end, patch_error] = std::from_chars(rest.data() + 1, rest.data() + rest.size(), patch);
    if (rest[0] != '.' || patch_error != std::errc() || patch_end != rest.data() + rest.size())
      return std::nullopt;
  }
  if (minor < oldest_minor() || minor > newest_minor()) return std::nullopt;
  return static_cast<uint8_t>(minor);
}

const TypeInfo* type_for_kind(std::string_view api_version, std::string_view kind) {
  for (const KindInfo& k : all_kinds()) {
    if (k.kind == kind && k.api_version == api_version) return k.type;
  }
  return nullptr;
}

const TypeInfo* find_type(std::string_view schema_name) {
  const auto types = all_types();
  const auto it = std::lower_bound(types.begin(), types.end(), schema_name,
                                   [](const TypeInfo& t, std::string_view n) { return t.schema_name < n; });
  return it != types.end() && it->schema_name == schema_name ? &*it : nullptr;
}

}  // namespace podlint::schema
