// Tests the GitHub Action (action.yml) on this machine.
//
// `validate` checks action.yml and the example workflow with action-validator,
// and that the README shows that very workflow.
//
// `steps` and `lints` run action.yml's steps the way the GitHub runner runs a
// composite action: each `run:` with `bash --noprofile --norc -eo pipefail`
// in GITHUB_WORKSPACE, the environment GitHub sets (GITHUB_WORKSPACE,
// RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_PATH, ...) plus the step's `env:`, the
// `${{ }}` expressions substituted, GITHUB_PATH lines put on the PATH of the
// following steps, the first failing step ending the action, and the action's
// outputs evaluated at the end. actions/cache/restore restores a podlint
// install prefix made beforehand, or misses; actions/cache/save records what
// it would save. `steps` restores a stand-in
// podlint that records its command line; `lints` restores `cmake --install
// BUILD_DIR` and lints manifests; `builds` does the same after a cache miss,
// which builds podlint from scratch in RUNNER_TEMP (minutes: not run by ctest).
//
//   node tests/github-action-test.mjs validate
//   node tests/github-action-test.mjs steps
//   node tests/github-action-test.mjs lints BUILD_DIR
//   node tests/github-action-test.mjs builds
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const actionFile = path.join(root, 'action.yml');
const workflowFile = path.join(root, 'docs/examples/podlint-workflow.yml');
const action = load(fs.readFileSync(actionFile, 'utf8'));
const skipped = 77; // ctest's SKIP_RETURN_CODE for this test

// The ${{ }} expressions action.yml may use; any other fails the test rather
// than being run wrong.
function substitute(text, context) {
  return String(text).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression) => {
    let match;
    if ((match = /^inputs\.([\w-]+)$/.exec(expression))) {
      const input = action.inputs[match[1]];
      assert.ok(input, `action.yml uses an undeclared input: ${match[1]}`);
      return context.inputs[match[1]] ?? input.default ?? '';
    }
    if ((match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression))) {
      return context.steps[match[1]]?.[match[2]] ?? '';
    }
    if (expression === 'github.action_path') return root;
    if (expression === 'runner.temp') return context.env.RUNNER_TEMP;
    throw new Error(`action.yml uses an expression this test does not know: ${expression}`);
  });
}

// A step's `if:`, of the only form action.yml uses: EXPRESSION == or != 'TEXT'.
function condition(text, context) {
  const match = /^(.+?)\s*(==|!=)\s*'([^']*)'$/.exec(text.trim());
  assert.ok(match, `action.yml has a condition this test does not know: ${text}`);
  const value = substitute(`\${{ ${match[1]} }}`, context);
  return (value === match[3]) === (match[2] === '==');
}

// A GITHUB_OUTPUT file of `name=value` lines (what scripts/github-action.sh
// writes).
function readOutputs(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

// Runs the action with `inputs` in `workspace`; the cache restores
// `cachedPrefix`, or misses when it is null. Returns its exit status, output, outputs and what the
// cache step was asked for.
function runAction({ inputs, workspace, runnerTemp, cachedPrefix }) {
  const commands = path.join(runnerTemp, '_runner_file_commands');
  fs.mkdirSync(commands, { recursive: true });
  const githubPath = path.join(commands, 'add_path');
  fs.writeFileSync(githubPath, '');
  const context = {
    inputs,
    steps: {},
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: root,
      GITHUB_PATH: githubPath,
      GITHUB_ENV: path.join(commands, 'set_env'),
      GITHUB_STEP_SUMMARY: path.join(commands, 'step_summary'),
      RUNNER_TEMP: runnerTemp,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      ImageOS: 'ubuntu24',
    },
  };
  const result = { status: 0, log: '', restored: null, saved: null };
  for (const [index, step] of action.runs.steps.entries()) {
    const id = step.id ?? `__step${index}`;
    if (step.if !== undefined && !condition(step.if, context)) continue;
    if (step.uses) {
      const cache = { path: substitute(step.with.path, context), key: substitute(step.with.key, context) };
      if (/^actions\/cache\/restore@v\d+$/.test(step.uses)) {
        result.restored = cache;
        if (cachedPrefix) fs.cpSync(cachedPrefix, cache.path, { recursive: true });
        context.steps[id] = { 'cache-hit': cachedPrefix ? 'true' : 'false' };
      } else if (/^actions\/cache\/save@v\d+$/.test(step.uses)) {
        result.saved = { ...cache, files: fs.readdirSync(cache.path, { recursive: true }).sort() };
      } else {
        throw new Error(`action.yml uses an action this test does not play: ${step.uses}`);
      }
      continue;
    }
    assert.equal(step.shell, 'bash');
    const outputFile = path.join(commands, `set_output_${index}`);
    fs.writeFileSync(outputFile, '');
    const script = path.join(runnerTemp, `step${index}.sh`);
    fs.writeFileSync(script, substitute(step.run, context));
    // Each GITHUB_PATH line goes in front of the PATH, the last one first.
    const added = fs.readFileSync(githubPath, 'utf8').split('\n').filter(Boolean).reverse();
    const env = { ...context.env, PATH: [...added, context.env.PATH].join(':'), GITHUB_OUTPUT: outputFile };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = substitute(value, context);
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      env,
      encoding: 'utf8',
    });
    result.log += run.stdout + run.stderr;
    context.steps[id] = readOutputs(outputFile);
    if (run.status !== 0) {
      result.status = run.status;
      result.failedStep = step.name;
      break;
    }
  }
  result.outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([name, output]) => [name, substitute(output.value, context)]),
  );
  return result;
}

