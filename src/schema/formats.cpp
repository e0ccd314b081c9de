#include "schema/formats.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace podlint::schema {

namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_alnum(char c) {
  return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}

bool has_upper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// "'_', '.' and ' '": the distinct characters of `s` that `allowed` refuses.
std::string bad_characters(std::string_view s, bool (*allowed)(char)) {
  std::string seen;
  for (char c : s)
    if (!allowed(c) && seen.find(c) == std::string::npos) seen += c;
  std::string out;
  for (size_t i = 0; i < seen.size(); ++i) {
    if (i > 0) out += i + 1 == seen.size() ? " and " : ", ";
    const unsigned char c = static_cast<unsigned char>(seen[i]);
    out += c < 0x20 || c >= 0x7f ? fmt::format("byte 0x{:02x}", c) : fmt::format("'{}'", seen[i]);
  }
  return out;
}

void check_length(std::string_view s, size_t max, std::vector<std::string>& out) {
  if (s.size() > max) out.push_back(fmt::format("is {} characters long (at most {})", s.size(), max));
}

// A DNS-1123 label's characters and ends (not its length).
void check_label_shape(std::string_view s, std::vector<std::string>& out, bool letter_first = false) {
  if (has_upper(s)) out.emplace_back("has upper-case letters");
  const auto allowed = [](char c) { return is_lower_alnum(c) || c == '-' || (c >= 'A' && c <= 'Z'); };
  if (const std::string bad = bad_characters(s, allowed); !bad.empty())
    out.push_back("uses " + bad + " (only lower-case letters, digits and '-')");
  if (letter_first && !s.empty() && !(s.front() >= 'a' && s.front() <= 'z') &&
      !(s.front() >= 'A' && s.front() <= 'Z')) {
    out.emplace_back("does not start with a letter");
  } else if (!s.empty() && s.front() == '-') {
    out.emplace_back("starts with '-'");
  }
  if (!s.empty() && s.back() == '-') out.emplace_back("ends with '-'");
}

void dns_label(std::string_view s, std::vector<std::string>& out, bool letter_first = false) {
  if (s.empty()) {
    out.emplace_back("is empty");
    return;
  }
  check_length(s, 63, out);
  check_label_shape(s, out, letter_first);
}

void dns_subdomain(std::string_view s, std::vector<std::string>& out, bool prefix) {
  if (s.empty()) {
    out.emplace_back("is empty");
    return;
  }
  check_length(s, 253, out);
  if (has_upper(s)) out.emplace_back("has upper-case letters");
  const auto allowed = [](char c) {
    return is_lower_alnum(c) || c == '-' || c == '.' || (c >= 'A' && c <= 'Z');
  };
  if (const std::string bad = bad_characters(s, allowed); !bad.empty())
    out.push_back("uses " + bad + " (only lower-case letters, digits, '-' and '.')");
  // A generateName is completed with random characters: its last '-' is fine.
  if (prefix && s.back() == '-') s.remove_suffix(1);
  bool empty_part = false, dash_end = false;
  size_t begin = 0;
  while (begin <= s.size()) {
    const size_t end = std::min(s.find('.', begin), s.size());
    const std::string_view part = s.substr(begin, end - begin);
    empty_part |= part.empty();
    dash_end |= !part.empty() && (part.front() == '-' || part.back() == '-');
    begin = end + 1;
  }
  if (empty_part) out.emplace_back("has an empty part between dots (or a dot at an end)");
  if (dash_end) out.emplace_back("has a part that starts or ends with '-'");
}

// The name part of a qualified name: [A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9], at most 63.
void qualified_name_part(std::string_view name, std::vector<std::string>& out) {
  if (name.empty()) {
    out.emplace_back("has an empty name part");
    return;
  }
  if (name.size() > 63)
    out.push_back(fmt::format("has a name part of {} characters (at most 63)", name.size()));
  const auto allowed = [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; };
  if (const std::string bad = bad_characters(name, allowed); !bad.empty())
    out.push_back("uses " + bad + " (only letters, digits, '-', '_' and '.')");
  if (!is_alnum(name.front()) || !is_alnum(name.back()))
    out.emplace_back("does not start and end with a letter or digit");
}

