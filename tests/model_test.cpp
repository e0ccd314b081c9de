#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/pod.hpp"
#include "model/scalar.hpp"
#include "yaml/parser.hpp"

using namespace podlint::model;
namespace yaml = podlint::yaml;

namespace {

// The workloads of a stream's first document; keeps the stream (and so the
// nodes the model points into) alive.
struct Model {
  explicit Model(std::string_view text) : stream(yaml::parse(text)) {
    if (!stream.documents.empty()) workloads = extract_workloads(stream.documents.front());
  }
  yaml::Stream stream;
  std::vector<Workload> workloads;
};

// The first workload's pod spec.
const PodSpec& spec_of(const Model& m) {
  REQUIRE(m.workloads.size() == 1);
  REQUIRE(m.workloads[0].pod_spec.has_value());
  return *m.workloads[0].pod_spec;
}

yaml::Position at(uint32_t line, uint32_t column) {
  return {0, line, column};
}
bool same_place(yaml::Position a, yaml::Position b) {
  return a.line == b.line && a.column == b.column;
}

ScalarType plain(std::string_view text) {
  return plain_scalar_type(text);
}

}  // namespace

TEST_CASE("Core-schema resolution of plain scalars", "[model]") {
  for (std::string_view s : {"", "~", "null", "Null", "NULL"})
    CHECK(plain(s) == ScalarType::Null);
  for (std::string_view s : {"true", "True", "TRUE", "false", "False", "FALSE"})
    CHECK(plain(s) == ScalarType::Bool);
  for (std::string_view s : {"0", "80", "-1", "+7", "0o17", "0x1F", "007"})
    CHECK(plain(s) == ScalarType::Int);
  for (std::string_view s : {"1.5", ".5", "1.", "-1e3", "2E+10", ".inf", "-.Inf", ".NaN"})
    CHECK(plain(s) == ScalarType::Float);
  for (std::string_view s : {"yes", "no", "on", "off", "nUll", "tRue", "0o8", "0xG", "1e", "1_000", "500m",
                             "-", ".", "nginx:1.25", "0X1F", "+.nan"})
    CHECK(plain(s) == ScalarType::String);

  CHECK(parse_int("0x1F") == 31);
  CHECK(parse_int("0o17") == 15);
  CHECK(parse_int("-42") == -42);
  CHECK(parse_int("9223372036854775807") == INT64_MAX);
  CHECK(parse_int("-9223372036854775808") == INT64_MIN);
  CHECK_FALSE(parse_int("9223372036854775808").has_value());
  CHECK_FALSE(parse_int("-9223372036854775809").has_value());
  CHECK_FALSE(parse_int("0x10000000000000000").has_value());
  CHECK_FALSE(parse_int("1.0").has_value());
}

TEST_CASE("Tags and quoting decide a scalar's type", "[model]") {
  const yaml::Stream s = yaml::parse(
      "a: !!str 80\nb: !!int \"80\"\nc: \"80\"\nd: '~'\ne: |\n  80\nf: !local 80\ng: ! 80\nh: !!null ''\n"
      "i: !!int abc\nj: [1]\nk: !!bool true\n");
  REQUIRE(s.documents.size() == 1);
  const yaml::Node& m = *s.documents[0].root;
  auto type = [&](std::string_view key) { return scalar_type(*yaml::find(m, key)); };
  CHECK(type("a") == ScalarType::String);
  CHECK(type("b") == ScalarType::Int);
  CHECK(parse_int(*yaml::find(m, "b")) == 80);
  CHECK(type("c") == ScalarType::String);
  CHECK(type("d") == ScalarType::String);
  CHECK(type("e") == ScalarType::String);
  CHECK(type("f") == ScalarType::String);
  CHECK(type("g") == ScalarType::String);
  CHECK(type("h") == ScalarType::Null);
  CHECK(type("i") == ScalarType::Int);
  CHECK_FALSE(parse_int(*yaml::find(m, "i")).has_value());
  CHECK(type("j") == ScalarType::Collection);
  CHECK(parse_bool(*yaml::find(m, "k")) == true);
}

