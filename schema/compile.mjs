// Compiles the schemas of every Kubernetes release (schema/kubernetes-1.N.json),
// schema/constraints.json and the fields' descriptions (made by the build with
// `generate.mjs --descriptions`) into a C++ source of static tables (see
// src/schema/schema.hpp), so that the binary carries the schema and needs no
// file, parsing or allocation at run time. Run by the build:
//
//   node schema/compile.mjs CONSTRAINTS DESCRIPTIONS OUT SCHEMA...
//
// The releases are merged into one table: every field of any release, typed
// as the newest release that has it types it, with the releases it is known
// to be in (a field that comes or goes between two releases without models
// says so: either of the releases between may be the one). Fails on a
// constraint that names a type or field the schema lacks, an enum or a format
// on a field that is not a string, or a range on one that is not an integer,
// so that the files cannot drift.
import { readFileSync, writeFileSync } from 'node:fs';

const [constraintsPath, descriptionsPath, out, ...schemaPaths] = process.argv.slice(2);
if (schemaPaths.length === 0) {
  console.error('usage: node compile.mjs CONSTRAINTS DESCRIPTIONS OUT SCHEMA...');
  process.exit(2);
}
const constraints = JSON.parse(readFileSync(constraintsPath, 'utf8'));
const descriptions = JSON.parse(readFileSync(descriptionsPath, 'utf8')).types;

function fail(message) {
  console.error(`compile.mjs: ${message}`);
  process.exit(1);
}

const minorOf = (version) => {
  const m = /^1\.(\d+)$/.exec(version);
  if (!m) fail(`not a Kubernetes 1.N version: ${version}`);
  return Number(m[1]);
};
const releases = schemaPaths
  .map((path) => JSON.parse(readFileSync(path, 'utf8')))
  .map((schema) => ({ minor: minorOf(schema.kubernetes), schema }))
  .sort((a, b) => a.minor - b.minor);
const newest = releases[releases.length - 1];

// The merged types: each field with its type and where it is known present.
const merged = {};
for (const { minor, schema } of releases) {
  for (const [type, fields] of Object.entries(schema.types)) {
    merged[type] ??= {};
    for (const [field, fieldType] of Object.entries(fields)) {
      merged[type][field] ??= { minors: new Set() };
      merged[type][field].type = fieldType; // releases ascend: the newest wins
      merged[type][field].minors.add(minor);
    }
  }
}
// Only what the newest release's kinds reach (a type renamed since, like
// V1ResourceClaim, is left behind by its fields' new type).
const reachable = new Set();
const visit = (type) => {
  if (reachable.has(type) || !merged[type]) return;
  reachable.add(type);
  for (const { type: t } of Object.values(merged[type])) visit(t.replace(/^(\[\]|\{\})/, ''));
};
for (const k of newest.schema.kinds) visit(k.type);
const schema = { kinds: newest.schema.kinds, types: {} };
for (const type of [...reachable].sort()) {
  schema.types[type] = Object.fromEntries(Object.entries(merged[type]).map(([f, v]) => [f, v.type]));
}

// For a field: the last release known without it before it came and the
// first known with it (0, 0 when the oldest has it); the last known with it
// and the first known without it after (0, 0 when the newest has it).
function lifetime(type, field) {
  const minors = merged[type][field].minors;
  const models = releases.map((r) => r.minor);
  const first = models.findIndex((m) => minors.has(m));
  const last = models.length - 1 - [...models].reverse().findIndex((m) => minors.has(m));
  for (let i = first; i <= last; ++i)
    if (!minors.has(models[i])) fail(`${type}.${field} leaves in ${models[i]} and comes back`);
  return {
    addedAfter: first === 0 ? 0 : models[first - 1],
    addedBy: first === 0 ? 0 : models[first],
    removedAfter: last === models.length - 1 ? 0 : models[last],
    removedBy: last === models.length - 1 ? 0 : models[last + 1],
  };
}

const typeNames = Object.keys(schema.types).sort();
const typeIndex = new Map(typeNames.map((name, i) => [name, i]));

const scalarKinds = {
  string: 'String',
  integer: 'Integer',
  number: 'Number',
  boolean: 'Boolean',
  'date-time': 'DateTime',
  'int-or-string': 'IntOrString',
  quantity: 'Quantity',
  any: 'Any',
};

