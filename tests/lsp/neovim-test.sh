#!/usr/bin/env bash
# A real editor: headless Neovim with its built-in LSP client opens a manifest
# served by `podlint lsp`; the diagnostics it shows (vim.diagnostic.get), on
# opening and after an edit typed into the buffer, must be exactly the
# findings `podlint --format json` gives for the same text (waived ones left
# out), and include the ones this manifest is written to have.
# Usage: neovim-test.sh PODLINT
set -euo pipefail
podlint="$(realpath "$1")"
here="$(dirname "$(realpath "${BASH_SOURCE[0]}")")"
if ! command -v nvim >/dev/null; then
  echo "neovim is not installed (scripts/setup.sh installs it): skipped"
  exit 77
fi
work=$(mktemp -d)
trap '[[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT
mkdir "$work/project"
cat >"$work/project/pod.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    # podlint-disable-next-line missing-liveness-probe -- a sidecar watches it
    - name: web
      image: nginx
      ports:
        - containerPort: 80
          containerPort: 8080
      resources: {}
YAML
edit_line=9
edit_text="      image: nginx:1.25.3"

# What podlint's CLI finds in TEXT, as Neovim shows it: line:col rule severity message.
expected() {
  cp "$1" "$work/project/expected.yaml"
  local json
  # Exit status 1: there are findings.
  json=$("$podlint" --format json "$work/project/expected.yaml") || [[ $? == 1 ]]
  node -e '
    const severity = { error: 1, warning: 2, info: 3 };
    const lines = JSON.parse(require("fs").readFileSync(0, "utf8")).diagnostics
      .filter((d) => !d.suppressed)
      .map((d) => `${d.line}:${d.column} ${d.rule} ${severity[d.severity]} ${d.message}`)
      .sort();
    console.log(lines.join("\n"));
  ' <<<"$json"
  rm "$work/project/expected.yaml"
}

PODLINT="$podlint" MANIFEST="$work/project/pod.yaml" OUT="$work/shown" EDIT_LINE=$edit_line EDIT_TEXT="$edit_text" \
  timeout 60 nvim --headless --clean -c "luafile $here/neovim.lua" </dev/null >"$work/nvim.log" 2>&1 ||
  { echo "neovim failed:"; cat "$work/nvim.log"; exit 1; }

expected "$work/project/pod.yaml" >"$work/expected"
sed "${edit_line}s/.*/$edit_text/" "$work/project/pod.yaml" >"$work/edited.yaml"
expected "$work/edited.yaml" >"$work/expected.edited"
status=0
for step in "" .edited; do
  # writefile and console.log both end the last line; sort alike.
  if ! diff -u "$work/expected$step" <(LC_ALL=C sort "$work/shown$step"); then
    echo "Neovim's diagnostics${step:+ after the edit} differ from podlint's (above)"
    status=1
  fi
done
# The findings the manifest is written to have, on opening and after the edit.
grep -qx '12:11 duplicate-key 1 .*' "$work/shown" || { echo "no duplicate-key shown"; status=1; }
grep -q '^9:.* image-tag ' "$work/shown" || { echo "no image-tag shown before the edit"; status=1; }
if grep -q ' image-tag ' "$work/shown.edited"; then echo "image-tag still shown after the edit"; status=1; fi
if grep -q '^[0-9:]* missing-liveness-probe ' "$work/shown" "$work/shown.edited"; then
  echo "a waived finding is shown"
  status=1
fi
[[ $status == 0 ]] && echo "Neovim shows podlint's $(wc -l <"$work/shown") findings, and $(wc -l <"$work/shown.edited") after the edit"
exit $status
