// `podlint lsp` driven by a real LSP client (vscode-languageserver-protocol's
// node connection, what vscode-languageclient is built on): lifecycle,
// diagnostics while typing, configuration, code actions, hover, completion,
// bad input.
//   node --test tests/lsp/protocol.test.mjs   (PODLINT: the binary; default build/podlint)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { applyEdits, Client, positionAt, positionOf, residentBytes, uriOf } from "./client.mjs";

const podlint = resolve(process.env.PODLINT ?? "build/podlint");
const workspace = mkdtempSync(join(tmpdir(), "podlint-lsp-"));
after(() => {
  Client.killAll(); // those a failed test left running
  rmSync(workspace, { recursive: true, force: true });
});

const start = () => new Client([podlint, "lsp"], { cwd: workspace });

// What a published diagnostic says, in one line.
const brief = (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code ?? "config"}: ${d.message}`;

const kPod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 8080
          name: web_port
      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits: {memory: 128Mi}
      readinessProbe:
        httpGet: {path: /, port: 8080}
      livenessProbe:
        httpGet: {path: /live, port: 8080}
      securityContext: {readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
  serviceAccountName: web
  automountServiceAccountToken: false
`;
const kPortName = `11:17 invalid-port-name: port name "web_port" is not a valid IANA service name: it uses characters outside [a-z0-9-]`;

describe("lifecycle", () => {
  test("initialize, shutdown, exit: status 0; UTF-16 unless UTF-8 is offered", async () => {
    const client = start();
    const result = await client.initialize();
    assert.equal(result.serverInfo.name, "podlint");
    assert.equal(result.capabilities.positionEncoding, "utf-16");
    assert.equal(result.capabilities.textDocumentSync.change, 2); // incremental
    assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: ["quickfix", "source.fixAll.podlint"] });
    assert.deepEqual(result.capabilities.diagnosticProvider, {
      identifier: "podlint",
      interFileDependencies: false,
      workspaceDiagnostics: false,
    });
    assert.equal(await client.shutdown(), 0);

    const utf8 = start();
    const offered = await utf8.initialize({ capabilities: { general: { positionEncodings: ["utf-8", "utf-16"] } } });
    assert.equal(offered.capabilities.positionEncoding, "utf-8");
    assert.equal(await utf8.shutdown(), 0);
  });

  test("exit without shutdown: status 1; requests before initialize and after shutdown are refused", async () => {
    const client = start();
    await assert.rejects(client.request("textDocument/hover", { textDocument: { uri: "file:///x.yaml" }, position: { line: 0, character: 0 } }), { code: -32002 });
    await client.initialize();
    await assert.rejects(client.request("initialize", { capabilities: {} }), { code: -32600 });
    await client.request("shutdown");
    await assert.rejects(client.request("textDocument/hover", {}), { code: -32600 });
    await client.notify("exit");
    assert.equal(await client.exited, 0);

    const rude = start();
    await rude.initialize();
    await rude.notify("exit");
    assert.equal(await rude.exited, 1);
  });

  test("$/setTrace turns on $/logTrace; unknown methods get MethodNotFound", async () => {
    const client = start();
    await client.initialize();
    const traces = [];
    client.connection.onNotification("$/logTrace", (params) => traces.push(params.message));
    await client.notify("$/setTrace", { value: "verbose" });
    await assert.rejects(client.request("podlint/nothing", {}), { code: -32601 });
    await assert.rejects(client.request("podlint/nothing", {}), { code: -32601 }); // the first one's trace is in
    assert.ok(traces.some((t) => t.startsWith("podlint/nothing handled in")), traces.join("\n"));
    assert.equal(await client.shutdown(), 0);
  });
});

