// The Kubernetes schema compiled into the binary: the fields and value types
// of every object podlint validates, with the enums and required fields of
// schema/constraints.json. The tables are generated at build time by
// schema/compile.mjs; they are constant data, so looking up costs no start-up
// work.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
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

// A syntax the API server requires of a string (schema/formats.hpp checks it).
enum class Format : uint8_t {
  None,
  Dns1123Label,            // ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$, at most 63
  Dns1123Subdomain,        // dot-separated DNS-1123 labels, at most 253
  Dns1123SubdomainPrefix,  // a subdomain that may end in '-' (generateName, envFrom names)
  Dns1035Label,            // a DNS-1123 label that starts with a letter (Service names)
  QualifiedName,           // [subdomain/]name: label keys, taint keys, topology keys
  LabelValue,              // at most 63, alphanumerics with '-', '_', '.' inside; may be empty
  AnnotationKey,           // a qualified name, checked lower-cased
  FinalizerName,           // a qualified name; unprefixed only the standard ones
  ConfigMapKey,            // [-._a-zA-Z0-9]+, at most 253, not "." or ".."-prefixed
  EnvVarName,              // printable ASCII but '=' (relaxed, Kubernetes 1.32+)
  EnvVarNameStrict,        // [-._a-zA-Z][-._a-zA-Z0-9]*, not "." or ".."-prefixed (before 1.32)
  HttpHeaderName,          // [-A-Za-z0-9]+
  IanaServiceName,         // port names: at most 15, [-a-z0-9], a letter, no "--"
  IpAddress,               // IPv4 or IPv6
  SysctlName,              // kernel.shm_rmid_forced, net/ipv4/ip_forward
  RelativePath,            // relative, no ".." element
  NoParentPath,            // no ".." element
  AbsolutePath,            // starts with '/'
  Percent,                 // [0-9]+%: the string form of an int-or-percent
};

inline constexpr int64_t kNoMinimum = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kNoMaximum = std::numeric_limits<int64_t>::max();

struct TypeInfo;

// The Kubernetes releases (minor versions of 1.N) a field is known in, from
// the models of the releases that have them. A field that came between two
// modelled releases may have come in either the later or one between
// (added_after + 1 ... added_by); the same for one that went.
struct Lifetime {
  uint8_t added_after = 0;    // the last modelled release without it; 0: the oldest has it
  uint8_t added_by = 0;       // the first modelled release with it; 0: the oldest has it
  uint8_t removed_after = 0;  // the last modelled release with it; 0: the newest has it
  uint8_t removed_by = 0;     // the first modelled release without it again; 0: the newest has it
};

// Whether a release has a field or a value: Yes, No, or not known (it came or
// went between modelled releases, around that one).
enum class Presence : uint8_t { Yes, No, Unknown };
Presence presence(const Lifetime& lifetime, uint8_t minor);

struct FieldInfo {
  std::string_view name;
  Shape shape = Shape::Single;
  Kind kind = Kind::String;
  const TypeInfo* object = nullptr;  // for Kind::Object
  bool required = false;
  std::span<const std::string_view> enum_values;  // empty: any value
  // Of the value (an int-or-string's string form), of each item of a list,
  // of each value of a map; and of each key of a map.
  Format format = Format::None;
  Format key_format = Format::None;
  // The integers allowed (an int-or-string's integer form), inclusive.
  int64_t minimum = kNoMinimum;
  int64_t maximum = kNoMaximum;

  bool has_range() const { return minimum != kNoMinimum || maximum != kNoMaximum; }
  // The release (minor) that added each enum value, 0 for the oldest; empty
  // when the oldest release has every value.
  std::span<const uint8_t> enum_since;
  Lifetime lifetime;
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

// Every type, sorted by schema_name; every validated kind (as the newest
// release serves it).
std::span<const TypeInfo> all_types();
std::span<const KindInfo> all_kinds();
// What a field of these tables is for, as the newest release's API
// documentation says it (made by the build from @kubernetes/client-node); empty when
// it says nothing.
std::string_view description(const FieldInfo& field);

// The Kubernetes releases (1.N) whose models the schema is built from, in
// ascending order; every release from the oldest to the newest is supported.
std::span<const uint8_t> modelled_minors();
uint8_t oldest_minor();
uint8_t newest_minor();
// "1.36", the newest supported release.
std::string_view kubernetes_version();
// "1.30", "v1.30" or "1.30.4" -> 30, when a supported release; else nothing.
std::optional<uint8_t> parse_kubernetes_version(std::string_view text);

// The type of an object of this apiVersion and kind; null when it is not one
// of the validated kinds (or an apiVersion the schema does not describe).
const TypeInfo* type_for_kind(std::string_view api_version, std::string_view kind);
// By schema name ("V1Container"); null when unknown.
const TypeInfo* find_type(std::string_view schema_name);

}  // namespace podlint::schema
