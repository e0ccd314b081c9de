// The Kubernetes schema compiled into the binary: the fields and value types
// of every object podlint validates, with the enums and required fields of
// schema/constraints.json. The tables are generated at build time by
// schema/compile.mjs; they are constant data, so looking up costs no start-up
// work.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace podlint::schema {

// The value type of a field (or of the items of an array or map field).
enum class Kind : uint8_t {
  String,
  Integer,
  Number,
  Boolean,
  DateTime,     // an RFC 3339 string
  IntOrString,  // ports, maxSurge...
  Quantity,     // a string or a number; its syntax is checked elsewhere
  Any,
  Object,  // a mapping of the fields of `object`
};

// Whether the field holds one value, a list of them, or a map of string to them.
enum class Shape : uint8_t { Single, Array, Map };

struct TypeInfo;

struct FieldInfo {
  std::string_view name;
  Shape shape = Shape::Single;
  Kind kind = Kind::String;
  const TypeInfo* object = nullptr;  // for Kind::Object
  bool required = false;
  std::span<const std::string_view> enum_values;  // empty: any value
};

struct TypeInfo {
  std::string_view schema_name;       // "V1Container"
  std::string_view name;              // "Container", as messages show it
  std::span<const FieldInfo> fields;  // sorted by name

  const FieldInfo* field(std::string_view name) const;
};

struct KindInfo {
  std::string_view api_version;
  std::string_view kind;
  const TypeInfo* type = nullptr;
};

// Every type, sorted by schema_name; every validated kind.
std::span<const TypeInfo> all_types();
std::span<const KindInfo> all_kinds();
std::string_view kubernetes_version();

// The type of an object of this apiVersion and kind; null when it is not one
// of the validated kinds (or an apiVersion the schema does not describe).
const TypeInfo* type_for_kind(std::string_view api_version, std::string_view kind);
// By schema name ("V1Container"); null when unknown.
const TypeInfo* find_type(std::string_view schema_name);

}  // namespace podlint::schema