TEST_CASE("Fields of a multi-container Deployment keep exact spans", "[model]") {
  const Model m(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  template:
    metadata:
      annotations: {a: b}
    spec:
      containers:
        - name: app
          image: nginx:1.25
          ports:
            - containerPort: 8080
              name: http
        - name: "log"
          image: busybox
          imagePullPolicy: Always
)");
  REQUIRE(m.workloads.size() == 1);
  const Workload& w = m.workloads[0];
  CHECK(w.kind.value == "Deployment");
  CHECK(w.api_version.value == "apps/v1");
  CHECK(w.name.value == "web");
  CHECK(w.namespace_.value == "prod");
  CHECK(same_place(w.name.span().begin, at(4, 9)));
  CHECK(same_place(w.kind.key_span().begin, at(2, 1)));
  REQUIRE(w.template_metadata != nullptr);
  CHECK(same_place(w.template_metadata->span.begin, at(9, 7)));

  const PodSpec& spec = spec_of(m);
  CHECK(same_place(spec.node->span.begin, at(11, 7)));
  REQUIRE(spec.containers_key != nullptr);
  CHECK(same_place(spec.containers_key->span.begin, at(11, 7)));
  REQUIRE(spec.containers.size() == 2);
  const Container& app = spec.containers[0];
  const Container& log = spec.containers[1];
  CHECK(app.index == 0);
  CHECK(log.index == 1);
  CHECK(same_place(app.node->span.begin, at(12, 11)));
  CHECK(app.name.value == "app");
  CHECK(same_place(app.name.span().begin, at(12, 17)));
  CHECK(same_place(app.name.key_span().begin, at(12, 11)));
  CHECK(app.image.value == "nginx:1.25");
  CHECK(same_place(app.image.span().begin, at(13, 18)));
  CHECK(same_place(app.image.span().end, at(13, 28)));
  REQUIRE(app.ports.size() == 1);
  CHECK(app.ports[0].container_port.value == 8080);
  CHECK(same_place(app.ports[0].container_port.span().begin, at(15, 30)));
  CHECK(same_place(app.ports[0].name.span().begin, at(16, 21)));
  CHECK_FALSE(app.image_pull_policy.present());
  CHECK(log.name.value == "log");
  CHECK(same_place(log.name.span().begin, at(17, 17)));  // the opening quote
  CHECK(log.image_pull_policy.value == "Always");
  CHECK(same_place(log.image_pull_policy.span().begin, at(19, 28)));
  CHECK(log.list_name() == "containers");
}

TEST_CASE("The pod spec's place for each of the nine kinds", "[model]") {
  struct Case {
    std::string_view text;
    std::string_view kind;
    std::string_view path;
  };
  const Case cases[] = {
      {"apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a}]\n", "Pod", "spec"},
      {"apiVersion: v1\nkind: PodTemplate\ntemplate:\n  metadata: {}\n  spec:\n    containers: [{name: a}]\n",
       "PodTemplate", "template.spec"},
      {"apiVersion: v1\nkind: ReplicationController\nspec:\n  template:\n    metadata: {}\n    spec:\n"
       "      containers: [{name: a}]\n",
       "ReplicationController", "spec.template.spec"},
      {"apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    metadata: {}\n    spec:\n"
       "      containers: [{name: a}]\n",
       "Deployment", "spec.template.spec"},
      {"apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    metadata: {}\n    spec:\n"
       "      containers: [{name: a}]\n",
       "StatefulSet", "spec.template.spec"},
      {"apiVersion: extensions/v1beta1\nkind: DaemonSet\nspec:\n  template:\n    metadata: {}\n    spec:\n"
       "      containers: [{name: a}]\n",
       "DaemonSet", "spec.template.spec"},
      {"apiVersion: apps/v1\nkind: ReplicaSet\nspec:\n  template:\n    metadata: {}\n    spec:\n"
       "      containers: [{name: a}]\n",
       "ReplicaSet", "spec.template.spec"},
      {"apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    metadata: {}\n    spec:\n"
       "      containers: [{name: a}]\n",
       "Job", "spec.template.spec"},
      {"apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n"
       "        metadata: {}\n        spec:\n          containers: [{name: a}]\n",
       "CronJob", "spec.jobTemplate.spec.template.spec"},
  };
  for (const Case& c : cases) {
    INFO(c.kind);
    const Model m(c.text);
    REQUIRE(m.workloads.size() == 1);
    const Workload& w = m.workloads[0];
    CHECK(w.kind.value == c.kind);
    CHECK(w.pod_spec_path == c.path);
    REQUIRE(w.pod_spec.has_value());
    REQUIRE(w.pod_spec->containers.size() == 1);
    CHECK(w.pod_spec->containers[0].name.value == "a");
    CHECK((w.template_metadata == nullptr) == (c.kind == "Pod"));
    CHECK(w.is_job() == (c.kind == "Job" || c.kind == "CronJob"));
  }
}

