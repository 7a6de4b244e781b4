// Partitions whose plan holds only blocked operations ("parked"). Planning them again changes nothing until what
// they wait for changes, so a run repeats their operations from here instead of planning them (issue 14 item 2).
// What they wait for: a link for an operation key the plan looked up and did not find (`plan_waits`, woken by
// markDone), a change to one of their objects or to an object they refer to (plan_dirty and plan_refs reach them),
// and the settings, account and connector version (a changed fingerprint plans everything).
import type BetterSqlite3 from 'better-sqlite3';
import { placeholders } from './batched-select.js';
import { prepared } from './prepared.js';

export interface ParkedPartition {
  unit: number;
  side: 'customer' | 'deposit';
  /** Its objects (payouts on the deposit side). */
  ids: string[];
  /** Its operations as planned, JSON. */
  operations: string;
}

/** Parks a partition (`reads`: what it read besides its own objects); returns its unit number. */
export function parkPartition(
  sqlite: BetterSqlite3.Database,
  p: { side: ParkedPartition['side']; ids: readonly string[]; reads: readonly string[]; operations: string; waits: Iterable<string> },
): number {
  const insert = prepared(sqlite, 'INSERT INTO plan_parked (side, ids, operations) VALUES (?, ?, ?)');
  const unit = Number(insert.run(p.side, JSON.stringify(p.ids), p.operations).lastInsertRowid);
  const member = prepared(sqlite, 'INSERT OR IGNORE INTO plan_parked_members (id, unit) VALUES (?, ?)');
  for (const id of p.ids) member.run(id, unit);
  for (const id of p.reads) member.run(id, unit);
  const wait = prepared(sqlite, 'INSERT OR IGNORE INTO plan_waits (key, unit) VALUES (?, ?)');
  for (const key of p.waits) wait.run(key, unit);
  return unit;
}

/** Every parked partition (their count is the blocked work's, not the ledger's). */
export function parkedPartitions(sqlite: BetterSqlite3.Database): ParkedPartition[] {
  const rows = sqlite.prepare('SELECT unit, side, ids, operations FROM plan_parked ORDER BY unit').all() as Array<
    Omit<ParkedPartition, 'ids'> & { ids: string }
  >;
  return rows.map((r) => ({ ...r, ids: JSON.parse(r.ids) as string[] }));
}

/** The parked units of this side holding or having read any of these objects. */
export function parkedUnitsOf(sqlite: BetterSqlite3.Database, side: ParkedPartition['side'], ids: readonly string[]): Set<number> {
  const units = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const sql =
      `SELECT DISTINCT m.unit FROM plan_parked_members m JOIN plan_parked p ON p.unit = m.unit ` +
      `WHERE p.side = ? AND m.id IN (${placeholders(batch.length)})`;
    for (const u of sqlite.prepare(sql).pluck().all(side, ...batch) as number[]) units.add(u);
  }
  return units;
}

export function unparkPartitions(sqlite: BetterSqlite3.Database, units: Iterable<number>): void {
  for (const unit of units) {
    prepared(sqlite, 'DELETE FROM plan_waits WHERE unit = ?').run(unit);
    prepared(sqlite, 'DELETE FROM plan_parked_members WHERE unit = ?').run(unit);
    prepared(sqlite, 'DELETE FROM plan_parked WHERE unit = ?').run(unit);
  }
}

export function clearParkedPartitions(sqlite: BetterSqlite3.Database): void {
  sqlite.exec('DELETE FROM plan_waits; DELETE FROM plan_parked_members; DELETE FROM plan_parked;');
}

/** The objects of the parked partitions waiting for a link for `key` (what markDone marks changed). */
export function objectsWaitingFor(sqlite: BetterSqlite3.Database, key: string): string[] {
  return prepared(sqlite, 'SELECT m.id FROM plan_waits w JOIN plan_parked_members m ON m.unit = w.unit WHERE w.key = ?')
    .pluck()
    .all(key) as string[];
}
