#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), which runs them with the
# environment GitHub sets (GITHUB_WORKSPACE, RUNNER_TEMP, GITHUB_OUTPUT,
# GITHUB_PATH, ...) plus what each step's env: passes.
#   github-action.sh cache-key   outputs the install prefix and the cache key of podlint's sources
#   github-action.sh install     PODLINT_PREFIX, PODLINT_CACHE_HIT: build and install podlint
#                                unless the cache restored it, and put its bin/ on the PATH
#   github-action.sh lint        INPUT_PATHS, INPUT_CONFIG, INPUT_FORMAT, INPUT_FAIL_ON,
#                                INPUT_SARIF_FILE: run the installed podlint
set -euo pipefail
source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

print_cache_key() {
  # Everything the binary is built from; the runner image, for the shared
  # libraries it links to.
  local digest
  digest="$(cd "$source_dir" && find CMakeLists.txt cli src rules schema package-lock.json -type f -print0 |
    LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
  echo "prefix=$RUNNER_TEMP/podlint" >>"$GITHUB_OUTPUT"
  echo "key=podlint-${ImageOS:-$RUNNER_OS}-$RUNNER_ARCH-$digest" >>"$GITHUB_OUTPUT"
}

install_podlint() {
  # The binary is self-contained: one restored from the cache needs no package.
  if [[ ${PODLINT_CACHE_HIT:-} == true ]] && "$PODLINT_PREFIX/bin/podlint" --version; then
    echo "podlint restored from the cache into $PODLINT_PREFIX"
  else
    "$source_dir/scripts/install.sh" "$PODLINT_PREFIX" "$RUNNER_TEMP/podlint-build"
  fi
  echo "$PODLINT_PREFIX/bin" >>"$GITHUB_PATH"
}

lint_paths() {
  cd "$GITHUB_WORKSPACE"
  local sarif_file="${INPUT_SARIF_FILE:-$RUNNER_TEMP/podlint.sarif}" paths=()
  [[ $sarif_file == /* ]] || sarif_file="$GITHUB_WORKSPACE/$sarif_file"
  mkdir -p "$(dirname "$sarif_file")"
  # Set before linting, so that an upload step with `if: always()` finds it
  # when findings fail this one.
  echo "sarif-file=$sarif_file" >>"$GITHUB_OUTPUT"

  local args=(--fail-on "$INPUT_FAIL_ON")
  [[ -z $INPUT_CONFIG ]] || args+=(--config "$INPUT_CONFIG")
  # Each --output writes the --format before it; the last format goes to the log.
  args+=(--format sarif --output "$sarif_file" --format "$INPUT_FORMAT")
  read -r -d '' -a paths <<<"$INPUT_PATHS" || true # separated by spaces or newlines
  podlint "${args[@]}" -- "${paths[@]}"
}

case "${1:-}" in
cache-key) print_cache_key ;;
install) install_podlint ;;
lint) lint_paths ;;
*)
  echo "usage: $0 cache-key|install|lint" >&2
  exit 2
  ;;
esac