TEST_CASE("A List's items are the workloads", "[model]") {
  const Model m(R"(apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: one}
    spec:
      containers: [{name: a, image: x}]
  - just: a mapping
  - apiVersion: batch/v1
    kind: CronJob
    metadata: {generateName: two-}
    spec:
      jobTemplate:
        spec:
          template:
            spec:
              containers: [{name: b, image: y}]
)");
  REQUIRE(m.workloads.size() == 2);
  CHECK(m.workloads[0].kind.value == "Pod");
  CHECK(m.workloads[0].name.value == "one");
  CHECK(m.workloads[0].pod_spec_path == "spec");
  CHECK(m.workloads[1].kind.value == "CronJob");
  CHECK(m.workloads[1].name.value == "two-");
  CHECK(m.workloads[1].pod_spec_path == "spec.jobTemplate.spec.template.spec");
  REQUIRE(m.workloads[1].pod_spec.has_value());
  CHECK(m.workloads[1].pod_spec->containers[0].image.value == "y");
}

TEST_CASE("Documents that are no objects yield nothing", "[model]") {
  CHECK(Model("server:\n  port: 8080\nlog_level: debug\n").workloads.empty());
  CHECK(Model("- apiVersion: v1\n  kind: Pod\n").workloads.empty());
  CHECK(Model("apiVersion: v1\nspec: {}\n").workloads.empty());
  CHECK(Model("just a string\n").workloads.empty());
  CHECK(Model("# only a comment\n").workloads.empty());
}

TEST_CASE("Other kinds are workloads without a pod spec", "[model]") {
  const Model m("apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  containers: [{name: a}]\n");
  REQUIRE(m.workloads.size() == 1);
  CHECK(m.workloads[0].kind.value == "Service");
  CHECK(m.workloads[0].name.value == "svc");
  CHECK(m.workloads[0].pod_spec_path.empty());
  CHECK_FALSE(m.workloads[0].pod_spec.has_value());

  const Model no_spec("apiVersion: apps/v1\nkind: Deployment\nspec:\n  template: 5\n");
  REQUIRE(no_spec.workloads.size() == 1);
  CHECK(no_spec.workloads[0].pod_spec_path == "spec.template.spec");
  CHECK_FALSE(no_spec.workloads[0].pod_spec.has_value());
}

TEST_CASE("Values of the wrong type are present but not valid", "[model]") {
  const Model m(R"(apiVersion: v1
kind: Pod
spec:
  hostNetwork: yes
  hostPID: true
  hostIPC: "true"
  restartPolicy: 1
  containers:
    - name: 80
      image: "80"
      ports:
        - containerPort: "80"
        - containerPort: 80
          hostPort: 99999999999999999999
        - containerPort: 0x1F
          hostPort: 8.0
          name: !!str 8080
          protocol: null
      livenessProbe:
        httpGet: {port: http, path: [a]}
      readinessProbe:
        tcpSocket: {port: 8080}
      startupProbe:
        tcpSocket: {port: true}
)");
  const PodSpec& spec = spec_of(m);
  CHECK(spec.host_network.present());
  CHECK_FALSE(spec.host_network.valid());
  CHECK(spec.host_pid.valid());
  CHECK(spec.host_pid.value);
  CHECK(spec.host_ipc.present());
  CHECK_FALSE(spec.host_ipc.valid());
  CHECK(spec.restart_policy.present());
  CHECK_FALSE(spec.restart_policy.valid());
  REQUIRE(spec.containers.size() == 1);
  const Container& c = spec.containers[0];
  CHECK(c.name.present());
  CHECK_FALSE(c.name.valid());
  CHECK(c.name.value.empty());
  CHECK(c.image.valid());
  CHECK(c.image.value == "80");
  REQUIRE(c.ports.size() == 3);
  CHECK(c.ports[0].container_port.present());
  CHECK_FALSE(c.ports[0].container_port.valid());
  CHECK(c.ports[1].container_port.valid());
  CHECK(c.ports[1].container_port.value == 80);
  CHECK(c.ports[1].host_port.present());
  CHECK_FALSE(c.ports[1].host_port.valid());
  CHECK(c.ports[2].container_port.value == 31);
  CHECK_FALSE(c.ports[2].host_port.valid());
  CHECK(c.ports[2].name.valid());
  CHECK(c.ports[2].name.value == "8080");
  CHECK(c.ports[2].protocol.present());
  CHECK_FALSE(c.ports[2].protocol.valid());

  REQUIRE(c.liveness_probe.has_value());
  REQUIRE(c.liveness_probe->handlers.size() == 1);
  const Handler& http = c.liveness_probe->handlers[0];
  CHECK(http.kind == HandlerKind::HttpGet);
  CHECK(http.port.valid());
  CHECK_FALSE(http.port.value.is_int);
  CHECK(http.port.value.text == "http");
  CHECK(http.path.present());
  CHECK_FALSE(http.path.valid());
  const Handler& tcp = c.readiness_probe->handlers.at(0);
  CHECK(tcp.port.valid());
  CHECK(tcp.port.value.is_int);
  CHECK(tcp.port.value.number == 8080);
  CHECK(c.startup_probe->handlers.at(0).port.present());
  CHECK_FALSE(c.startup_probe->handlers.at(0).port.valid());
}

