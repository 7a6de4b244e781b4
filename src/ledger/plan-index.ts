// What incremental planning keeps in the ledger: which objects changed since their partition was last planned with
// nothing left to do (`plan_dirty`), and every object's partition edges (`plan_refs`), so that the partitions to plan
// again are found from the changes alone, never from a scan of the ledger (run/plan-changed-partitions.ts).
import type BetterSqlite3 from 'better-sqlite3';
import type { Ledger } from './open-ledger.js';
import { placeholders, selectBatched } from './batched-select.js';
import { prepared } from './prepared.js';

/** Records that these objects' plan input changed, as of content version `version` (same transaction as the change). */
export function markPlanDirty(sqlite: BetterSqlite3.Database, ids: Iterable<string>, version: number): void {
  const mark = prepared(
    sqlite,
    'INSERT INTO plan_dirty (id, version) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET version = excluded.version',
  );
  for (const id of ids) mark.run(id, version);
}

/** Replaces the objects whose partitions still have operations to apply (planned again, but not changed). */
export function replacePlanPending(sqlite: BetterSqlite3.Database, ids: Iterable<string>): void {
  sqlite.exec('DELETE FROM plan_pending');
  const insert = prepared(sqlite, 'INSERT OR IGNORE INTO plan_pending (id) VALUES (?)');
  for (const id of ids) insert.run(id);
}

export function planPendingIds(sqlite: BetterSqlite3.Database): string[] {
  return sqlite.prepare('SELECT id FROM plan_pending ORDER BY id').pluck().all() as string[];
}

/** Replaces an object's partition edges. */
export function writePlanRefs(sqlite: BetterSqlite3.Database, id: string, refs: readonly string[]): void {
  prepared(sqlite, 'DELETE FROM plan_refs WHERE id = ?').run(id);
  const insert = prepared(sqlite, 'INSERT OR IGNORE INTO plan_refs (id, ref) VALUES (?, ?)');
  for (const ref of refs) insert.run(id, ref);
}

export function clearPlanRefs(sqlite: BetterSqlite3.Database): void {
  sqlite.exec('DELETE FROM plan_refs');
}

/** The changed objects, in id order. */
export function planDirtyIds(sqlite: BetterSqlite3.Database): string[] {
  return (sqlite.prepare('SELECT id FROM plan_dirty ORDER BY id').pluck().all() as string[]);
}

/**
 * Forgets the changes of these objects that a plan made at content version `planned` has seen; a change recorded
 * after it (a link the same run wrote) stays for the next run.
 */
export function clearPlanDirty(sqlite: BetterSqlite3.Database, ids: Iterable<string>, planned: number): void {
  const clear = prepared(sqlite, 'DELETE FROM plan_dirty WHERE id = ? AND version <= ?');
  sqlite.transaction(() => {
    for (const id of ids) clear.run(id, planned);
  })();
}

export function clearAllPlanDirty(sqlite: BetterSqlite3.Database, planned: number): void {
  sqlite.prepare('DELETE FROM plan_dirty WHERE version <= ?').run(planned);
}

/**
 * The connected objects (following partition edges both ways) of the given ids: the ids of the partition groups
 * they belong to, ledger or not (a reference to an object the ledger lacks still joins two groups, as it does in
 * the full survey). Costs the size of those groups.
 */
export function groupsOf(sqlite: BetterSqlite3.Database, seeds: Iterable<string>): Set<string> {
  const out = prepared(sqlite, 'SELECT ref FROM plan_refs WHERE id = ?').pluck();
  const into = prepared(sqlite, 'SELECT id FROM plan_refs WHERE ref = ?').pluck();
  const seen = new Set<string>();
  const todo: string[] = [];
  for (const id of seeds) if (!seen.has(id)) {
    seen.add(id);
    todo.push(id);
  }
  while (todo.length > 0) {
    const id = todo.pop()!;
    for (const next of [...(out.all(id) as string[]), ...(into.all(id) as string[])]) {
      if (!seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return seen;
}

/** The objects with a partition edge to any of these ids (the objects that refer to them). */
export function referrersOf(ledger: Ledger, ids: readonly string[]): string[] {
  return selectBatched<{ id: string }>(ledger, ids, (n) => `SELECT id FROM plan_refs WHERE ref IN (${placeholders(n)})`).map((r) => r.id);
}

const INDEX_KEY = 'plan_index';

/**
 * The fingerprint (settings and account) of the last full plan whose outcome `plan_dirty` continues; empty while a
 * full plan is under way (a crash in it leaves the next run a full plan again).
 */
export function readPlanIndexFingerprint(sqlite: BetterSqlite3.Database): string | undefined {
  const row = sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(INDEX_KEY) as { value: string } | undefined;
  return row?.value || undefined;
}

export function writePlanIndexFingerprint(sqlite: BetterSqlite3.Database, fingerprint: string): void {
  sqlite
    .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(INDEX_KEY, fingerprint);
}
