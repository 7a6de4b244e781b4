// Create, update, upsert, delete and transform, each in one SQLite transaction so a rejected save
// leaves nothing behind and the bookkeeping tables always match the records.
import { userError } from './ns-error.js';
import type { Patch } from './request-body.js';
import { TYPES, typeDef, type Family, type FieldDef, type TypeDef } from './record-schema.js';
import type { RecordRules } from './record-rules.js';
import type { SandboxStore, StoredRecord } from './sandbox-store.js';
import { mergeFields } from './sublist-merge.js';

function collectRefs(fields: FieldDef[], f: Record<string, unknown>, out: Array<{ family: Family; id: string }>): void {
  for (const fd of fields) {
    const v = f[fd.name];
    if (v === undefined || v === null) continue;
    const k = fd.kind;
    if (k.k === 'ref') out.push({ family: TYPES.get(k.to[0])!.family, id: String(v) });
    else if (k.k === 'multi') for (const id of v as string[]) out.push({ family: TYPES.get(k.to[0])!.family, id });
    else if (k.k === 'sublist') for (const line of v as Array<Record<string, unknown>>) collectRefs(k.lines, line, out);
  }
}

export class RecordService {
  constructor(
    private readonly store: SandboxStore,
    private readonly rules: RecordRules,
  ) {}

  private save(td: TypeDef, id: string, merged: Record<string, unknown>, isNew: boolean): StoredRecord {
    const outcome = this.rules.prepare(td, merged, id, isNew);
    const rec: StoredRecord = { family: td.family, id, type: td.name, f: outcome.fields };
    const touched = new Set<string>();
    if (td.family === 'transaction' && !isNew) {
      for (const a of this.store.applicationsFrom(id)) touched.add(a.dst);
      for (const tx of this.store.depositedBy(id)) touched.add(tx);
    }
    if (isNew) this.store.insert(rec);
    else this.store.update(rec);
    if (td.family === 'transaction') {
      this.store.setApplications(id, outcome.applications ?? []);
      for (const a of outcome.applications ?? []) touched.add(a.dst);
      if (td.name === 'deposit') {
        this.store.setDeposited(id, outcome.deposited ?? []);
        for (const tx of outcome.deposited ?? []) touched.add(tx);
      }
      this.store.setGl(id, outcome.gl ?? []);
      touched.add(id);
    }
    const refs: Array<{ family: Family; id: string }> = [];
    collectRefs(td.fields, rec.f, refs);
    this.store.setRefs(rec, refs);
    for (const t of touched) this.rules.refreshDerived(t);
    return this.store.get(td.family, id)!;
  }

  create(td: TypeDef, patch: Patch, replace: Set<string>, prefill: Record<string, unknown> = {}): StoredRecord {
    return this.store.transaction(() => {
      const id = this.store.nextId(td.family);
      return this.save(td, id, mergeFields(td, prefill, patch, replace), true);
    });
  }

  update(rec: StoredRecord, patch: Patch, replace: Set<string>): StoredRecord {
    const td = typeDef(rec.type);
    return this.store.transaction(() => this.save(td, rec.id, mergeFields(td, rec.f, patch, replace), false));
  }

  /** PUT …/eid:X: creates the record with that externalId, or updates the one that has it. */
  upsert(td: TypeDef, externalId: string, patch: Patch, replace: Set<string>): { rec: StoredRecord; created: boolean } {
    const withEid = { ...patch, externalId };
    const existing = this.store.byExternalId(td.name, externalId);
    if (existing) return { rec: this.update(existing, withEid, replace), created: false };
    return { rec: this.create(td, withEid, replace), created: true };
  }

  remove(rec: StoredRecord): void {
    this.store.transaction(() => {
      if (this.store.hasDependents(rec)) {
        throw userError('This record cannot be deleted because it has dependent records.');
      }
      const touched = rec.family === 'transaction'
        ? [...this.store.applicationsFrom(rec.id).map((a) => a.dst), ...this.store.depositedBy(rec.id)]
        : [];
      this.store.delete(rec);
      for (const t of touched) this.rules.refreshDerived(t);
    });
  }

  /** invoice → customerPayment / creditMemo, pre-filled as NetSuite does, then the body on top. */
  transform(from: StoredRecord, to: TypeDef, patch: Patch, replace: Set<string>): StoredRecord {
    const inv = from.f;
    const transformError = userError(`You can not initialize ${to.name.toLowerCase()}: invalid reference ${from.id}.`);
    if (from.type !== 'invoice') throw transformError;
    let prefill: Record<string, unknown>;
    if (to.name === 'customerPayment') {
      if (Number(inv.amountRemaining) <= 0) throw transformError;
      prefill = {
        customer: inv.entity,
        currency: inv.currency,
        subsidiary: inv.subsidiary,
        arAcct: inv.account,
        apply: [{ doc: from.id, apply: true }],
      };
    } else if (to.name === 'creditMemo') {
      const lines = (inv.item as Array<Record<string, unknown>>).map((l) => ({
        line: l.line,
        item: l.item,
        ...(l.quantity !== undefined ? { quantity: l.quantity } : {}),
        ...(l.rate !== undefined ? { rate: l.rate } : {}),
        amount: l.amount,
        ...(l.description !== undefined ? { description: l.description } : {}),
      }));
      prefill = {
        entity: inv.entity,
        currency: inv.currency,
        subsidiary: inv.subsidiary,
        account: inv.account,
        createdFrom: from.id,
        item: lines,
        apply: Number(inv.amountRemaining) > 0 ? [{ doc: from.id, apply: true }] : [],
      };
    } else {
      throw transformError;
    }
    return this.create(to, patch, replace, prefill);
  }
}