describe("diagnostics", () => {
  let client;
  before(async () => {
    client = start();
    await client.initialize();
  });
  after(() => client.shutdown());

  test("every field of a finding: code, page, source, related information, version", async () => {
    const uri = uriOf(join(workspace, "dup.yaml"));
    const text = kPod.replace("      image: nginx:1.27\n", "      image: nginx:1.27\n      image: nginx:1.28\n");
    const published = await client.open(uri, text, { version: 7 });
    assert.equal(published.version, 7);
    const duplicate = published.diagnostics.find((d) => d.code === "duplicate-key");
    assert.deepEqual(duplicate, {
      range: { start: { line: 8, character: 6 }, end: { line: 8, character: 11 } },
      severity: 1,
      code: "duplicate-key",
      codeDescription: { href: "https://github.com/podlint/podlint/blob/main/docs/rules/duplicate-key.md" },
      source: "podlint",
      message: 'duplicate key "image" (first defined at 8:7)',
      relatedInformation: [
        {
          location: { uri, range: { start: { line: 7, character: 6 }, end: { line: 7, character: 11 } } },
          message: "first defined here",
        },
      ],
    });
  });

  test("waived findings are not shown; an unused waiver is tagged Unnecessary", async () => {
    const uri = uriOf(join(workspace, "waived.yaml"));
    const text = kPod
      .replace("          name: web_port", "          # podlint-disable-next-line invalid-port-name -- legacy\n          name: web_port")
      .replace("    - name: app", "    # podlint-disable-next-line port-conflict\n    - name: app");
    const published = await client.open(uri, text);
    assert.deepEqual(published.diagnostics.map(brief), [
      "7:33 unused-suppression: nothing to suppress: no port-conflict finding on line 8",
    ]);
    assert.deepEqual(published.diagnostics[0].tags, [1]);
  });

  test("typing: an incremental edit relints, and the version comes back", async () => {
    const uri = uriOf(join(workspace, "typing.yaml"));
    let published = await client.open(uri, kPod);
    assert.deepEqual(published.diagnostics.map(brief), [kPortName]);
    // Rename the port, one keystroke at a time: "web_port" -> "web".
    const at = positionOf(kPod, "web_port", 3);
    let version = 1;
    for (let i = 0; i < 5; i++) {
      const range = { start: at, end: { line: at.line, character: at.character + 1 } };
      published = await client.change(uri, ++version, [{ range, text: "" }]);
    }
    assert.equal(published.version, 6);
    assert.deepEqual(published.diagnostics, []);
  });

  test("a broken document keeps the stream's other documents and its own intact parts", async () => {
    const uri = uriOf(join(workspace, "stream.yaml"));
    const second = kPod.replace("name: web\n", "name: second\n");
    const text = `${kPod}---\n${second}---\n${kPod.replace("name: web\n", "name: third\n")}`;
    let published = await client.open(uri, text);
    assert.deepEqual(published.diagnostics.map(brief), [kPortName, "33:17" + kPortName.slice(5), "55:17" + kPortName.slice(5)]);
    // Break the second document's resources mid-edit: an unclosed flow mapping.
    const at = positionAt(text, text.indexOf("limits: {memory: 128Mi}", text.indexOf("name: second")) + 22);
    published = await client.change(uri, 2, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: "" }]);
    assert.deepEqual(published.diagnostics.map(brief), [
      kPortName,
      "33:17" + kPortName.slice(5),
      '36:17 yaml-syntax: syntax error: unexpected "{memory: 128Mi"',
      "55:17" + kPortName.slice(5),
    ]);
    // Repaired: as before.
    published = await client.change(uri, 3, [{ range: { start: at, end: at }, text: "}" }]);
    assert.deepEqual(published.diagnostics.map(brief), [kPortName, "33:17" + kPortName.slice(5), "55:17" + kPortName.slice(5)]);
  });

  test("after a series of edits, what is published is what a fresh open of the final text publishes", async () => {
    // Each edit relints only what it touched and rewrites only the findings it
    // moved; a second server, opening each text afresh, lints it whole.
    const uri = uriOf(join(workspace, "edited-stream.yaml"));
    const named = (name, more = "") => kPod.replace("name: web\n", `name: ${name}\n${more}`);
    let text = [
      named("a"),
      named("b").replace("  serviceAccountName:", "  restartPolicy: always\n  serviceAccountName:"),
      named("c", '  labels: {note: "é👋", "bad key!": x}\n'),
      named("d"),
    ].join("---\n");
    const fresh = start();
    await fresh.initialize();
    const freshly = async (version) => {
      const published = await fresh.open(uri, text, { version });
      await fresh.close(uri);
      return JSON.stringify(published.diagnostics);
    };
    let published = await client.open(uri, text);
    assert.equal(JSON.stringify(published.diagnostics), await freshly(1));
    assert.ok(published.diagnostics.some((d) => d.code === "invalid-restart-policy"));
    assert.ok(published.diagnostics.some((d) => d.code === "invalid-format"), published.diagnostics.map(brief).join("\n"));
    // [where, what it replaces, replacement]: typing, new lines above other
    // documents, breaking and repairing, multi-byte characters, a document
    // separator taken away and put back.
    const edits = [
      ["      ports:", "", "      # a comment\n"],
      ["name: c", "c", "cc"],
      ["restartPolicy: always", "always", '"always'],
      ['restartPolicy: "always', '"', ""],
      ['note: "é👋', "é👋", "ü🚀🚀"],
      ["---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: d", "---\n", ""],
      ["apiVersion: v1\nkind: Pod\nmetadata:\n  name: d", "", "---\n"],
      ["name: a\n", "", "  namespace: x\n\n\n"],
    ];
    let version = 1;
    for (const [where, old, replacement] of edits) {
      const at = text.indexOf(where);
      assert.ok(at >= 0, where);
      const begin = text.indexOf(old, at);
      const range = { start: positionAt(text, begin), end: positionAt(text, begin + old.length) };
      text = text.slice(0, begin) + replacement + text.slice(begin + old.length);
      published = await client.change(uri, ++version, [{ range, text: replacement }]);
      assert.equal(JSON.stringify(published.diagnostics), await freshly(version), `after replacing "${old}" at "${where}"`);
    }
    assert.ok(!published.diagnostics.some((d) => d.code === "yaml-syntax" || d.code === "duplicate-key"));
    assert.equal(await fresh.shutdown(), 0);
  });

  test("positions count UTF-16 units, or UTF-8 bytes when agreed", async () => {
    const text = kPod.replace("          name: web_port", '          {protocol: TCP, name: "wéb🚀"}: 1\n          name: wéb🚀');
    const uri = uriOf(join(workspace, "unicode.yaml"));
    const found = (await client.open(uri, text)).diagnostics.find((d) => d.code === "invalid-port-name");
    // "wéb🚀": 5 UTF-16 units, 8 bytes.
    assert.deepEqual(found.range, { start: { line: 11, character: 16 }, end: { line: 11, character: 21 } });
    const utf8 = start();
    await utf8.initialize({ capabilities: { general: { positionEncodings: ["utf-8"] } } });
    const bytes = (await utf8.open(uri, text)).diagnostics.find((d) => d.code === "invalid-port-name");
    assert.deepEqual(bytes.range, { start: { line: 11, character: 16 }, end: { line: 11, character: 24 } });
    // An edit in UTF-8 positions: remove the rocket (bytes 20 to 24 of the line).
    const edited = await utf8.change(uri, 2, [{ range: { start: { line: 11, character: 20 }, end: { line: 11, character: 24 } }, text: "" }]);
    assert.deepEqual(edited.diagnostics.find((d) => d.code === "invalid-port-name").range.end, { line: 11, character: 20 });
    assert.equal(await utf8.shutdown(), 0);
  });

  test("any bytes as a document: diagnostics, no crash", async () => {
    for (const [name, text] of [
      ["binary.yaml", "\u0000\u0001\uFFFD\uD83D: [\n\t- {"],
      ["deep.yaml", "[".repeat(100000)],
      ["long-line.yaml", `apiVersion: v1\nkind: Pod\nmetadata: {name: ${"x".repeat(40000)}}\n`],
      ["empty.json", ""],
    ]) {
      const uri = uriOf(join(workspace, name));
      const published = await client.open(uri, text, { languageId: name.endsWith(".json") ? "json" : "yaml" });
      assert.ok(Array.isArray(published.diagnostics), name);
    }
    const over = await client.open(uriOf(join(workspace, "over.yaml")), `kind: Pod\nmetadata: {name: ${"x".repeat(40000)}}\n`);
    assert.deepEqual(over.diagnostics.map(brief), ["1:1 yaml-syntax: line 2 is longer than 32767 bytes, the most the tolerant parser handles"]);
  });
});

