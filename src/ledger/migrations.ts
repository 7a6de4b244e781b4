// Steps that bring a ledger written by an older schema up to the current one, without losing rows.
// schema.sql always describes the current tables; a migration only alters what CREATE IF NOT EXISTS
// cannot (new columns, changed indexes). Add one entry per schema_version bump.
import type BetterSqlite3 from 'better-sqlite3';

export const CURRENT_SCHEMA_VERSION = 1;

export interface Migration {
  /** The version this migration produces. */
  to: number;
  up(db: BetterSqlite3.Database): void;
}

export const MIGRATIONS: Migration[] = [
  // Example shape for the next change:
  // { to: 2, up: (db) => db.exec('ALTER TABLE stripe_objects ADD COLUMN livemode INTEGER') },
];
