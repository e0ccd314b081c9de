#!/usr/bin/env bash
# The output is the same for any number of jobs: podlint lints examples/, the
# rule fixtures and, when it is there, ../shared/corpus in every format with
# -j1, -j2 and -j5, and the outputs must be byte-identical, as must the exit
# statuses.
#   tests/jobs-test.sh PODLINT
set -euo pipefail
podlint="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
inputs=("$root/examples" "$root/tests/rules")
if [[ -d "$root/../shared/corpus" ]]; then
  inputs+=("$root/../shared/corpus")
else
  echo "jobs: ../shared/corpus not found, comparing on examples/ and the fixtures only"
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$root"
for format in text json sarif github junit; do
  for jobs in 1 2 5; do
    status=0
    "$podlint" --jobs "$jobs" --format "$format" --color never --fail-on warning "${inputs[@]}" \
      >"$out/$format.$jobs" 2>"$out/$format.$jobs.err" || status=$?
    echo "$status" >"$out/$format.$jobs.status"
  done
  [[ -s "$out/$format.1" ]] || { echo "jobs: --format $format wrote nothing" >&2; exit 1; }
  for jobs in 2 5; do
    for part in "" .err .status; do
      if ! cmp -s "$out/$format.1$part" "$out/$format.$jobs$part"; then
        echo "jobs: --format $format: -j$jobs differs from -j1 ($part)" >&2
        diff "$out/$format.1$part" "$out/$format.$jobs$part" | head -20 >&2
        exit 1
      fi
    done
  done
done
echo "jobs: ok ($(wc -c <"$out/sarif.1") bytes of SARIF, identical at -j1, -j2, -j5)"
