// Compiles the rules' pages, docs/rules/<id>.md, into C++ (RulePage, see
// src/engine/rule.hpp) at build time, checking their shape; a rule source
// without a page, or a page without a rule source, fails the build.
//
//   node compile-pages.mjs OUT.cpp --pages PAGE.md... --rules RULE.cpp...
//
// A page reads:
//
//   # <id>
//   <summary: one sentence>
//   ## What it checks      (Markdown)
//   ## Why it matters
//   ## Example: reported   (one ```yaml block, a whole manifest)
//   ## Example: fixed      (one ```yaml block)
//   ## How to fix
//   ## Options            (only for a rule with options; one list item each:
//                          - `name` (type, default `value`): description)
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";

const kSections = [
  ["What it checks", "what"],
  ["Why it matters", "why"],
  ["Example: reported", "bad"],
  ["Example: fixed", "good"],
  ["How to fix", "fix"],
  ["Options", "options"],
];

const [out, ...args] = process.argv.slice(2);
const pages = [];
const ruleSources = [];
let list = null;
for (const arg of args) {
  if (arg === "--pages") list = pages;
  else if (arg === "--rules") list = ruleSources;
  else list.push(arg);
}

const problems = [];
const fail = (file, line, message) => problems.push(`${file}:${line}: error: ${message}`);

// Markdown with each paragraph and list item on one line, blocks separated by
// a blank line, code blocks kept as they are.
function unwrap(lines) {
  const blocks = [];
  let block = null;
  let fence = false;
  for (const line of lines) {
    if (fence) {
      block.push(line);
      if (line.startsWith("```")) {
        fence = false;
        block = null;
      }
      continue;
    }
    if (line.startsWith("```")) {
      block = [line];
      blocks.push(block);
      fence = true;
    } else if (line.trim() === "") {
      block = null;
    } else if (line.startsWith("- ") || !block) {
      block = [line];
      blocks.push(block);
    } else {
      block[block.length - 1] += " " + line.trim();
    }
  }
  return blocks.map((b) => b.join("\n")).join("\n\n");
}

function compile(file) {
  const id = basename(file, ".md");
  const lines = readFileSync(file, "utf8").split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines[0] !== `# ${id}`) fail(file, 1, `the page must start with "# ${id}"`);
  const page = { id, markdown: lines.join("\n") + "\n", options: [] };
  const sections = [];
  let current = { name: null, start: 2, lines: [] };
  lines.slice(1).forEach((line, i) => {
    if (line.startsWith("## ")) {
      sections.push(current);
      current = { name: line.slice(3).trim(), start: i + 2, lines: [] };
    } else {
      current.lines.push(line);
    }
  });
  sections.push(current);

  const summary = unwrap(sections[0].lines);
  if (!summary || summary.includes("\n")) fail(file, 2, "the summary must be one paragraph under the title");
  page.summary = summary.replace(/\.$/, ""); // a list entry: the final period is the reader's
  let order = 0;
  for (const section of sections.slice(1)) {
    const index = kSections.findIndex(([name]) => name === section.name);
    if (index < 0) {
      fail(file, section.start - 1, `unknown section "${section.name}": expected ${kSections.map(([n]) => n).join(", ")}`);
      continue;
    }
    if (index < order) fail(file, section.start - 1, `section "${section.name}" is out of order`);
    order = index + 1;
    const field = kSections[index][1];
    if (field === "bad" || field === "good") {
      const body = section.lines.join("\n").trim();
      const match = /^```yaml\n([\s\S]*?\n)```$/.exec(body);
      if (!match) fail(file, section.start, "an example is one ```yaml block and nothing else");
      else page[field] = match[1];
    } else if (field === "options") {
      for (const item of unwrap(section.lines).split("\n\n")) {
        const match = /^- `([a-z0-9-]+)` (\([^)]*\)): ([\s\S]+)$/.exec(item);
        if (!match) {
          fail(file, section.start, `an option is described as "- \`name\` (type, default \`value\`): text", not "${item}"`);
          continue;
        }
        page.options.push({ name: match[1], signature: match[2], description: match[3] });
      }
    } else {
      page[field] = unwrap(section.lines);
    }
  }
  for (const [name, field] of kSections) {
    if (field !== "options" && !page[field]) fail(file, 1, `the section "${name}" is missing or empty`);
  }
  return page;
}

// A string_view literal ("..."sv): its length is known without counting, which
// keeps clang's constexpr evaluation of the long pages within its step limit.
function literal(text) {
  let s = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (ch === '"' || ch === "\\") s += "\\" + ch;
    else if (ch === "\n") s += "\\n";
    else if (code < 0x20 || code === 0x7f) s += "\\" + code.toString(8).padStart(3, "0");
    else s += ch;
  }
  return s + '"sv';
}

const compiled = pages.filter((p) => basename(p) !== "README.md").map(compile).sort((a, b) => (a.id < b.id ? -1 : 1));
const pageIds = new Set(compiled.map((p) => p.id));
const ruleIds = new Set(ruleSources.map((r) => basename(r, ".cpp")));
for (const id of ruleIds) if (!pageIds.has(id)) problems.push(`rules/${id}.cpp: error: the rule has no page docs/rules/${id}.md`);
for (const id of pageIds) if (!ruleIds.has(id)) problems.push(`docs/rules/${id}.md: error: no rule source rules/${id}.cpp`);
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}

const symbol = (id) => "k" + id.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase()) + "Options";
let cpp = `// Generated by rules/compile-pages.mjs from docs/rules/*.md: do not edit.
#include "engine/rule.hpp"

namespace podlint {
namespace {

using namespace std::string_view_literals;

`;
for (const page of compiled) {
  if (!page.options.length) continue;
  cpp += `constexpr OptionDoc ${symbol(page.id)}[] = {\n`;
  for (const o of page.options) cpp += `    {${literal(o.name)}, ${literal(o.signature)}, ${literal(o.description)}},\n`;
  cpp += "};\n\n";
}
cpp += "constexpr RulePage kPages[] = {\n";
for (const page of compiled) {
  cpp += "    {\n";
  for (const field of ["id", "summary", "what", "why", "bad", "good", "fix"]) cpp += `        .${field} = ${literal(page[field])},\n`;
  if (page.options.length) cpp += `        .options = ${symbol(page.id)},\n`;
  cpp += `        .markdown = ${literal(page.markdown)},\n    },\n`;
}
cpp += `};

[[maybe_unused]] const bool registered = register_rule_pages(kPages);

}  // namespace
}  // namespace podlint
`;
writeFileSync(out, cpp);
