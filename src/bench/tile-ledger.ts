// A large ledger made of K copies of a seeded one, written straight into SQLite: seeding a 1M-object ledger the way
// seed-ledger.ts does (one generated world in memory, every operation linked through full plans) is not feasible
// here. The base ledger, seeded, linked and planned with nothing left to do, is copied as tile 0; tiles 1 … K−1 are
// its rows with every Stripe id of the account's own objects given the tile's suffix (tile-ids.ts) in every table the
// plan reads: snapshots (and their content hashes), links, the incremental-planning index (`plan_refs`,
// `plan_dirty`, `plan_pending`), the parked partitions with their members and waits, and the objects set aside. So the
// result is in the state of a ledger of K independent accounts' worth of customers that was synced and planned:
// an incremental plan reads only what changed. Streaming: the base is read a batch of rows at a time and each row
// is written K−1 times, so memory follows the batch, not the ledger.
import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteDatabase } from '../ledger/sqlite-driver.js';
import { placeholders } from '../ledger/batched-select.js';
import { SHARED_TYPES } from '../plan/object-references.js';
import { canonicalJson } from '../stripe-objects/canonical-json.js';
import { canonicalHash } from '../ledger/snapshots.js';
import { isTileableId, tileRewriter } from './tile-ids.js';

export interface TileLedgerOptions {
  /** Copies of the base, the base itself included (≥ 1). */
  tiles: number;
  log?: (line: string) => void;
}

export interface TileLedgerResult {
  tiles: number;
  objects: number;
  links: number;
  ms: number;
  /** The ledger file's size once written (its write-ahead log checkpointed into it). */
  bytes: number;
}

/** Rows written per transaction. */
const BATCH_ROWS = 20_000;

/** NetSuite internal ids of tile k: the base's shifted past every base id, so no two tiles share a record. */
const internalIdOf = (id: string, k: number, span: number) => (/^\d+$/.test(id) ? String(Number(id) + k * span) : `${id}-${k}`);

/**
 * Writes the tiled ledger to `target` (which must not exist) from the ledger at `base` (closed, so its file holds
 * everything). Throws when the base holds an id the tiling cannot rewrite (tiles would share an object).
 */
