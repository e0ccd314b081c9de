// The compiled schema and the validator behind the schema rules: lookups,
// suggestions, and how YAML values are typed.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "schema/formats.hpp"
#include "schema/schema.hpp"
#include "schema/validate.hpp"
#include "yaml/parser.hpp"

namespace {

using podlint::schema::Finding;
using podlint::schema::Problem;

// Validates the first document of `text` as a Pod. Findings own their text,
// so they outlive the parse.
std::vector<Finding> validate_pod(const std::string& text) {
  const auto stream = podlint::yaml::parse(text);
  REQUIRE(!stream.documents.empty());
  const auto& doc = stream.documents.front();
  REQUIRE(doc.root);
  const auto* pod = podlint::schema::type_for_kind("v1", "Pod");
  REQUIRE(pod);
  return podlint::schema::validate(*doc.root, *pod, doc.root->span);
}

// A finding's data in one line: where, in which type, and what is wrong.
std::string describe(const Finding& f) {
  std::string out = f.field + " in " + std::string(f.owner);
  switch (f.problem) {
    case Problem::UnknownField:
      return out + " (suggestion: " + std::string(f.suggestion) + ")";
    case Problem::InvalidType:
      return out + ": expected " + std::string(f.expected) + ", found " + std::string(f.found) +
             (f.quote_hint ? " (quote it)" : "");
    case Problem::InvalidEnum:
      return out + ": " + std::string(f.value) + " of " + std::to_string(f.allowed.size()) +
             " (suggestion: " + std::string(f.suggestion) + ")";
    case Problem::InvalidFormat:
      return out + ": " + (f.map_key ? "key " : "") + std::string(f.value) + " is not " +
             std::string(podlint::schema::format_name(f.format));
    case Problem::OutOfRange:
      return out + ": " + std::string(f.value) + " out of range";
    case Problem::MissingRequired:
      break;
  }
  return out + (f.empty ? " is empty" : " is missing");
}

std::vector<std::string> messages(const std::vector<Finding>& findings, Problem problem) {
  std::vector<std::string> out;
  for (const auto& f : findings)
    if (f.problem == problem) out.push_back(describe(f));
  return out;
}

}  // namespace

TEST_CASE("the compiled schema knows the kinds, fields and constraints", "[schema]") {
  using namespace podlint::schema;
  CHECK(all_kinds().size() == 9);
  CHECK(all_types().size() == 181);  // 1.36's 180, and ClaimSource of 1.29 and 1.30
  CHECK(kubernetes_version() == "1.36");
  CHECK(type_for_kind("apps/v1", "Deployment") == find_type("V1Deployment"));
  CHECK(type_for_kind("extensions/v1beta1", "Deployment") == nullptr);
  CHECK(type_for_kind("v1", "ConfigMap") == nullptr);

  const TypeInfo* container = find_type("V1Container");
  REQUIRE(container);
  CHECK(container->name == "Container");
  const FieldInfo* image = container->field("image");
  REQUIRE(image);
  CHECK(image->required);
  CHECK(image->kind == Kind::String);
  CHECK(container->field("nope") == nullptr);

  const FieldInfo* ports = container->field("ports");
  REQUIRE(ports);
  CHECK(ports->shape == Shape::Array);
  CHECK(ports->kind == Kind::Object);
  CHECK(ports->object == find_type("V1ContainerPort"));

  const FieldInfo* policy = container->field("imagePullPolicy");
  REQUIRE(policy);
  CHECK(!policy->required);  // defaulted
  CHECK(std::vector<std::string_view>(policy->enum_values.begin(), policy->enum_values.end()) ==
        std::vector<std::string_view>{"Always", "IfNotPresent", "Never"});
  // restartPolicy values belong to the restart-policy rules.
  CHECK(container->field("restartPolicy")->enum_values.empty());
  CHECK(find_type("V1PodSpec")->field("restartPolicy")->enum_values.empty());
  CHECK(find_type("V1ResourceRequirements")->field("limits")->kind == Kind::Quantity);
  CHECK(find_type("V1HTTPGetAction")->field("port")->kind == Kind::IntOrString);

  // Fields are sorted, for the binary search.
  for (const TypeInfo& t : all_types())
    for (size_t i = 1; i < t.fields.size(); ++i)
      CHECK(t.fields[i - 1].name < t.fields[i].name);
}

TEST_CASE("values are typed as Kubernetes types them", "[schema]") {
  const auto findings = validate_pod(R"(apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {a: yes, b: "1", c: 1, d: true, e: null, f: 0x1F}
spec:
  hostNetwork: yes
  hostPID: !!bool "true"
  priority: 0o17
  containers:
    - name: c
      image: i
      ports:
        - containerPort: !!str 80
        - containerPort: 80
      readinessProbe:
        httpGet: {port: 8080}
        tcpSocket: {port: http}
        grpc: {port: http}
      resources:
        limits: {cpu: 1, memory: 1e9, nvidia.com/gpu: "1", x: true}
  overhead: ~
)");
  CHECK(messages(findings, Problem::InvalidType) ==
        std::vector<std::string>{
            "labels.c in ObjectMeta: expected a string, found an integer (quote it)",
            "labels.d in ObjectMeta: expected a string, found a boolean (quote it)",
            "labels.f in ObjectMeta: expected a string, found an integer (quote it)",
            "hostNetwork in PodSpec: expected a boolean, found a string",
            "containerPort in ContainerPort: expected an integer, found a string",
            "port in GRPCAction: expected an integer, found a string",
            "limits.x in ResourceRequirements: expected a quantity (a string or a number), found a boolean",
        });
  CHECK(messages(findings, Problem::UnknownField).empty());
  CHECK(messages(findings, Problem::MissingRequired).empty());
}

