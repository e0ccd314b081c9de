// The editor's latency: `podlint lsp` and yaml-language-server (with the
// Kubernetes schema, as users set it up) driven by the same LSP client
// through the same script, on a 5,000-line stream of 109 documents: the time
// to open it (didOpen to its first diagnostics), the time from each of 50
// edits to the diagnostics of that version (typing in one container,
// breaking the YAML and repairing it), and the servers' resident memory.
//
//   node bench/lsp_bench.mjs [--podlint build/podlint] [--only podlint]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Client, positionOf, residentBytes, uriOf } from "../tests/lsp/client.mjs";

const { values: args } = parseArgs({
  options: { podlint: { type: "string", default: "build/podlint" }, only: { type: "string" } },
});
const root = resolve(import.meta.dirname, "..");

// 109 Deployments of 46 lines each, every one a little different.
function stream() {
  const documents = [];
  for (let i = 0; i < 109; i++) {
    documents.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: service-${i}
  namespace: team-${i % 7}
  labels: {app: service-${i}, tier: backend}
spec:
  replicas: ${1 + (i % 4)}
  selector:
    matchLabels: {app: service-${i}}
  template:
    metadata:
      labels: {app: service-${i}, tier: backend}
    spec:
      securityContext: {runAsNonRoot: true, runAsUser: ${10000 + i}}
      containers:
        - name: app
          image: registry.example.com/service-${i}:1.${i}.0
          ports:
            - {name: http, containerPort: ${8000 + i}}
          env:
            - name: LOG_LEVEL
              value: info
            - name: POOL_SIZE
              value: "${4 + (i % 8)}"
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          readinessProbe:
            httpGet: {path: /ready, port: http}
          livenessProbe:
            httpGet: {path: /live, port: http}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
        - name: proxy
          image: envoyproxy/envoy:v1.29.${i % 5}
          ports:
            - {name: admin, containerPort: 9901}
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 200m, memory: 128Mi}
          securityContext:
            allowPrivilegeEscalation: false
`);
  }
  return documents.join("---\n");
}

// 50 edits in the 55th document, each an LSP incremental change: typing a
// value into its app container's environment a character at a time, and
// every few keystrokes a quote typed at the start of a value (the YAML
// breaks: an unclosed string swallows the rest of the stream) and taken
// back.
function edits(text) {
  const anchor = "name: service-54\n";
  const start = text.indexOf(anchor);
  const at = positionOf(text.slice(start), "value: info").line + positionOf(text, anchor).line;
  const valueColumn = "              value: ".length;
  const changes = [];
  let typed = "info";
  const typing = "-verbose-debug-trace-x";
  let k = 0;
  while (changes.length < 50) {
    if (changes.length % 5 === 3) {
      const where = { line: at, character: valueColumn };
      changes.push({ range: { start: where, end: where }, text: '"' }); // broken
      changes.push({ range: { start: where, end: { line: at, character: valueColumn + 1 } }, text: "" }); // repaired
      continue;
    }
    const where = { line: at, character: valueColumn + typed.length };
    const ch = typing[k++ % typing.length];
    changes.push({ range: { start: where, end: where }, text: ch });
    typed += ch;
  }
  return changes.slice(0, 50);
}

// CPU seconds a process has used (Linux): figures that a loaded machine
// does not stretch the way it stretches wall-clock latency.
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(name, command, { answer, settings, waitVersioned }) {
  const workspace = mkdtempSync(join(tmpdir(), "podlint-bench-"));
  const file = join(workspace, "stream.yaml");
  const text = stream();
  writeFileSync(file, text);
  const uri = uriOf(file);
  const client = new Client(command, { cwd: workspace, answer });
  try {
    await client.initialize({
      rootUri: uriOf(workspace),
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
      },
      initializationOptions: settings,
    });
    if (settings) await client.notify("workspace/didChangeConfiguration", { settings });
    // A publish for this version (podlint tags each with it), or else the
    // next publish (yaml-language-server publishes without a version).
    const published = (version) =>
      client.nextDiagnostics(uri, (p) => !waitVersioned || p.version === version, 30000);
    const opened = performance.now();
    const first = published(1);
    client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "yaml", version: 1, text },
    });
    const openDiagnostics = await first;
    const openMs = performance.now() - opened;
    const cpuBeforeEdits = cpuSeconds(client.process.pid);
    const latencies = [];
    let version = 1;
    let broken = 0;
    for (const change of edits(text)) {
      ++version;
      const next = published(version);
      const sent = performance.now();
      client.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [change],
      });
      const diagnostics = await next;
      latencies.push(diagnostics.receivedAt - sent);
      if (change.text === '"' && diagnostics.diagnostics.some((d) => d.severity === 1)) ++broken;
    }
    const rss = residentBytes(client.process.pid);
    const cpuPerEdit = ((cpuSeconds(client.process.pid) - cpuBeforeEdits) / 50) * 1000;
    await client.shutdown();
    latencies.sort((a, b) => a - b);
    return {
      name,
      openMs,
      median: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      max: latencies[latencies.length - 1],
      rssMiB: rss / 1048576,
      cpuPerEdit,
      openDiagnostics: openDiagnostics.diagnostics.length,
      brokenSeen: broken,
      lines: text.split("\n").length - 1,
    };
  } finally {
    client.kill();
    rmSync(workspace, { recursive: true, force: true });
  }
}

const results = [];
if (!args.only || args.only === "podlint") {
  results.push(await measure("podlint lsp", [resolve(args.podlint), "lsp"], { waitVersioned: true }));
}
if (!args.only || args.only === "yaml-language-server") {
  // Set up the way its users do for Kubernetes: the "kubernetes" schema on every YAML file.
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    schemas: { kubernetes: "*.yaml" },
    schemaStore: { enable: false },
  };
  results.push(
    await measure(
      "yaml-language-server 2.0.0",
      ["node", join(root, "node_modules/yaml-language-server/bin/yaml-language-server"), "--stdio"],
      {
        settings: { yaml },
        answer: (method, params) =>
          method === "workspace/configuration"
            ? params.items.map((item) => (item.section === "yaml" ? yaml : null))
            : null,
        waitVersioned: false,
      },
    ),
  );
}

const row = (label, f) => `| ${label} | ${results.map(f).join(" | ")} |`;
const ms = (x) => `${x.toFixed(1)} ms`;
const [load] = readFileSync("/proc/loadavg", "utf8").split(" ");
console.log(`${results[0].lines}-line stream of 109 documents, 50 edits (typing, breaking and repairing the YAML); load average ${load}\n`);
console.log(`| | ${results.map((r) => r.name).join(" | ")} |`);
console.log(`|---|${results.map(() => "---:").join("|")}|`);
console.log(row("open → diagnostics", (r) => ms(r.openMs)));
console.log(row("edit → diagnostics, median", (r) => ms(r.median)));
console.log(row("edit → diagnostics, p90", (r) => ms(r.p90)));
console.log(row("edit → diagnostics, max", (r) => ms(r.max)));
console.log(row("server CPU per edit", (r) => ms(r.cpuPerEdit)));
console.log(row("resident memory", (r) => `${r.rssMiB.toFixed(0)} MiB`));
console.log(row("diagnostics on open", (r) => String(r.openDiagnostics)));
console.log(row("broken edits reported as errors", (r) => `${r.brokenSeen}/10`));