void qualified_name(std::string_view s, std::vector<std::string>& out) {
  if (s.empty()) {
    out.emplace_back("is empty");
    return;
  }
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos) {
    qualified_name_part(s, out);
    return;
  }
  if (s.find('/', slash + 1) != std::string_view::npos) {
    out.emplace_back("has more than one '/'");
    return;
  }
  const std::string_view prefix = s.substr(0, slash);
  if (prefix.empty()) {
    out.emplace_back("has an empty prefix before '/'");
  } else {
    std::vector<std::string> prefix_problems;
    dns_subdomain(prefix, prefix_problems, false);
    for (const std::string& p : prefix_problems)
      out.push_back("has a prefix that " + p + " (it must be a DNS subdomain)");
  }
  qualified_name_part(s.substr(slash + 1), out);
}

void label_value(std::string_view s, std::vector<std::string>& out) {
  if (s.empty()) return;
  check_length(s, 63, out);
  const auto allowed = [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; };
  if (const std::string bad = bad_characters(s, allowed); !bad.empty())
    out.push_back("uses " + bad + " (only letters, digits, '-', '_' and '.')");
  if (!is_alnum(s.front()) || !is_alnum(s.back()))
    out.emplace_back("does not start and end with a letter or digit");
}

void iana_service_name(std::string_view s, std::vector<std::string>& out) {
  if (s.size() > 15) out.push_back(fmt::format("is {} characters long (at most 15)", s.size()));
  bool letter = false;
  for (char c : s)
    letter |= c >= 'a' && c <= 'z';
  const auto allowed = [](char c) { return is_lower_alnum(c) || c == '-'; };
  if (const std::string bad = bad_characters(s, allowed); !bad.empty())
    out.push_back("uses " + bad + " (only lower-case letters, digits and '-')");
  if (!letter) out.emplace_back("has no lower-case letter");
  if (s.find("--") != std::string_view::npos) out.emplace_back("contains \"--\"");
  if (!s.empty() && (s.front() == '-' || s.back() == '-')) out.emplace_back("starts or ends with '-'");
}

// "." and ".." name directories: ConfigMap keys and strict environment
// variable names may not be them, nor start with "..".
void dot_names(std::string_view s, std::vector<std::string>& out) {
  if (s == "." || s == "..")
    out.push_back(fmt::format("is \"{}\"", s));
  else if (s.starts_with(".."))
    out.emplace_back("starts with \"..\"");
}

void config_map_key(std::string_view s, std::vector<std::string>& out) {
  if (s.empty()) {
    out.emplace_back("is empty");
    return;
  }
  check_length(s, 253, out);
  const auto allowed = [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; };
  if (const std::string bad = bad_characters(s, allowed); !bad.empty())
    out.push_back("uses " + bad + " (only letters, digits, '-', '_' and '.')");
  dot_names(s, out);
}

void env_var_name(std::string_view s, std::vector<std::string>& out) {
  if (s.empty()) {
    out.emplace_back("is empty");
    return;
  }
  const auto allowed = [](char c) { return c >= 0x20 && c <= 0x7e && c != '='; };
  if (const std::string bad = bad_characters(s, allowed); !bad.empty())
    out.push_back("uses " + bad + " (only printable ASCII characters other than '=')");
}

// Before Kubernetes 1.32 (RelaxedEnvironmentVariableValidation).
void env_var_name_strict(std::string_view s, std::vector<std::string>& out) {
  if (s.empty()) {
    out.emplace_back("is empty");
    return;
  }
  const auto allowed = [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; };
  if (const std::string bad = bad_characters(s, allowed); !bad.empty())
    out.push_back("uses " + bad + " (only letters, digits, '-', '_' and '.' before Kubernetes 1.32)");
  if (s[0] >= '0' && s[0] <= '9') out.emplace_back("starts with a digit (allowed from Kubernetes 1.32)");
  dot_names(s, out);
}

void http_header_name(std::string_view s, std::vector<std::string>& out) {
  if (s.empty()) {
    out.emplace_back("is empty");
    return;
  }
  const auto allowed = [](char c) { return is_alnum(c) || c == '-'; };
  if (const std::string bad = bad_characters(s, allowed); !bad.empty())
    out.push_back("uses " + bad + " (only letters, digits and '-')");
}

