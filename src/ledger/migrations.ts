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
  // 2: read_failures and invalid_objects are new tables; schema.sql's CREATE IF NOT EXISTS makes them, nothing
  // older changes.
  { to: 2, up: () => undefined },
];