export function tileLedger(base: string, target: string, o: TileLedgerOptions): TileLedgerResult {
  const t0 = performance.now();
  if (!Number.isInteger(o.tiles) || o.tiles < 1) throw new Error(`tiles must be a whole number ≥ 1, not ${o.tiles}`);
  fs.copyFileSync(base, target, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(target, 0o600);
  const from = new SqliteDatabase(base, { readonly: true });
  // The copy holds the schema and is in WAL mode already; it keeps the base file's owner-only permissions.
  const to = new SqliteDatabase(target);
  try {
    // A bulk load: a crash leaves a file the bench deletes anyway, and a larger page cache keeps the id indexes' pages.
    to.pragma('synchronous = OFF');
    to.pragma('cache_size = -262144');
    const shared = new Set(
      from.prepare(`SELECT id FROM stripe_objects WHERE type IN (${placeholders(SHARED_TYPES.length)})`).pluck().all(...SHARED_TYPES) as string[],
    );
    checkRewritable(from, shared);
    const rewrite = Array.from({ length: o.tiles }, (_, k) => (k === 0 ? (s: string) => s : tileRewriter(k, shared)));
    const maxInternal = from.prepare("SELECT MAX(CAST(internal_id AS INTEGER)) FROM links WHERE internal_id GLOB '[0-9]*'").pluck().get() as number | null;
    const span = 10 ** String(maxInternal ?? 0).length;

    let pendingRows = 0;
    let open = false;
    const begin = () => {
      if (!open) to.exec('BEGIN');
      open = true;
    };
    const wrote = (n: number) => {
      pendingRows += n;
      if (pendingRows >= BATCH_ROWS) {
        to.exec('COMMIT');
        open = false;
        pendingRows = 0;
      }
    };
    /** Each row of `select` written once per tile 1 … K−1 by `write`. */
    const copy = <R>(what: string, select: string, write: (row: R, k: number) => void) => {
      o.log?.(`tiling ${what} ×${o.tiles}`);
      for (const row of from.prepare(select).iterate() as IterableIterator<R>) {
        begin();
        for (let k = 1; k < o.tiles; k++) write(row, k);
        wrote(o.tiles - 1);
      }
    };

    const insertObject = to.prepare(
      `INSERT INTO stripe_objects (id, type, created, hash, json, final, payout, first_seen, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    type ObjectRow = { id: string; type: string; created: number; json: string; final: number; payout: string | null; first_seen: number; updated_at: number };
    let canonical = '';
    copy<ObjectRow>(
      'snapshots',
      `SELECT id, type, created, json, final, payout, first_seen, updated_at FROM stripe_objects
       WHERE type NOT IN (${SHARED_TYPES.map((t) => `'${t}'`).join(', ')}) ORDER BY rowid`,
      (r, k) => {
        // Ids are values, never keys, so the canonical JSON of the rewritten object is the rewritten canonical JSON.
        if (k === 1) canonical = canonicalJson(JSON.parse(r.json));
        const t = rewrite[k];
        const hash = canonicalHash(t(canonical));
        insertObject.run(t(r.id), r.type, r.created, hash, t(r.json), r.final, r.payout === null ? null : t(r.payout), r.first_seen, r.updated_at);
      },
    );

    // A link whose key names no id of the account's own (a global item, the global customer, a price or coupon item)
    // is the shared record of every tile: written once, by the base. Its body hash is the base record's (the plan
    // never reads it).
    const insertLink = to.prepare(
      `INSERT OR IGNORE INTO links (op_key, record_type, external_id, internal_id, stripe_id, body_hash, run_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    type LinkRow = { op_key: string; record_type: string; external_id: string; internal_id: string; stripe_id: string; body_hash: string; run_id: number | null; created_at: number };
    copy<LinkRow>('links', 'SELECT * FROM links ORDER BY rowid', (r, k) => {
      const t = rewrite[k];
      const key = t(r.op_key);
      if (key === r.op_key) return;
      insertLink.run(key, r.record_type, t(r.external_id), internalIdOf(r.internal_id, k, span), t(r.stripe_id), r.body_hash, r.run_id, r.created_at);
    });

    const insertRef = to.prepare('INSERT OR IGNORE INTO plan_refs (id, ref) VALUES (?, ?)');
    copy<{ id: string; ref: string }>('partition edges', 'SELECT id, ref FROM plan_refs', (r, k) => insertRef.run(rewrite[k](r.id), rewrite[k](r.ref)));
    const insertDirty = to.prepare('INSERT OR IGNORE INTO plan_dirty (id, version) VALUES (?, ?)');
    copy<{ id: string; version: number }>('changes not yet planned', 'SELECT id, version FROM plan_dirty', (r, k) =>
      insertDirty.run(rewrite[k](r.id), r.version),
    );
    const insertPending = to.prepare('INSERT OR IGNORE INTO plan_pending (id) VALUES (?)');
    copy<{ id: string }>('pending objects', 'SELECT id FROM plan_pending', (r, k) => insertPending.run(rewrite[k](r.id)));
    const insertInvalid = to.prepare('INSERT OR IGNORE INTO invalid_objects (stripe_id, type, problem, at) VALUES (?, ?, ?, ?)');
    type InvalidRow = { stripe_id: string; type: string; problem: string; at: number };
    copy<InvalidRow>('objects set aside', 'SELECT * FROM invalid_objects', (r, k) =>
      insertInvalid.run(rewrite[k](r.stripe_id), r.type, rewrite[k](r.problem), r.at),
    );

    // Parked partitions: each base unit becomes a unit per tile; its members and waits follow the unit.
    const units = new Map<number, number[]>();
    const insertParked = to.prepare('INSERT INTO plan_parked (side, ids, operations) VALUES (?, ?, ?)');
    copy<{ unit: number; side: string; ids: string; operations: string }>('parked partitions', 'SELECT * FROM plan_parked ORDER BY unit', (r, k) => {
      const unit = Number(insertParked.run(r.side, rewrite[k](r.ids), rewrite[k](r.operations)).lastInsertRowid);
      if (!units.has(r.unit)) units.set(r.unit, [r.unit]);
      units.get(r.unit)!.push(unit);
    });
    const insertMember = to.prepare('INSERT OR IGNORE INTO plan_parked_members (id, unit) VALUES (?, ?)');
    copy<{ id: string; unit: number }>('parked partitions\' members', 'SELECT id, unit FROM plan_parked_members', (r, k) =>
      insertMember.run(rewrite[k](r.id), units.get(r.unit)![k]),
    );
    const insertWait = to.prepare('INSERT OR IGNORE INTO plan_waits (key, unit) VALUES (?, ?)');
    copy<{ key: string; unit: number }>('parked partitions\' waits', 'SELECT key, unit FROM plan_waits', (r, k) =>
      insertWait.run(rewrite[k](r.key), units.get(r.unit)![k]),
    );
    if (open) to.exec('COMMIT');
    to.pragma('wal_checkpoint(TRUNCATE)');
    const count = (table: string) => to.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    return { tiles: o.tiles, objects: count('stripe_objects'), links: count('links'), ms: performance.now() - t0, bytes: fs.statSync(target).size };
  } finally {
    from.close();
    to.close();
  }
}

/**
 * Every id that joins objects (a snapshot's id, both ends of a partition edge, a parked partition's member) must be
 * one the tiling rewrites or a shared one: an id left alone would be one object of every tile, joining them all.
 */
function checkRewritable(from: BetterSqlite3.Database, shared: ReadonlySet<string>): void {
  const ids = from.prepare(
    `SELECT id FROM stripe_objects UNION SELECT id FROM plan_refs UNION SELECT ref FROM plan_refs UNION SELECT id FROM plan_parked_members`,
  ).pluck();
  for (const id of ids.iterate() as IterableIterator<string>) {
    if (!shared.has(id) && !isTileableId(id)) throw new Error(`cannot tile the ledger: ${id} is not a Stripe id the tiling rewrites`);
  }
}
