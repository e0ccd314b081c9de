// Generates schema/kubernetes-1.N.json for every Kubernetes release whose
// models a pinned npm package carries: the names and JSON types of every field
// of the objects that carry a pod spec, and of every type they reach. The
// models are those of @kubernetes/client-node, one pinned version per
// Kubernetes release (npm aliases k8s-1-N in package.json; the current
// version of the package gives the newest).
//
// With --descriptions, it writes instead the newest release's field
// descriptions (its models' doc comments) for the language server's hover; a
// field that refers to another type and has no description of its own is
// described by that type's. They are the Kubernetes authors' prose, so the
// build makes them from the installed package and they are not committed.
//
//   node schema/generate.mjs [OUT_DIR]                 (default: schema/)
//   node schema/generate.mjs --descriptions OUT_FILE
//
// Field types are strings:
//   string, integer, number, boolean, date-time, int-or-string, quantity, any,
//   a type name (V1PodSpec), "[]T" (an array of T), "{}T" (a map of string to T).
// Models before client 1.0 do not tell integers from other numbers: they say
// "number", and schema/compile.mjs takes a field's type from the newest
// release that has it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const descriptionsOnly = process.argv[2] === '--descriptions';
const outDir = descriptionsOnly ? null : (process.argv[2] ?? join(root, 'schema'));
const descriptionsFile = descriptionsOnly ? process.argv[3] : null;

// Each Kubernetes release and the npm package (a pinned version of
// @kubernetes/client-node) with its models. No client version was generated
// from releases 1.31 and 1.35.
const releases = [
  ['1.29', 'k8s-1-29'],
  ['1.30', 'k8s-1-30'],
  ['1.32', 'k8s-1-32'],
  ['1.33', 'k8s-1-33'],
  ['1.34', 'k8s-1-34'],
  ['1.36', '@kubernetes/client-node'],
];

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

// Loads one release's models: client 1.x has dist/gen/models/V1Pod.js (ES
// modules, with each attribute's format), 0.x dist/gen/model/v1Pod.js.
function modelsOf(release, pkg) {
  const clientDir = join(root, 'node_modules', pkg);
  const clientVersion = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8')).version;
  const modern = !clientVersion.startsWith('0.');
  const file = (model) =>
    modern
      ? join(clientDir, 'dist/gen/models', `${model}.js`)
      : join(clientDir, 'dist/gen/model', `${model[0].toLowerCase()}${model.slice(1)}.js`);
  const header = readFileSync(file('V1Pod'), 'utf8');
  const specVersion = /(?:OpenAPI spec version|version of the OpenAPI document): (\S+)/.exec(header)?.[1];
  if (!new RegExp(`^(release-|v)${release.replace('.', '\\.')}(\\.\\d+)?$`).test(specVersion ?? ''))
    throw new Error(`${pkg}: expected models of Kubernetes ${release}, found ${specVersion}`);
  // A model's declarations (client 1.x): its doc comment and each field's.
  const declarations = (model) => {
    const text = readFileSync(file(model).replace(/\.js$/, '.d.ts'), 'utf8');
    const unescape = (comment) => comment.replace(/\\(.)/g, '$1');
    const fields = {};
    for (const m of text.matchAll(/\/\*\*\n\s*\* (.*)\n\s*\*\/\n\s*'([^']+)'\??:/g)) fields[m[2]] = unescape(m[1]);
    const own = /\/\*\*\n\* (.*)\n\*\/\nexport declare class /.exec(text);
    return { description: own ? unescape(own[1]) : '', fields };
  };
  return {
    source: `@kubernetes/client-node ${clientVersion} (OpenAPI ${specVersion})`,
    declarations,
    async attributes(model) {
      const module = await import(pathToFileURL(file(model)).href);
      const cls = module[model] ?? module.default?.[model];
      if (!cls) throw new Error(`${pkg}: model ${model} not found`);
      return cls.getAttributeTypeMap();
    },
  };
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
      case 'object':
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

async function generate(release, pkg, newest) {
  const models = modelsOf(release, pkg);
  const types = {};
  const queue = kinds.map(([, , model]) => model);
  const used = new Set();
  while (queue.length > 0) {
    const model = queue.shift();
    if (model in types) continue;
    const fields = {};
    for (const attribute of await models.attributes(model)) {
      const refs = [];
      fields[attribute.baseName] = fieldType(model, attribute, refs);
      if (quantities.has(`${model}.${attribute.name}`)) used.add(`${model}.${attribute.name}`);
      queue.push(...refs);
    }
    types[model] = fields;
  }
  // Older releases lack some of the newest one's fields.
  if (newest) for (const q of quantities) if (!used.has(q)) throw new Error(`quantity override ${q} names no field`);

  // One type a line keeps diffs of the generated file readable.
  const sortedTypes = Object.keys(types).sort();
  if (descriptionsOnly) {
    describe(release, models, types, sortedTypes);
    return;
  }
  const lines = [
    '{',
    `  "kubernetes": ${JSON.stringify(release)},`,
    `  "source": ${JSON.stringify(models.source)},`,
    `  "kinds": [`,
    kinds.map(([apiVersion, kind, model]) => `    ${JSON.stringify({ apiVersion, kind, type: model })}`).join(',\n'),
    '  ],',
    '  "types": {',
    sortedTypes.map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(types[name])}`).join(',\n'),
    '  }',
    '}',
    '',
  ];
  const out = join(outDir, `kubernetes-${release}.json`);
  writeFileSync(out, lines.join('\n'));
  console.log(`schema: Kubernetes ${release}: ${sortedTypes.length} types, ${kinds.length} kinds -> ${out}`);
}

// Each field's description, as the newest release's models give it.
function describe(release, models, types, sortedTypes) {
  const declared = new Map(sortedTypes.map((name) => [name, models.declarations(name)]));
  const described = {};
  let count = 0;
  for (const name of sortedTypes) {
    const fields = {};
    for (const [field, type] of Object.entries(types[name])) {
      const target = declared.get(type.replace(/^(\[\]|\{\})/, ''));
      const text = declared.get(name).fields[field] ?? target?.description ?? '';
      if (text !== '') fields[field] = text;
    }
    count += Object.keys(fields).length;
    described[name] = fields;
  }
  const lines = [
    '{',
    `  "kubernetes": ${JSON.stringify(release)},`,
    `  "source": ${JSON.stringify(models.source)},`,
    '  "types": {',
    sortedTypes.map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(described[name])}`).join(',\n'),
    '  }',
    '}',
    '',
  ];
  writeFileSync(descriptionsFile, lines.join('\n'));
  console.log(`schema: Kubernetes ${release}: ${count} field descriptions -> ${descriptionsFile}`);
}

if (descriptionsOnly) {
  if (!descriptionsFile) throw new Error('usage: generate.mjs --descriptions OUT_FILE');
  await generate(...releases.at(-1), true);
} else {
  for (const [i, [release, pkg]] of releases.entries()) await generate(release, pkg, i === releases.length - 1);
}
