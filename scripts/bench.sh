#!/usr/bin/env bash
# Generates the benchmark corpus, builds yaml_bench (Release, -O2) in
# build-bench and runs it on the generated corpus and, when present, on
# ../shared/corpus. Extra arguments go to yaml_bench (e.g. --rounds 10).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-bench"
corpus="$root/bench/corpus"
shared="$root/../shared/corpus"
jobs="${PODLINT_JOBS:-2}"

python3 "$root/bench/gen_corpus.py" --out "$corpus" --seed 1

# -O2 everywhere (CMake's Release default is -O3), matching how Debian built
# the yaml-cpp and tree-sitter runtime libraries we compare against.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPODLINT_BUILD_BENCH=ON -DPODLINT_BUILD_TESTS=OFF \
  -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" >/dev/null
cmake --build "$build" --target yaml_bench -j "$jobs"

dirs=("$corpus")
if [[ -d "$shared" ]]; then
  dirs+=("$(cd "$shared" && pwd)")
else
  echo "bench.sh: $shared not found, benchmarking the generated corpus only" >&2
fi

echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores visible; $(date -u '+%Y-%m-%d %H:%M UTC')"
"$build/bench/yaml_bench" "$@" "${dirs[@]}"
