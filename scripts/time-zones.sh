#!/usr/bin/env bash
# Writes rules/support/time_zones.inc, the IANA time zone names invalid-cron-schedule
# knows, from the tzdata package's tzdata.zi (zones "Z NAME", links "L TARGET NAME").
# Run it when Debian's tzdata moves on, and commit the result.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
zi=/usr/share/zoneinfo/tzdata.zi
version="$(sed -n 's/^# version //p' "$zi")"
{
  echo "// The IANA time zone names (zones and links) of tzdata $version, from its"
  echo "// tzdata.zi: scripts/time-zones.sh writes this file. The API server loads a"
  echo "// CronJob's timeZone from its own tz database; these are the names a current"
  echo "// one knows."
  { awk '$1 == "Z" { print $2 } $1 == "L" { print $3 }' "$zi"; echo UTC; } | LC_ALL=C sort -u | sed 's/.*/"&",/'
} >rules/support/time_zones.inc
