#!/usr/bin/env bash
# Builds podlint's self-contained binary and installs it, with its man page,
# into PREFIX (bin/podlint, share/man/man1/podlint.1): the missing build
# dependencies (Debian packages, the npm packages pinned by package-lock.json)
# are installed first, then a Release is built without the tests in
# BUILD_DIR. The binary is static (glibc, libstdc++, fmt and tree-sitter
# linked in): copy it to any x86-64 Linux.
#   scripts/install.sh [--deb] PREFIX BUILD_DIR
# --deb also writes BUILD_DIR/podlint_VERSION_ARCH.deb (CPack), for
# `apt install ./podlint_VERSION_ARCH.deb`.
set -euo pipefail
deb=false
if [[ ${1:-} == --deb ]]; then
  deb=true
  shift
fi
if [[ $# -ne 2 ]]; then
  echo "usage: scripts/install.sh [--deb] PREFIX BUILD_DIR" >&2
  exit 2
fi
prefix="$1"
build_dir="$2"
source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

source "$source_dir/scripts/lib/deps.sh"
install_debian_packages "${podlint_build_packages[@]}"
install_npm_packages "$source_dir"
cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DPODLINT_BUILD_TESTS=OFF -DPODLINT_STATIC=ON \
  >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
cmake --install "$build_dir" --prefix "$prefix" --strip
if $deb; then
  (cd "$build_dir" && cpack -G DEB >/dev/null)
  ls "$build_dir"/podlint_*.deb
fi
