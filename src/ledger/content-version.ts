// A counter bumped whenever what the plan reads changes (a snapshot inserted or changed, a link recorded).
// Together with the settings it fingerprints the plan's whole input, so a re-run over an unchanged ledger can
// reuse the last plan's outcome instead of reading every snapshot again.
import type BetterSqlite3 from 'better-sqlite3';
import { prepared } from './prepared.js';

/** Returns the new version (incremental planning stamps each change with it: plan-index.ts). */
export function bumpContentVersion(sqlite: BetterSqlite3.Database): number {
  const row = prepared(
    sqlite,
    `INSERT INTO meta (key, value) VALUES ('content_version', '1')
     ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) RETURNING value`,
  ).get() as { value: string };
  return Number(row.value);
}

export function readContentVersion(sqlite: BetterSqlite3.Database): string {
  const row = sqlite.prepare("SELECT value FROM meta WHERE key = 'content_version'").get() as { value: string } | undefined;
  return row?.value ?? '0';
}
