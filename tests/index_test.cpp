// The run-wide index: every object of every input linted, with the small
// facts other objects' checks need, built before any input is linted.
#include "engine/index.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>

#include "engine/driver.hpp"
#include "support.hpp"

using podlint::StringMap;
using podlint::test::TempTree;

TEST_CASE("the run's index holds every object of every input linted", "[index]") {
  const TempTree tree;
  tree.write("ns.yaml", R"(apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {pod-security.kubernetes.io/enforce: restricted, team: web}
)");
  tree.write("app/deploy.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {app: web}}
spec:
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
---
apiVersion: v1
kind: Pod
metadata: {name: broken
---
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: ConfigMap, metadata: {name: settings}}
  - apiVersion: v1
    kind: Pod
    metadata: {name: one-off, labels: {app: job}}
    spec: {containers: [{name: job, image: busybox:1.36}]}
)");
  tree.write("ignored/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: hidden}\n");
  tree.write(".podlint.yaml", "ignore: [ignored]\n");

  podlint::LintRequest request;
  request.paths = {tree.root().string()};
  const podlint::LintRun run = podlint::lint_inputs(request);
  REQUIRE(run.config_errors.empty());
  std::vector<std::string> objects;
  for (const auto& o : run.index.objects())
    objects.push_back(o.ref.kind + " " + o.ref.namespace_ + "/" + o.ref.name + " in " +
                      std::filesystem::path(o.input).filename().string() + ":" +
                      std::to_string(o.span.begin.line));
  // The broken document and the ignored file hold none; a List's items do.
  CHECK(objects == std::vector<std::string>{
                       "Deployment shop/web in deploy.yaml:1", "ConfigMap /settings in deploy.yaml:16",
                       "Pod /one-off in deploy.yaml:17", "Namespace /shop in ns.yaml:1"});

  const podlint::IndexedObject* web = run.index.find("Deployment", "shop", "web");
  REQUIRE(web != nullptr);
  CHECK(web->ref.api_version == "apps/v1");
  CHECK(web->pod_labels == StringMap{{"app", "web"}, {"tier", "front"}});
  const podlint::IndexedObject* pod = run.index.find("Pod", "", "one-off");
  REQUIRE(pod != nullptr);
  CHECK(pod->pod_labels == StringMap{{"app", "job"}});
  CHECK(run.index.find("Deployment", "", "web") == nullptr);  // another namespace
  CHECK(run.index.find("Pod", "", "hidden") == nullptr);

  const StringMap* shop = run.index.namespace_labels("shop");
  REQUIRE(shop != nullptr);
  CHECK(*shop == StringMap{{"pod-security.kubernetes.io/enforce", "restricted"}, {"team", "web"}});
  CHECK(run.index.namespace_labels("prod") == nullptr);
}

TEST_CASE("the index says which objects' pods run to completion", "[index]") {
  podlint::RunIndex index;
  index.add_input("run.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {template: {spec: {containers: [{name: web, image: nginx:1.27}]}}}
---
apiVersion: v1
kind: Pod
metadata: {name: always}
spec: {restartPolicy: Always, containers: [{name: a, image: busybox:1.36}]}
---
apiVersion: v1
kind: Pod
metadata: {name: never}
spec: {restartPolicy: Never, containers: [{name: a, image: busybox:1.36}]}
---
apiVersion: v1
kind: Pod
metadata: {name: on-failure}
spec: {restartPolicy: OnFailure, containers: [{name: a, image: busybox:1.36}]}
---
apiVersion: v1
kind: Pod
metadata: {name: test-hook, annotations: {helm.sh/hook: "pre-install, test"}}
spec: {containers: [{name: a, image: busybox:1.36}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: job}
spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: busybox:1.36}]}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cron}
spec:
  schedule: "@daily"
  jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: busybox:1.36}]}}}}
)");
  std::vector<std::string> completing;
  for (const podlint::IndexedObject& o : index.objects())
    if (o.runs_to_completion) completing.push_back(o.ref.name);
  CHECK(completing == std::vector<std::string>{"never", "on-failure", "test-hook", "job", "cron"});
}

