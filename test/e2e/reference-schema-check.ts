// Checks a NetSuite request body against Oracle's REST record schemas, read straight from the tables the generator
// copies out of ../shared/reference/netsuite-schemas (src/sandbox/netsuite/reference/record-schemas.json, held equal
// to the tables by test/sandbox-netsuite/record-schemas-generated.test.ts). Deliberately shares no code with the
// sandbox's own validation: it is the independent judge of what the connector sends.
import raw from '../../src/sandbox/netsuite/reference/record-schemas.json' with { type: 'json' };

interface Prop {
  type?: string;
  format?: string;
  readOnly?: boolean;
  ref?: string;
  enum?: string;
  properties?: Record<string, Prop>;
}
interface Tables {
  records: string[];
  enums: Record<string, string[]>;
  definitions: Record<string, { properties: Record<string, Prop> }>;
}

const tables = raw as unknown as Tables;

/**
 * The one field the tables cannot show: on an account without Payment Instruments the payment method of a payment
 * or refund is `paymentMethod` (a reference), where the tables, made on an account with it, have `paymentOption`
 * (issue 11; netsuite-rest.md §5.5 notes `paymentMethod` is absent from the 2026.1 schema).
 */
const WITHOUT_PAYMENT_INSTRUMENTS: Record<string, Record<string, Prop>> = {
  customerPayment: { paymentMethod: { type: 'paymentMethod', ref: 'paymentMethod' } },
  customerRefund: { paymentMethod: { type: 'paymentMethod', ref: 'paymentMethod' } },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function conformanceProblems(recordType: string, body: unknown, o: { paymentInstruments: boolean }): string[] {
  const def = tables.definitions[recordType];
  if (!tables.records.includes(recordType) || !def) return [`${recordType}: not a record type in the tables`];
  if (!isObject(body)) return [`${recordType}: body is not an object`];
  const extra = o.paymentInstruments ? {} : (WITHOUT_PAYMENT_INSTRUMENTS[recordType] ?? {});
  const problems: string[] = [];
  checkFields({ ...def.properties, ...extra }, body, recordType, problems);
  return problems;
}

function checkFields(props: Record<string, Prop>, body: Record<string, unknown>, at: string, problems: string[]): void {
  for (const [name, value] of Object.entries(body)) {
    const prop = props[name];
    const where = `${at}.${name}`;
    if (!prop) problems.push(`${where}: no such field`);
    else if (prop.readOnly) problems.push(`${where}: read-only`);
    else checkValue(prop, value, where, problems);
  }
}

function checkValue(prop: Prop, value: unknown, at: string, problems: string[]): void {
  if (value === null) return;
  if (prop.properties) {
    // An object the tables spell out field by field (an enum such as `country` or `undepFunds`: `{ id }`).
    if (!isObject(value)) return void problems.push(`${at}: expected an object, got ${JSON.stringify(value)}`);
    for (const [k, v] of Object.entries(value)) {
      const sub = prop.properties[k];
      if (!sub) problems.push(`${at}.${k}: no such field`);
      else if (sub.enum && !tables.enums[sub.enum]?.includes(String(v))) problems.push(`${at}.${k}: ${JSON.stringify(v)} is not one of its values`);
      else checkValue(sub, v, `${at}.${k}`, problems);
    }
    return;
  }
  if (prop.ref && prop.ref !== 'nsLink') {
    const target = tables.definitions[prop.ref];
    if (prop.ref.endsWith('Collection')) {
      if (!isObject(value) || !Array.isArray(value.items)) return void problems.push(`${at}: a sublist must be { "items": [...] }`);
      const element = target?.properties.items?.ref;
      const lines = element ? tables.definitions[element] : undefined;
      if (!lines) return void problems.push(`${at}: the tables have no element for ${prop.ref}`);
      value.items.forEach((line: unknown, i: number) => {
        if (!isObject(line)) problems.push(`${at}.items[${i}]: a line must be an object`);
        else checkFields(lines.properties, line, `${at}.items[${i}]`, problems);
      });
      return;
    }
    if (target && prop.ref.includes('-')) {
      if (!isObject(value)) return void problems.push(`${at}: a subrecord must be an object`);
      return checkFields(target.properties, value, at, problems);
    }
    // A reference to a record: `{ "id": "…" }` or `{ "externalId": "…" }` (ns.md nsResource).
    const ok = isObject(value) && Object.keys(value).every((k) => k === 'id' || k === 'externalId' || k === 'refName') &&
      (typeof value.id === 'string' || typeof value.externalId === 'string');
    if (!ok) problems.push(`${at}: a reference must be {"id": "<string>"}, got ${JSON.stringify(value)}`);
    return;
  }
  switch (prop.type) {
    case 'string':
      if (typeof value !== 'string') problems.push(`${at}: expected a string, got ${JSON.stringify(value)}`);
      else if (prop.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) problems.push(`${at}: not a YYYY-MM-DD date: ${value}`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${at}: expected a number, got ${JSON.stringify(value)}`);
      return;
    case 'integer':
      if (!Number.isSafeInteger(value)) problems.push(`${at}: expected an integer, got ${JSON.stringify(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${at}: expected a boolean, got ${JSON.stringify(value)}`);
      return;
    default:
      problems.push(`${at}: type ${String(prop.type)} is not writable`);
  }
}

/** The record type a write request addresses: `/record/v1/{type}[/{id}|/eid:{x}]` or `…/!transform/{type}`. */
export function recordTypeOfWrite(method: string, urlPath: string): string | undefined {
  if (!['POST', 'PUT', 'PATCH'].includes(method)) return undefined;
  const m = /^\/services\/rest\/record\/v1\/([^/]+)(?:\/[^/]+(?:\/!transform\/([^/?]+))?)?/.exec(urlPath);
  if (!m) return undefined;
  const type = m[2] ?? m[1];
  return tables.records.find((r) => r.toLowerCase() === type.toLowerCase()) ?? type;
}
