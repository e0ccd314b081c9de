#!/usr/bin/env bash
# Regenerates the files made from the rule registry: the JSON Schema of
# .podlint.yaml (schema/podlint-config.schema.json, what `podlint config
# --schema` prints), the rule table of README.md and the rule index
# docs/rules/README.md. Builds podlint in build/ first. Run it after adding or
# changing a rule, an option or a page; the tests config-schema-is-generated
# and rule-tables-are-generated fail until then.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target podlint
schema=schema/podlint-config.schema.json
build/podlint config --schema >"$schema.new"
mv "$schema.new" "$schema"
node scripts/generate-rule-tables.mjs build/podlint
