// Turns a request body into canonical fields: names matched case-insensitively, values checked and
// references resolved (bad ones answered with INVALID_CONTENT and the JSON path, as NetSuite does).
import { decimalString, parseDecimal } from './decimal.js';
import { invalidContent, invalidFieldValue } from './ns-error.js';
import { TYPES, type FieldDef, type FieldKind, type TypeDef, type TypeName } from './record-schema.js';
import type { SandboxStore } from './sandbox-store.js';

/** A sublist in a request: `null` empties it. Money values are still decimal strings here. */
export class SublistPatch {
  constructor(readonly lines: Array<Record<string, unknown>> | null) {}
}

export type Patch = Record<string, unknown>;

export interface BodyOptions {
  store: SandboxStore;
  /** X-NetSuite-PropertyNameValidation: error → unknown names are rejected instead of ignored. */
  rejectUnknownNames: boolean;
}

export function familyOf(type: TypeName): TypeDef['family'] {
  return TYPES.get(type)!.family;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function resolveRef(
  store: SandboxStore,
  to: TypeName[],
  value: unknown,
  field: string,
  path: string,
): string | null {
  if (value === null) return null;
  let shown: unknown = value;
  let id: string | undefined;
  if (typeof value === 'number' || typeof value === 'string') {
    id = String(value);
  } else if (isObject(value)) {
    const key = Object.keys(value).find((k) => k.toLowerCase() === 'id');
    const eKey = Object.keys(value).find((k) => k.toLowerCase() === 'externalid');
    if (key !== undefined && value[key] !== null && value[key] !== undefined) {
      shown = value[key];
      id = String(value[key]);
    } else if (eKey !== undefined && typeof value[eKey] === 'string') {
      shown = value[eKey];
      for (const t of to) {
        const r = store.byExternalId(t, value[eKey] as string);
        if (r) return r.id;
      }
      throw invalidFieldValue(shown, field, path);
    }
  }
  if (id === undefined) throw invalidFieldValue(JSON.stringify(value), field, path);
  const rec = store.get(familyOf(to[0]), id.trim());
  if (!rec || !to.includes(rec.type)) throw invalidFieldValue(shown, field, path);
  return rec.id;
}

function parseBool(v: unknown, field: string, path: string): boolean {
  const raw = isObject(v) ? v.id : v;
  if (raw === true || raw === 'T' || raw === 'true') return true;
  if (raw === false || raw === 'F' || raw === 'false') return false;
  throw invalidFieldValue(JSON.stringify(v), field, path);
}

function parseValue(kind: FieldKind, v: unknown, field: string, path: string, opts: BodyOptions): unknown {
  if (v === null) return null;
  switch (kind.k) {
    case 'text':
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw invalidFieldValue(JSON.stringify(v), field, path);
    case 'bool':
      return parseBool(v, field, path);
    case 'number': {
      const d = decimalString(v);
      if (d === undefined) throw invalidFieldValue(JSON.stringify(v), field, path);
      return Number(d);
    }
    case 'int': {
      const d = decimalString(v);
      if (d === undefined || !/^-?\d+$/.test(d)) throw invalidFieldValue(JSON.stringify(v), field, path);
      return Number(d);
    }
    case 'money':
    case 'rate': {
      if (!parseDecimal(v)) throw invalidFieldValue(JSON.stringify(v), field, path);
      return decimalString(v);
    }
    case 'date': {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw invalidFieldValue(v, field, path);
      const d = new Date(`${v}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) throw invalidFieldValue(v, field, path);
      return v;
    }
    case 'datetime':
      if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw invalidFieldValue(v, field, path);
      return new Date(v).toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'ref':
      return resolveRef(opts.store, kind.to, v, field, path);
    case 'enum': {
      const raw = isObject(v) ? (v.id ?? v.refName) : v;
      if (typeof raw !== 'string') throw invalidFieldValue(JSON.stringify(v), field, path);
      if (raw in kind.values) return raw;
      const byName = Object.entries(kind.values).find(([, name]) => name.toLowerCase() === raw.toLowerCase());
      if (byName) return byName[0];
      throw invalidFieldValue(raw, field, path);
    }
    case 'multi': {
      const items = Array.isArray(v) ? v : isObject(v) && Array.isArray(v.items) ? v.items : undefined;
      if (!items) throw invalidFieldValue(JSON.stringify(v), field, path);
      return items.map((it, i) => resolveRef(opts.store, kind.to, it, field, `${path}.items[${i}]`));
    }
    case 'subrecord': {
      if (!isObject(v)) throw invalidFieldValue(JSON.stringify(v), field, path);
      return parseFields(new Map(kind.fields.map((fd) => [fd.name.toLowerCase(), fd])), v, path, opts);
    }
    case 'sublist': {
      if (!isObject(v)) throw invalidContent(`Error while accessing a resource. Invalid value for sublist ${field}: expected an object with "items".`, path);
      const itemsKey = Object.keys(v).find((k) => k.toLowerCase() === 'items');
      const items = itemsKey === undefined ? undefined : v[itemsKey];
      if (items === null) return new SublistPatch(null);
      if (!Array.isArray(items)) throw invalidContent(`Error while accessing a resource. Invalid value for sublist ${field}: expected an object with "items".`, path);
      const byLower = new Map(kind.lines.map((fd) => [fd.name.toLowerCase(), fd]));
      return new SublistPatch(
        items.map((line, i) => {
          const linePath = `${path}.items[${i}]`;
          if (!isObject(line)) throw invalidContent(`Error while accessing a resource. Invalid sublist line.`, linePath);
          return parseFields(byLower, line, linePath, opts);
        }),
      );
    }
  }
}

function parseFields(byLower: Map<string, FieldDef>, body: Record<string, unknown>, prefix: string, opts: BodyOptions): Patch {
  const out: Patch = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'links') continue;
    const fd = byLower.get(key.toLowerCase());
    const path = prefix ? `${prefix}.${key}` : key;
    if (!fd) {
      if (opts.rejectUnknownNames) {
        throw invalidContent(`Error while accessing a resource. Invalid field name: ${key}. The field does not exist on this record.`, path);
      }
      continue;
    }
    // Deposit payment lines name the deposited transaction by `id`, which is writable there.
    if (fd.readOnly && !(fd.name === 'id' && fd.kind.k === 'ref')) continue;
    out[fd.name] = parseValue(fd.kind, value, fd.name, path, opts);
  }
  return out;
}

/** Canonical fields of a record body; throws NsError for bad names (when asked), values or references. */
export function parseBody(td: TypeDef, body: unknown, opts: BodyOptions): Patch {
  if (body === undefined || body === null) return {};
  if (!isObject(body)) throw invalidContent('Error while accessing a resource. The request body must be a JSON object.');
  return parseFields(td.byLower, body, '', opts);
}
