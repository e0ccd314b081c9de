#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) with the real pre-commit: in a
# temporary git repository, `pre-commit try-repo <this checkout> podlint`
# fails on a bad manifest (YAML or JSON) showing the diagnostic, passes on a
# clean one or where the repository's .podlint.yaml allows it, and skips other
# files. The hook runs the podlint on the PATH:
# `cmake --install` into a temporary prefix.
#   tests/pre-commit-test.sh BUILD_DIR
set -euo pipefail
build="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! git -C "$root" ls-files --error-unmatch .pre-commit-hooks.yaml >/dev/null 2>&1; then
  echo "pre-commit: .pre-commit-hooks.yaml is not committed in $root (try-repo needs it); skipped"
  exit 77
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
# Nothing outside $tmp: pre-commit's cache and git's configuration included.
mkdir "$tmp/home" "$tmp/tmp"
export PATH="$tmp/prefix/bin:$PATH" HOME="$tmp/home" TMPDIR="$tmp/tmp" PRE_COMMIT_HOME="$tmp/pre-commit"
export XDG_CACHE_HOME="$tmp/cache"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=podlint GIT_AUTHOR_EMAIL=podlint@localhost
export GIT_COMMITTER_NAME=podlint GIT_COMMITTER_EMAIL=podlint@localhost

repo="$tmp/repo"
git init -q "$repo"
cp "$root/tests/ci/pod-clean.yaml" "$root/tests/ci/pod-duplicate-key.yaml" "$repo/"
printf '{"apiVersion": "v1", "kind": "Pod", "kind": "Pod"}\n' >"$repo/pod.json"
# The hook honours the repository's configuration: here duplicate-key is a warning.
mkdir "$repo/relaxed"
cp "$root/tests/ci/pod-duplicate-key.yaml" "$repo/relaxed/"
printf 'rules:\n  duplicate-key: warning\n' >"$repo/relaxed/.podlint.yaml"
echo "not a manifest" >"$repo/notes.txt"
git -C "$repo" add .
git -C "$repo" commit -q -m manifests
cd "$repo"

# try_hook FILE: pre-commit's output in $output, its exit status in $status.
try_hook() {
  status=0
  output="$(pre-commit try-repo "$root" podlint --files "$1" 2>&1)" || status=$?
}
fail() {
  printf 'pre-commit: %s\n%s\n' "$1" "$output" >&2
  exit 1
}

try_hook pod-duplicate-key.yaml
((status == 1)) || fail "exit status $status on a bad manifest, not 1"
grep -q '^podlint\.*Failed$' <<<"$output" || fail "the hook did not fail"
grep -qxF 'pod-duplicate-key.yaml:9:7: error: duplicate key "image" (first defined at 8:7) [duplicate-key] (unsafe fix available)' \
  <<<"$output" || fail "no diagnostic for pod-duplicate-key.yaml"

try_hook pod.json
((status == 1)) || fail "exit status $status on a bad JSON manifest, not 1"
grep -qxF 'pod.json:1:37: error: duplicate key "kind" (first defined at 1:22) [duplicate-key] (unsafe fix available)' <<<"$output" ||
  fail "no diagnostic for pod.json"

try_hook pod-clean.yaml
((status == 0)) || fail "exit status $status on a clean manifest, not 0"
grep -q '^podlint\.*Passed$' <<<"$output" || fail "the hook did not pass"

try_hook relaxed/pod-duplicate-key.yaml
((status == 0)) || fail "exit status $status on a manifest whose .podlint.yaml makes duplicate-key a warning, not 0"

try_hook notes.txt
((status == 0)) || fail "exit status $status on a text file, not 0"
grep -q '^podlint\.*(no files to check)Skipped$' <<<"$output" || fail "the hook did not skip a text file"
echo "pre-commit: ok"
