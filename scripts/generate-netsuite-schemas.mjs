#!/usr/bin/env node
// Generates src/sandbox/netsuite/reference/record-schemas.json from the Markdown transcription of Oracle's
// NetSuite REST API Browser (../shared/reference/netsuite-schemas, see its README.md). Plain Node, no
// dependencies. Run: node scripts/generate-netsuite-schemas.mjs [schemaDir] [--out FILE] [--stdout]
//
// Output: { source, records, enums, definitions } where
// - records: the record types the sandbox serves (the roots);
// - definitions[name] = { file, properties: { [id]: Property } } for every definition reachable from those
//   records through `$ref` (sublist …Collection/…Element pairs, address subrecords, nsResource, …), but
//   not other record types' bodies unless they are roots themselves (a ref to `location` stays a ref);
// - Property = { label?, type, format?, readOnly?, ref?, enum?, properties? }: `type` is the table's Type
//   column as written (string, number, integer, boolean, object, a definition name, `X[]`), `ref` the $ref
//   target definition, `enum` the name of a list in `enums` (repeated lists such as country codes are
//   stored once), `properties` the dotted rows (`undepFunds.id`) nested under their parent.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RECORDS = [
  'customer',
  'invoice',
  'creditMemo',
  'customerPayment',
  'customerRefund',
  'deposit',
  'journalEntry',
  'discountItem',
  'serviceSaleItem',
  'nonInventorySaleItem',
  'account',
  'accountingPeriod',
  'subsidiary',
  'currency',
];

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SCHEMA_DIR = path.resolve(here, '../../shared/reference/netsuite-schemas');
export const DEFAULT_OUT = path.resolve(here, '../src/sandbox/netsuite/reference/record-schemas.json');

const cell = (s) => s.trim().replace(/^`(.*)`$/, '$1');

/** Every `## name` section of one schema file with its table rows. */
function parseFile(text, file) {
  const defs = new Map();
  let current;
  for (const line of text.split('\n')) {
    const h = /^## (\S+)\s*$/.exec(line);
    if (h) {
      current = h[1] === 'Index' ? undefined : { name: h[1], file, rows: [] };
      if (current) defs.set(current.name, current);
      continue;
    }
    if (!current || !line.startsWith('| `')) continue;
    const cols = line.slice(1, line.endsWith('|') ? -1 : undefined).split(' | ');
    if (cols.length !== 7) throw new Error(`${file} ${current.name}: expected 7 columns in: ${line.slice(0, 120)}`);
    const [prop, label, type, format, flags, ref, en] = cols;
    const refMatch = /\[`([^`]+)`\]/.exec(ref);
    current.rows.push({
      id: cell(prop),
      label: label.trim(),
      type: type.trim(),
      format: format.trim(),
      flags: flags.trim(),
      ref: refMatch ? refMatch[1] : undefined,
      enum: en.trim() ? [...en.matchAll(/`([^`]*)`/g)].map((m) => m[1]) : undefined,
    });
  }
  return defs;
}

export function generate(schemaDir) {
  const all = new Map();
  const files = fs.readdirSync(schemaDir).filter((f) => f.endsWith('.md') && !['README.md', 'SOURCE.md', 'overview.md', 'coverage.md'].includes(f)).sort();
  for (const f of files) {
    for (const [name, def] of parseFile(fs.readFileSync(path.join(schemaDir, f), 'utf8'), f)) {
      if (all.has(name)) throw new Error(`definition ${name} appears twice (${all.get(name).file}, ${f})`);
      all.set(name, def);
    }
  }
  for (const r of RECORDS) if (!all.has(r)) throw new Error(`no table for record ${r} in ${schemaDir}`);

  // Reachable definitions: roots, then $ref targets that have a table, except other record bodies.
  const roots = new Set(RECORDS);
  const keep = [];
  const seen = new Set();
  const queue = [...RECORDS];
  while (queue.length) {
    const name = queue.shift();
    if (seen.has(name)) continue;
    seen.add(name);
    const def = all.get(name);
    if (!def) continue;
    keep.push(name);
    for (const row of def.rows) {
      if (!row.ref || seen.has(row.ref) || !all.has(row.ref)) continue;
      // A record body is only kept when it is a root; `customer` from invoice.entity is kept because customer is a root.
      const isRecordBody = !row.ref.includes('-') && !row.ref.startsWith('ns') && !row.ref.endsWith('Collection');
      if (isRecordBody && !roots.has(row.ref)) continue;
      queue.push(row.ref);
    }
  }

  const enums = {};
  const enumKey = new Map();
  const enumName = (values, hint) => {
    const key = JSON.stringify(values);
    if (enumKey.has(key)) return enumKey.get(key);
    let name = hint;
    for (let i = 2; name in enums; i++) name = `${hint}${i}`;
    enums[name] = values;
    enumKey.set(key, name);
    return name;
  };

  const definitions = {};
  for (const name of keep.sort()) {
    const def = all.get(name);
    const properties = {};
    for (const row of def.rows) {
      const p = {};
      if (row.label) p.label = row.label;
      p.type = row.type;
      if (row.format) p.format = row.format;
      if (/read-only/.test(row.flags)) p.readOnly = true;
      const otherFlags = row.flags.split(',').map((s) => s.trim()).filter((s) => s && s !== 'read-only');
      if (otherFlags.length) p.flags = otherFlags;
      if (row.ref) p.ref = row.ref;
      const parts = row.id.replace(/\[\]/g, '').split('.');
      if (row.enum) p.enum = enumName(row.enum, parts[parts.length - 2] ?? parts[0]);
      let target = properties;
      for (const part of parts.slice(0, -1)) {
        if (!target[part]) throw new Error(`${def.file} ${name}: row ${row.id} before its parent`);
        target = target[part].properties ??= {};
      }
      target[parts[parts.length - 1]] = p;
    }
    definitions[name] = { file: def.file, properties };
  }
  return {
    source: 'Generated by scripts/generate-netsuite-schemas.mjs from the Markdown transcription of the NetSuite REST API Browser 2026.1 (wsjmnh/netsuite-record-rest-docs; see ../shared/reference/netsuite-schemas/README.md). Do not edit by hand.',
    records: RECORDS,
    enums,
    definitions,
  };
}

export function render(schemaDir) {
  return `${JSON.stringify(generate(schemaDir), null, 1)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const toStdout = args.includes('--stdout');
  const outIdx = args.indexOf('--out');
  const out = outIdx >= 0 ? path.resolve(args[outIdx + 1]) : DEFAULT_OUT;
  const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
  const dir = path.resolve(positional[0] ?? DEFAULT_SCHEMA_DIR);
  const text = render(dir);
  if (toStdout) process.stdout.write(text);
  else {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
    const n = Object.keys(JSON.parse(text).definitions).length;
    process.stderr.write(`wrote ${path.relative(process.cwd(), out)}: ${n} definitions from ${dir}\n`);
  }
}
