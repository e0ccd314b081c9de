#!/usr/bin/env bash
# The VS Code extension builds with tsc and packages with vsce into a .vsix
# that holds what VS Code loads: the compiled client, its language client
# library, the manifest with the settings and the command, the config schema.
# Usage: vscode-ext-test.sh BUILD_DIR
set -euo pipefail
vsix="$(realpath "$1")/podlint.vsix"
cd "$(dirname "${BASH_SOURCE[0]}")/../vscode-ext"
if [[ ! -x node_modules/.bin/vsce ]]; then
  echo "vscode-ext/node_modules is missing (scripts/setup.sh installs it): skipped"
  exit 77
fi
rm -f "$vsix"
npm run --silent build
log=$(node_modules/.bin/vsce package --skip-license --out "$vsix" 2>&1) || { echo "$log"; exit 1; }
listing=$(unzip -Z1 "$vsix")
for entry in extension/package.json extension/out/extension.js extension/schemas/podlint-config.schema.json \
  extension/node_modules/vscode-languageclient/package.json; do
  grep -qx "$entry" <<<"$listing" || { echo "$vsix lacks $entry"; exit 1; }
done
if grep -q '^extension/src/' <<<"$listing"; then
  echo "$vsix ships the TypeScript sources"
  exit 1
fi
manifest=$(unzip -p "$vsix" extension/package.json)
node -e '
const m = JSON.parse(process.argv[1]);
const want = (ok, what) => { if (!ok) { console.error("package.json: " + what); process.exit(1); } };
want(m.main === "./out/extension.js", "main is the compiled client");
want(["onLanguage:yaml", "onLanguage:json"].every((e) => m.activationEvents.includes(e)), "activates on YAML and JSON");
want(m.contributes.commands.some((c) => c.command === "podlint.explainRule" && c.title === "podlint: explain rule"), "the explain command");
for (const s of ["podlint.path", "podlint.configPath", "podlint.minimumSeverity", "podlint.rules"])
  want(s in m.contributes.configuration.properties, "setting " + s);
want(m.contributes.yamlValidation[0].url === "./schemas/podlint-config.schema.json", "the config schema for .podlint.yaml");
' "$manifest"
# The shipped schema is the one podlint generates.
unzip -p "$vsix" extension/schemas/podlint-config.schema.json | cmp -s - ../schema/podlint-config.schema.json ||
  { echo "the shipped schema differs from schema/podlint-config.schema.json"; exit 1; }
echo "packaged $(wc -c <"$vsix") bytes: $vsix"