void ip_address(std::string_view s, std::vector<std::string>& out) {
  const std::string text(s);
  std::array<unsigned char, 16> buffer{};
  if (inet_pton(AF_INET, text.c_str(), buffer.data()) != 1 &&
      inet_pton(AF_INET6, text.c_str(), buffer.data()) != 1)
    out.emplace_back("is not an IPv4 or IPv6 address");
}

// kernel.shm_rmid_forced, net/ipv4/conf/eth0/rp_filter: segments of
// [a-z0-9]([-_a-z0-9]*[a-z0-9])? separated by '.' or '/'.
void sysctl_name(std::string_view s, std::vector<std::string>& out) {
  if (s.empty()) {
    out.emplace_back("is empty");
    return;
  }
  check_length(s, 253, out);
  if (has_upper(s)) out.emplace_back("has upper-case letters");
  const auto allowed = [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '/'; };
  if (const std::string bad = bad_characters(s, allowed); !bad.empty())
    out.push_back("uses " + bad + " (only lower-case letters, digits, '-', '_', '.' and '/')");
  bool bad_segment = false;
  size_t begin = 0;
  while (begin <= s.size()) {
    const size_t end = std::min(s.find_first_of("./", begin), s.size());
    const std::string_view part = s.substr(begin, end - begin);
    bad_segment |= part.empty() || !is_alnum(part.front()) || !is_alnum(part.back());
    begin = end + 1;
  }
  if (bad_segment) out.emplace_back("has a segment that is empty or starts or ends with '-' or '_'");
}

bool has_parent_element(std::string_view path) {
  size_t begin = 0;
  while (begin <= path.size()) {
    const size_t end = std::min(path.find('/', begin), path.size());
    if (path.substr(begin, end - begin) == "..") return true;
    begin = end + 1;
  }
  return false;
}

void path(std::string_view s, std::vector<std::string>& out, Format format) {
  if (format == Format::RelativePath && s.starts_with('/')) out.emplace_back("is an absolute path");
  if (format == Format::AbsolutePath && !s.starts_with('/')) out.emplace_back("is not an absolute path");
  if (format != Format::AbsolutePath && has_parent_element(s)) out.emplace_back("has a \"..\" element");
}

void percent(std::string_view s, std::vector<std::string>& out) {
  const bool digits = s.size() >= 2 && s.back() == '%' &&
                      std::all_of(s.begin(), s.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) out.emplace_back("is not a whole number followed by '%'");
}

constexpr std::string_view kStandardFinalizers[] = {"kubernetes", "orphan", "foregroundDeletion"};

void finalizer_name(std::string_view s, std::vector<std::string>& out) {
  qualified_name(s, out);
  if (!out.empty() || s.find('/') != std::string_view::npos) return;
  if (std::find(std::begin(kStandardFinalizers), std::end(kStandardFinalizers), s) ==
      std::end(kStandardFinalizers))
    out.emplace_back("has no prefix and is not kubernetes, orphan or foregroundDeletion");
}

}  // namespace

std::string_view format_name(Format format) {
  switch (format) {
    case Format::None:
      return "any string";
    case Format::Dns1123Label:
      return "a DNS-1123 label";
    case Format::Dns1123Subdomain:
    case Format::Dns1123SubdomainPrefix:
      return "a DNS-1123 subdomain";
    case Format::Dns1035Label:
      return "a DNS-1035 label";
    case Format::QualifiedName:
      return "a qualified name";
    case Format::LabelValue:
      return "a label value";
    case Format::AnnotationKey:
      return "an annotation key";
    case Format::FinalizerName:
      return "a finalizer name";
    case Format::ConfigMapKey:
      return "a ConfigMap or Secret key";
    case Format::EnvVarName:
    case Format::EnvVarNameStrict:
      return "an environment variable name";
    case Format::HttpHeaderName:
      return "an HTTP header name";
    case Format::IanaServiceName:
      return "an IANA service name";
    case Format::IpAddress:
      return "an IP address";
    case Format::SysctlName:
      return "a sysctl name";
    case Format::RelativePath:
      return "a relative path";
    case Format::NoParentPath:
      return "a path without \"..\"";
    case Format::AbsolutePath:
      return "an absolute path";
    case Format::Percent:
      break;
  }
  return "a percentage";
}