describe("pull diagnostics", () => {
  test("a client that pulls gets them on request, unchanged when nothing changed", async () => {
    const client = start();
    await client.initialize({ capabilities: { textDocument: { diagnostic: {} } } });
    const uri = uriOf(join(workspace, "pulled.yaml"));
    await client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text: kPod } });
    const report = await client.request("textDocument/diagnostic", { textDocument: { uri } });
    assert.equal(report.kind, "full");
    assert.deepEqual(report.items.map(brief), [kPortName]);
    const again = await client.request("textDocument/diagnostic", { textDocument: { uri }, previousResultId: report.resultId });
    assert.deepEqual(again, { kind: "unchanged", resultId: report.resultId });
    await client.notify("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: kPod.replace("web_port", "web") }],
    });
    const changed = await client.request("textDocument/diagnostic", { textDocument: { uri }, previousResultId: report.resultId });
    assert.equal(changed.kind, "full");
    assert.deepEqual(changed.items, []);
    assert.equal(client.diagnostics.size, 0); // nothing pushed
    await assert.rejects(client.request("textDocument/diagnostic", { textDocument: { uri: uriOf("/nowhere.yaml") } }), { code: -32602 });
    assert.equal(await client.shutdown(), 0);
  });
});

describe("configuration", () => {
  test("each document gets its .podlint.yaml; a change reloads it; a broken one shows its errors and the last good one stays", async () => {
    const project = mkdtempSync(join(workspace, "project-"));
    spawnSync("mkdir", ["-p", join(project, ".git"), join(project, "jobs")]);
    const config = join(project, ".podlint.yaml");
    writeFileSync(config, "rules:\n  invalid-port-name: warning\n");
    const client = start();
    await client.initialize({ rootUri: uriOf(project), capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    const uri = uriOf(join(project, "jobs", "pod.yaml"));
    let published = await client.open(uri, kPod);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [["invalid-port-name", 2]]);
    assert.ok(client.requests.some(([method]) => method === "client/registerCapability"));

    writeFileSync(config, "rules:\n  invalid-port-name: off\n");
    let next = client.nextDiagnostics(uri);
    await client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(config), type: 2 }] });
    assert.deepEqual((await next).diagnostics, []);

    // Broken: its errors on the file itself; the document keeps "off".
    writeFileSync(config, "rules:\n  invalid-port-nam: off\n");
    const errors = client.nextDiagnostics(uriOf(config));
    next = client.nextDiagnostics(uri);
    await client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(config), type: 2 }] });
    assert.deepEqual((await errors).diagnostics.map(brief), [
      '2:3 config: unknown rule "invalid-port-nam" (did you mean "invalid-port-name"?)',
    ]);
    assert.deepEqual((await next).diagnostics, []);

    // Mended: the errors go.
    writeFileSync(config, "rules:\n  invalid-port-name: error\n");
    const cleared = client.nextDiagnostics(uriOf(config));
    next = client.nextDiagnostics(uri);
    await client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(config), type: 2 }] });
    assert.deepEqual((await cleared).diagnostics, []);
    assert.deepEqual((await next).diagnostics.map((d) => [d.code, d.severity]), [["invalid-port-name", 1]]);

    // An open configuration file is checked as it is typed.
    const typed = await client.open(uriOf(config), "rules:\n  invalid-port-name: high\n");
    assert.deepEqual(typed.diagnostics.map(brief), ['2:22 config: expected off, on, error, warning, info or a mapping, found "high"']);
    assert.equal(await client.shutdown(), 0);
  });

  test("settings: minimum severity, rules on and off, a configuration file for all", async () => {
    const project = mkdtempSync(join(workspace, "settings-"));
    writeFileSync(join(project, "strict.yaml"), "rules:\n  missing-liveness-probe: error\n");
    const client = start();
    await client.initialize({
      rootUri: uriOf(project),
      initializationOptions: { minimumSeverity: "error", rules: { "missing-readiness-probe": "error" } },
    });
    const uri = uriOf(join(project, "pod.yaml"));
    const pod = kPod.replace(/ {6}readinessProbe:\n.*\n {6}livenessProbe:\n.*\n/, "");
    let published = await client.open(uri, pod);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ["missing-readiness-probe", "invalid-port-name"]);
    let next = client.nextDiagnostics(uri);
    await client.notify("workspace/didChangeConfiguration", {
      settings: { podlint: { configPath: "strict.yaml", minimumSeverity: "warning", rules: { "invalid-port-name": false } } },
    });
    published = await next;
    assert.deepEqual(published.diagnostics.map((d) => d.code), ["missing-liveness-probe", "missing-readiness-probe"]);
    assert.deepEqual(published.diagnostics.map((d) => d.severity), [1, 2]);
    assert.equal(await client.shutdown(), 0);
  });
});

