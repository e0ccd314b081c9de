// CronJob schedules and time zones as the API server checks them: the
// schedule is parsed like robfig/cron v3's ParseStandard (five fields or an
// @ descriptor), and the time zone must be an IANA name the server knows.
#pragma once

#include <string>
#include <string_view>

namespace podlint::rules {

// Why the API server rejects a schedule, in our words; empty when it parses.
// A TZ= or CRON_TZ= prefix is not judged here (the API refuses any schedule
// containing "TZ" on create; see schedule_names_time_zone).
std::string cron_schedule_problem(std::string_view schedule);

// Whether a schedule contains "TZ", which the API server refuses on create.
bool schedule_names_time_zone(std::string_view schedule);

// Why the API server rejects a CronJob's timeZone; empty when it accepts it.
std::string time_zone_problem(std::string_view zone);

}  // namespace podlint::rules