// A fresh workspace with tests/ci's manifests, and a fresh RUNNER_TEMP.
function freshRun(base, name) {
  const workspace = path.join(base, name, 'workspace');
  const runnerTemp = path.join(base, name, 'runner-temp');
  fs.cpSync(path.join(root, 'tests/ci'), workspace, { recursive: true });
  fs.mkdirSync(runnerTemp, { recursive: true });
  return { workspace, runnerTemp };
}

function validate() {
  for (const file of [actionFile, workflowFile]) {
    execFileSync('node', [path.join(root, 'node_modules/@action-validator/cli/cli.mjs'), file], { stdio: 'inherit' });
  }
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const workflow = fs.readFileSync(workflowFile, 'utf8');
  assert.ok(readme.includes('```yaml\n' + workflow + '```\n'), 'README.md shows docs/examples/podlint-workflow.yml');
  const uses = load(workflow).jobs.podlint.steps.map((step) => step.uses);
  assert.ok(uses.includes('github/codeql-action/upload-sarif@v3'));
}

// The stand-in podlint: answers --version, records its command line and
// working directory, writes the file of `--output`, and exits 1 when asked to
// lint a path with "duplicate-key" in its name.
const standIn = `#!/bin/bash
[[ $1 == --version ]] && { echo "podlint stand-in"; exit 0; }
{ pwd; printf '%s\\n' "$@"; } >"$RUNNER_TEMP/podlint-command-line"
status=0
while (($#)); do
  [[ $1 == --output ]] && echo '{"runs": []}' >"$2"
  [[ $1 == *duplicate-key* ]] && status=1
  shift
done
exit $status
`;

