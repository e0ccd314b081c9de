// Checks the generated Kubernetes schema data: the kinds podlint lints, the
// field types rules depend on, and that every type it names is defined.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace {

const nlohmann::json& schema() {
  static const nlohmann::json data = [] {
    std::ifstream in(PODLINT_SOURCE_DIR "/schema/kubernetes-1.36.json");
    return nlohmann::json::parse(in);
  }();
  return data;
}

std::string field_type(const std::string& type, const std::string& field) {
  return schema().at("types").at(type).at(field).get<std::string>();
}

}  // namespace

TEST_CASE("the schema describes every object that carries a pod spec", "[schema]") {
  std::vector<std::string> kinds;
  for (const auto& kind : schema().at("kinds")) {
    kinds.push_back(kind.at("apiVersion").get<std::string>() + "/" + kind.at("kind").get<std::string>());
  }
  CHECK(kinds == std::vector<std::string>{"v1/Pod", "v1/PodTemplate", "v1/ReplicationController",
                                          "apps/v1/Deployment", "apps/v1/StatefulSet", "apps/v1/DaemonSet",
                                          "apps/v1/ReplicaSet", "batch/v1/Job", "batch/v1/CronJob"});
  CHECK(schema().at("kubernetes") == "1.36");
}

TEST_CASE("the schema keeps JSON types, int-or-string and quantities apart", "[schema]") {
  CHECK(field_type("V1ContainerPort", "containerPort") == "integer");
  CHECK(field_type("V1ContainerPort", "protocol") == "string");
  CHECK(field_type("V1HTTPGetAction", "port") == "int-or-string");
  CHECK(field_type("V1ResourceRequirements", "limits") == "{}quantity");
  CHECK(field_type("V1EmptyDirVolumeSource", "sizeLimit") == "quantity");
  CHECK(field_type("V1PodSpec", "containers") == "[]V1Container");
  CHECK(field_type("V1PodSpec", "hostNetwork") == "boolean");
  CHECK(field_type("V1ObjectMeta", "labels") == "{}string");
  CHECK(field_type("V1ObjectMeta", "creationTimestamp") == "date-time");
  CHECK(field_type("V1CronJobSpec", "jobTemplate") == "V1JobTemplateSpec");
  CHECK(field_type("V1Container", "restartPolicy") == "string");
}

TEST_CASE("every type the schema names is defined in it", "[schema]") {
  const auto& types = schema().at("types");
  const std::set<std::string> scalars = {"string",    "integer",       "number",   "boolean",
                                         "date-time", "int-or-string", "quantity", "any"};
  for (const auto& [type, fields] : types.items()) {
    for (const auto& [field, value] : fields.items()) {
      std::string name = value.get<std::string>();
      while (name.starts_with("[]") || name.starts_with("{}"))
        name = name.substr(2);
      INFO(type << "." << field << ": " << name);
      CHECK((scalars.count(name) == 1 || types.contains(name)));
    }
  }
}
