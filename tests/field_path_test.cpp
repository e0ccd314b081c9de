// Findings that know where they are: the object they lie in and the field
// path of their span (yaml::path_to, located by the engine).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/lint.hpp"
#include "yaml/parser.hpp"
#include "yaml/path.hpp"

namespace {

// The path of the first occurrence of `needle` in the first document.
std::string path_of(const std::string& text, std::string_view needle) {
  const auto stream = podlint::yaml::parse(text);
  REQUIRE(!stream.documents.empty());
  REQUIRE(stream.documents[0].root != nullptr);
  const size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return podlint::yaml::path_to(*stream.documents[0].root, static_cast<uint32_t>(at));
}

}  // namespace

TEST_CASE("a field path names keys, list items and odd keys", "[path]") {
  const std::string text = R"(spec:
  template:
    metadata:
      annotations: {podlint.dev/ignore: "x", "say \"hi\"": y}
    spec:
      containers:
        - name: web
          ports: [{containerPort: 80}, {containerPort: 8080}]
        - name: sidecar
          args:
            - --verbose
          empty:
)";
  CHECK(path_of(text, "spec") == "spec");
  CHECK(path_of(text, "template") == "spec.template");
  CHECK(path_of(text, "podlint.dev") == "spec.template.metadata.annotations[\"podlint.dev/ignore\"]");
  CHECK(path_of(text, "\"x\"") == "spec.template.metadata.annotations[\"podlint.dev/ignore\"]");
  CHECK(path_of(text, "\"say") == R"(spec.template.metadata.annotations["say \"hi\""])");
  CHECK(path_of(text, "web") == "spec.template.spec.containers[0].name");
  CHECK(path_of(text, "8080") == "spec.template.spec.containers[0].ports[1].containerPort");
  CHECK(path_of(text, "{containerPort: 80}") == "spec.template.spec.containers[0].ports[0]");
  CHECK(path_of(text, "--verbose") == "spec.template.spec.containers[1].args[0]");
  CHECK(path_of(text, "empty") == "spec.template.spec.containers[1].empty");
  // A comment is no field: where none holds it, the path is empty.
  CHECK(path_of("a:\n  # note\n  b: 1\n", "# note").empty());
  CHECK(path_of("a: 1\n", "a") == "a");
  CHECK(path_of("- x\n- [y, z]\n", "z") == "[1][1]");
}

TEST_CASE("a finding carries its object and the field path of its span", "[path][lint]") {
  const std::string text = R"(apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              imagePullPolicy: always
  - apiVersion: v1
    kind: Pod
    metadata: {generateName: job-}
    spec:
      containers:
        - name: job
          image: busybox:1.36
          contianerPort: 80
---
settings:
  a: 1
  a: 2
)";
  const auto report = podlint::lint_text("list.yaml", text);
  const auto find = [&](std::string_view rule) -> const podlint::Diagnostic& {
    for (const auto& d : report.diagnostics)
      if (d.rule == rule) return d;
    FAIL("no " << rule << " finding");
    throw;
  };
  const auto& policy = find("invalid-enum");
  REQUIRE(policy.object.has_value());
  CHECK(*policy.object == podlint::ObjectRef{"apps/v1", "Deployment", "shop", "web"});
  CHECK(policy.path == "spec.template.spec.containers[0].imagePullPolicy");

  const auto& unknown = find("unknown-field");
  REQUIRE(unknown.object.has_value());
  CHECK(*unknown.object == podlint::ObjectRef{"v1", "Pod", "", "job-"});
  CHECK(unknown.path == "spec.containers[0].contianerPort");

  // Outside any object: the path from the document's root.
  const auto& duplicate = find("duplicate-key");
  CHECK_FALSE(duplicate.object.has_value());
  CHECK(duplicate.path == "settings.a");
}
