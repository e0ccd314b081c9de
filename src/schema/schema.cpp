#include "schema/schema.hpp"

#include <algorithm>

namespace podlint::schema {

const FieldInfo* TypeInfo::field(std::string_view name) const {
  const auto it = std::lower_bound(fields.begin(), fields.end(), name,
                                   [](const FieldInfo& f, std::string_view n) { return f.name < n; });
  return it != fields.end() && it->name == name ? &*it : nullptr;
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
