// API-validation and reference rules on cases a fixture cannot hold: inputs
// too large to write out, and references between files of one run.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/driver.hpp"
#include "engine/lint.hpp"
#include "support.hpp"

namespace {

std::vector<std::string> findings_of(const podlint::FileReport& report, std::string_view rule) {
  std::vector<std::string> out;
  for (const auto& d : report.diagnostics)
    if (d.rule == rule)
      out.push_back(std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.column) + " " +
                    d.message);
  return out;
}

}  // namespace

TEST_CASE("more than 256 KiB of annotations is too much", "[api-rules]") {
  const auto manifest = [](size_t bytes) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  annotations:\n    a: \"" +
           std::string(bytes, 'x') + "\"\n";
  };
  CHECK(findings_of(podlint::lint_text("ok.yaml", manifest(262143)), "invalid-annotation").empty());
  CHECK(findings_of(podlint::lint_text("big.yaml", manifest(262144)), "invalid-annotation") ==
        std::vector<std::string>{
            "6:5 the annotations add up to 262145 bytes, more than the 262144 (256 KiB) the API "
            "server accepts: keep large data in a ConfigMap"});
}

TEST_CASE("references are resolved across the files of a run", "[api-rules]") {
  const podlint::test::TempTree tree;
  tree.write("config.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: shop}
data: {log-level: info}
)");
  tree.write("app/deploy.yaml", R"(apiVersion: apps/v1
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
          ports: [{name: http, containerPort: 8080}]
          env:
            - name: LEVEL
              valueFrom: {configMapKeyRef: {name: web-config, key: level}}
)");
  tree.write("app/service.yaml", R"(apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: https}]
)");
  podlint::LintRequest request;
  request.paths = {tree.root().string()};
  const podlint::LintRun run = podlint::lint_inputs(request);
  REQUIRE(run.reports.size() == 3);
  std::map<std::string, const podlint::FileReport*> by_name;
  for (const auto& report : run.reports)
    by_name[std::filesystem::relative(report.path, tree.root()).string()] = &report;
  const std::string config = (tree.root() / "config.yaml").string();
  CHECK(findings_of(*by_name["app/deploy.yaml"], "unresolved-reference") ==
        std::vector<std::string>{
            "15:68 ConfigMap \"web-config\" has no key \"level\" (it has \"log-level\", in " + config +
            ":1): container \"web\" cannot start (CreateContainerConfigError)"});
  const std::string deploy = (tree.root() / "app/deploy.yaml").string();
  CHECK(findings_of(*by_name["app/service.yaml"], "service-target-port-unknown") ==
        std::vector<std::string>{
            "6:34 targetPort \"https\" (TCP) is no port of the pods of Deployment \"web\" (" + deploy +
            ":1), which name \"http\": the Service sends them none of this port's "
            "traffic"});
  CHECK(findings_of(*by_name["app/service.yaml"], "service-selects-nothing").empty());

  // Linted alone, the Service has no workload to judge by.
  const auto alone = podlint::lint_text("service.yaml", R"(apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: nothing}
  ports: [{port: 80, targetPort: https}]
)");
  CHECK(findings_of(alone, "service-selects-nothing").empty());
  CHECK(findings_of(alone, "service-target-port-unknown").empty());
}
