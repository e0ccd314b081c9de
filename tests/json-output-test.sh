#!/usr/bin/env bash
# Lints examples/ and the rule fixtures (findings with every kind of fix), and
# ../shared/corpus when present, with --format json and validates the output
# against schema/podlint-output.schema.json.
#   tests/json-output-test.sh PODLINT OUT_DIR
set -euo pipefail
podlint="$1"
out="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$out"
"$podlint" --format json --fail-on never "$root/examples" >"$out/examples.json"
"$podlint" --format json --fail-on never "$root/tests/rules" >"$out/fixtures.json"
files=("$out/examples.json" "$out/fixtures.json")
if [[ -d "$root/../shared/corpus" ]]; then
  "$podlint" --format json --fail-on never "$root/../shared/corpus" >"$out/corpus.json"
  files+=("$out/corpus.json")
else
  echo "json-output: ../shared/corpus not found, validating examples/ only"
fi
node "$root/tests/validate-json.mjs" "$root/schema/podlint-output.schema.json" "${files[@]}"
