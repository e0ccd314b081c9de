// Generates schema/kubernetes-1.36.json: the names and JSON types of every
// field of the objects that carry a pod spec, and of every type they reach,
// from the models of the npm package @kubernetes/client-node (generated from
// the Kubernetes release-1.36 OpenAPI spec). Names and types only: no
// description text is taken.
//
//   node schema/generate.mjs [OUT]     (default: schema/kubernetes-1.36.json)
//
// Field types are strings:
//   string, integer, number, boolean, date-time, int-or-string, quantity, any,
//   a type name (V1PodSpec), "[]T" (an array of T), "{}T" (a map of string to T).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = join(root, 'node_modules/@kubernetes/client-node');
const modelsDir = join(clientDir, 'dist/gen/models');
const out = process.argv[2] ?? join(root, 'schema/kubernetes-1.36.json');

// The objects podlint lints, each with the client model that describes it.
const kinds = [
  ['v1', 'Pod', 'V1Pod'],
  ['v1', 'PodTemplate', 'V1PodTemplate'],
  ['v1', 'ReplicationController', 'V1ReplicationController'],
  ['apps/v1', 'Deployment', 'V1Deployment'],
  ['apps/v1', 'StatefulSet', 'V1StatefulSet'],
  ['apps/v1', 'DaemonSet', 'V1DaemonSet'],
  ['apps/v1', 'ReplicaSet', 'V1ReplicaSet'],
  ['batch/v1', 'Job', 'V1Job'],
  ['batch/v1', 'CronJob', 'V1CronJob'],
];

// The client types resource.Quantity as a plain string; these fields hold
// quantities (or maps of them) in the OpenAPI spec. Each must exist.
const quantities = new Set([
  'V1ContainerStatus.allocatedResources',
  'V1EmptyDirVolumeSource.sizeLimit',
  'V1NodeAllocatableResourceClaimStatus.resources',
  'V1PersistentVolumeClaimStatus.allocatedResources',
  'V1PersistentVolumeClaimStatus.capacity',
  'V1PodSpec.overhead',
  'V1PodStatus.allocatedResources',
  'V1ResourceFieldSelector.divisor',
  'V1ResourceRequirements.limits',
  'V1ResourceRequirements.requests',
  'V1VolumeResourceRequirements.limits',
  'V1VolumeResourceRequirements.requests',
]);

const clientVersion = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8')).version;
const specVersion = /OpenAPI spec version: (\S+)/.exec(readFileSync(join(modelsDir, 'V1Pod.js'), 'utf8'))?.[1];
if (specVersion !== 'release-1.36') throw new Error(`expected models of release-1.36, found ${specVersion}`);

async function attributes(model) {
  const module = await import(pathToFileURL(join(modelsDir, `${model}.js`)).href);
  if (!module[model]) throw new Error(`model ${model} not found`);
  return module[model].getAttributeTypeMap();
}

function fieldType(owner, attribute, refs) {
  const quantity = quantities.has(`${owner}.${attribute.name}`);
  const convert = (type) => {
    let m;
    if ((m = /^Array<(.+)>$/.exec(type))) return `[]${convert(m[1])}`;
    if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) return `{}${convert(m[1])}`;
    switch (type) {
      case 'string':
        return quantity ? 'quantity' : 'string';
      case 'number':
        return attribute.format === 'int32' || attribute.format === 'int64' ? 'integer' : 'number';
      case 'boolean':
        return 'boolean';
      case 'Date':
        return 'date-time';
      case 'IntOrString':
        return 'int-or-string';
      case 'any':
        return 'any';
    }
    if (!/^(Core)?V\w+$/.test(type)) throw new Error(`${owner}.${attribute.name}: unknown type ${type}`);
    refs.push(type);
    return type;
  };
  const type = convert(attribute.type);
  if (quantity && !type.endsWith('quantity')) throw new Error(`${owner}.${attribute.name} is not a string`);
  return type;
}

const types = {};
const queue = kinds.map(([, , model]) => model);
const used = new Set();
while (queue.length > 0) {
  const model = queue.shift();
  if (model in types) continue;
  const fields = {};
  for (const attribute of await attributes(model)) {
    const refs = [];
    fields[attribute.baseName] = fieldType(model, attribute, refs);
    if (quantities.has(`${model}.${attribute.name}`)) used.add(`${model}.${attribute.name}`);
    queue.push(...refs);
  }
  types[model] = fields;
}
for (const q of quantities) if (!used.has(q)) throw new Error(`quantity override ${q} names no field`);

// One type a line keeps diffs of the generated file readable.
const sortedTypes = Object.keys(types).sort();
const lines = [
  '{',
  `  "kubernetes": "1.36",`,
  `  "source": ${JSON.stringify(`@kubernetes/client-node ${clientVersion} (OpenAPI ${specVersion})`)},`,
  `  "kinds": [`,
  kinds.map(([apiVersion, kind, model]) => `    ${JSON.stringify({ apiVersion, kind, type: model })}`).join(',\n'),
  '  ],',
  '  "types": {',
  sortedTypes.map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(types[name])}`).join(',\n'),
  '  }',
  '}',
  '',
];
writeFileSync(out, lines.join('\n'));
console.log(`schema: ${sortedTypes.length} types, ${kinds.length} kinds -> ${out}`);
