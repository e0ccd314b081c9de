// The string formats the API server validates (schema/formats.hpp), the
// CronJob schedule and time zone parser, and label selector matching.
#include "schema/formats.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "model/selector.hpp"
#include "support/cron_schedule.hpp"
#include "yaml/parser.hpp"

using podlint::schema::Format;
using podlint::schema::format_problems;
using podlint::schema::matches_format;

TEST_CASE("DNS labels, subdomains and DNS-1035 labels", "[formats]") {
  CHECK(matches_format(Format::Dns1123Label, "web-1"));
  CHECK(matches_format(Format::Dns1123Label, "0"));
  CHECK(matches_format(Format::Dns1123Label, std::string(63, 'a')));
  CHECK(format_problems(Format::Dns1123Label, std::string(64, 'a')) ==
        std::vector<std::string>{"is 64 characters long (at most 63)"});
  CHECK(format_problems(Format::Dns1123Label, "a.b") == std::vector<std::string>{"contains dots"});
  CHECK(format_problems(Format::Dns1123Label, "-a") == std::vector<std::string>{"starts with '-'"});
  CHECK(format_problems(Format::Dns1123Label, "My_App") ==
        std::vector<std::string>{"has upper-case letters",
                                 "uses '_' (only lower-case letters, digits and '-')"});

  CHECK(matches_format(Format::Dns1123Subdomain, "a.b-c.d"));
  CHECK(!matches_format(Format::Dns1123Subdomain, "a..b"));
  CHECK(!matches_format(Format::Dns1123Subdomain, "a.-b"));
  CHECK(!matches_format(Format::Dns1123Subdomain, std::string(254, 'a')));
  CHECK(matches_format(Format::Dns1123SubdomainPrefix, "web-"));
  CHECK(!matches_format(Format::Dns1123Subdomain, "web-"));

  CHECK(matches_format(Format::Dns1035Label, "api"));
  CHECK(format_problems(Format::Dns1035Label, "1api") ==
        std::vector<std::string>{"does not start with a letter"});
}

TEST_CASE("qualified names, label values and annotation keys", "[formats]") {
  CHECK(matches_format(Format::QualifiedName, "app"));
  CHECK(matches_format(Format::QualifiedName, "app.kubernetes.io/name"));
  CHECK(matches_format(Format::QualifiedName, "A_b.C-9"));
  CHECK(format_problems(Format::QualifiedName, "a/b/c") == std::vector<std::string>{"has more than one '/'"});
  CHECK(format_problems(Format::QualifiedName, "/a") ==
        std::vector<std::string>{"has an empty prefix before '/'"});
  CHECK(!matches_format(Format::QualifiedName, "Example.com/a"));  // the prefix is a subdomain
  CHECK(!matches_format(Format::QualifiedName, std::string(64, 'a')));
  CHECK(matches_format(Format::AnnotationKey, "Example.com/Owner"));  // checked lower-cased

  CHECK(matches_format(Format::LabelValue, ""));
  CHECK(matches_format(Format::LabelValue, "v1.2_RC-3"));
  CHECK(!matches_format(Format::LabelValue, "v1 "));
  CHECK(!matches_format(Format::LabelValue, "_x"));
  CHECK(!matches_format(Format::LabelValue, std::string(64, 'a')));

  CHECK(matches_format(Format::FinalizerName, "kubernetes"));
  CHECK(matches_format(Format::FinalizerName, "example.com/cleanup"));
  CHECK(!matches_format(Format::FinalizerName, "cleanup"));
}

