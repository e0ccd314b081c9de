#include "support/image_reference.hpp"

#include <algorithm>

namespace podlint::rules {

namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alnum(char c) {
  return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}
bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_word(char c) {
  return is_alnum(c) || c == '_';
}

// A domain name component: alphanumerics with inner '-'.
bool domain_component(std::string_view s) {
  return !s.empty() && is_alnum(s.front()) && is_alnum(s.back()) &&
         std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

// host[:port], the host a domain name or a bracketed IPv6 address.
bool domain(std::string_view s) {
  std::string_view host = s;
  if (s.starts_with('[')) {
    const size_t close = s.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    if (!std::all_of(s.begin() + 1, s.begin() + static_cast<std::ptrdiff_t>(close),
                     [](char c) { return is_hex(c) || c == ':'; }))
      return false;
    host = {};
    s.remove_prefix(close + 1);
  } else {
    const size_t colon = s.find(':');
    host = s.substr(0, colon);
    s = colon == std::string_view::npos ? std::string_view() : s.substr(colon);
    for (size_t start = 0;;) {
      const size_t dot = host.find('.', start);
      if (!domain_component(host.substr(start, dot - start))) return false;
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
  if (s.empty()) return true;
  // ":port"
  return s.size() > 1 && s.front() == ':' &&
         std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A path component: lower-case alphanumerics joined by one '.', one '_',
// "__" or a run of '-'.
bool path_component(std::string_view s) {
  if (s.empty() || !is_lower_alnum(s.front()) || !is_lower_alnum(s.back())) return false;
  for (size_t i = 0; i < s.size();) {
    if (is_lower_alnum(s[i])) {
      ++i;
      continue;
    }
    size_t run = i;
    while (run < s.size() && !is_lower_alnum(s[run]))
      ++run;
    const std::string_view separator = s.substr(i, run - i);
    const bool ok = separator == "." || separator == "_" || separator == "__" ||
                    std::all_of(separator.begin(), separator.end(), [](char c) { return c == '-'; });
    if (!ok) return false;
    i = run;
  }
  return true;
}

bool path(std::string_view s) {
  for (size_t start = 0;;) {
    const size_t slash = s.find('/', start);
    if (!path_component(s.substr(start, slash - start))) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

bool tag(std::string_view s) {
  return !s.empty() && s.size() <= 128 && is_word(s.front()) &&
         std::all_of(s.begin(), s.end(), [](char c) { return is_word(c) || c == '.' || c == '-'; });
}

// algorithm ":" at least 32 hex digits (either case); the algorithm's parts
// start with a letter and are joined by one of "-_+.".
bool digest_syntax(std::string_view s) {
  const size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const std::string_view algorithm = s.substr(0, colon), hex = s.substr(colon + 1);
  bool part_start = true;
  for (const char c : algorithm) {
    if (part_start) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
      part_start = false;
    } else if (c == '-' || c == '_' || c == '+' || c == '.') {
      part_start = true;
    } else if (!is_alnum(c)) {
      return false;
    }
  }
  return !part_start && hex.size() >= 32 && std::all_of(hex.begin(), hex.end(), is_hex);
}

struct Parts {
  std::string_view domain, path, tag, digest;
};

// The reference grammar on `text`, its domain already split off (empty: none).
bool matches(std::string_view domain_part, std::string_view rest, Parts& out) {
  if (!domain_part.empty() && !domain(domain_part)) return false;
  const size_t at = rest.find('@');
  std::string_view name = rest.substr(0, at);
  if (at != std::string_view::npos) {
    out.digest = rest.substr(at + 1);
    if (!digest_syntax(out.digest)) return false;
  }
  const size_t colon = name.find(':');
  if (colon != std::string_view::npos) {
    out.tag = name.substr(colon + 1);
    if (!tag(out.tag)) return false;
    name = name.substr(0, colon);
  }
  out.domain = domain_part;
  out.path = name;
  return path(name);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

ImageProblem check_digest(std::string_view digest) {
  const size_t colon = digest.find(':');
  const std::string_view algorithm = digest.substr(0, colon), hex = digest.substr(colon + 1);
  size_t length = 0;
  if (algorithm == "sha256") length = 64;
  if (algorithm == "sha384") length = 96;
  if (algorithm == "sha512") length = 128;
  if (length == 0) return ImageProblem::UnsupportedDigest;
  if (hex.size() != length) return ImageProblem::DigestLength;
  const bool lower_hex =
      std::all_of(hex.begin(), hex.end(), [](char c) { return is_hex(c) && !(c >= 'A' && c <= 'F'); });
  return lower_hex ? ImageProblem::None : ImageProblem::DigestNotLowercaseHex;
}

}  // namespace

ImageReference parse_image_reference(std::string_view image) {
  ImageReference out;
  if (image.empty()) {
    out.problem = ImageProblem::Empty;
    return out;
  }
  if (image.size() == 64 && std::all_of(image.begin(), image.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      })) {
    out.problem = ImageProblem::HexadecimalName;
    return out;
  }
  // The first element is a domain when it reads as one.
  std::string_view domain_part, rest = image;
  const size_t slash = image.find('/');
  if (slash != std::string_view::npos) {
    const std::string_view first = image.substr(0, slash);
    const bool is_domain =
        first == "localhost" || first.find_first_of(".:") != std::string_view::npos ||
        std::any_of(first.begin(), first.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (is_domain) {
      domain_part = first;
      rest = image.substr(slash + 1);
    }
  }
  out.registry =
      domain_part.empty() || domain_part == "index.docker.io" ? "docker.io" : std::string(domain_part);
  // The repository, up to the first ':', must be lower case.
  const std::string_view repository_text = rest.substr(0, rest.find(':'));
  if (repository_text != lower(repository_text)) {
    out.problem = ImageProblem::Uppercase;
    return out;
  }
  Parts parts;
  if (!matches(domain_part, rest, parts)) {
    const std::string lowered = lower(rest);
    Parts ignored;
    out.problem = matches(domain_part, lowered, ignored) ? ImageProblem::Uppercase : ImageProblem::Malformed;
    return out;
  }
  out.domain = parts.domain;
  out.path = parts.path;
  out.tag = parts.tag;
  out.digest = parts.digest;
  out.repository = std::string(parts.path);
  if (out.registry == "docker.io" && out.repository.find('/') == std::string::npos)
    out.repository = "library/" + out.repository;
  if (out.repository.size() > 255) {
    out.problem = ImageProblem::NameTooLong;
    return out;
  }
  if (!out.digest.empty()) out.problem = check_digest(out.digest);
  return out;
}

std::string_view default_pull_policy(const ImageReference& image) {
  if (!image.valid()) return "IfNotPresent";
  const bool latest = image.tag == "latest" || (image.tag.empty() && image.digest.empty());
  return latest ? "Always" : "IfNotPresent";
}

}  // namespace podlint::rules
