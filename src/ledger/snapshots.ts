// Stripe object snapshots: stored as returned, keyed by id, replaced only when the content hash changes.
import { createHash } from 'node:crypto';
import type { Ledger } from './open-ledger.js';
import { bumpContentVersion } from './content-version.js';
import { markPlanDirty, writePlanRefs } from './plan-index.js';
import { objectReferences, partitionedType } from '../plan/object-references.js';
import { canonicalJson } from '../stripe-objects/canonical-json.js';

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
  return canonicalHash(canonicalJson(value));
}

/** The content hash of a value given as its canonical JSON. */
export function canonicalHash(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
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
