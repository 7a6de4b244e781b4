// A stored record as NetSuite's REST GET returns it: camelCase fields, references as {links,id,refName},
// enums as {id,refName}, sublists as link stubs unless expanded (reference §3.2, §3.13).
import { minorToNumber } from './decimal.js';
import type { Features } from './features.js';
import { isActive, TYPES, typeDef, type FieldDef, type FieldKind, type TypeName } from './record-schema.js';
import type { RecordRules } from './record-rules.js';
import type { SandboxStore, StoredRecord } from './sandbox-store.js';

type Json = Record<string, unknown>;

export interface RenderOptions {
  /** Scheme and host as the client addressed the sandbox, e.g. http://127.0.0.1:4000 */
  base: string;
  expand: boolean;
  /** Lowercased names from `fields=`; undefined = all. */
  only?: Set<string>;
}

export function recordHref(base: string, type: TypeName, id: string): string {
  return `${base}/services/rest/record/v1/${type.toLowerCase()}/${id}`;
}

export class RecordRenderer {
  constructor(
    private readonly store: SandboxStore,
    private readonly rules: RecordRules,
    private readonly features: Features,
  ) {}

  private refObject(base: string, to: TypeName[], id: string): Json {
    const rec = this.store.get(TYPES.get(to[0])!.family, id);
    if (!rec) return { id };
    return { links: [{ rel: 'self', href: recordHref(base, rec.type, rec.id) }], id: rec.id, refName: this.rules.refName(rec) };
  }

  private value(fd: FieldDef, v: unknown, precision: number, base: string): unknown {
    const kind: FieldKind = fd.kind;
    switch (kind.k) {
      case 'money':
        return typeof v === 'number' ? minorToNumber(v, precision) : v;
      case 'rate':
        return Number(v);
      case 'text':
        return typeof v === 'string' ? v : String(v);
      case 'ref':
        return kind.bare ? Number(v) : this.refObject(base, kind.to, String(v));
      case 'enum':
        return { id: v, refName: kind.values[String(v)] ?? String(v) };
      case 'subrecord': {
        const out: Json = {};
        for (const sf of kind.fields) {
          if (!isActive(sf, this.features)) continue;
          const sv = (v as Json)[sf.name];
          if (sv !== undefined && sv !== null) out[sf.name] = this.value(sf, sv, precision, base);
        }
        return out;
      }
      case 'multi': {
        const items = (v as string[]).map((id) => this.refObject(base, kind.to, id));
        return { links: [], items, totalResults: items.length, count: items.length, hasMore: false, offset: 0 };
      }
      default:
        return v;
    }
  }

  private precisionOf(rec: StoredRecord): number {
    return rec.family === 'transaction' && rec.f.currency !== undefined ? this.rules.precision(String(rec.f.currency)) : 2;
  }

  private line(fd: FieldDef, line: Json, precision: number, base: string): Json {
    const kind = fd.kind as Extract<FieldKind, { k: 'sublist' }>;
    const out: Json = { links: [] };
    for (const lf of kind.lines) {
      if (!isActive(lf, this.features)) continue;
      const v = line[lf.name];
      if (v === undefined || v === null) continue;
      out[lf.name] = this.value(lf, v, precision, base);
    }
    if (fd.name === 'apply' && line.doc !== undefined) {
      // Read-only facts about the applied document, computed now as NetSuite shows them.
      const doc = this.store.get('transaction', String(line.doc));
      if (doc) {
        out.type = typeDef(doc.type).tranType;
        out.refNum = doc.f.tranId;
        const total = doc.type === 'customerPayment' ? Number(doc.f.payment) : Number(doc.f.total);
        out.total = minorToNumber(total, precision);
        const due = doc.type === 'invoice' ? doc.f.amountRemaining : doc.f.unapplied;
        if (typeof due === 'number') out.due = minorToNumber(due, precision);
      }
    }
    return out;
  }

  sublist(rec: StoredRecord, fd: FieldDef, base: string): Json {
    const precision = this.precisionOf(rec);
    const lines = Array.isArray(rec.f[fd.name]) ? (rec.f[fd.name] as Json[]) : [];
    const items = lines.map((l) => this.line(fd, l, precision, base));
    return {
      links: [{ rel: 'self', href: `${recordHref(base, rec.type, rec.id)}/${fd.name.toLowerCase()}` }],
      items,
      count: items.length,
      hasMore: false,
      offset: 0,
      totalResults: items.length,
    };
  }

  render(rec: StoredRecord, opts: RenderOptions): Json {
    const td = typeDef(rec.type);
    const precision = this.precisionOf(rec);
    const out: Json = { links: [{ rel: 'self', href: recordHref(opts.base, rec.type, rec.id) }] };
    for (const fd of td.fields) {
      if (!isActive(fd, this.features) || fd.kind.k === 'array') continue;
      if (opts.only && fd.name !== 'id' && !opts.only.has(fd.name.toLowerCase())) continue;
      if (fd.kind.k === 'sublist') {
        out[fd.name] = opts.expand
          ? this.sublist(rec, fd, opts.base)
          : { links: [{ rel: 'self', href: `${recordHref(opts.base, rec.type, rec.id)}/${fd.name.toLowerCase()}` }] };
        continue;
      }
      // Tables name the creation time `createdDate` on transactions and items, `dateCreated` on customers.
      const v = fd.name === 'createdDate' ? (rec.f.createdDate ?? rec.f.dateCreated) : rec.f[fd.name];
      if (v === undefined || v === null) continue;
      out[fd.name] = this.value(fd, v, precision, opts.base);
    }
    out.id = rec.id;
    return out;
  }
}
