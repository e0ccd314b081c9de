#!/usr/bin/env bash
# Installs whatever is missing (Debian packages, the npm packages pinned by
# package-lock.json and vscode-ext/package-lock.json), then configures and
# builds podlint in build/.
# Safe to run again: it installs nothing that is already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/lib/deps.sh
install_debian_packages "${podlint_build_packages[@]}" catch2 libyaml-cpp-dev pre-commit groff-base libxml2-utils \
  neovim unzip
install_npm_packages .
install_npm_packages vscode-ext

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
