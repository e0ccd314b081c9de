// The podlint extension: a client of `podlint lsp`, which does the work
// (diagnostics as you type, quick fixes, hover, completion).
import { execFile } from "node:child_process";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function executable(): string {
  return vscode.workspace.getConfiguration("podlint").get<string>("path") || "podlint";
}

// What the server reads from initializationOptions and
// workspace/didChangeConfiguration.
function settings() {
  const config = vscode.workspace.getConfiguration("podlint");
  return {
    configPath: config.get<string>("configPath", ""),
    minimumSeverity: config.get<string>("minimumSeverity", "info"),
    rules: config.get<Record<string, boolean | string>>("rules", {}),
  };
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(executable(), args, { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error && !stdout) reject(new Error(stderr || error.message));
      else resolve(stdout);
    });
  });
}

// The rule of the podlint finding under the cursor, else one picked from
// `podlint rules`.
async function ruleToExplain(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const here = vscode.languages
      .getDiagnostics(editor.document.uri)
      .find((d) => d.source === "podlint" && d.range.contains(editor.selection.active));
    const code = here?.code;
    if (typeof code === "string") return code;
    if (code && typeof code === "object") return String(code.value);
  }
  // `podlint rules --format json` is an array of the rules.
  const rules = JSON.parse(await run(["rules", "--format", "json"])) as { id: string; summary?: string }[];
  const picked = await vscode.window.showQuickPick(
    rules.map((rule) => ({ label: rule.id, detail: rule.summary })),
    { placeHolder: "The rule to explain" },
  );
  return picked?.label;
}

async function explainRule(rule?: string): Promise<void> {
  try {
    const id = rule ?? (await ruleToExplain());
    if (!id) return;
    const page = await run(["explain", id]);
    const document = await vscode.workspace.openTextDocument({ content: page, language: "markdown" });
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  } catch (error) {
    vscode.window.showErrorMessage(`podlint: ${(error as Error).message}`);
  }
}

async function start(): Promise<void> {
  const server: ServerOptions = { command: executable(), args: ["lsp"], transport: TransportKind.stdio };
  const options: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "json" },
      { scheme: "untitled", language: "yaml" },
    ],
    initializationOptions: settings(),
    synchronize: {
      configurationSection: "podlint",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/.podlint.{yaml,yml}"),
    },
  };
  client = new LanguageClient("podlint", "podlint", server, options);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("podlint.explainRule", explainRule),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // Another executable: another server.
      if (!event.affectsConfiguration("podlint.path")) return;
      await client?.stop();
      await start();
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
