// Stripe object snapshots: stored as returned, keyed by id, replaced only when the content hash changes.
import { createHash } from 'node:crypto';
import type { Ledger } from './open-ledger.js';
import { bumpContentVersion } from './content-version.js';
import { markPlanDirty, writePlanRefs } from './plan-index.js';
import { objectReferences, partitionedType } from '../plan/object-references.js';

export interface StripeObjectLike {
  id: string;
  object: string;
  created?: number;
  [key: string]: unknown;
}

export interface StoredSnapshot<T = StripeObjectLike> {
  id: string;
  type: string;
  created: number;
  hash: string;
  final: boolean;
  payout: string | null;
  object: T;
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * JSON with object keys sorted, so equal content always hashes equal. Written out directly rather than through
 * a JSON.stringify replacer that copies every object sorted: extraction hashes every snapshot, and the copies
 * were most of a backfill's allocations. The output is byte for byte what that replacer gave (test/ledger).
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) as string;
}

function canonical(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value); // undefined for undefined, functions, symbols
  const v = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  if (v === null || typeof v !== 'object') return canonical(v);
  if (Array.isArray(v)) return `[${v.map((item) => canonical(item) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const key of sortedKeys(v)) {
    // The replacer's sorted copy lost `__proto__` (assigning it sets the prototype): so does this.
    if (key === '__proto__') continue;
    const item = canonical((v as Record<string, unknown>)[key]);
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${parts.join(',')}}`;
}

const ARRAY_INDEX = /^(0|[1-9]\d{0,9})$/;
const isArrayIndex = (k: string) => {
  const first = k.charCodeAt(0); // most keys start with a letter: skip the regex for them (hot path of extraction)
  return first >= 48 && first <= 57 && ARRAY_INDEX.test(k) && Number(k) < 4294967295;
};

/** Sorted keys in the order an object built from them enumerates: array-index keys first, numerically. */
function sortedKeys(v: object): string[] {
  const keys = Object.keys(v).sort();
  if (!keys.some(isArrayIndex)) return keys;
  const indexes = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((k) => !isArrayIndex(k))];
}

export interface UpsertOptions {
  /** No later change can matter for this object (see extract's finality rules). */
  final: boolean;
  /** For balance transactions listed under a payout. */
  payout?: string | null;
  now: number;
  /** `contentHash(object)`, when the caller has computed it already. */
  hash?: string;
}

export type UpsertOutcome = 'inserted' | 'changed' | 'unchanged';

/**
 * Stores many snapshots in one transaction. Returns what happened to each, so extraction can count
 * changes. A prepared statement on the raw handle: this is the hot path of a 100k-object backfill.
 */
export function upsertSnapshots(
  ledger: Ledger,
  items: Array<{ object: StripeObjectLike; options: UpsertOptions }>,
): UpsertOutcome[] {
  const select = ledger.sqlite.prepare('SELECT hash, payout, final FROM stripe_objects WHERE id = ?');
  const insert = ledger.sqlite.prepare(
    `INSERT INTO stripe_objects (id, type, created, hash, json, final, payout, first_seen, updated_at)
     VALUES (@id, @type, @created, @hash, @json, @final, @payout, @now, @now)`,
  );
  const update = ledger.sqlite.prepare(
    `UPDATE stripe_objects SET hash = @hash, json = @json, final = @final, payout = COALESCE(@payout, payout),
       created = @created, updated_at = @now WHERE id = @id`,
  );
  const setPayout = ledger.sqlite.prepare('UPDATE stripe_objects SET payout = @payout WHERE id = @id');
  const run = ledger.sqlite.transaction(() => {
    /** What the plan must look at again (plan-index.ts): content changed, or a payout learned. */
    const touched: string[] = [];
    const outcomes = items.map(({ object, options }): UpsertOutcome => {
      const hash = options.hash ?? contentHash(object);
      const existing = select.get(object.id) as { hash: string; payout: string | null; final: number } | undefined;
      const row = {
        id: object.id,
        type: object.object,
        created: typeof object.created === 'number' ? object.created : 0,
        hash,
        json: JSON.stringify(object),
        final: options.final ? 1 : 0,
        payout: options.payout ?? null,
        now: options.now,
      };
      if (existing && existing.hash === hash && existing.final === row.final) {
        if (row.payout && existing.payout !== row.payout) {
          setPayout.run(row);
          touched.push(object.id);
        }
        return 'unchanged';
      }
      if (existing) update.run(row);
      else insert.run(row);
      touched.push(object.id);
      if (partitionedType(object.object)) writePlanRefs(ledger.sqlite, object.id, objectReferences(object.object, object));
      return existing ? 'changed' : 'inserted';
    });
    if (touched.length > 0) markPlanDirty(ledger.sqlite, touched, bumpContentVersion(ledger.sqlite));
    return outcomes;
  });
  return run();
}

export async function getSnapshot<T = StripeObjectLike>(ledger: Ledger, id: string): Promise<StoredSnapshot<T> | undefined> {
  const row = await ledger.db.selectFrom('stripe_objects').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStored<T>(row) : undefined;
}

function toStored<T>(row: {
  id: string;
  type: string;
  created: number;
  hash: string;
  json: string;
  final: number;
  payout: string | null;
}): StoredSnapshot<T> {
  return {
    id: row.id,
    type: row.type,
    created: row.created,
    hash: row.hash,
    final: row.final === 1,
    payout: row.payout,
    object: JSON.parse(row.json) as T,
  };
}
