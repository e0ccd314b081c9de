#!/usr/bin/env bash
# The binary users get: one static executable (nothing loaded at start: no
# interpreter, no shared library), and a .deb that CPack makes of the build,
# which apt would install and which runs from a scratch root (extracted there,
# the machine left as it is).
#   tests/package-test.sh BUILD_DIR VERSION
set -euo pipefail
build="$1"
version="$2"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
fail() {
  echo "package: $*" >&2
  exit 1
}

binary="$build/podlint"
grep -q '^PODLINT_STATIC:BOOL=ON$' "$build/CMakeCache.txt" || {
  echo "package: skipped: this build is not self-contained (PODLINT_STATIC=OFF)"
  exit 77
}
headers="$(readelf --program-headers --dynamic "$binary")"
! grep -q 'INTERP\|NEEDED' <<<"$headers" || fail "podlint is not one static executable:
$(grep 'INTERP\|NEEDED\|interpreter' <<<"$headers")"

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch" >"$scratch/cpack.log" 2>&1 || fail "cpack -G DEB failed: $(cat "$scratch/cpack.log")"
deb="$(ls "$scratch"/podlint_"$version"_*.deb)"
[[ -f $deb ]] || fail "no podlint_${version}_*.deb"
info="$(dpkg-deb --info "$deb")"
grep -q "^ Package: podlint$" <<<"$info" || fail "the package is not named podlint: $info"
grep -q "^ Version: $version$" <<<"$info" || fail "the package's version is not $version: $info"
depends="$(sed -n 's/^ Depends: //p' <<<"$info")"
[[ -z $depends ]] || fail "the package of a static binary depends on something: $depends"
contents="$(dpkg-deb --contents "$deb")"
grep -q '\./usr/bin/podlint$' <<<"$contents" || fail "the package has no /usr/bin/podlint"
grep -q '\./usr/share/man/man1/podlint\.1' <<<"$contents" || fail "the package has no man page"
# apt would install it here, its dependencies met (a simulation changes nothing).
apt-get install --simulate "$deb" 2>&1 | grep -q '^Inst podlint ' || fail "apt-get cannot install $deb"
dpkg-deb -x "$deb" "$scratch/root"
[[ "$("$scratch/root/usr/bin/podlint" --version | head -1)" == "podlint $version" ]] ||
  fail "the packaged podlint does not run"
echo "package: ok ($(stat -c %s "$binary") bytes)"
