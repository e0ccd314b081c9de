// A language client for tests and the benchmark: `podlint lsp` (or any
// server command) driven through vscode-languageserver-protocol's node
// connection, the protocol layer of VS Code's vscode-languageclient.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import protocol from "vscode-languageserver-protocol/node.js";

const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
} = protocol;

export const uriOf = (path) => pathToFileURL(path).href;

// The resident memory of a process, in bytes (Linux).
export function residentBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

export class Client {
  static running = new Set();

  // Ends the servers still running (after a failed test).
  static killAll() {
    for (const client of Client.running) client.kill();
  }

  // command: [executable, ...args]; answer(method, params): the result of a
  // request from the server (default null).
  constructor(command, { cwd, answer = () => null } = {}) {
    this.process = spawn(command[0], command.slice(1), { cwd, stdio: ["pipe", "pipe", "pipe"] });
    Client.running.add(this);
    this.process.on("exit", () => Client.running.delete(this));
    this.stderr = "";
    this.process.stderr.on("data", (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.process.on("exit", (code) => resolve(code)));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout),
      new StreamMessageWriter(this.process.stdin),
    );
    this.diagnostics = new Map(); // uri -> the last publishDiagnostics params
    this.waiters = [];
    this.logs = [];
    this.requests = []; // requests from the server: [method, params]
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      params.receivedAt = performance.now();
      this.diagnostics.set(params.uri, params);
      this.waiters = this.waiters.filter((waiter) => !waiter(params));
    });
    this.connection.onNotification("window/logMessage", (params) => this.logs.push(params));
    this.connection.onRequest((method, params) => {
      this.requests.push([method, params]);
      return answer(method, params);
    });
    this.connection.listen();
  }

  async initialize({ capabilities = {}, initializationOptions, rootUri = null } = {}) {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  // The next diagnostics published for `uri` that satisfy `accept`.
  nextDiagnostics(uri, accept = () => true, timeoutMs = 10000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((params) => {
        if (params.uri !== uri || !accept(params)) return false;
        clearTimeout(timer);
        resolve(params);
        return true;
      });
    });
  }

  open(uri, text, { languageId = "yaml", version = 1 } = {}) {
    const published = this.nextDiagnostics(uri, (p) => p.version === version);
    this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
    return published;
  }

  // Sends contentChanges; resolves with the diagnostics of that version.
  change(uri, version, contentChanges, { wait = true } = {}) {
    const published = wait ? this.nextDiagnostics(uri, (p) => p.version === version) : null;
    this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
    return published;
  }

  close(uri) {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  async shutdown() {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill() {
    this.connection.dispose();
    this.process.kill();
  }
}

// The text position of the first occurrence of `needle` (plus `delta`
// characters), in UTF-16 units as the protocol counts by default.
export function positionOf(text, needle, delta = 0) {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  return positionAt(text, at + delta);
}

// The position of a UTF-16 offset of a text.
export function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}

// Applies LSP TextEdits (in UTF-16 positions) to a text.
export function applyEdits(text, edits) {
  const offset = ({ line, character }) => {
    let at = 0;
    for (let l = 0; l < line; l++) at = text.indexOf("\n", at) + 1;
    return at + character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const edit of sorted) {
    text = text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
  }
  return text;
}
