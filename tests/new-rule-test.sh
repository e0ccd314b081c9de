#!/usr/bin/env bash
# scripts/new-rule.sh writes a rule's three places, and they are what the build
# takes: the page compiles (rules/compile-pages.mjs), the rule's code compiles
# against the engine, the fixture reads as a fixture of its rule; bad ids,
# categories and existing rules are refused.
#   tests/new-rule-test.sh CXX BUILD_DIR
set -euo pipefail
cxx="$1"
build="$2"
source="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/rules" "$scratch/docs/rules" "$scratch/tests/rules"

PODLINT_ROOT="$scratch" "$source/scripts/new-rule.sh" host-pid-shared security
for place in rules/host-pid-shared.cpp docs/rules/host-pid-shared.md tests/rules/host-pid-shared/basics.yaml; do
  test -s "$scratch/$place" || { echo "missing $place"; exit 1; }
done
grep -q 'class HostPidShared final' "$scratch/rules/host-pid-shared.cpp"
grep -q 'Category::Security' "$scratch/rules/host-pid-shared.cpp"
grep -q '# expect: host-pid-shared@13 "TODO"' "$scratch/tests/rules/host-pid-shared/basics.yaml"

node "$source/rules/compile-pages.mjs" "$scratch/pages.cpp" --pages "$scratch/docs/rules/host-pid-shared.md" \
  --rules "$scratch/rules/host-pid-shared.cpp"
grep -q '.id = "host-pid-shared"' "$scratch/pages.cpp"
includes=()
for layer in text yaml model schema engine; do includes+=(-I "$build/src/include/$layer"); done
"$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Werror "${includes[@]}" "$scratch/rules/host-pid-shared.cpp"
"$cxx" -std=c++20 -fsyntax-only "${includes[@]}" "$scratch/pages.cpp"

refuse() {
  if PODLINT_ROOT="$scratch" "$source/scripts/new-rule.sh" "$@" 2>"$scratch/err"; then
    echo "new-rule.sh $* was accepted"
    exit 1
  fi
  grep -q "$1\|category\|exists" "$scratch/err"
}
refuse Host_PID security
refuse host-ipc-shared securty
refuse host-pid-shared security
echo "new-rule: scaffolds three places that build"