TEST_CASE("Merge keys and aliases are followed", "[model]") {
  const Model m(R"(apiVersion: v1
kind: Pod
metadata:
  name: merged
spec:
  containers:
    - &base
      name: base
      image: &img registry/app:1
      imagePullPolicy: Always
      securityContext: &sc
        runAsNonRoot: true
    - <<: *base
      name: copy
      env:
        - {name: A, value: *img}
    - <<: [{image: first, name: n1}, {image: second, imagePullPolicy: Never}]
      securityContext: *sc
    - *base
)");
  const PodSpec& spec = spec_of(m);
  REQUIRE(spec.containers.size() == 4);
  const Container& copy = spec.containers[1];
  CHECK(copy.name.value == "copy");
  CHECK(copy.image.value == "registry/app:1");
  CHECK(copy.image_pull_policy.value == "Always");
  CHECK(same_place(copy.image.span().begin, at(9, 19)));  // the anchored value, after its anchor
  REQUIRE(copy.security_context.has_value());
  CHECK(copy.security_context->run_as_non_root.value);
  REQUIRE(copy.env.size() == 1);
  CHECK(copy.env[0].value.value == "registry/app:1");

  const Container& multi = spec.containers[2];
  CHECK(multi.name.value == "n1");
  CHECK(multi.image.value == "first");  // the first merged mapping wins
  CHECK(multi.image_pull_policy.value == "Never");
  REQUIRE(multi.security_context.has_value());
  CHECK(multi.security_context->run_as_non_root.valid());

  const Container& alias = spec.containers[3];
  CHECK(alias.index == 3);
  CHECK(alias.name.value == "base");
  CHECK(alias.node == spec.containers[0].node);
}

TEST_CASE("Init containers with restartPolicy Always are sidecars", "[model]") {
  const Model m(R"(apiVersion: v1
kind: Pod
spec:
  initContainers:
    - name: setup
    - name: proxy
      restartPolicy: Always
    - name: odd
      restartPolicy: "Never"
  containers:
    - name: app
      restartPolicy: Always
  ephemeralContainers:
    - name: debug
)");
  const PodSpec& spec = spec_of(m);
  REQUIRE(spec.init_containers.size() == 3);
  CHECK_FALSE(spec.init_containers[0].is_sidecar());
  CHECK_FALSE(spec.init_containers[0].is_long_running());
  CHECK(spec.init_containers[1].is_sidecar());
  CHECK(spec.init_containers[1].is_long_running());
  CHECK_FALSE(spec.init_containers[2].is_sidecar());
  CHECK_FALSE(spec.containers.at(0).is_sidecar());
  CHECK(spec.containers.at(0).is_long_running());
  CHECK_FALSE(spec.ephemeral_containers.at(0).is_long_running());

  const auto all = spec.all_containers();
  REQUIRE(all.size() == 5);
  CHECK(all[0]->name.value == "setup");
  CHECK(all[0]->list_name() == "initContainers");
  CHECK(all[3]->name.value == "app");
  CHECK(all[4]->name.value == "debug");
  CHECK(all[4]->list_name() == "ephemeralContainers");
  CHECK(all[4]->kind == ContainerKind::Ephemeral);
}

