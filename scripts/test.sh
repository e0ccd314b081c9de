#!/usr/bin/env bash
# Set-up, build, then every test (ctest runs the Catch2 tests and the
# command-line tests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
