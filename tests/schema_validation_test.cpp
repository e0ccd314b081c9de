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
  CHECK(all_types().size() == 180);
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
