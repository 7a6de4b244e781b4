// Opens (creating the file if needed, never its directory) the SQLite ledger: owner-only file permissions, WAL, schema applied and migrated.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteDatabase } from './sqlite-driver.js';
import { Kysely, SqliteDialect } from 'kysely';
import type { LedgerSchema } from './tables.js';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS } from './migrations.js';

export interface Ledger {
  db: Kysely<LedgerSchema>;
  /** The raw handle, for the few hot paths (bulk snapshot upserts) where a prepared statement matters. */
  sqlite: BetterSqlite3.Database;
  path: string;
  close(): Promise<void>;
}

const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema.sql');

function schemaSql(): string {
  return fs.readFileSync(SCHEMA_FILE, 'utf8');
}

export function openLedger(file: string): Ledger {
  if (file !== ':memory:') {
    // A mistyped LEDGER_PATH must not start a fresh ledger somewhere new (and re-sync everything): the directory
    // has to exist already (the CLI reports this as a configuration error before anything runs).
    const dir = path.dirname(path.resolve(file));
    if (!fs.existsSync(dir)) throw new Error(`ledger directory ${dir} does not exist`);
    if (!fs.existsSync(file)) {
      // Create it ourselves so it is never world-readable, even for an instant.
      fs.closeSync(fs.openSync(file, 'wx', 0o600));
    }
    fs.chmodSync(file, 0o600);
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // SQLite's own default page cache (2 MB; better-sqlite3 builds with 16 MB): the ledger is read in scans and point
  // lookups the OS page cache serves as well, and a backfill's sort of every snapshot (the plan's survey) grows the
  // cache to its limit, which then stays in the process's resident memory.
  sqlite.pragma('cache_size = -2000');
  migrate(sqlite);
  for (const suffix of ['-wal', '-shm']) {
    if (file !== ':memory:' && fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o600);
  }
  const db = new Kysely<LedgerSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    sqlite,
    path: file,
    close: async () => {
      await db.destroy();
      // Kysely closes the handle only if it ever ran a query; the hot paths use the raw handle alone, and a handle
      // left open keeps the write-ahead log out of the file (a copy of the file would miss it).
      if (sqlite.open) sqlite.close();
    },
  };
}

function migrate(sqlite: BetterSqlite3.Database): void {
  const hasMeta = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
    .get();
  const from = hasMeta
    ? Number(
        (sqlite.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value?: string } | undefined)
          ?.value ?? 0,
      )
    : 0;
  if (from > CURRENT_SCHEMA_VERSION) {
    throw new Error(
      `ledger schema_version ${from} is newer than this program's ${CURRENT_SCHEMA_VERSION}: upgrade stripe-netsuite`,
    );
  }
  sqlite.transaction(() => {
    if (from > 0) {
      for (const m of MIGRATIONS) if (m.to > from) m.up(sqlite);
    }
    sqlite.exec(schemaSql());
    sqlite
      .prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(String(CURRENT_SCHEMA_VERSION));
  })();
}