TEST_CASE("Probe handlers are listed in source order", "[model]") {
  const Model m(R"(apiVersion: v1
kind: Pod
spec:
  containers:
    - name: a
      livenessProbe:
        tcpSocket: {port: 80}
        periodSeconds: 5
        exec: {command: [true]}
      readinessProbe:
        periodSeconds: 10
        failureThreshold: "3"
      startupProbe:
        grpc: {port: 9090}
        sleep: {seconds: 1}
    - name: b
      livenessProbe:
)");
  const PodSpec& spec = spec_of(m);
  const Container& a = spec.containers.at(0);
  REQUIRE(a.liveness_probe.has_value());
  CHECK(same_place(a.liveness_probe->key->span.begin, at(6, 7)));
  REQUIRE(a.liveness_probe->handlers.size() == 2);
  CHECK(a.liveness_probe->handlers[0].kind == HandlerKind::TcpSocket);
  CHECK(a.liveness_probe->handlers[1].kind == HandlerKind::Exec);
  CHECK(same_place(a.liveness_probe->handlers[1].key->span.begin, at(9, 9)));
  CHECK(a.liveness_probe->handlers[1].node->is_mapping());
  CHECK(a.liveness_probe->period_seconds.value == 5);

  REQUIRE(a.readiness_probe.has_value());
  CHECK(a.readiness_probe->handlers.empty());
  CHECK(a.readiness_probe->period_seconds.value == 10);
  CHECK_FALSE(a.readiness_probe->failure_threshold.valid());

  REQUIRE(a.startup_probe->handlers.size() == 2);
  CHECK(a.startup_probe->handlers[0].kind == HandlerKind::Grpc);
  CHECK(a.startup_probe->handlers[0].grpc_port.value == 9090);
  CHECK_FALSE(a.startup_probe->handlers[0].port.present());
  CHECK(a.startup_probe->handlers[1].kind == HandlerKind::Sleep);

  // An empty probe is JSON null: no probe at all.
  CHECK_FALSE(spec.containers.at(1).liveness_probe.has_value());
}

TEST_CASE("Resource requests and limits keep their entries", "[model]") {
  const Model m(R"(apiVersion: v1
kind: Pod
spec:
  containers:
    - name: a
      resources:
        requests:
          cpu: 500m
          memory: "128Mi"
          nvidia.com/gpu: 1
        limits:
          memory: 0.5Gi
          cpu: {}
    - name: b
      resources: {}
)");
  const PodSpec& spec = spec_of(m);
  const auto& r = spec.containers.at(0).resources;
  REQUIRE(r.has_value());
  CHECK(same_place(r->requests_key->span.begin, at(7, 9)));
  CHECK(same_place(r->limits_key->span.begin, at(11, 9)));
  REQUIRE(r->requests.size() == 3);
  CHECK(r->requests[0].name == "cpu");
  CHECK(r->requests[0].quantity == "500m");
  CHECK(same_place(r->requests[0].value->span.begin, at(8, 16)));
  CHECK(r->requests[1].name == "memory");
  CHECK(r->requests[1].quantity == "128Mi");
  CHECK(r->requests[2].name == "nvidia.com/gpu");
  CHECK(r->requests[2].quantity == "1");
  REQUIRE(r->limits.size() == 2);
  CHECK(r->limits[0].quantity == "0.5Gi");
  CHECK(r->limits[1].name == "cpu");
  CHECK(r->limits[1].quantity.empty());

  const auto& empty = spec.containers.at(1).resources;
  REQUIRE(empty.has_value());
  CHECK(empty->requests_key == nullptr);
  CHECK(empty->requests.empty());
  CHECK(empty->limits.empty());
}

