// Image references as the kubelet parses them (InvalidImageName otherwise),
// and the pull policy the API server fills in.
#include "support/image_reference.hpp"

#include <catch2/catch.hpp>
#include <string>

using podlint::rules::default_pull_policy;
using podlint::rules::ImageProblem;
using podlint::rules::parse_image_reference;

namespace {

std::string normalized(std::string_view image) {
  const auto r = parse_image_reference(image);
  REQUIRE(r.valid());
  std::string out = r.registry + "/" + r.repository;
  if (!r.tag.empty()) out += ":" + std::string(r.tag);
  if (!r.digest.empty()) out += "@" + std::string(r.digest);
  return out;
}

ImageProblem problem(std::string_view image) {
  return parse_image_reference(image).problem;
}

const std::string kHex(64, 'a');

}  // namespace

TEST_CASE("valid image references and what they normalize to", "[image]") {
  CHECK(normalized("nginx") == "docker.io/library/nginx");
  CHECK(normalized("nginx:1.27") == "docker.io/library/nginx:1.27");
  CHECK(normalized("nginx:Alpine") == "docker.io/library/nginx:Alpine");
  CHECK(normalized("myuser/app") == "docker.io/myuser/app");
  CHECK(normalized("localhost/app") == "localhost/app");
  CHECK(normalized("localhost:5000/app:1") == "localhost:5000/app:1");
  CHECK(normalized("[::1]:5000/app") == "[::1]:5000/app");
  CHECK(normalized("10.0.0.1:5000/app") == "10.0.0.1:5000/app");
  CHECK(normalized("REGISTRY.example.com/app") == "REGISTRY.example.com/app");
  CHECK(normalized("Foo/bar") == "Foo/bar");
  CHECK(normalized("index.docker.io/nginx") == "docker.io/library/nginx");
  CHECK(normalized("localhost:5000") == "docker.io/library/localhost:5000");
  CHECK(normalized("ghcr.io/org/team/app:v2.1.0-rc.1") == "ghcr.io/org/team/app:v2.1.0-rc.1");
  CHECK(normalized("a__b/c-d.e_f/g---h") == "docker.io/a__b/c-d.e_f/g---h");
  CHECK(normalized("app@sha256:" + kHex) == "docker.io/library/app@sha256:" + kHex);
  CHECK(normalized("app:v1@sha256:" + kHex) == "docker.io/library/app:v1@sha256:" + kHex);
  CHECK(normalized("app@sha512:" + std::string(128, '0')) ==
        "docker.io/library/app@sha512:" + std::string(128, '0'));
}

TEST_CASE("image references the kubelet refuses", "[image]") {
  CHECK(problem("") == ImageProblem::Empty);
  CHECK(problem(kHex) == ImageProblem::HexadecimalName);
  CHECK(problem("Nginx") == ImageProblem::Uppercase);
  CHECK(problem("registry.example.com/App") == ImageProblem::Uppercase);
  CHECK(problem("nginx:") == ImageProblem::Malformed);
  CHECK(problem("nginx@") == ImageProblem::Malformed);
  CHECK(problem("nginx ") == ImageProblem::Malformed);
  CHECK(problem("https://r.io/app") == ImageProblem::Malformed);
  CHECK(problem("r.io//app") == ImageProblem::Malformed);
  CHECK(problem("app_") == ImageProblem::Malformed);
  CHECK(problem("a...b") == ImageProblem::Malformed);
  CHECK(problem("app:-1") == ImageProblem::Malformed);
  CHECK(problem("app:" + std::string(129, 'x')) == ImageProblem::Malformed);
  CHECK(problem("r.io/" + std::string(256, 'a')) == ImageProblem::NameTooLong);
  CHECK(problem("r.io/" + std::string(255, 'a')) == ImageProblem::None);
  CHECK(problem("app@sha256:" + std::string(64, 'A')) == ImageProblem::DigestNotLowercaseHex);
  CHECK(problem("app@sha256:" + std::string(63, 'a')) == ImageProblem::DigestLength);
  CHECK(problem("app@md5:" + std::string(32, 'a')) == ImageProblem::UnsupportedDigest);
}

TEST_CASE("the pull policy the API server fills in", "[image]") {
  const auto policy = [](std::string_view image) {
    return std::string(default_pull_policy(parse_image_reference(image)));
  };
  CHECK(policy("nginx") == "Always");
  CHECK(policy("nginx:latest") == "Always");
  CHECK(policy("nginx:latest@sha256:" + kHex) == "Always");
  CHECK(policy("nginx@sha256:" + kHex) == "IfNotPresent");
  CHECK(policy("nginx:1.27") == "IfNotPresent");
  CHECK(policy("nginx:Latest") == "IfNotPresent");
  CHECK(policy("Nginx") == "IfNotPresent");
}