TEST_CASE("missing fields are reported once per mapping, not under type errors", "[schema]") {
  const auto findings = validate_pod(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {}
    - name: b
      image: i
      securityContext: {seccompProfile: {}}
      livenessProbe: {exec: {command: []}}
    - "not a container"
)");
  CHECK(messages(findings, Problem::MissingRequired) == std::vector<std::string>{
                                                            "image in Container is missing",
                                                            "name in Container is missing",
                                                            "type in SeccompProfile is missing",
                                                            "command in ExecAction is empty",
                                                        });
  CHECK(messages(findings, Problem::InvalidType) ==
        std::vector<std::string>{"containers[2] in PodSpec: expected a mapping, found a string"});
}

TEST_CASE("a missing root spec is reported at the anchor given", "[schema]") {
  const auto findings = validate_pod("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].problem == Problem::MissingRequired);
  CHECK(describe(findings[0]) == "spec in Pod is missing");
  CHECK(findings[0].span.begin.line == 1);
}

TEST_CASE("unknown fields and unsupported values carry the likely meant name", "[schema]") {
  const auto findings = validate_pod(R"(apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  contianers: []
  containers:
    - name: c
      image: i
      imagePullPolicy: ifNotPresent
      frobnicate: 1
)");
  CHECK(messages(findings, Problem::UnknownField) ==
        std::vector<std::string>{"contianers in PodSpec (suggestion: containers)",
                                 "frobnicate in Container (suggestion: )"});
  CHECK(
      messages(findings, Problem::InvalidEnum) ==
      std::vector<std::string>{"imagePullPolicy in Container: ifNotPresent of 3 (suggestion: IfNotPresent)"});
}

TEST_CASE("the schema merges every supported Kubernetes release", "[schema][versions]") {
  using namespace podlint::schema;
  const std::vector<uint8_t> modelled(modelled_minors().begin(), modelled_minors().end());
  CHECK(modelled == std::vector<uint8_t>{29, 30, 32, 33, 34, 36});
  CHECK(oldest_minor() == 29);
  CHECK(newest_minor() == 36);
  CHECK(parse_kubernetes_version("1.30") == 30);
  CHECK(parse_kubernetes_version("v1.31") == 31);
  CHECK(parse_kubernetes_version("1.35.2") == 35);
  CHECK_FALSE(parse_kubernetes_version("1.28"));
  CHECK_FALSE(parse_kubernetes_version("1.37"));
  CHECK_FALSE(parse_kubernetes_version("1.3"));
  CHECK_FALSE(parse_kubernetes_version("1.30."));
  CHECK_FALSE(parse_kubernetes_version("2.30"));
  CHECK_FALSE(parse_kubernetes_version(""));

  // hostnameOverride came in 1.34 (1.33's models lack it).
  const FieldInfo* hostname_override = find_type("V1PodSpec")->field("hostnameOverride");
  REQUIRE(hostname_override);
  CHECK(presence(hostname_override->lifetime, 33) == Presence::No);
  CHECK(presence(hostname_override->lifetime, 34) == Presence::Yes);
  // Image volumes are in 1.32's models, not in 1.30's: 1.31 is not known.
  const FieldInfo* image = find_type("V1Volume")->field("image");
  REQUIRE(image);
  CHECK(presence(image->lifetime, 30) == Presence::No);
  CHECK(presence(image->lifetime, 31) == Presence::Unknown);
  CHECK(presence(image->lifetime, 32) == Presence::Yes);
  // PodResourceClaim.source went the other way.
  const FieldInfo* source = find_type("V1PodResourceClaim")->field("source");
  REQUIRE(source);
  CHECK(presence(source->lifetime, 30) == Presence::Yes);
  CHECK(presence(source->lifetime, 31) == Presence::Unknown);
  CHECK(presence(source->lifetime, 32) == Presence::No);
  // Integer types come from the newest release that has the field.
  CHECK(find_type("V1ContainerPort")->field("containerPort")->kind == Kind::Integer);
}

TEST_CASE("validation for an older release reports later fields as such", "[schema][versions]") {
  using namespace podlint::schema;
  const auto stream = podlint::yaml::parse(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostnameOverride: x\n"
      "  tolerations: [{operator: Gt, key: k, value: '1'}]\n  resourceClaims: [{name: c, source: {}}]\n"
      "  containers: [{name: a, image: b}]\n");
  const auto* root = stream.documents[0].root;
  const TypeInfo* pod = find_type("V1Pod");
  const auto old = validate(*root, *pod, root->span, 33);
  REQUIRE(old.size() == 3);
  CHECK(old[0].problem == Problem::NotInVersion);
  CHECK(old[0].field == "hostnameOverride");
  CHECK(old[0].added_after == 33);
  CHECK(old[0].added_by == 34);
  CHECK(old[1].problem == Problem::NotInVersion);
  CHECK(old[1].field == "operator");
  CHECK(old[1].value == "Gt");
  CHECK(old[1].added_by == 35);
  CHECK(old[2].problem == Problem::UnknownField);  // PodResourceClaim.source went in 1.31 or 1.32
  CHECK(old[2].field == "source");
  const auto older = validate(*root, *pod, root->span, 30);
  REQUIRE(older.size() == 2);  // source is still there
  CHECK(older[0].field == "hostnameOverride");
  CHECK(older[1].value == "Gt");
  const auto newest = validate(*root, *pod, root->span);
  REQUIRE(newest.size() == 1);
  CHECK(newest[0].problem == Problem::UnknownField);
  CHECK(newest[0].field == "source");
}
