#!/usr/bin/env bash
# Regenerates schema/podlint-config.schema.json, the JSON Schema of
# .podlint.yaml, from the rule registry: builds podlint in build/ and writes
# what `podlint config --schema` prints. Run it after adding or changing a
# rule or an option; the test config-schema-is-generated fails until then.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target podlint
schema=schema/podlint-config.schema.json
build/podlint config --schema >"$schema.new"
mv "$schema.new" "$schema"
