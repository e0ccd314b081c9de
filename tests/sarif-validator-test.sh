#!/usr/bin/env bash
# Runs Microsoft's SARIF validator on podlint's SARIF of examples/ or of
# ../shared/corpus (or on a given .sarif file) and fails on any error or
# warning it reports, or when the log does not match the SARIF schema;
# notes are counted and printed (tests/check-sarif.mjs).
#   tests/sarif-validator-test.sh PODLINT MULTITOOL OUT_DIR examples|unreadable|nasty|fixes|corpus|FILE.sarif
# Exits 77 (ctest's skip code here) when ../shared/corpus is absent.
set -euo pipefail
podlint="$1"
multitool="$2"
out="$3"
target="$4"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$out"
cd "$root"
case "$target" in
  examples)
    sarif="$out/examples.sarif"
    "$podlint" --fail-on never --format sarif --output "$sarif" examples
    ;;
  unreadable)  # a file that cannot be read becomes a tool execution notification
    sarif="$out/unreadable.sarif"
    "$podlint" --fail-on never --format sarif --output "$sarif" examples/pod-web.yaml examples/no-such-file.yaml ||
      test $? -eq 2
    ;;
  nasty)  # hand-made nasty inputs and former fuzzer crashes: bad bytes, limits, broken syntax
    sarif="$out/nasty.sarif"
    "$podlint" --fail-on never --format sarif --output "$sarif" tests/fuzz-regressions
    ;;
  fixes)  # the rule fixtures: findings with every kind of fix, insertions and removals
    sarif="$out/fixes.sarif"
    "$podlint" --fail-on never --format sarif --output "$sarif" tests/rules
    ;;
  corpus)
    if [[ ! -d ../shared/corpus ]]; then
      echo "sarif-validator: ../shared/corpus not found, skipping"
      exit 77
    fi
    sarif="$out/corpus.sarif"
    "$podlint" --fail-on never --format sarif --output "$sarif" ../shared/corpus
    ;;
  *) sarif="$target" ;;
esac
name="$(basename "$sarif")"
log="$out/$name.validation.sarif"
rm -f "$log"
# The SARIF rules, and the rules of what GitHub code scanning accepts. The
# validator is a .NET program: invariant globalization spares it libicu, which
# a fresh machine need not have. Its default limit of 10 MB would skip the
# log of every rule fixture.
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$multitool" validate -o "$log" --rule-kind "Sarif;Gh" --level "Error;Warning;Note" \
  --max-file-size-in-kb 200000 "$sarif" \
  >"$out/$name.validation.txt"
schema="$root/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"
node "$root/tests/check-sarif.mjs" "$schema" "$sarif" "$log"