TEST_CASE("the index finds the pod makers of a namespace, and those with a pod label", "[index]") {
  // Two inputs indexed apart and merged, as the driver does on --jobs threads.
  podlint::RunIndex index;
  index.add_input("a.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata:
      labels: {app: web, tier: front, app: web}
    spec:
      containers: [{name: web, image: nginx:1.27}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
)");
  podlint::RunIndex other;
  other.add_input("b.yaml", R"(apiVersion: v1
kind: Pod
metadata:
  name: one-off
  namespace: default
  labels: {app: web}
spec:
  containers: [{name: job, image: busybox:1.36}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops}
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: agent, image: agent:1}]
)");
  index.merge(std::move(other));

  const auto names = [&](std::span<const uint32_t> positions) {
    std::vector<std::string> out;
    for (const uint32_t position : positions)
      out.push_back(index.objects()[position].ref.name);
    return out;
  };
  // No namespace is "default"; the Service makes no pods; run order.
  CHECK(names(index.pod_makers("")) == std::vector<std::string>{"web", "one-off"});
  CHECK(names(index.pod_makers("default")) == std::vector<std::string>{"web", "one-off"});
  CHECK(names(index.pod_makers("ops")) == std::vector<std::string>{"agent"});
  CHECK(index.pod_makers("shop").empty());
  // A label written twice lists its object once.
  CHECK(names(index.pod_makers_labelled("default", "app", "web")) ==
        std::vector<std::string>{"web", "one-off"});
  CHECK(names(index.pod_makers_labelled("", "tier", "front")) == std::vector<std::string>{"web"});
  CHECK(index.pod_makers_labelled("", "tier", "back").empty());
  CHECK(index.pod_makers_labelled("ops", "tier", "front").empty());
}

TEST_CASE("indexes merged into an empty one answer as one built from every input", "[index]") {
  const std::string a =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: x}}\nspec:\n"
      "  containers: [{name: c, image: i}]\n";
  const std::string b =
      "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: x}}\n---\n"
      "apiVersion: v1\nkind: Pod\nmetadata: {name: q, labels: {app: x}}\nspec:\n"
      "  containers: [{name: c, image: i}]\n";
  podlint::RunIndex direct;
  direct.add_input("a.yaml", a);
  direct.add_input("b.yaml", b);
  podlint::RunIndex merged, first, second;
  first.add_input("a.yaml", a);
  second.add_input("b.yaml", b);
  merged.merge(std::move(first));  // taken whole
  merged.merge(std::move(second));
  CHECK(first.objects().empty());
  CHECK(second.objects().empty());
  const auto describe = [](const podlint::RunIndex& index) {
    std::vector<std::string> out;
    for (const auto& o : index.objects())
      out.push_back(std::string(o.input) + " " + o.ref.kind + "/" + o.ref.name);
    for (const uint32_t position : index.pod_makers_labelled("", "app", "x"))
      out.push_back("labelled " + index.objects()[position].ref.name);
    return out;
  };
  CHECK(describe(merged) == describe(direct));
  CHECK(describe(merged) == std::vector<std::string>{"a.yaml Pod/p", "b.yaml Service/s", "b.yaml Pod/q",
                                                     "labelled p", "labelled q"});
  REQUIRE(merged.find("Pod", "", "q") != nullptr);
  CHECK(merged.find("Pod", "", "q")->input == "b.yaml");
}

