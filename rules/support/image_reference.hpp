// Container image references as the kubelet reads them: the reference grammar
// (name, tag, digest), the normalization that fills in the default registry,
// and the pull policy the API server fills in when none is set. An image the
// kubelet cannot parse leaves its container waiting with InvalidImageName.
#pragma once

#include <string>
#include <string_view>

namespace podlint::rules {

// Why the kubelet refuses an image reference.
enum class ImageProblem {
  None,
  Empty,                 // no image at all
  HexadecimalName,       // 64 hexadecimal characters: an image id, not a repository
  Uppercase,             // upper case in the repository name (a domain or a tag may have it)
  Malformed,             // not of the form [domain/]path[:tag][@digest]
  NameTooLong,           // the repository path (without the domain) over 255 characters
  UnsupportedDigest,     // a digest algorithm other than sha256, sha384 or sha512
  DigestLength,          // a digest of the wrong length for its algorithm
  DigestNotLowercaseHex  // a digest written in upper case hex
};

struct ImageReference {
  ImageProblem problem = ImageProblem::None;
  // As written (empty when absent): the domain is the first '/'-separated
  // element when it reads as one (has '.' or ':', is "localhost", or has an
  // upper-case letter).
  std::string_view domain;
  std::string_view path;
  std::string_view tag;
  std::string_view digest;  // "sha256:...", without the '@'
  // Normalized as the kubelet does: "docker.io" when no domain is written
  // ("index.docker.io" is docker.io too); a one-element docker.io path gains
  // "library/".
  std::string registry;
  std::string repository;

  bool valid() const { return problem == ImageProblem::None; }
};

ImageReference parse_image_reference(std::string_view image);

// The imagePullPolicy the API server fills in when a container sets none:
// Always for a :latest tag or for no tag and no digest, else IfNotPresent
// (also for a reference that does not parse).
std::string_view default_pull_policy(const ImageReference& image);

}  // namespace podlint::rules
