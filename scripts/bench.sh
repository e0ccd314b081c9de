#!/usr/bin/env bash
# Generates the benchmark corpus, builds yaml_bench (Release, -O2) in
# build-bench and runs it on the generated corpus and, when present, on
# ../shared/corpus. Extra arguments go to yaml_bench (e.g. --rounds 10).
#
#   scripts/bench.sh --vs REV [--turns N] [--callgrind]
#
# compares podlint's front-ends with those of git revision REV instead: REV's
# sources (git archive) are built the same way in build-bench-vs/, then the
# two yaml_bench binaries take turns on each corpus, N turns each (default 5),
# alternating which goes first, and the best and median MB/s of each are
# printed side by side. --callgrind also counts each one's instructions for
# one pass (docs/performance.md), which do not move with the machine's load.
#
#   scripts/bench.sh --end-to-end [--repeat N] [--jobs N] [--quick]
#
# benchmarks whole runs instead (bench/end_to_end.py): podlint built Release in
# build-bench on the shared corpus replicated to 20 MB, a clean 60 MB stream
# and a 29 MB stream full of findings, in text, JSON and SARIF at -j1 and -jN,
# beside the parser alone and yamllint (installed from Debian) in the same run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-bench"
corpus="$root/bench/corpus"
shared="$root/../shared/corpus"
jobs="${PODLINT_JOBS:-2}"

vs="" turns=5 callgrind=0
if [[ "${1:-}" == --vs ]]; then
  [[ $# -ge 2 ]] || { echo "usage: scripts/bench.sh --vs REV [--turns N] [--callgrind]" >&2; exit 2; }
  vs="$2"
  shift 2
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --turns) turns="$2"; shift 2 ;;
      --callgrind) callgrind=1; shift ;;
      *) echo "usage: scripts/bench.sh --vs REV [--turns N] [--callgrind]" >&2; exit 2 ;;
    esac
  done
fi

if [[ "${1:-}" == --end-to-end ]]; then
  shift
  source "$root/scripts/lib/deps.sh"
  command -v yamllint >/dev/null || install_debian_packages yamllint >/dev/null
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPODLINT_BUILD_BENCH=ON -DPODLINT_BUILD_TESTS=OFF \
    -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" >/dev/null
  cmake --build "$build" --target podlint yaml_bench -j "$jobs"
  shared_args=()
  [[ -d "$shared" ]] && shared_args=(--shared "$(cd "$shared" && pwd)")
  exec python3 "$root/bench/end_to_end.py" --podlint "$build/podlint" --yaml-bench "$build/bench/yaml_bench" \
    --work "$root/bench/e2e" "${shared_args[@]}" "$@"
fi

python3 "$root/bench/gen_corpus.py" --out "$corpus" --seed 1

# build_bench SOURCE BUILD: yaml_bench of the tree SOURCE, in BUILD.
# -O2 everywhere (CMake's Release default is -O3), matching how Debian built
# the yaml-cpp and tree-sitter runtime libraries we compare against.
build_bench() {
  cmake -S "$1" -B "$2" -DCMAKE_BUILD_TYPE=Release -DPODLINT_BUILD_BENCH=ON -DPODLINT_BUILD_TESTS=OFF \
    -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" >/dev/null
  cmake --build "$2" --target yaml_bench -j "$jobs"
}
build_bench "$root" "$build"

dirs=("$corpus")
if [[ -d "$shared" ]]; then
  dirs+=("$(cd "$shared" && pwd)")
else
  echo "bench.sh: $shared not found, benchmarking the generated corpus only" >&2
fi

echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores visible; $(date -u '+%Y-%m-%d %H:%M UTC')"
if [[ -z "$vs" ]]; then
  "$build/bench/yaml_bench" "$@" "${dirs[@]}"
  exit 0
fi

# ---- old against new -------------------------------------------------------

commit="$(git -C "$root" rev-parse --verify "$vs^{commit}")"
old="$root/build-bench-vs/${commit:0:12}"
if [[ ! -f "$old/src/CMakeLists.txt" ]]; then
  rm -rf "$old/src"
  mkdir -p "$old/src"
  git -C "$root" archive "$commit" | tar -x -C "$old/src"
fi
# The grammar comes from node_modules, pinned by package-lock.json: the same
# one when the lock file is.
if ! cmp -s "$root/package-lock.json" "$old/src/package-lock.json"; then
  echo "bench.sh: $vs pins other npm packages; its tree-sitter-yaml grammar may differ" >&2
fi
ln -sfn "$root/node_modules" "$old/src/node_modules"
build_bench "$old/src" "$old/build"

new_bench="$build/bench/yaml_bench"
old_bench="$old/build/bench/yaml_bench"
new_name="$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src bench || echo '+changes')"
echo "old: $vs (${commit:0:12}); new: the working tree ($new_name); $turns turns each, one round of at least 0.2 s a turn"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# figures BENCH DIR ARGS...: "parser MB/s" lines of one run of BENCH on DIR.
figures() {
  local bench="$1" dir="$2"
  shift 2
  "$bench" --only podlint "$@" "$dir" | awk '/^  podlint parse/ && !/target/ { print $2, $3 }'
}
# summary FILE: "best median" of the MB/s numbers in FILE.
summary() {
  sort -g "$1" | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f", v[NR], m }'
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for dir in "${dirs[@]}"; do
  for ((turn = 0; turn < turns; ++turn)); do
    order=(old new)
    ((turn % 2)) && order=(new old)
    for side in "${order[@]}"; do
      bench="$new_bench"
      [[ $side == old ]] && bench="$old_bench"
      figures "$bench" "$dir" --rounds 1 | while read -r parser mbps; do
        echo "$mbps" >>"$work/$side-$parser"
      done
    done
  done
  echo
  echo "== $dir ($(find "$dir" -name '*.yaml' -o -name '*.yml' | wc -l) files), MB/s: best and median of $turns turns"
  printf '  %-26s %15s %15s %9s\n' parser "old best/med" "new best/med" "new/old"
  for parser in 'parse()' 'parse_tolerant()'; do
    [[ -f "$work/old-$parser" && -f "$work/new-$parser" ]] || continue
    read -r old_best old_median <<<"$(summary "$work/old-$parser")"
    read -r new_best new_median <<<"$(summary "$work/new-$parser")"
    printf '  %-26s %7.1f/%-7.1f %7.1f/%-7.1f %8.3fx\n' "podlint $parser" "$old_best" "$old_median" \
      "$new_best" "$new_median" "$(awk -v a="$new_best" -v b="$old_best" 'BEGIN { print a / b }')"
  done
  rm -f "$work"/old-* "$work"/new-*
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

if ((callgrind)); then
  echo
  echo "== instructions for one pass of parse() (callgrind)"
  printf '  %-60s %16s %16s %9s\n' corpus old new new/old
  for dir in "${dirs[@]}"; do
    declare -A count=()
    for side in old new; do
      bench="$new_bench"
      [[ $side == old ]] && bench="$old_bench"
      count[$side]="$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        --toggle-collect='std::_Function_handler*' "$bench" --only 'podlint parse()' --rounds 1 --passes 1 \
        "$dir" 2>&1 >/dev/null | sed -n 's/^==[0-9]*== Collected : //p')"
    done
    printf '  %-60s %16s %16s %8.4fx\n' "$dir" "${count[old]}" "${count[new]}" \
      "$(awk -v a="${count[new]}" -v b="${count[old]}" 'BEGIN { print a / b }')"
  done
fi