// "[]V1Container" -> {shape: 'Array', kind: 'Object', type: 'V1Container'}.
function parseType(text, where) {
  let shape = 'Single';
  if (text.startsWith('[]')) [shape, text] = ['Array', text.slice(2)];
  else if (text.startsWith('{}')) [shape, text] = ['Map', text.slice(2)];
  if (scalarKinds[text]) return { shape, kind: scalarKinds[text], type: null };
  if (!typeIndex.has(text)) fail(`${where}: unknown type "${text}"`);
  return { shape, kind: 'Object', type: text };
}

// "V1Container", "CoreV1ResourceClaim" -> "Container", "ResourceClaim".
const displayName = (name) => name.replace(/^(Core)?V1(?=[A-Z])/, '');

const enums = new Map();
for (const [path, spec] of Object.entries(constraints.enums)) {
  const [type, field] = path.split('.');
  if (schema.types[type]?.[field] !== 'string') fail(`enum ${path}: not a string field of the schema`);
  if (!spec.values?.length) fail(`enum ${path}: no values`);
  // "since": {"Gt": "1.35"}: values a release added.
  for (const value of Object.keys(spec.since ?? {}))
    if (!spec.values.includes(value)) fail(`enum ${path}: "since" names ${value}, not one of its values`);
  enums.set(path, { values: spec.values, since: spec.values.map((v) => (spec.since?.[v] ? minorOf(spec.since[v]) : 0)) });
}
const required = new Set();
for (const [type, spec] of Object.entries(constraints.required)) {
  for (const field of spec.fields) {
    if (!schema.types[type]?.[field]) fail(`required ${type}.${field}: not a field of the schema`);
    required.add(`${type}.${field}`);
  }
}

// The formats of src/schema/schema.hpp, by their constraints.json names.
const formatNames = {
  'dns-label': 'Dns1123Label',
  'dns-subdomain': 'Dns1123Subdomain',
  'dns-subdomain-prefix': 'Dns1123SubdomainPrefix',
  'dns-1035-label': 'Dns1035Label',
  'qualified-name': 'QualifiedName',
  'label-value': 'LabelValue',
  'annotation-key': 'AnnotationKey',
  'finalizer-name': 'FinalizerName',
  'configmap-key': 'ConfigMapKey',
  'env-var-name': 'EnvVarName',
  'http-header-name': 'HttpHeaderName',
  'iana-service-name': 'IanaServiceName',
  ip: 'IpAddress',
  'sysctl-name': 'SysctlName',
  'relative-path': 'RelativePath',
  'no-parent-path': 'NoParentPath',
  'absolute-path': 'AbsolutePath',
  percent: 'Percent',
};
const formatOf = (name, where) => {
  if (name === undefined) return 'None';
  if (!formatNames[name]) fail(`${where}: unknown format "${name}"`);
  return formatNames[name];
};
const scalarOf = (text) => text?.replace(/^(\[\]|\{\})/, '');

const formats = new Map();
for (const [path, spec] of Object.entries(constraints.formats ?? {})) {
  const [type, field] = path.split('.');
  const declared = schema.types[type]?.[field];
  if (!['string', 'int-or-string'].includes(scalarOf(declared)))
    fail(`format ${path}: not a string field of the schema`);
  if (spec.key !== undefined && !declared.startsWith('{}')) fail(`format ${path}: a key format on no map`);
  formats.set(path, { value: formatOf(spec.format, path), key: formatOf(spec.key, path) });
}
const ranges = new Map();
for (const [path, spec] of Object.entries(constraints.ranges ?? {})) {
  const [type, field] = path.split('.');
  if (!['integer', 'int-or-string'].includes(scalarOf(schema.types[type]?.[field])))
    fail(`range ${path}: not an integer field of the schema`);
  if (spec.minimum === undefined && spec.maximum === undefined) fail(`range ${path}: no bound`);
  ranges.set(path, spec);
}

const cxx = (s) => JSON.stringify(s); // ASCII names and values: a JSON string is a valid C++ literal
// Any text (UTF-8 passes as is): quotes, backslashes and control characters escaped.
const cxxText = (s) =>
  `"${s.replace(/["\\]/g, (c) => `\\${c}`).replace(/[\x00-\x1f\x7f]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)}"`;

