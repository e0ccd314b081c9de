// The quantity parser behind the resource rules, and the missing-resources
// option, which a fixture cannot set.
#include "support/quantity.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace {

using podlint::rules::parse_quantity;

// The value in milli-units; fails the test when the text does not parse.
long long milli(std::string_view text) {
  const auto parsed = parse_quantity(text);
  INFO(text << ": " << parsed.problem);
  REQUIRE(parsed.ok);
  return static_cast<long long>(parsed.value.milli);
}

}  // namespace

TEST_CASE("quantities parse to exact milli values", "[quantity]") {
  CHECK(milli("1") == 1000);
  CHECK(milli("100m") == 100);
  CHECK(milli("0.5") == 500);
  CHECK(milli("1.") == 1000);
  CHECK(milli(".5") == 500);
  CHECK(milli("+2") == 2000);
  CHECK(milli("-1") == -1000);
  CHECK(milli("1k") == 1'000'000);
  CHECK(milli("1Ki") == 1'024'000);
  CHECK(milli("512Mi") == 512LL * 1024 * 1024 * 1000);
  CHECK(milli("1.5Gi") == 3LL * 512 * 1024 * 1024 * 1000);
  CHECK(milli("1G") == 1'000'000'000'000LL);
  CHECK(milli("1e3") == 1'000'000);
  CHECK(milli("1E3") == 1'000'000);
  CHECK(milli("1e-3") == 1);
  // Exa, not an exponent; beyond 64 bits in milli.
  CHECK(parse_quantity("2E").value.milli == static_cast<__int128>(2'000'000'000'000'000'000) * 1000);
  CHECK(milli("1500u") == 2);  // 1.5m rounds up
  CHECK(milli("0.1m") == 1);
  CHECK(milli("1n") == 1);
  CHECK(milli("0") == 0);
  CHECK(milli(" 64Mi ") == 64LL * 1024 * 1024 * 1000);
  CHECK(milli("0.1Ki") == 102'400);
  CHECK(milli("0.000000000000000000000000000000000000000001") == 1);
  CHECK(milli("1.0000000000000000000001") == 1001);  // past 18 digits, rounded up
}

TEST_CASE("quantities compare by value", "[quantity]") {
  auto q = [](std::string_view t) { return parse_quantity(t).value; };
  CHECK(q("100m") < q("1"));
  CHECK(q("512Mi") < q("1Gi"));
  CHECK(q("1Gi") > q("1000Mi"));
  CHECK(q("1Gi") < q("1.1G"));
  CHECK(q("1000M") == q("1G"));
  CHECK(q("1e3") == q("1k"));
  CHECK(q("1000m") == q("1"));
  CHECK(q("1024") == q("1Ki"));
}

TEST_CASE("huge quantities are capped at 2^63-1", "[quantity]") {
  const auto cap = parse_quantity("9223372036854775807").value;
  CHECK(parse_quantity("1e100").value == cap);
  CHECK(parse_quantity("100Ei").value == cap);
  CHECK(parse_quantity("99999999999999999999999999999999").value == cap);
}

TEST_CASE("invalid quantities say why and suggest a spelling", "[quantity]") {
  struct Case {
    std::string text, problem;
    std::vector<std::string> suggestions;
    bool certain = false;
  };
  const Case cases[] = {
      {"512MB", "unknown suffix \"MB\"", {"512M", "512Mi"}},
      {"1gb", "unknown suffix \"gb\"", {"1G", "1Gi"}},
      {"2K", "unknown suffix \"K\"", {"2k", "2Ki"}},
      {"1gi", "unknown suffix \"gi\"", {"1Gi"}, true},
      {"1MiB", "unknown suffix \"MiB\"", {"1Mi"}, true},
      {"1.5 Gi", "it contains a space", {"1.5Gi"}, true},
      {"100 m", "it contains a space", {"100m"}, true},
      {"512 MB", "it contains a space", {"512M", "512Mi"}},
      {"1 GiB", "it contains a space", {"1Gi"}, true},
      {"1,5Gi", "the decimal separator is '.', not ','", {"1.5Gi"}, true},
      {"1,500Mi", "the decimal separator is '.', not ','", {"1.500Mi"}},
      {"1,5000", "the decimal separator is '.', not ','", {"1.5000"}, true},
      {"1.2.3", "the number has more than one '.'", {}},
      {"Gi", "it does not start with a number", {}},
      {".", "the number has no digits", {}},
      {"", "it is empty", {}},
      {"1m5", "unknown suffix \"m5\"", {}},
      {"1e", "unknown suffix \"e\"", {"1E", "1Ei"}},
      {"10x", "unknown suffix \"x\"", {}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto parsed = parse_quantity(c.text);
    CHECK(!parsed.ok);
    CHECK(parsed.problem == c.problem);
    CHECK(parsed.suggestions == c.suggestions);
    CHECK(parsed.certain == c.certain);
  }
}

TEST_CASE("resource names are classified as the API does", "[quantity]") {
  using namespace podlint::rules;
  CHECK(is_extended_resource("nvidia.com/gpu"));
  CHECK(!is_extended_resource("cpu"));
  CHECK(!is_extended_resource("kubernetes.io/foo"));
  CHECK(!is_extended_resource("example.kubernetes.io/foo"));
  CHECK(is_hugepages("hugepages-2Mi"));
  CHECK(!is_overcommittable("hugepages-1Gi"));
  CHECK(!is_overcommittable("example.com/dongle"));
  CHECK(is_overcommittable("ephemeral-storage"));
}