TEST_CASE("A duplicate key's last occurrence wins", "[model]") {
  const Model m(R"(apiVersion: v1
kind: Pod
metadata:
  name: first
  name: second
spec:
  hostNetwork: true
  containers:
    - name: a
      image: old
      resources:
        requests: {cpu: 1, memory: 1Gi, cpu: 2}
      image: new
      livenessProbe:
        exec: {command: [a]}
        httpGet: {port: 1}
        exec: {command: [b]}
  hostNetwork: false
  containers:
    - name: b
      image: later
)");
  CHECK(m.stream.documents[0].errors.size() >= 1);  // reported, the document is still whole
  REQUIRE(m.workloads.size() == 1);
  CHECK(m.workloads[0].name.value == "second");
  CHECK(same_place(m.workloads[0].name.key_span().begin, at(5, 3)));
  const PodSpec& spec = spec_of(m);
  CHECK(spec.host_network.valid());
  CHECK_FALSE(spec.host_network.value);
  REQUIRE(spec.containers.size() == 1);
  CHECK(spec.containers[0].name.value == "b");
  CHECK(same_place(spec.containers_key->span.begin, at(19, 3)));

  // The overridden list, seen on its own.
  const yaml::Node& first_list = *m.stream.documents[0].root->pairs[3].value->pairs[1].value;
  REQUIRE(first_list.is_sequence());
  const yaml::Node& a = *first_list.items[0];
  CHECK(yaml::find(a, "image")->value == "old");  // what yaml::find keeps, unlike the model

  const Model again(R"(apiVersion: v1
kind: Pod
spec:
  containers:
    - name: a
      image: old
      resources:
        requests: {cpu: 1, memory: 1Gi, cpu: 2}
      image: new
      livenessProbe:
        exec: {command: [a]}
        httpGet: {port: 1}
        exec: {command: [b]}
)");
  const Container& c = spec_of(again).containers.at(0);
  CHECK(c.image.value == "new");
  CHECK(same_place(c.image.span().begin, at(9, 14)));
  REQUIRE(c.resources->requests.size() == 2);
  CHECK(c.resources->requests[0].name == "memory");
  CHECK(c.resources->requests[1].name == "cpu");
  CHECK(c.resources->requests[1].quantity == "2");
  REQUIRE(c.liveness_probe->handlers.size() == 2);
  CHECK(c.liveness_probe->handlers[0].kind == HandlerKind::HttpGet);
  CHECK(c.liveness_probe->handlers[1].kind == HandlerKind::Exec);
  CHECK(same_place(c.liveness_probe->handlers[1].key->span.begin, at(13, 9)));
}

TEST_CASE("An empty value's span is its key's", "[model]") {
  const Model m(
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image:\n      imagePullPolicy: "
      "\"\"\n");
  const Container& c = spec_of(m).containers.at(0);
  CHECK(c.image.present());
  CHECK_FALSE(c.image.valid());
  CHECK(c.image.span() == c.image.key_span());
  CHECK(same_place(c.image.span().begin, at(6, 7)));
  // An empty quoted string has an extent: the quotes.
  CHECK(c.image_pull_policy.valid());
  CHECK(c.image_pull_policy.value.empty());
  CHECK(same_place(c.image_pull_policy.span().begin, at(7, 24)));
}

TEST_CASE("Pod-level fields, security contexts, volumes, env and mounts", "[model]") {
  const Model m(R"(apiVersion: v1
kind: Pod
metadata:
  name: ""
  generateName: gen-
spec:
  restartPolicy: Never
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    runAsGroup: "1000"
    privileged: true
    seccompProfile: {type: RuntimeDefault}
  volumes:
    - name: data
      emptyDir: {}
    - configMap: {name: cfg}
      name: cfg
    - name: bare
    - not a mapping
  containers:
    - name: a
      securityContext:
        privileged: false
        allowPrivilegeEscalation: true
        readOnlyRootFilesystem: true
        runAsUser: 0
        capabilities:
          add: [NET_ADMIN, 7]
          drop: [ALL]
      env:
        - name: A
          value: "1"
        - name: B
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        - name: C
          value: 1
      volumeMounts:
        - name: data
          mountPath: /data
          readOnly: true
          subPath: x
)");
  CHECK(m.workloads.at(0).name.value == "gen-");
  const PodSpec& spec = spec_of(m);
  CHECK(spec.restart_policy.value == "Never");
  CHECK_FALSE(spec.host_network.present());
  REQUIRE(spec.security_context.has_value());
  const SecurityContext& pod = *spec.security_context;
  CHECK(pod.run_as_non_root.value);
  CHECK(pod.run_as_user.value == 1000);
  CHECK_FALSE(pod.run_as_group.valid());
  CHECK_FALSE(pod.privileged.present());  // no such field at the pod level
  REQUIRE(pod.seccomp_profile != nullptr);
  CHECK(pod.seccomp_profile->is_mapping());

  REQUIRE(spec.volumes.size() == 3);
  CHECK(spec.volumes[0].name.value == "data");
  CHECK(spec.volumes[0].source_key->value == "emptyDir");
  CHECK(spec.volumes[1].name.value == "cfg");
  CHECK(spec.volumes[1].source_key->value == "configMap");
  CHECK(spec.volumes[2].source_key == nullptr);

  const Container& c = spec.containers.at(0);
  REQUIRE(c.security_context.has_value());
  const SecurityContext& sc = *c.security_context;
  CHECK(sc.privileged.valid());
  CHECK_FALSE(sc.privileged.value);
  CHECK(sc.allow_privilege_escalation.value);
  CHECK(sc.read_only_root_filesystem.value);
  CHECK(sc.run_as_user.value == 0);
  REQUIRE(sc.capabilities.has_value());
  REQUIRE(sc.capabilities->add.size() == 2);
  CHECK(sc.capabilities->add[0].value == "NET_ADMIN");
  CHECK_FALSE(sc.capabilities->add[1].valid());
  CHECK(same_place(sc.capabilities->add[1].span().begin, at(29, 28)));
  REQUIRE(sc.capabilities->drop.size() == 1);
  CHECK(sc.capabilities->drop[0].value == "ALL");

  REQUIRE(c.env.size() == 3);
  CHECK(c.env[0].value.value == "1");
  CHECK(c.env[1].value_from != nullptr);
  CHECK_FALSE(c.env[1].value.present());
  CHECK_FALSE(c.env[2].value.valid());
  REQUIRE(c.volume_mounts.size() == 1);
  CHECK(c.volume_mounts[0].name.value == "data");
  CHECK(c.volume_mounts[0].mount_path.value == "/data");
  CHECK(c.volume_mounts[0].read_only.value);
  CHECK(c.volume_mounts[0].sub_path.value == "x");
}