describe("where a file lies", () => {
  test("a Helm chart's template is reported once, not linted; a kustomize patch is a partial object", async () => {
    const project = mkdtempSync(join(workspace, "inputs-"));
    spawnSync("mkdir", ["-p", join(project, "chart", "templates"), join(project, "overlay")]);
    writeFileSync(join(project, "chart", "Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
    writeFileSync(join(project, "overlay", "kustomization.yaml"), "resources: [../base]\npatches:\n  - path: patch.yaml\n");
    const client = start();
    await client.initialize({ rootUri: uriOf(project) });

    const template = `${kPod.replace("name: web\n", "name: {{ .Release.Name }}\n")}---\n${kPod}`;
    const published = await client.open(uriOf(join(project, "chart", "templates", "pod.yaml")), template);
    assert.deepEqual(published.diagnostics.map(brief), [
      "4:9 helm-template: Helm template, not linted: render it with `helm template` and pipe it to podlint",
    ]);

    // A patch names the fields it changes: nothing is missing from it.
    const patch = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.28\n";
    const patched = await client.open(uriOf(join(project, "overlay", "patch.yaml")), patch);
    const whole = await client.open(uriOf(join(project, "overlay", "pod.yaml")), patch);
    const codes = (p) => [...new Set(p.diagnostics.map((d) => d.code))];
    assert.ok(codes(whole).includes("missing-liveness-probe"), codes(whole).join());
    assert.ok(!codes(patched).includes("missing-liveness-probe"), codes(patched).join());
    assert.ok(codes(patched).length < codes(whole).length);
    assert.equal(await client.shutdown(), 0);
  });
});

describe("code actions, hover, completion", () => {
  let client;
  before(async () => {
    client = start();
    await client.initialize();
  });
  after(() => client.shutdown());

  test("disable on this line, and in this document: applied, the finding goes", async () => {
    const uri = uriOf(join(workspace, "actions.yaml"));
    const text = `---\n${kPod}`;
    const published = await client.open(uri, text);
    const finding = published.diagnostics[0];
    const actions = await client.request("textDocument/codeAction", {
      textDocument: { uri },
      range: finding.range,
      context: { diagnostics: [finding] },
    });
    assert.deepEqual(actions.map((a) => a.title), [
      "Disable invalid-port-name on this line",
      "Disable invalid-port-name in this document",
    ]);
    assert.equal(actions[0].kind, "quickfix");
    assert.deepEqual(actions[0].diagnostics, [finding]);
    const line = applyEdits(text, actions[0].edit.changes[uri]);
    assert.ok(line.includes("        - containerPort: 8080\n          # podlint-disable-next-line invalid-port-name -- reason\n          name: web_port\n"), line);
    const file = applyEdits(text, actions[1].edit.changes[uri]);
    assert.ok(file.startsWith("---\n# podlint-disable-file invalid-port-name -- reason\napiVersion: v1\n"), file);
    for (const [version, edited] of [[2, line], [3, file]]) {
      const after = await client.change(uri, version, [{ text: edited }]);
      assert.deepEqual(after.diagnostics, []);
    }
    // A second rule joins the comment already there.
    const more = file.replace(/ {6}readinessProbe:\n.*\n/, "");
    const again = await client.change(uri, 4, [{ text: more }]);
    assert.ok(again.diagnostics.length > 0);
    const joined = await client.request("textDocument/codeAction", { textDocument: { uri }, range: again.diagnostics[0].range, context: { diagnostics: [] } });
    const edit = joined.find((a) => a.title.endsWith("in this document")).edit.changes[uri];
    assert.ok(applyEdits(more, edit).startsWith(`---\n# podlint-disable-file invalid-port-name, ${again.diagnostics[0].code} -- reason\n`));
  });

  test("a finding's fixes: quick fixes, UTF-16 after multi-byte characters, and source.fixAll as podlint fix makes it", async () => {
    const dir = join(workspace, "fixes");
    mkdirSync(dir, { recursive: true });
    const uri = uriOf(join(dir, "pod.yaml"));
    // Each fix on a line with multi-byte characters before it: a protocol in
    // the wrong case (a safe fix) and a misspelt field (an unsafe one).
    const text = kPod
      .replace("        - containerPort: 8080\n          name: web_port\n", '        - {name: "wéb-👋", containerPort: 8080, protocol: tcp}\n')
      .replace("      readinessProbe:\n        httpGet: {path: /, port: 8080}\n", "      readinessProbe: {httpGet: {path: /é👋, port: 8080}, periodSecond: 5}\n");
    const published = await client.open(uri, text);
    const actionsFor = async (code, only) => {
      const finding = published.diagnostics.find((d) => d.code === code && (code !== "unknown-field" || d.message.includes("periodSecond")));
      assert.ok(finding, `${code}: ${published.diagnostics.map(brief).join("\n")}`);
      const context = only ? { diagnostics: [finding], only } : { diagnostics: [finding] };
      return [finding, await client.request("textDocument/codeAction", { textDocument: { uri }, range: finding.range, context })];
    };

    const [protocol, protocolActions] = await actionsFor("invalid-enum");
    assert.deepEqual(protocolActions.map((a) => [a.title, a.kind, a.isPreferred]), [
      ['Change "tcp" to "TCP"', "quickfix", true],
      ["Disable invalid-enum on this line", "quickfix", undefined],
      ["Disable invalid-enum in this document", "quickfix", undefined],
    ]);
    assert.deepEqual(protocolActions[0].diagnostics, [protocol]);
    // "wéb-👋" before it: 7 UTF-16 units (9 bytes) into the line's characters.
    assert.deepEqual(protocolActions[0].edit.changes[uri], [{ range: protocol.range, newText: "TCP" }]);
    const safe = applyEdits(text, protocolActions[0].edit.changes[uri]);
    assert.equal(safe, text.replace("protocol: tcp}", "protocol: TCP}"));

    const [, renameActions] = await actionsFor("unknown-field", ["quickfix"]);
    assert.deepEqual(renameActions.map((a) => [a.title, a.isPreferred]).slice(0, 1), [['Rename "periodSecond" to "periodSeconds" (unsafe)', false]]);
    const renamed = applyEdits(safe, renameActions[0].edit.changes[uri]);
    assert.equal(renamed, safe.replace("periodSecond: 5", "periodSeconds: 5"));
    const after = await client.change(uri, 2, [{ text: renamed }]);
    assert.deepEqual(after.diagnostics.filter((d) => ["invalid-enum", "unknown-field"].includes(d.code)), []);

    // source.fixAll: only when asked for; every safe fix, as `podlint fix` makes the file.
    await client.change(uri, 3, [{ text }]);
    const everything = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
    const ask = (only) => client.request("textDocument/codeAction", { textDocument: { uri }, range: everything, context: only ? { diagnostics: [], only } : { diagnostics: [] } });
    assert.ok(!(await ask()).some((a) => a.kind.startsWith("source")));
    assert.deepEqual(await ask(["source.organizeImports"]), []);
    const onDisk = join(dir, "copy.yaml");
    writeFileSync(onDisk, text);
    const run = spawnSync(podlint, ["fix", onDisk], { cwd: dir, encoding: "utf8" });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const expected = readFileSync(onDisk, "utf8");
    assert.equal(expected, safe);
    for (const only of [["source.fixAll"], ["source"], ["source.fixAll.podlint"]]) {
      const all = await ask(only);
      assert.deepEqual(all.map((a) => [a.title, a.kind]), [["Apply every safe podlint fix", "source.fixAll.podlint"]]);
      assert.equal(applyEdits(text, all[0].edit.changes[uri]), expected);
    }
    const fixedAll = await client.change(uri, 4, [{ text: expected }]);
    assert.ok(!fixedAll.diagnostics.some((d) => d.code === "invalid-enum"));
    // Nothing left to fix: no source action.
    assert.deepEqual(await ask(["source.fixAll"]), []);
  });

  test("no waiver for what cannot be waived, nor in JSON", async () => {
    const uri = uriOf(join(workspace, "syntax.yaml"));
    const published = await client.open(uri, "kind: Pod\nspec: [\n");
    assert.equal(published.diagnostics[0].code, "yaml-syntax");
    const actions = await client.request("textDocument/codeAction", { textDocument: { uri }, range: published.diagnostics[0].range, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
    const json = uriOf(join(workspace, "pod.json"));
    const pod = JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "a", image: "busybox:1.36", ports: [{ containerPort: 80, name: "a_b" }] }] } }, null, 2);
    const jsonPublished = await client.open(json, pod, { languageId: "json" });
    const portName = jsonPublished.diagnostics.find((d) => d.code === "invalid-port-name");
    assert.ok(portName);
    assert.deepEqual(await client.request("textDocument/codeAction", { textDocument: { uri: json }, range: portName.range, context: { diagnostics: [] } }), []);
  });

  test("hover: a field's type, description, path and values; a finding's rule", async () => {
    const uri = uriOf(join(workspace, "hover.yaml"));
    const text = kPod.replace("      image: nginx:1.27\n", "      image: nginx:1.27\n      imagePullPolicy: Always\n");
    await client.open(uri, text);
    const hover = async (needle, delta = 1) => (await client.request("textDocument/hover", { textDocument: { uri }, position: positionOf(text, needle, delta) }))?.contents.value;
    assert.equal(
      await hover("containers:"),
      "**containers**: array of Container (required)\n\nList of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.\n\n`Pod` `spec.containers`",
    );
    assert.equal(
      await hover("imagePullPolicy"),
      "**imagePullPolicy**: string\n\nImage pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n\n`Pod` `spec.containers[0].imagePullPolicy`\n\nOne of: `Always`, `IfNotPresent`, `Never`",
    );
    // The model's escaped quote is read as a quote.
    assert.equal(
      await hover("containerPort"),
      "**containerPort**: integer (required)\n\nNumber of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.\n\n`Pod` `spec.containers[0].ports[0].containerPort`",
    );
    // A field that refers to a type and says nothing itself: the type's description.
    assert.equal(
      await hover("securityContext"),
      "**securityContext**: SecurityContext\n\nSecurityContext holds security configuration that will be applied to a container. Some fields are present in both SecurityContext and PodSecurityContext.  When both are set, the values in SecurityContext take precedence.\n\n`Pod` `spec.containers[0].securityContext`",
    );
    const finding = await hover("web_port");
    assert.match(finding, /^\*\*port name "web_port" is not a valid IANA service name: it uses characters outside \[a-z0-9-\]\*\* `invalid-port-name`\n\n.+\[Rule page\]\(https:\/\/github\.com\/podlint\/podlint\/blob\/main\/docs\/rules\/invalid-port-name\.md\)/);
    assert.equal(await hover("nginx:1.27"), undefined);
    await assert.rejects(client.request("textDocument/hover", { textDocument: { uri: uriOf("/not-open.yaml") }, position: { line: 0, character: 0 } }), { code: -32602 });
  });

  test("completion: the fields missing where the cursor is, and enum values", async () => {
    const uri = uriOf(join(workspace, "complete.yaml"));
    const text = kPod.replace("      image: nginx:1.27\n", "      image: nginx:1.27\n      im\n      imagePullPolicy: \n");
    await client.open(uri, text);
    const complete = async (needle, delta) =>
      (await client.request("textDocument/completion", { textDocument: { uri }, position: positionOf(text, needle, delta) })).items;
    const fields = await complete("      im\n", 8);
    const labels = fields.map((i) => i.label);
    assert.ok(labels.includes("command") && labels.includes("env") && labels.includes("workingDir"), labels.join());
    for (const present of ["name", "image", "ports", "resources", "livenessProbe", "imagePullPolicy", "securityContext"]) assert.ok(!labels.includes(present), present);
    assert.deepEqual(fields.find((i) => i.label === "workingDir").textEdit, {
      range: { start: positionOf(text, "      im\n", 6), end: positionOf(text, "      im\n", 8) },
      newText: "workingDir: ",
    });
    const values = await complete("imagePullPolicy: \n", 17);
    assert.deepEqual(values.map((i) => i.label), ["Always", "IfNotPresent", "Never"]);
    // A new item of containers: a Container's fields.
    const item = kPod.replace("  serviceAccountName:", "    - na\n  serviceAccountName:");
    await client.change(uri, 2, [{ text: item }]);
    const itemFields = (await client.request("textDocument/completion", { textDocument: { uri }, position: positionOf(item, "    - na\n", 8) })).items.map((i) => i.label);
    assert.ok(itemFields.includes("name") && itemFields.includes("image"), itemFields.join());
    // At the top: the Pod's own fields that are missing.
    const top = `${kPod}s`;
    await client.change(uri, 3, [{ text: top }]);
    const topFields = (await client.request("textDocument/completion", { textDocument: { uri }, position: positionAt(top, top.length) })).items.map((i) => i.label);
    assert.deepEqual(topFields, ["status"]);
  });
});

