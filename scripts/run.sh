#!/usr/bin/env bash
# Set-up, build, then the main job: lint examples/. The exit status is
# podlint's own (examples/ holds deliberately broken manifests: 1).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
exec build/podlint examples/ "$@"
