// hardcoded-secret-env: an environment variable whose name says it holds a
// secret (DB_PASSWORD, apiToken...) written as a literal value.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "engine/rule.hpp"
#include "support/pod_helpers.hpp"

namespace podlint {
namespace {

std::string check_word(std::string_view item) {
  const bool ok = !item.empty() && std::ranges::all_of(item, [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
           c == '_';
  });
  return ok ? std::string() : fmt::format("\"{}\" is not an upper-case word (A-Z, 0-9, _)", item);
}

const ListOption kNames{
    "names",
    {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "KEY", "CREDENTIAL", "CREDENTIALS"},
    check_word};
constexpr std::array<const OptionSpec*, 1> kOptions{&kNames};

// Last words that make a variable about a secret rather than the secret.
constexpr std::array<std::string_view, 14> kAbout{"FILE",   "PATH",    "DIR",  "NAME",     "REF",
                                                  "ID",     "TTL",     "URL",  "ENDPOINT", "LENGTH",
                                                  "EXPIRY", "TIMEOUT", "KIND", "TYPE"};

// "dbPassword", "db-password" -> "_DB_PASSWORD_": upper case, one '_' between words.
std::string words(std::string_view name) {
  std::string out = "_";
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (std::isalnum(c) == 0) {
      if (out.back() != '_') out += '_';
      continue;
    }
    if (std::isupper(c) != 0 && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1])) != 0 &&
        out.back() != '_')
      out += '_';
    out += static_cast<char>(std::toupper(c));
  }
  if (out.back() != '_') out += '_';
  return out;
}

// A value that cannot be a secret: empty, a number or boolean, a file path, a $(VAR) reference.
bool harmless(std::string_view value) {
  if (value.empty() || value.front() == '/' || (value.starts_with("$(") && value.ends_with(")"))) return true;
  if (value == "true" || value == "false") return true;
  return std::ranges::all_of(value, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

class HardcodedSecretEnv final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "hardcoded-secret-env",
        .severity = Severity::Warning,
        .category = Category::Security,
        .consequence = Consequence::Risk,
        .options = kOptions,
        .security_severity = 7.5,
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    if (!workload.pod_spec) return;
    const std::vector<std::string>& names = reporter.option(kNames);
    for (const model::Container* container : workload.pod_spec->all_containers()) {
      for (const model::EnvVar& env : container->env) {
        if (!env.name.valid() || !env.value.valid() || harmless(env.value.value)) continue;
        const std::string name = words(env.name.value);
        const bool about = std::ranges::any_of(
            kAbout, [&](std::string_view last) { return name.ends_with(fmt::format("_{}_", last)); });
        const bool secret = std::ranges::any_of(names, [&](const std::string& word) {
          return name.find(fmt::format("_{}_", word)) != std::string::npos;
        });
        if (!secret || about) continue;
        reporter.report(
            env.value.span(),
            fmt::format("{} sets \"{}\", which its name says is a secret, to a literal value: read "
                        "it from a Secret",
                        rules::describe(*container), env.name.value));
      }
    }
  }
};

PODLINT_REGISTER_RULE(HardcodedSecretEnv);

}  // namespace
}  // namespace podlint
