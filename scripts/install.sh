#!/usr/bin/env bash
# Installs podlint into PREFIX (bin/podlint, share/man/man1/podlint.1):
# installs the missing build dependencies (Debian packages, the npm packages
# pinned by package-lock.json), builds a Release without the tests in
# BUILD_DIR, then runs cmake --install.
#   scripts/install.sh PREFIX BUILD_DIR
set -euo pipefail
prefix="$1"
build_dir="$2"
source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

source "$source_dir/scripts/lib/deps.sh"
install_debian_packages "${podlint_build_packages[@]}"
install_npm_packages "$source_dir"
cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DPODLINT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
cmake --install "$build_dir" --prefix "$prefix"
