// "Did you mean": one choice of the likely meant word, one wording.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "text/suggest.hpp"

using podlint::text::closest;
using podlint::text::did_you_mean;
using podlint::text::guess;

TEST_CASE("suggestions prefer a case-insensitive match, then a close typo", "[text]") {
  const std::vector<std::string_view> names{"containerPort", "hostIP", "hostPort", "name", "protocol"};
  CHECK(closest("containerport", names) == "containerPort");
  CHECK(closest("CONTAINERPORT", names) == "containerPort");
  CHECK(closest("contianerPort", names) == "containerPort");
  CHECK(closest("hostport", names) == "hostPort");
  CHECK(closest("nme", names) == "name");
  CHECK(closest("protocl", names) == "protocol");
  CHECK(closest("xyz", names).empty());
  CHECK(closest("frobnicate", names).empty());
  const std::vector<std::string_view> values{"Always", "IfNotPresent", "Never"};
  CHECK(closest("ifNotPresent", values) == "IfNotPresent");
  CHECK(closest("IfNotPresnt", values) == "IfNotPresent");
  CHECK(closest("Sometimes", values).empty());
  // Case slips and a typo together count as one edit each way.
  CHECK(closest("nevre", values) == "Never");
  CHECK(closest("", values).empty());
}

TEST_CASE("a guess says whether it differs only in case and whether it is the only one as close", "[text]") {
  const std::vector<std::string_view> values{"Always", "IfNotPresent", "Never"};
  const auto case_slip = guess("always", values);
  CHECK(case_slip.word == "Always");
  CHECK(case_slip.case_only);
  CHECK(case_slip.unique);
  const auto typo = guess("Nevr", values);
  CHECK(typo.word == "Never");
  CHECK_FALSE(typo.case_only);
  CHECK(typo.unique);
  // "TCP" and "UDP" are both one edit from "TDP": closest() still names the
  // first, but the guess is not sure.
  const std::vector<std::string_view> protocols{"SCTP", "TCP", "UDP"};
  const auto tie = guess("TDP", protocols);
  CHECK(tie.word == "TCP");
  CHECK_FALSE(tie.unique);
  CHECK(guess("TDP", protocols).word == closest("TDP", protocols));
  const auto none = guess("Sometimes", values);
  CHECK(none.word.empty());
  CHECK_FALSE(none.unique);
  const std::vector<std::string_view> twins{"Foo", "FOO"};
  const auto twin = guess("foo", twins);
  CHECK(twin.word == "Foo");
  CHECK(twin.case_only);
  CHECK_FALSE(twin.unique);
}

TEST_CASE("did you mean is worded one way", "[text]") {
  const std::vector<std::string_view> values{"Always", "OnFailure", "Never"};
  CHECK(did_you_mean("OnFailur", values) == R"( (did you mean "OnFailure"?))");
  CHECK(did_you_mean("Sometimes", values).empty());
  CHECK(did_you_mean(std::string_view("Pod"), "in v1") == R"( (did you mean "Pod" in v1?))");
  CHECK(did_you_mean(std::string_view()).empty());
  const std::vector<std::string> two{"512Mi", "512M"};
  CHECK(did_you_mean(two) == R"( (did you mean "512Mi" or "512M"?))");
  CHECK(did_you_mean(std::vector<std::string>{}).empty());
}