TEST_CASE("Container items that are no mappings are skipped", "[model]") {
  const Model m(
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - just text\n    - name: b\n    -\n    - name: "
      "d\n");
  const PodSpec& spec = spec_of(m);
  REQUIRE(spec.containers.size() == 2);
  CHECK(spec.containers[0].index == 1);
  CHECK(spec.containers[1].index == 3);
}

TEST_CASE("Many resource entries with duplicates keep the last of each", "[model]") {
  std::string text =
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      resources:\n        limits:\n";
  for (int i = 0; i < 40; ++i)
    text += "          r" + std::to_string(i % 20) + ": \"" + std::to_string(i) + "\"\n";
  const Model m(text);
  const auto& limits = spec_of(m).containers.at(0).resources->limits;
  REQUIRE(limits.size() == 20);
  for (size_t i = 0; i < limits.size(); ++i) {
    CHECK(limits[i].name == "r" + std::to_string(i));
    CHECK(limits[i].quantity == std::to_string(i + 20));
  }
}

TEST_CASE("Lists nest, and typed lists count as lists", "[model]") {
  const Model m(R"(apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: PodList
    items:
      - {apiVersion: v1, kind: Pod, spec: {containers: [{name: a}]}}
      - {apiVersion: v1, kind: Pod, spec: {containers: [{name: b}]}}
  - {apiVersion: v1, kind: ConfigMap}
)");
  REQUIRE(m.workloads.size() == 3);
  CHECK(m.workloads[0].pod_spec->containers.at(0).name.value == "a");
  CHECK(m.workloads[1].pod_spec->containers.at(0).name.value == "b");
  CHECK(m.workloads[2].kind.value == "ConfigMap");
}

TEST_CASE("Object headers: the root and a List's items, with what says which object each is", "[model]") {
  const auto stream = yaml::parse(R"(apiVersion: v1
kind: List
items:
  - kind: Pod
    metadata: {name: no-version}
  - not a mapping
  - apiVersion: v1
    kind: PodList
    items: [{apiVersion: v1, kind: Pod, spec: {}}]
  - {apiVersion: 1, metadata: {name: bad-version}}
)");
  REQUIRE(stream.documents.size() == 1);
  const auto headers = object_headers(stream.documents[0]);
  REQUIRE(headers.size() == 5);
  CHECK_FALSE(headers[0].list_item);
  CHECK(headers[0].items != nullptr);  // a List: its items follow it
  CHECK(headers[1].list_item);
  CHECK_FALSE(headers[1].api_version.present());
  CHECK(headers[1].kind.value == "Pod");
  CHECK(same_place(headers[1].metadata_key->span.begin, at(5, 5)));
  CHECK(headers[2].kind.value == "PodList");
  CHECK(headers[2].items != nullptr);
  CHECK(headers[3].spec != nullptr);
  CHECK(same_place(headers[3].object->span.begin, at(9, 13)));
  CHECK(headers[4].api_version.present());
  CHECK_FALSE(headers[4].api_version.valid());
  CHECK_FALSE(headers[4].kind.present());

  // Without apiVersion and kind, a List is not one: its items are not objects.
  const auto no_version = yaml::parse("kind: List\nitems: [{kind: Pod}]\n");
  const auto single = object_headers(no_version.documents[0]);
  REQUIRE(single.size() == 1);
  CHECK(single[0].items == nullptr);
  CHECK(object_headers(yaml::parse("- kind: Pod\n").documents[0]).empty());
}