TEST_CASE("keys, env names, header names, IPs, sysctls, paths, percentages", "[formats]") {
  CHECK(matches_format(Format::ConfigMapKey, "app.properties"));
  CHECK(!matches_format(Format::ConfigMapKey, "."));
  CHECK(!matches_format(Format::ConfigMapKey, "..data"));
  CHECK(!matches_format(Format::ConfigMapKey, "a/b"));

  CHECK(matches_format(Format::EnvVarName, "1 weird:name"));  // relaxed since 1.32
  CHECK(!matches_format(Format::EnvVarName, "A=B"));
  CHECK(!matches_format(Format::EnvVarName, "tab\there"));
  CHECK(matches_format(Format::EnvVarNameStrict, "DB_HOST"));
  CHECK(matches_format(Format::EnvVarNameStrict, "my-var.v2"));
  CHECK(!matches_format(Format::EnvVarNameStrict, "1ST"));
  CHECK(!matches_format(Format::EnvVarNameStrict, "a b"));
  CHECK(!matches_format(Format::EnvVarNameStrict, "..x"));
  CHECK(format_problems(Format::EnvVarNameStrict, "1a:b") ==
        std::vector<std::string>{"uses ':' (only letters, digits, '-', '_' and '.' before Kubernetes 1.32)",
                                 "starts with a digit (allowed from Kubernetes 1.32)"});

  CHECK(matches_format(Format::HttpHeaderName, "X-Request-ID"));
  CHECK(!matches_format(Format::HttpHeaderName, "X_Request"));

  CHECK(matches_format(Format::IpAddress, "10.0.0.1"));
  CHECK(matches_format(Format::IpAddress, "fd00::1"));
  CHECK(!matches_format(Format::IpAddress, "10.0.0.256"));
  CHECK(!matches_format(Format::IpAddress, "example.com"));

  CHECK(matches_format(Format::SysctlName, "net.ipv4.ip_local_port_range"));
  CHECK(matches_format(Format::SysctlName, "net/ipv4/conf/eth0/rp_filter"));
  CHECK(!matches_format(Format::SysctlName, "net..ipv4"));

  CHECK(matches_format(Format::RelativePath, "a/b..c/d"));
  CHECK(!matches_format(Format::RelativePath, "/a"));
  CHECK(!matches_format(Format::RelativePath, "a/../b"));
  CHECK(matches_format(Format::NoParentPath, "/var/lib"));
  CHECK(!matches_format(Format::NoParentPath, "/var/.."));
  CHECK(matches_format(Format::AbsolutePath, "/exports"));
  CHECK(!matches_format(Format::AbsolutePath, "exports"));

  CHECK(matches_format(Format::Percent, "25%"));
  CHECK(!matches_format(Format::Percent, "25"));
  CHECK(!matches_format(Format::Percent, "%"));
  CHECK(!matches_format(Format::Percent, "2.5%"));

  CHECK(matches_format(Format::IanaServiceName, "http-alt"));
  CHECK(!matches_format(Format::IanaServiceName, "8080"));
  CHECK(!matches_format(Format::IanaServiceName, "a--b"));
}

TEST_CASE("suggested spellings are valid and close", "[formats]") {
  using podlint::schema::format_suggestion;
  CHECK(format_suggestion(Format::Dns1123Label, "My_App") == "my-app");
  CHECK(format_suggestion(Format::Dns1123Label, "web.example") == "web-example");
  CHECK(format_suggestion(Format::Dns1123Subdomain, "Web.Example_1") == "web.example-1");
  CHECK(format_suggestion(Format::Dns1123Label, "___").empty());
  CHECK(format_suggestion(Format::Dns1123Label, "fine").empty());
  CHECK(format_suggestion(Format::QualifiedName, "a b").empty());  // no suggestion for keys
}

