// Validates JSON files against a JSON Schema (draft 2020-12) with ajv:
//   node tests/validate-json.mjs SCHEMA FILE...
// Prints each file's verdict; exits 1 if any file is invalid.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
let failed = 0;
for (const file of files) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (validate(data)) {
    console.log(`${file}: valid` + (data?.diagnostics ? ` (${data.diagnostics.length} diagnostics)` : ''));
  } else {
    failed++;
    console.log(`${file}: INVALID`);
    for (const error of validate.errors) console.log(`  ${error.instancePath} ${error.message}`);
  }
}
process.exit(failed ? 1 : 0);
