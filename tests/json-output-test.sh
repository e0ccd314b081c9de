#!/usr/bin/env bash
# Lints examples/ (and ../shared/corpus when present) with --format json and
# validates the output against schema/podlint-output.schema.json.
#   tests/json-output-test.sh PODLINT OUT_DIR
set -euo pipefail
podlint="$1"
out="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$out"
"$podlint" --format json --fail-on never "$root/examples" >"$out/examples.json"
files=("$out/examples.json")
if [[ -d "$root/../shared/corpus" ]]; then
  "$podlint" --format json --fail-on never "$root/../shared/corpus" >"$out/corpus.json"
  files+=("$out/corpus.json")
else
  echo "json-output: ../shared/corpus not found, validating examples/ only"
fi
node "$root/tests/validate-json.mjs" "$root/schema/podlint-output.schema.json" "${files[@]}"
