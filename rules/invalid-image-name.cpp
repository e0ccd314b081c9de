// invalid-image-name: an image reference the kubelet cannot parse, so the
// container never starts (InvalidImageName).
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "support/image_reference.hpp"
#include "support/pod_helpers.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return std::string(s);
}

// What is wrong, as a phrase after "it", and a corrected reference when one
// is plain.
struct Explanation {
  std::string problem;
  std::string fix;
};

Explanation explain(std::string_view image, const rules::ImageReference& ref) {
  using rules::ImageProblem;
  switch (ref.problem) {
    case ImageProblem::None:
    case ImageProblem::Empty:
      break;
    case ImageProblem::HexadecimalName:
      return {"is 64 hexadecimal characters, which read as an image ID, not a repository", {}};
    case ImageProblem::Uppercase: {
      // Lower-case everything before the tag or digest, but a registry host.
      std::string fix(image);
      const size_t slash = fix.find('/');
      const bool has_domain =
          slash != std::string::npos && (fix.substr(0, slash).find_first_of(".:") != std::string::npos ||
                                         fix.substr(0, slash) == "localhost");
      const size_t begin = has_domain ? slash + 1 : 0;
      const size_t end = std::min(fix.find(':', begin), fix.find('@', begin));
      std::transform(fix.begin() + static_cast<std::ptrdiff_t>(begin),
                     end == std::string::npos ? fix.end() : fix.begin() + static_cast<std::ptrdiff_t>(end),
                     fix.begin() + static_cast<std::ptrdiff_t>(begin),
                     [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
      return {"has upper-case letters in its repository name (only a registry host and a tag may)", fix};
    }
    case ImageProblem::Malformed: {
      if (const size_t scheme = image.find("://"); scheme != std::string_view::npos)
        return {"starts with a URL scheme, which an image reference has none of",
                std::string(image.substr(scheme + 3))};
      if (image.ends_with(':') || image.ends_with('@'))
        return {fmt::format("ends with '{}' and nothing after it", image.back()),
                std::string(image.substr(0, image.size() - 1))};
      if (image.find("//") != std::string_view::npos) return {"has an empty path component (\"//\")", {}};
      if (std::any_of(image.begin(), image.end(), is_space)) return {"contains whitespace", {}};
      return {"is not of the form [registry/]repository[:tag][@digest]", {}};
    }
    case ImageProblem::NameTooLong:
      return {"has a repository path of more than 255 characters", {}};
    case ImageProblem::UnsupportedDigest:
      return {"has a digest whose algorithm is not sha256, sha384 or sha512", {}};
    case ImageProblem::DigestLength:
      return {"has a digest of the wrong length (sha256 takes 64 hexadecimal digits, sha384 96, sha512 128)",
              {}};
    case ImageProblem::DigestNotLowercaseHex: {
      std::string fix(image);
      const size_t at = fix.find('@');
      std::transform(fix.begin() + static_cast<std::ptrdiff_t>(at), fix.end(),
                     fix.begin() + static_cast<std::ptrdiff_t>(at),
                     [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
      return {"has a digest in upper-case hexadecimal; digests are lower-case", fix};
    }
  }
  return {};
}

class InvalidImageName final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-image-name",
        .severity = Severity::Error,
        .category = Category::Containers,
        .consequence = Consequence::Fails,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    for (const model::Container* c : workload.pod_spec->all_containers()) {
      // An empty image is missing-required-field's.
      if (!c->image.valid() || c->image.value.empty()) continue;
      const std::string_view image = c->image.value;
      const std::string inner = trimmed(image);
      if (inner.size() != image.size() && !inner.empty()) {
        const std::string where = workload.kind.value == "Pod"
                                      ? "the API server rejects it in a Pod"
                                      : "the kubelet cannot pull it (InvalidImageName)";
        reporter.report(c->image.span(),
                        fmt::format("image \"{}\" of {} has leading or trailing whitespace: {}{}", image,
                                    rules::describe(*c), where, text::did_you_mean(inner)));
        continue;
      }
      const rules::ImageReference ref = rules::parse_image_reference(image);
      if (ref.valid()) continue;
      Explanation why = explain(image, ref);
      if (!why.fix.empty() && !rules::parse_image_reference(why.fix).valid()) why.fix.clear();
      reporter.report(
          c->image.span(),
          fmt::format(
              "image \"{}\" of {} cannot be pulled, so the container waits with InvalidImageName: it {}{}",
              image, rules::describe(*c), why.problem, text::did_you_mean(why.fix)));
    }
  }
};

PODLINT_REGISTER_RULE(InvalidImageName);

}  // namespace
}  // namespace podlint