std::vector<std::string> format_problems(Format format, std::string_view value) {
  std::vector<std::string> out;
  switch (format) {
    case Format::None:
      break;
    case Format::Dns1123Label:
      dns_label(value, out);
      // A subdomain where a label must be: say so plainly.
      if (value.find('.') != std::string_view::npos) {
        std::vector<std::string> as_subdomain;
        dns_subdomain(value, as_subdomain, false);
        if (as_subdomain.empty()) out = {"contains dots"};
      }
      break;
    case Format::Dns1123Subdomain:
      dns_subdomain(value, out, false);
      break;
    case Format::Dns1123SubdomainPrefix:
      dns_subdomain(value, out, true);
      break;
    case Format::Dns1035Label:
      dns_label(value, out, true);
      break;
    case Format::QualifiedName:
      qualified_name(value, out);
      break;
    case Format::LabelValue:
      label_value(value, out);
      break;
    case Format::AnnotationKey: {
      std::string lower(value);
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
      qualified_name(lower, out);
      break;
    }
    case Format::FinalizerName:
      finalizer_name(value, out);
      break;
    case Format::ConfigMapKey:
      config_map_key(value, out);
      break;
    case Format::EnvVarName:
      env_var_name(value, out);
      break;
    case Format::EnvVarNameStrict:
      env_var_name_strict(value, out);
      break;
    case Format::HttpHeaderName:
      http_header_name(value, out);
      break;
    case Format::IanaServiceName:
      iana_service_name(value, out);
      break;
    case Format::IpAddress:
      ip_address(value, out);
      break;
    case Format::SysctlName:
      sysctl_name(value, out);
      break;
    case Format::RelativePath:
    case Format::NoParentPath:
    case Format::AbsolutePath:
      path(value, out, format);
      break;
    case Format::Percent:
      percent(value, out);
      break;
  }
  return out;
}

std::string describe_format_problems(Format format, std::string_view value) {
  const std::vector<std::string> problems = format_problems(format, value);
  std::string out;
  for (size_t i = 0; i < problems.size(); ++i)
    out += (i == 0 ? "" : i + 1 == problems.size() ? " and " : ", ") + problems[i];
  return out;
}

size_t format_max_length(Format format) {
  switch (format) {
    case Format::Dns1123Subdomain:
    case Format::Dns1123SubdomainPrefix:
    case Format::ConfigMapKey:
    case Format::SysctlName:
      return 253;
    case Format::IanaServiceName:
      return 15;
    default:
      return 63;
  }
}

std::string format_suggestion(Format format, std::string_view value) {
  const bool label =
      format == Format::Dns1123Label || format == Format::Dns1035Label || format == Format::IanaServiceName;
  const bool subdomain = format == Format::Dns1123Subdomain || format == Format::Dns1123SubdomainPrefix;
  if ((!label && !subdomain) || value.empty() || matches_format(format, value)) return {};
  // Only plain slips (case, '_', '.', ' ') have a plain fix; a "{{ template }}" has none.
  if (!std::all_of(value.begin(), value.end(), [](char c) {
        return is_alnum(c) || std::string_view("-_. ").find(c) != std::string_view::npos;
      }))
    return {};
  // Lower-case it, turn what is not allowed into '-', trim '-' at the ends.
  std::string out;
  for (char c : value) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!is_lower_alnum(c) && !(subdomain && c == '.')) c = '-';
    if (c == '-' && !out.empty() && out.back() == '-' && format == Format::IanaServiceName) continue;
    out += c;
  }
  const size_t first = out.find_first_not_of("-.");
  if (first == std::string::npos) return {};
  out.erase(0, first);
  if (out.size() > format_max_length(format)) out.resize(format_max_length(format));
  while (!out.empty() && (out.back() == '-' || out.back() == '.'))
    out.pop_back();
  return matches_format(format, out) ? out : std::string();
}

}  // namespace podlint::schema