TEST_CASE("describe_type names a value's type as messages do", "[model]") {
  const auto stream = yaml::parse("[~, true, 1, 1.5, x, [], {}, \"1\"]\n");
  const yaml::Node& list = *stream.documents[0].root;
  std::vector<std::string_view> names;
  for (const yaml::Node* item : list.items)
    names.push_back(describe_type(*item));
  CHECK(names == std::vector<std::string_view>{"null", "a boolean", "an integer", "a float", "a string",
                                               "a list", "a mapping", "a string"});
}

TEST_CASE("what the Pod Security Standards read is in the model", "[model]") {
  const Model m(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, annotations: {a: b}}
spec:
  template:
    metadata:
      annotations: {container.apparmor.security.beta.kubernetes.io/web: unconfined}
    spec:
      hostUsers: false
      os: {name: windows}
      automountServiceAccountToken: false
      serviceAccountName: web
      serviceAccount: old
      securityContext:
        seccompProfile: null
        appArmorProfile: {type: Localhost, localhostProfile: x}
        seLinuxOptions: {type: spc_t, user: u, role: r, level: "s0"}
        windowsOptions: {hostProcess: true}
        sysctls: [{name: kernel.msgmax, value: "1"}, just text, {value: "2"}]
        procMount: Unmasked
      containers:
        - name: web
          image: nginx:1.27
          envFrom: [{secretRef: {name: s}}, {configMapRef: {name: c}}]
          lifecycle:
            preStop: {httpGet: {host: 10.0.0.1, port: 80}}
          livenessProbe: {tcpSocket: {host: db, port: 5432}}
          securityContext:
            procMount: Default
            seccompProfile: {type: RuntimeDefault}
            capabilities: {drop: [ALL]}
      volumes:
        - {name: root, hostPath: {path: /, type: Directory}}
        - {name: tmp, emptyDir: {}}
)");
  REQUIRE(m.workloads.size() == 1);
  const Workload& w = m.workloads[0];
  REQUIRE(w.pod_annotations != nullptr);  // the template's, not the Deployment's
  CHECK(string_map(w.pod_annotations).at(0).first == "container.apparmor.security.beta.kubernetes.io/web");
  const PodSpec& spec = spec_of(m);
  CHECK_FALSE(spec.host_users.value);
  CHECK(spec.host_users.valid());
  CHECK(spec.os_name.value == "windows");
  CHECK_FALSE(spec.automount_service_account_token.value);
  CHECK(spec.service_account_name.value == "web");
  CHECK(spec.service_account.value == "old");
  const SecurityContext& pod = *spec.security_context;
  CHECK(pod.seccomp_profile_key == nullptr);  // null: no profile
  REQUIRE(pod.app_armor_profile_key != nullptr);
  CHECK(pod.app_armor_type.value == "Localhost");
  REQUIRE(pod.se_linux_options.has_value());
  CHECK(pod.se_linux_options->type.value == "spc_t");
  CHECK(pod.se_linux_options->user.value == "u");
  CHECK(pod.se_linux_options->role.value == "r");
  CHECK(pod.windows_host_process.value);
  REQUIRE(pod.sysctls.size() == 2);  // the item that is no mapping is skipped
  CHECK(pod.sysctls[0].name.value == "kernel.msgmax");
  CHECK_FALSE(pod.sysctls[1].name.present());
  CHECK_FALSE(pod.proc_mount.present());  // a container-level field
  const Container& c = spec.containers.at(0);
  REQUIRE(c.env_from.size() == 2);
  CHECK(c.env_from[0].secret_ref != nullptr);
  CHECK(c.env_from[1].config_map_ref != nullptr);
  REQUIRE(c.pre_stop.has_value());
  CHECK(c.pre_stop->handlers.at(0).host.value == "10.0.0.1");
  CHECK_FALSE(c.post_start.has_value());
  CHECK(c.liveness_probe->handlers.at(0).host.value == "db");
  const SecurityContext& sc = *c.security_context;
  CHECK(sc.proc_mount.value == "Default");
  CHECK(sc.seccomp_type.value == "RuntimeDefault");
  CHECK(sc.capabilities->key->value == "capabilities");
  CHECK(spec.volumes.at(0).host_path.value == "/");
  CHECK_FALSE(spec.volumes.at(1).host_path.present());
}
