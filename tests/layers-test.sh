#!/usr/bin/env bash
# The build enforces the layers of docs/architecture.md: a layer's sources see
# only its own headers and those of the layers below it (each layer's include
# directory holds a link to its folder alone). This compiles, for every layer,
# a file that includes a header of each layer: those below must compile, those
# above must not.
#   tests/layers-test.sh CXX BUILD_DIR
set -euo pipefail
cxx="$1"
include="$2/src/include"
layers=(text yaml model schema engine output lsp)
declare -A header=([text]=text/suggest.hpp [yaml]=yaml/document.hpp [model]=model/pod.hpp
  [schema]=schema/schema.hpp [engine]=engine/rule.hpp [output]=output/emit.hpp [lsp]=lsp/session.hpp)
# Headers of the layers above include fmt and nlohmann-json: their own
# dependencies must not be what makes the probe fail.
extern_flags=$(pkg-config --cflags fmt 2>/dev/null || true)
failures=0
for ((i = 0; i < ${#layers[@]}; i++)); do
  flags=()
  for ((k = 0; k <= i; k++)); do flags+=(-I "$include/${layers[k]}"); done
  for ((j = 0; j < ${#layers[@]}; j++)); do
    probe="#include \"${header[${layers[j]}]}\""
    if echo "$probe" | "$cxx" -std=c++20 -fsyntax-only $extern_flags "${flags[@]}" -x c++ - 2>/dev/null; then
      seen=yes
    else
      seen=no
    fi
    expected=$([[ $j -le $i ]] && echo yes || echo no)
    if [[ $seen != "$expected" ]]; then
      echo "layer ${layers[i]}: including ${header[${layers[j]}]} compiles: $seen (expected $expected)"
      failures=$((failures + 1))
    fi
  done
done
((failures == 0)) && echo "layers: every layer sees only itself and the layers below"
exit $((failures > 0))