TEST_CASE("CronJob schedules parse as the API server parses them", "[cron]") {
  using podlint::rules::cron_schedule_problem;
  for (const char* ok :
       {"* * * * *", "0 3 * * *", "*/5 9-17 1,15 JAN-jun mon-FRI", "0 0 ? * ?", "5/10 * * * 0", "@yearly",
        "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "@every 1h30m", "@every 90s",
        "@every 0", "*-5 * * * *", "+5 07 * * *", "0\t0 * *  *"}) {
    INFO(ok);
    CHECK(cron_schedule_problem(ok).empty());
  }
  CHECK(cron_schedule_problem("0 3 * *") ==
        "it has 4 fields, not the 5 of minute, hour, day of month, month and day of week");
  CHECK(cron_schedule_problem("0 0 3 * * *").ends_with("there is no seconds or year field"));
  CHECK(cron_schedule_problem("0 3 * * 7") ==
        "7 is out of range for the day of week field, which takes 0 to 6 "
        "(Sunday is 0)");
  CHECK(cron_schedule_problem("60 * * * *") ==
        "60 is out of range for the minute field, which takes 0 to 59");
  CHECK(cron_schedule_problem("0 0 0 * *") ==
        "0 is out of range for the day of month field, which takes 1 to 31");
  CHECK(cron_schedule_problem("0 0 1 13 *") == "13 is out of range for the month field, which takes 1 to 12");
  CHECK(cron_schedule_problem("5-1 * * * *") == "the range \"5-1\" in the minute field runs backwards");
  CHECK(cron_schedule_problem("1-2-3 * * * *") == "\"1-2-3\" in the minute field has more than one '-'");
  CHECK(cron_schedule_problem("*/2/3 * * * *") == "\"*/2/3\" in the minute field has more than one '/'");
  CHECK(cron_schedule_problem("*/0 * * * *") ==
        "the step in \"*/0\" of the minute field must be a positive number");
  CHECK(cron_schedule_problem("1,,2 * * * *") == "\"\" in the minute field is not a number");
  CHECK(cron_schedule_problem("0 0 * JANUARY *") ==
        "\"JANUARY\" in the month field is not a number or a three-letter month name");
  CHECK(cron_schedule_problem("0 0 * * MON#2").starts_with("\"MON#2\""));
  CHECK(cron_schedule_problem("@every").starts_with("\"@every\" is not one of"));
  CHECK(cron_schedule_problem("@every 5x") == "\"5x\" is not a duration such as 90s, 15m or 1h30m");
  CHECK(cron_schedule_problem("@daily ").starts_with("\"@daily \" is not one of"));
  CHECK(podlint::rules::schedule_names_time_zone("CRON_TZ=UTC 0 * * * *"));
  CHECK(!podlint::rules::schedule_names_time_zone("0 * * * *"));
}

TEST_CASE("CronJob time zones are IANA names", "[cron]") {
  using podlint::rules::time_zone_problem;
  for (const char* ok : {"Etc/UTC", "UTC", "Europe/Paris", "Etc/GMT+5", "America/Argentina/ComodRivadavia"}) {
    INFO(ok);
    CHECK(time_zone_problem(ok).empty());
  }
  CHECK(time_zone_problem("") == "it is empty: leave timeZone out for the controller's own time zone");
  CHECK(time_zone_problem("LOCAL") == "it must name a time zone, not the controller's local one");
  CHECK(time_zone_problem("Europe//Paris") ==
        "it is not an IANA time zone name such as Etc/UTC or Europe/Paris");
  CHECK(time_zone_problem("America/ThisIsFarTooLong") ==
        "it is not an IANA time zone name such as Etc/UTC or Europe/Paris");
  CHECK(time_zone_problem("Mars/Olympus") == "the IANA time zone database has no such zone");
}

TEST_CASE("label selectors match labels as Kubernetes does", "[selector]") {
  const auto stream = podlint::yaml::parse(
      "matchLabels: {app: web}\n"
      "matchExpressions:\n"
      "  - {key: tier, operator: In, values: [front, edge]}\n"
      "  - {key: canary, operator: DoesNotExist}\n"
      "  - {key: track, operator: NotIn, values: [beta]}\n"
      "  - {key: app, operator: Exists}\n");
  const podlint::model::LabelSelector selector =
      podlint::model::read_label_selector(*stream.documents[0].root);
  CHECK(selector.match_labels == podlint::model::Labels{{"app", "web"}});
  REQUIRE(selector.expressions.size() == 4);
  CHECK(selector.matches({{"app", "web"}, {"tier", "front"}}));
  CHECK(selector.matches({{"app", "web"}, {"tier", "edge"}, {"track", "stable"}}));
  CHECK(!selector.matches({{"app", "web"}, {"tier", "back"}}));
  CHECK(!selector.matches({{"app", "web"}, {"tier", "front"}, {"canary", ""}}));
  CHECK(!selector.matches({{"app", "web"}, {"tier", "front"}, {"track", "beta"}}));
  CHECK(!selector.matches({{"app", "api"}, {"tier", "front"}}));
  CHECK(podlint::model::LabelSelector{}.matches({}));  // empty selects everything
  podlint::model::LabelSelector unknown;
  unknown.expressions.push_back({"a", "Gt", {"1"}});
  CHECK(!unknown.matches({{"a", "2"}}));
}