describe("never down", () => {
  test("garbage on the wire, unknown methods, unopened documents: errors or logs, and the server answers on", async () => {
    const client = start();
    await client.initialize();
    const raw = (bytes) => client.process.stdin.write(bytes);
    const errors = [];
    client.connection.onUnhandledNotification(() => {});
    client.connection.onError(([error]) => errors.push(error));
    raw("Content-Length: 5\r\n\r\n{nope");
    raw("Content-Length: 2\r\n\r\n[]");
    raw("Content-Length: x\r\n\r\n");
    raw("Content-Length: 44\r\n\r\n" + JSON.stringify({ jsonrpc: "2.0", id: "s", method: 42 }).padEnd(44));
    await client.notify("textDocument/didChange", { textDocument: { uri: "file:///nope.yaml", version: 2 }, contentChanges: [{ text: "x" }] });
    await client.notify("textDocument/didOpen", { textDocument: { uri: 5 } });
    await assert.rejects(client.request("textDocument/completion", { textDocument: { uri: "file:///nope.yaml" }, position: { line: 0, character: 0 } }), { code: -32602 });
    await assert.rejects(client.request("textDocument/codeAction", { textDocument: {} }), { code: -32602 });
    // Still serving.
    const uri = uriOf(join(workspace, "after-garbage.yaml"));
    const published = await client.open(uri, kPod);
    assert.deepEqual(published.diagnostics.map(brief), [kPortName]);
    assert.ok(client.logs.some((l) => l.message.includes("not open")), JSON.stringify(client.logs));
    assert.equal(await client.shutdown(), 0);
  });

  test("a request cancelled while it waits is answered RequestCancelled", async () => {
    const client = start();
    await client.initialize();
    const uri = uriOf(join(workspace, "cancelled.yaml"));
    await client.open(uri, kPod);
    // The server's answers as they come off the wire, beside the connection's reader.
    let wire = "";
    client.process.stdout.on("data", (chunk) => (wire += chunk));
    const frame = (message) => {
      const body = JSON.stringify({ jsonrpc: "2.0", ...message });
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    // The request and its cancellation in one write: the request is still waiting when the cancellation is read.
    const hover = { id: "cancel-me", method: "textDocument/hover", params: { textDocument: { uri }, position: { line: 0, character: 0 } } };
    client.process.stdin.write(frame(hover) + frame({ method: "$/cancelRequest", params: { id: "cancel-me" } }));
    // Answered after it, in order: a request that is not cancelled.
    const next = await client.request("textDocument/hover", hover.params);
    assert.match(next.contents.value, /apiVersion/);
    const answer = wire.split(/Content-Length: \d+\r\n\r\n/).map((body) => body && JSON.parse(body)).find((m) => m?.id === "cancel-me");
    assert.deepEqual(answer, { jsonrpc: "2.0", id: "cancel-me", error: { code: -32800, message: "cancelled" } });
    assert.equal(await client.shutdown(), 0);
  });

  test("100 open documents of 5,000 lines stay under 300 MB", async () => {
    const client = start();
    await client.initialize();
    const stream = Array.from({ length: 278 }, (_, i) => kPod.replace("name: web\n", `name: web-${i}\n`)).join("---\n");
    assert.ok(stream.split("\n").length >= 5000);
    for (let i = 0; i < 100; i++) {
      const published = await client.open(uriOf(join(workspace, `many-${i}.yaml`)), stream);
      assert.equal(published.diagnostics.length, 278);
    }
    const rss = residentBytes(client.process.pid);
    console.log(`resident memory with 100 documents of ${stream.split("\n").length} lines open: ${(rss / 1048576).toFixed(1)} MiB`);
    assert.ok(rss < 300 * 1048576, `${rss} bytes`);
    assert.equal(await client.shutdown(), 0);
  });
});