function steps(base) {
  const prefix = path.join(base, 'stand-in');
  fs.mkdirSync(path.join(prefix, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(prefix, 'bin/podlint'), standIn, { mode: 0o755 });
  const commandLine = (runnerTemp) => fs.readFileSync(path.join(runnerTemp, 'podlint-command-line'), 'utf8').split('\n');

  // The defaults, two paths over two lines: the SARIF report in RUNNER_TEMP,
  // annotations in the log, and the findings fail the action.
  let run = freshRun(base, 'defaults');
  let result = runAction({ ...run, cachedPrefix: prefix, inputs: { paths: 'pod-duplicate-key.yaml\n  pod-clean.yaml \n' } });
  assert.equal(result.status, 1, result.log);
  assert.equal(result.failedStep, 'Lint');
  assert.equal(result.restored.path, path.join(run.runnerTemp, 'podlint'));
  assert.match(result.restored.key, /^podlint-ubuntu24-X64-[0-9a-f]{16}$/);
  assert.equal(result.saved, null, 'a cache hit saves nothing');
  assert.match(result.log, /podlint restored from the cache/);
  assert.ok(!fs.existsSync(path.join(run.runnerTemp, 'podlint-build')), 'a cache hit builds nothing');
  const sarif = path.join(run.runnerTemp, 'podlint.sarif');
  assert.deepEqual(result.outputs, { 'sarif-file': sarif });
  assert.deepEqual(JSON.parse(fs.readFileSync(sarif, 'utf8')), { runs: [] });
  assert.deepEqual(commandLine(run.runnerTemp), [
    run.workspace,
    ...['--fail-on', 'error', '--format', 'sarif', '--output', sarif, '--format', 'github'],
    ...['--', 'pod-duplicate-key.yaml', 'pod-clean.yaml', ''],
  ]);

  // Every input set; the SARIF path relative to the workspace, its directory
  // made.
  run = freshRun(base, 'inputs');
  const inputs = {
    paths: 'pod-clean.yaml',
    config: 'ci/podlint.yaml',
    format: 'text',
    'fail-on': 'warning',
    'sarif-file': 'reports/podlint.sarif',
  };
  result = runAction({ ...run, cachedPrefix: prefix, inputs });
  assert.equal(result.status, 0, result.log);
  const relativeSarif = path.join(run.workspace, 'reports/podlint.sarif');
  assert.deepEqual(result.outputs, { 'sarif-file': relativeSarif });
  assert.ok(fs.existsSync(relativeSarif));
  assert.deepEqual(commandLine(run.runnerTemp), [
    run.workspace,
    ...['--fail-on', 'warning', '--config', 'ci/podlint.yaml'],
    ...['--format', 'sarif', '--output', relativeSarif, '--format', 'text', '--', 'pod-clean.yaml', ''],
  ]);
}

// GitHub's workflow command for the duplicate key of pod-duplicate-key.yaml:
// `::error file=pod-duplicate-key.yaml,line=9,...::message`, properties in any order.
const annotation = (level) =>
  new RegExp(`^::${level} (?=[^\\n]*\\bfile=pod-duplicate-key\\.yaml[,:])(?=[^\\n]*\\bline=9[,:])`, 'm');

// With BUILD_DIR, the cache restores `cmake --install BUILD_DIR`; without,
// the cache misses and the action builds podlint, then the second run
// restores what the first one built.
function lints(base, buildDir) {
  let cachedPrefix = null;
  if (buildDir) {
    cachedPrefix = path.join(base, 'prefix');
    execFileSync('cmake', ['--install', buildDir, '--prefix', cachedPrefix], { stdio: 'ignore' });
  }
  let run = freshRun(base, 'bad');
  let result = runAction({ ...run, cachedPrefix, inputs: { paths: 'pod-duplicate-key.yaml' } });
  const installed = path.join(run.runnerTemp, 'podlint');
  if (!buildDir) {
    assert.match(result.log, /Generating the man page podlint\.1/);
    assert.deepEqual(result.saved, {
      ...result.restored,
      files: ['bin', 'bin/podlint', 'share', 'share/man', 'share/man/man1', 'share/man/man1/podlint.1'],
    });
    cachedPrefix = path.join(base, 'built');
    fs.cpSync(installed, cachedPrefix, { recursive: true });
  }
  // Until the SARIF output is merged, podlint rejects these options as a
  // usage error (exit status 2).
  const probe = spawnSync(
    path.join(installed, 'bin/podlint'),
    ['--fail-on', 'never', '--format', 'sarif', '--output', path.join(base, 'probe.sarif'), run.workspace],
    { encoding: 'utf8' },
  );
  if (probe.status === 2 && /sarif not in|not expected: --output/.test(probe.stderr)) {
    console.log(`github-action: this podlint has no --format sarif --output yet; skipped\n${probe.stderr}`);
    return skipped;
  }
  assert.equal(result.status, 1, result.log);
  assert.equal(result.failedStep, 'Lint');
  assert.match(result.log, annotation('error'));
  assert.equal(result.outputs['sarif-file'], path.join(run.runnerTemp, 'podlint.sarif'));
  let sarif = JSON.parse(fs.readFileSync(result.outputs['sarif-file'], 'utf8'));
  assert.deepEqual(
    sarif.runs[0].results.map((finding) => [finding.ruleId, finding.level]),
    [['duplicate-key', 'error']],
  );

  // The config input: a configuration that makes duplicate-key a warning.
  run = freshRun(base, 'config');
  fs.mkdirSync(path.join(run.workspace, 'ci'));
  fs.writeFileSync(path.join(run.workspace, 'ci/podlint.yaml'), 'rules:\n  duplicate-key: warning\n');
  result = runAction({ ...run, cachedPrefix, inputs: { paths: 'pod-duplicate-key.yaml', config: 'ci/podlint.yaml' } });
  assert.equal(result.status, 0, result.log);
  assert.match(result.log, annotation('warning'));
  sarif = JSON.parse(fs.readFileSync(result.outputs['sarif-file'], 'utf8'));
  assert.deepEqual(
    sarif.runs[0].results.map((finding) => [finding.ruleId, finding.level]),
    [['duplicate-key', 'warning']],
  );

  run = freshRun(base, 'clean');
  result = runAction({ ...run, cachedPrefix, inputs: { paths: 'pod-clean.yaml', 'fail-on': 'info' } });
  assert.equal(result.status, 0, result.log);
  sarif = JSON.parse(fs.readFileSync(result.outputs['sarif-file'], 'utf8'));
  assert.deepEqual(sarif.runs[0].results, []);
  return 0;
}

const [mode, buildDir] = process.argv.slice(2);
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'podlint-action-'));
try {
  if (mode === 'validate') validate();
  else if (mode === 'steps') steps(base);
  else if (mode === 'lints' && buildDir) process.exitCode = lints(base, buildDir);
  else if (mode === 'builds') process.exitCode = lints(base, null);
  else throw new Error('usage: github-action-test.mjs validate | steps | lints BUILD_DIR | builds');
  if (!process.exitCode) console.log(`github-action ${mode}: ok`);
} finally {
  fs.rmSync(base, { recursive: true, force: true });
}