const lines = [];
const emit = (line) => lines.push(line);
emit(`// Generated by schema/compile.mjs from ${schemaPaths.map((p) => p.split('/').pop()).join(', ')}`);
emit(`// and ${constraintsPath.split('/').pop()}; do not edit.`);
emit('#include "schema/schema.hpp"');
emit('');
emit('namespace podlint::schema {');
emit('namespace {');
emit('');
emit(`extern const TypeInfo kTypes[${typeNames.length}];`);
emit('');

const enumArrays = new Map();
for (const [path, { values, since }] of enums) {
  const id = `kEnum${enumArrays.size}`;
  enumArrays.set(path, id);
  emit(`constexpr std::string_view ${id}[] = {${values.map(cxx).join(', ')}};`);
  if (since.some((m) => m !== 0)) emit(`constexpr uint8_t ${id}Since[] = {${since.join(', ')}};`);
}
emit('');

const fieldRanges = [];
emit('constinit const FieldInfo kFields[] = {');
let count = 0;
for (const name of typeNames) {
  const fields = Object.keys(schema.types[name]).sort();
  fieldRanges.push([count, fields.length]);
  for (const field of fields) {
    const t = parseType(schema.types[name][field], `${name}.${field}`);
    const object = t.type ? `&kTypes[${typeIndex.get(t.type)}]` : 'nullptr';
    const path = `${name}.${field}`;
    const values = enumArrays.has(path) ? enumArrays.get(path) : '{}';
    const format = formats.get(path) ?? { value: 'None', key: 'None' };
    const range = ranges.get(path) ?? {};
    const bound = (n, none) => (n === undefined ? none : `INT64_C(${n})`);
    const since = enums.get(path)?.since.some((m) => m !== 0) ? `${enumArrays.get(path)}Since` : '{}';
    const l = lifetime(name, field);
    emit(
      `    {${cxx(field)}, Shape::${t.shape}, Kind::${t.kind}, ${object}, ${required.has(path)}, ${values}, ` +
        `Format::${format.value}, Format::${format.key}, ${bound(range.minimum, 'kNoMinimum')}, ` +
        `${bound(range.maximum, 'kNoMaximum')}, ${since}, ` +
        `{${l.addedAfter}, ${l.addedBy}, ${l.removedAfter}, ${l.removedBy}}},`,
    );
    ++count;
  }
}
emit('};');
emit('');
// Apart from kFields, in its order: the schema's checks never read them.
emit('constexpr std::string_view kDescriptions[] = {');
for (const name of typeNames) {
  for (const field of Object.keys(schema.types[name]).sort()) emit(`    ${cxxText(descriptions[name]?.[field] ?? '')},`);
}
emit('};');
emit('static_assert(std::size(kDescriptions) == std::size(kFields));');
emit('');
emit(`constinit const TypeInfo kTypes[${typeNames.length}] = {`);
typeNames.forEach((name, i) => {
  const [begin, size] = fieldRanges[i];
  emit(`    {${cxx(name)}, ${cxx(displayName(name))}, {kFields + ${begin}, ${size}}},`);
});
emit('};');
emit('');
emit('constinit const KindInfo kKinds[] = {');
for (const k of schema.kinds) {
  if (!typeIndex.has(k.type)) fail(`kind ${k.kind}: unknown type ${k.type}`);
  emit(`    {${cxx(k.apiVersion)}, ${cxx(k.kind)}, &kTypes[${typeIndex.get(k.type)}]},`);
}
emit('};');
emit('');
emit('}  // namespace');
emit('');
emit('std::span<const TypeInfo> all_types() { return kTypes; }');
emit('std::string_view description(const FieldInfo& field) { return kDescriptions[&field - kFields]; }');
emit('std::span<const KindInfo> all_kinds() { return kKinds; }');
emit(`constexpr uint8_t kModelled[] = {${releases.map((r) => r.minor).join(', ')}};`);
emit('std::span<const uint8_t> modelled_minors() { return kModelled; }');
emit('');
emit('}  // namespace podlint::schema');
writeFileSync(out, lines.join('\n') + '\n');
