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

cmake --install "$build" --prefix "$prefix" >/dev/null
export PATH="$prefix/bin:$PATH"
[[ "$(command -v podlint)" == "$prefix/bin/podlint" ]]
[[ "$(podlint --version)" == "podlint $version" ]]

page="$prefix/share/man/man1/podlint.1"
# Plain text, one line per paragraph as far as possible, no hyphenation.
rendered="$(groff -man -Tascii -P-cbou -rLL=250n -rHY=0 "$page")"
grep -q '^NAME$' <<<"$rendered"
grep -q "^ *podlint - a fast linter for Kubernetes pod manifests" <<<"$rendered"
grep -q "podlint $version" <<<"$rendered"
help="$(podlint --help)"
options="$(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u)"
commands="$(sed -n '/^Subcommands:$/,/^$/s/^  \([a-z-]*\) .*/\1/p' <<<"$help")"
[[ $options == *--format* && $options == *--fail-on* && $commands == *explain* ]]
for option in $options; do
  grep -q -- "$option" <<<"$rendered" || { echo "install: the man page lacks $option" >&2; exit 1; }
done
for command in $commands; do
  grep -q "^ *podlint $command$" <<<"$rendered" || { echo "install: the man page lacks podlint $command" >&2; exit 1; }
  for option in $(podlint "$command" --help | grep -o -- '--[a-z][a-z-]*'); do
    grep -q -- "$option" <<<"$rendered" || { echo "install: the man page lacks $command $option" >&2; exit 1; }
  done
done
grep -q '^EXIT STATUS\|Exit status' <<<"$rendered"
if command -v man >/dev/null; then
  # Where man looks: share/man under a prefix on the PATH.
  MANPATH="$prefix/share/man" MANPAGER=cat man podlint 2>/dev/null | grep -q -- '--fail-on'
fi
echo "install: ok"