TEST_CASE("the index finds the first object of a kind, namespace and name among many", "[index]") {
  // Objects are found by a hash of their names: many objects, names that
  // differ in where the parts split, and a name written twice.
  std::string a, b;
  for (int i = 0; i < 3000; ++i)
    a += fmt::format("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{}, namespace: n{}}}\n", i,
                     i % 7);
  a += "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ab, namespace: c}\n";
  b = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: ca}\n"
      "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c5, namespace: n5}\n";
  podlint::RunIndex index, other;
  index.add_input("a.yaml", a);
  other.add_input("b.yaml", b);
  index.merge(std::move(other));
  REQUIRE(index.objects().size() == 3003);
  for (int i = 0; i < 3000; ++i) {
    const podlint::IndexedObject* found =
        index.find("ConfigMap", fmt::format("n{}", i % 7), fmt::format("c{}", i));
    REQUIRE(found != nullptr);
    CHECK(found->ref.name == fmt::format("c{}", i));
    CHECK(found->input == "a.yaml");  // c5 in b.yaml comes second
    CHECK(index.find("ConfigMap", fmt::format("n{}", (i + 1) % 7), fmt::format("c{}", i)) == nullptr);
  }
  REQUIRE(index.find("ConfigMap", "c", "ab") != nullptr);
  CHECK(index.find("ConfigMap", "c", "ab")->input == "a.yaml");
  REQUIRE(index.find("ConfigMap", "ca", "b") != nullptr);
  CHECK(index.find("ConfigMap", "ca", "b")->input == "b.yaml");
  CHECK(index.find("ConfigMap", "cab", "") == nullptr);
  CHECK(index.find("Secret", "n5", "c5") == nullptr);
}

TEST_CASE("a long input indexed a batch per job is indexed as on one thread", "[index]") {
  std::string text;
  for (int i = 0; text.size() < 3 * 256 * 1024; ++i)
    text += fmt::format(
        "---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p{}, labels: {{app: a{}, tier: t{}}}}}\n"
        "spec: {{containers: [{{name: c, image: i, ports: [{{containerPort: {}}}]}}]}}\n",
        i % 5000, i % 11, i % 3, 1000 + i);
  podlint::RunIndex one, two;
  one.add_input("long.yaml", text, 1);
  two.add_input("long.yaml", text, 2);
  const auto describe = [](const podlint::RunIndex& index) {
    std::vector<std::string> out;
    for (const auto& o : index.objects())
      out.push_back(
          fmt::format("{} {}:{} port {}", o.ref.name, o.input, o.span.begin.line, o.ports.at(0).number));
    for (int a = 0; a < 11; ++a)
      out.push_back(
          fmt::format("a{}: {}", a, index.pod_makers_labelled("", "app", fmt::format("a{}", a)).size()));
    for (int p = 0; p < 5000; p += 97)
      out.push_back(
          fmt::format("p{} at {}", p, index.find("Pod", "", fmt::format("p{}", p))->span.begin.line));
    return out;
  };
  REQUIRE(one.objects().size() > 5000);  // names repeat: find() gives the first
  CHECK(describe(two) == describe(one));
  CHECK(describe(one).at(0) == "p0 long.yaml:2 port 1000");
}

TEST_CASE("a Namespace's labels are the first Namespace's of that name, across merged indexes", "[index]") {
  podlint::RunIndex index, second, third;
  index.add_input("a.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {team: a}}\n");
  second.add_input("b.yaml",
                   "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {level: first}}\n---\n"
                   "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {level: second}}\n");
  third.add_input("c.yaml",
                  "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {level: third}}\n---\n"
                  "apiVersion: v1\nkind: Namespace\nmetadata: {name: ops}\n");
  index.merge(std::move(second));
  index.merge(std::move(third));
  REQUIRE(index.namespace_labels("shop") != nullptr);
  CHECK(*index.namespace_labels("shop") == StringMap{{"level", "first"}});
  REQUIRE(index.namespace_labels("ops") != nullptr);
  CHECK(index.namespace_labels("ops")->empty());
  CHECK(index.namespace_labels("p") == nullptr);  // a Pod's labels are not a Namespace's
}
