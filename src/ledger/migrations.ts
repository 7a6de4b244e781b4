// Steps that bring a ledger written by an older schema up to the current one, without losing rows.
// schema.sql always describes the current tables; a migration only alters what CREATE IF NOT EXISTS
// cannot (new columns, changed indexes). Add one entry per schema_version bump.
import type BetterSqlite3 from 'better-sqlite3';

export const CURRENT_SCHEMA_VERSION = 2;

export interface Migration {
  /** The version this migration produces. */
  to: number;
  up(db: BetterSqlite3.Database): void;
}

export const MIGRATIONS: Migration[] = [
  // 2: read_failures, invalid_objects, plan_dirty and plan_refs are new tables (schema.sql's CREATE IF NOT EXISTS
  // makes them); `planned_hash` was never written nor read: what the plan must look at again is kept in
  // `plan_dirty` instead.
  {
    to: 2,
    up: (db) => {
      const columns = db.prepare('PRAGMA table_info(stripe_objects)').all() as Array<{ name: string }>;
      if (columns.some((c) => c.name === 'planned_hash')) db.exec('ALTER TABLE stripe_objects DROP COLUMN planned_hash');
    },
  },
];
