// Checks a SARIF log two ways and exits 1 on any problem:
//   node tests/check-sarif.mjs SCHEMA LOG.sarif VALIDATION.sarif
// 1. Against the SARIF 2.1.0 JSON Schema (the copy @microsoft/sarif-multitool-linux
//    ships), with ajv: the validator silently skips a log it cannot read into
//    its object model (a string where a number belongs, an unknown level).
// 2. What Sarif.Multitool validate reported in VALIDATION.sarif, counted by
//    level and rule: any error or warning fails, notes are listed.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';

const [schemaPath, logPath, validationPath] = process.argv.slice(2);
const name = basename(logPath);
let failed = false;

// Not strict: the schema is Microsoft's, written for other validators; formats are annotations.
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
const matchesSchema = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
if (matchesSchema(JSON.parse(readFileSync(logPath, 'utf8')))) {
  console.log(`${name}: matches the SARIF 2.1.0 schema`);
} else {
  failed = true;
  console.log(`${name}: does not match the SARIF 2.1.0 schema`);
  for (const error of matchesSchema.errors) console.log(`  ${error.instancePath} ${error.message}`);
}

const run = JSON.parse(readFileSync(validationPath, 'utf8')).runs[0];
const rules = new Map((run.tool.driver.rules ?? []).map((r) => [r.id, r]));
// The validator's messages are templates of its rules, filled with arguments.
const text = (message, rule) =>
  message.text ??
  (rule?.messageStrings?.[message.id]?.text ?? message.id).replace(/\{(\d+)\}/g, (_, i) => message.arguments?.[i] ?? '');
const counts = { error: 0, warning: 0, note: 0 };
const byRule = new Map();
for (const result of run.results ?? []) {
  // A result without a level takes its rule's default, and SARIF's default is warning.
  const rule = rules.get(result.ruleId);
  const level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning';
  counts[level] = (counts[level] ?? 0) + 1;
  const key = `${level} ${result.ruleId}`;
  byRule.set(key, (byRule.get(key) ?? 0) + 1);
  if (level === 'error' || level === 'warning') console.log(`  ${key}: ${text(result.message, rule)}`);
}
const completed = run.invocations?.every((i) => i.executionSuccessful) ?? false;
console.log(`${name}: ${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes` +
  (completed ? '' : ' (the validator did not complete)'));
for (const [key, n] of [...byRule].sort()) console.log(`  ${n} x ${key}`);
failed ||= !completed || counts.error > 0 || counts.warning > 0;
process.exit(failed ? 1 : 0);
