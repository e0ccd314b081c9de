// Reads the log Sarif.Multitool validate wrote and counts what it reported,
// by level and rule: node tests/sarif-validation-counts.mjs NAME VALIDATION.sarif
// Exits 1 when the validator did not complete or reported an error or warning.
import { readFileSync } from 'node:fs';

const [name, logPath] = process.argv.slice(2);
const run = JSON.parse(readFileSync(logPath, 'utf8')).runs[0];
// A result without a level takes its rule's default, and SARIF's default is warning.
const defaults = new Map((run.tool.driver.rules ?? []).map((r) => [r.id, r.defaultConfiguration?.level]));
const counts = { error: 0, warning: 0, note: 0 };
const byRule = new Map();
for (const result of run.results ?? []) {
  const level = result.level ?? defaults.get(result.ruleId) ?? 'warning';
  counts[level] = (counts[level] ?? 0) + 1;
  const key = `${level} ${result.ruleId}`;
  byRule.set(key, (byRule.get(key) ?? 0) + 1);
  if (level === 'error' || level === 'warning') console.log(`  ${key}: ${result.message.text ?? result.message.id}`);
}
const completed = run.invocations?.every((i) => i.executionSuccessful) ?? false;
console.log(`${name}: ${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes` +
  (completed ? '' : ' (the validator did not complete)'));
for (const [key, n] of [...byRule].sort()) console.log(`  ${n} x ${key}`);
process.exit(completed && counts.error === 0 && counts.warning === 0 ? 0 : 1);
