# Sourced by scripts/setup.sh and scripts/install.sh: installs what is missing,
# and nothing that is already there.

# What building the podlint binary and its man page needs from Debian (used by
# the scripts that source this file).
# shellcheck disable=SC2034
podlint_build_packages=(g++ cmake make pkg-config libcli11-dev libfmt-dev libtree-sitter-dev nlohmann-json3-dev
  libjemalloc-dev help2man dpkg-dev file)

# install_debian_packages PACKAGE...: apt-get install those not installed yet
# (node and npm only when their commands are missing).
install_debian_packages() {
  local packages=("$@") missing=() package sudo=""
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  echo "setup: installing ${missing[*]}"
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# install_npm_packages DIR: npm ci in DIR when its node_modules does not match
# its package-lock.json.
install_npm_packages() {
  if ! cmp -s "$1/package-lock.json" "$1/node_modules/.podlint-lock" 2>/dev/null; then
    echo "setup: npm ci"
    (cd "$1" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    cp "$1/package-lock.json" "$1/node_modules/.podlint-lock"
  fi
}
