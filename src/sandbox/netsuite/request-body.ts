// Turns a request body into canonical fields: names matched case-insensitively, values checked and
// references resolved (bad ones answered with INVALID_CONTENT and the JSON path, as NetSuite does).
import { decimalString, parseDecimal } from './decimal.js';
import { invalidContent, invalidFieldValue } from './ns-error.js';
import { isLosslessNumber } from './exact-json.js';
import type { Features } from './features.js';
import { isActive, TYPES, type FieldDef, type FieldKind, type TypeDef, type TypeName } from './record-schema.js';
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
  /** The account's features: fields they do not give are unknown names. */
  features: Features;
}

export function familyOf(type: TypeName): TypeDef['family'] {
  return TYPES.get(type)!.family;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A reference field (a `$ref` to a record in the tables) takes `{"id": "…"}` or `{"externalId": "…"}`; a bare
 * string or number is refused (the tables type every reference as an nsResource-shaped object). `bare` refs
 * are the int64 `id` of a deposit payment line (deposit.md, deposit-paymentElement): a JSON integer only.
 */
export function resolveRef(
  store: SandboxStore,
  to: TypeName[],
  value: unknown,
  field: string,
  path: string,
  bare = false,
): string | null {
  if (value === null) return null;
  let shown: unknown = value;
  let id: string | undefined;
  if (bare) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalidFieldValue(JSON.stringify(value), field, path);
    id = String(value);
  } else if (isObject(value)) {
    const key = Object.keys(value).find((k) => k.toLowerCase() === 'id');
    const eKey = Object.keys(value).find((k) => k.toLowerCase() === 'externalid');
    if (key !== undefined && value[key] !== null && value[key] !== undefined) {
      shown = value[key];
      if (typeof value[key] !== 'string' && typeof value[key] !== 'number') throw invalidFieldValue(JSON.stringify(value[key]), field, path);
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
  // A reference to a record type the sandbox does not serve (location, classification, …) never resolves.
  if (to.length === 0) throw invalidFieldValue(shown, field, path);
  const rec = store.get(familyOf(to[0]), id.trim());
  if (!rec || !to.includes(rec.type)) throw invalidFieldValue(shown, field, path);
  return rec.id;
}

function parseValue(kind: FieldKind, v: unknown, field: string, path: string, opts: BodyOptions): unknown {
  if (v === null) return null;
  const bad = (): never => {
    throw invalidFieldValue(typeof v === 'string' ? v : JSON.stringify(v), field, path);
  };
  switch (kind.k) {
    case 'text':
      // Type `string` in the tables: a JSON string only.
      if (typeof v !== 'string') bad();
      return v;
    case 'bool':
      // Type `boolean`: true or false, not "T"/"true".
      if (typeof v !== 'boolean') bad();
      return v;
    case 'number': {
      // Type `number` (double/float): a JSON number, not a numeric string.
      if (typeof v !== 'number' || !Number.isFinite(v)) bad();
      return v;
    }
    case 'int': {
      // Type `integer` (int64): a JSON integer.
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) bad();
      return v;
    }
    case 'money':
    case 'rate': {
      // Numbers in the tables; kept exact as decimal strings until the record's precision is known. A JSON number
      // with more digits than a double holds arrives as a LosslessNumber (exact-json.ts).
      if ((typeof v !== 'number' && !isLosslessNumber(v)) || !parseDecimal(v)) bad();
      return decimalString(v);
    }
    case 'date': {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) bad();
      const d = new Date(`${v as string}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) bad();
      return v;
    }
    case 'datetime':
      if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) bad();
      return new Date(v as string).toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'ref':
      return resolveRef(opts.store, kind.to, v, field, path, kind.bare);
    case 'enum': {
      // `{id, refName}` objects in the tables (e.g. address `country`, `emailPreference`, `undepFunds`): an
      // object whose id (or refName) is one of the listed values; a plain string is refused.
      if (!isObject(v)) bad();
      const o = v as Record<string, unknown>;
      const idKey = Object.keys(o).find((k) => k.toLowerCase() === 'id');
      const nameKey = Object.keys(o).find((k) => k.toLowerCase() === 'refname');
      const id = idKey !== undefined ? o[idKey] : undefined;
      if (id !== undefined && id !== null) {
        if (typeof id !== 'string' || !(id in kind.values)) throw invalidFieldValue(typeof id === 'string' ? id : JSON.stringify(id), field, path);
        return id;
      }
      const name = nameKey !== undefined ? o[nameKey] : undefined;
      if (typeof name !== 'string') bad();
      const byName = Object.entries(kind.values).find(([, label]) => label.toLowerCase() === (name as string).toLowerCase());
      if (!byName) throw invalidFieldValue(name, field, path);
      return byName[0];
    }
    case 'multi': {
      // A `…Collection` of references (e.g. subsidiaryCollection): `{"items": [{"id": …}, …]}`.
      if (!isObject(v)) bad();
      const itemsKey = Object.keys(v as object).find((k) => k.toLowerCase() === 'items');
      const items = itemsKey === undefined ? undefined : (v as Record<string, unknown>)[itemsKey];
      if (!Array.isArray(items)) bad();
      return (items as unknown[]).map((it, i) => resolveRef(opts.store, kind.to, it, field, `${path}.items[${i}]`));
    }
    case 'subrecord': {
      if (!isObject(v)) bad();
      return parseFields(new Map(kind.fields.map((fd) => [fd.name.toLowerCase(), fd])), v as Record<string, unknown>, path, opts);
    }
    case 'array':
      return undefined;
    case 'sublist': {
      if (!isObject(v)) throw invalidContent(`Error while accessing a resource. Invalid value for sublist ${field}: expected an object with "items".`, path);
      const itemsKey = Object.keys(v as object).find((k) => k.toLowerCase() === 'items');
      const items = itemsKey === undefined ? undefined : (v as Record<string, unknown>)[itemsKey];
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
    const found = byLower.get(key.toLowerCase());
    // A field the active features do not give is, to the client, exactly an unknown field.
    const fd = found && isActive(found, opts.features) ? found : undefined;
    const path = prefix ? `${prefix}.${key}` : key;
    if (!fd) {
      if (opts.rejectUnknownNames) {
        throw invalidContent(`Error while accessing a resource. Invalid field name: ${key}. The field does not exist on this record.`, path);
      }
      continue;
    }
    // Deposit payment lines name the deposited transaction by `id`, which is writable there.
    if (fd.readOnly && !(fd.name === 'id' && fd.kind.k === 'ref')) continue;
    const parsed = parseValue(fd.kind, value, fd.name, path, opts);
    if (parsed !== undefined) out[fd.name] = parsed;
  }
  return out;
}

/** Canonical fields of a record body; throws NsError for bad names (when asked), values or references. */
export function parseBody(td: TypeDef, body: unknown, opts: BodyOptions): Patch {
  if (body === undefined || body === null) return {};
  if (!isObject(body)) throw invalidContent('Error while accessing a resource. The request body must be a JSON object.');
  return parseFields(td.byLower, body, '', opts);
}
