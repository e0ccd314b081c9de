#!/usr/bin/env bash
# cmake --install into a temporary prefix: bin/podlint runs from the PATH,
# and share/man/man1/podlint.1 renders with every option and subcommand that
# podlint's --help lists.
#   tests/install-test.sh BUILD_DIR VERSION
set -euo pipefail
build="$1"
version="$2"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
fail() {
  echo "install: $*" >&2
  exit 1
}

cmake --install "$build" --prefix "$prefix" >/dev/null
export PATH="$prefix/bin:$PATH"
[[ "$(command -v podlint)" == "$prefix/bin/podlint" ]] || fail "podlint is not $prefix/bin/podlint"
[[ "$(podlint --version | head -1)" == "podlint $version" ]] || fail "podlint --version is not podlint $version"

page="$prefix/share/man/man1/podlint.1"
[[ -f $page ]] || fail "no $page"
# Plain text, one line per paragraph as far as possible, no hyphenation.
rendered="$(groff -man -Tascii -P-cbou -rLL=250n -rHY=0 "$page")"
has() {
  grep -q -- "$1" <<<"$rendered" || fail "the man page lacks $1"
}
has '^NAME$'
has '^ *podlint - a fast linter for Kubernetes pod manifests'
has "podlint $version"
has 'Exit status'
help="$(podlint --help)"
options="$(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u)"
commands="$(sed -n '/^Subcommands:$/,/^$/s/^  \([a-z-]*\) .*/\1/p' <<<"$help")"
[[ $options == *--format* && $options == *--fail-on* && $commands == *explain* ]] ||
  fail "podlint --help lists no --format, --fail-on or explain"
for option in $options; do has "$option"; done
for command in $commands; do
  has "^ *podlint $command$"
  for option in $(podlint "$command" --help | grep -o -- '--[a-z][a-z-]*'); do has "$option"; done
done
if command -v man >/dev/null; then
  # Where man looks: share/man under a prefix on the PATH.
  MANPATH="$prefix/share/man" MANPAGER=cat man podlint 2>/dev/null | grep -q -- '--fail-on' ||
    fail "man podlint does not find the page"
fi
echo "install: ok"
