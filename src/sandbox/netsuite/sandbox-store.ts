// The sandbox account's state in SQLite: records as JSON, plus the bookkeeping tables NetSuite keeps
// implicitly (applications, deposit links, GL lines, references), nonces and OAuth 2.0 tokens.
import type Database from 'better-sqlite3';
import { SqliteDatabase } from '../../ledger/sqlite-driver.js';
import { transact } from '../../ledger/transact.js';
import type { Family, TypeName } from './record-schema.js';

export interface StoredRecord {
  family: Family;
  id: string;
  type: TypeName;
  /** Canonical field names; references as id strings; money as integer minor units. */
  f: Record<string, unknown>;
}

export interface GlLine {
  account: string;
  currency: string;
  entity?: string;
  debit: number;
  credit: number;
}

export interface Application {
  src: string;
  dst: string;
  amount: number;
}

interface RecordRow {
  family: Family;
  id: number;
  type: TypeName;
  data: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
  family TEXT NOT NULL, id INTEGER NOT NULL, type TEXT NOT NULL, external_id TEXT, data TEXT NOT NULL,
  PRIMARY KEY (family, id));
CREATE UNIQUE INDEX IF NOT EXISTS records_external_id ON records(type, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_type ON records(type, id);
CREATE INDEX IF NOT EXISTS records_entity_id ON records(type, json_extract(data, '$.entityId'));
CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, next INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS applications (src INTEGER NOT NULL, dst INTEGER NOT NULL, amount INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS applications_src ON applications(src);
CREATE INDEX IF NOT EXISTS applications_dst ON applications(dst);
CREATE TABLE IF NOT EXISTS deposited (tx INTEGER PRIMARY KEY, deposit INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS deposited_deposit ON deposited(deposit);
CREATE TABLE IF NOT EXISTS gl_lines (
  tx INTEGER NOT NULL, account INTEGER NOT NULL, currency INTEGER NOT NULL, entity INTEGER,
  debit INTEGER NOT NULL, credit INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS gl_lines_tx ON gl_lines(tx);
CREATE INDEX IF NOT EXISTS gl_lines_entity ON gl_lines(entity);
CREATE TABLE IF NOT EXISTS refs (src_family TEXT NOT NULL, src_id INTEGER NOT NULL, dst_family TEXT NOT NULL, dst_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS refs_src ON refs(src_family, src_id);
CREATE INDEX IF NOT EXISTS refs_dst ON refs(dst_family, dst_id);
CREATE TABLE IF NOT EXISTS nonces (token TEXT NOT NULL, nonce TEXT NOT NULL, ts INTEGER NOT NULL, PRIMARY KEY (token, nonce, ts)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS access_tokens (token TEXT PRIMARY KEY, expires INTEGER NOT NULL) WITHOUT ROWID;
`;

export class SandboxStore {
  readonly db: Database.Database;
  private readonly s;
  /**
   * periodOf by date, dropped whenever an accounting period is written: the query reads every period's JSON, and
   * every transaction posted asks it (8% of this sandbox's CPU in `bench --sync-throughput`).
   */
  private readonly periods = new Map<string, RecordRow | undefined>();

  constructor(file: string) {
    this.db = new SqliteDatabase(file);
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    const db = this.db;
    this.s = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      get: db.prepare<[string, number], RecordRow>('SELECT family, id, type, data FROM records WHERE family = ? AND id = ?'),
      byEid: db.prepare<[string, string], RecordRow>('SELECT family, id, type, data FROM records WHERE type = ? AND external_id = ?'),
      insert: db.prepare('INSERT INTO records(family, id, type, external_id, data) VALUES (?, ?, ?, ?, ?)'),
      update: db.prepare('UPDATE records SET external_id = ?, data = ? WHERE family = ? AND id = ?'),
      delete: db.prepare('DELETE FROM records WHERE family = ? AND id = ?'),
      listIds: db.prepare<[string, number, number], { id: number }>('SELECT id FROM records WHERE type = ? ORDER BY id LIMIT ? OFFSET ?'),
      byEntityId: db.prepare<[string], { id: number }>(
        `SELECT id FROM records WHERE type = 'customer' AND json_extract(data, '$.entityId') = ?`,
      ),
      periodOf: db.prepare<[string, string], RecordRow>(
        `SELECT family, id, type, data FROM records WHERE type = 'accountingPeriod'
           AND json_extract(data, '$.startDate') <= ? AND json_extract(data, '$.endDate') >= ?
           AND NOT COALESCE(json_extract(data, '$.isQuarter'), 0) AND NOT COALESCE(json_extract(data, '$.isYear'), 0)
         ORDER BY id LIMIT 1`,
      ),
      count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM records WHERE type = ?'),
      byFamily: db.prepare<[string], RecordRow>('SELECT family, id, type, data FROM records WHERE family = ? ORDER BY id'),
      nextSeq: db.prepare<[string], { next: number }>(
        'INSERT INTO sequences(name, next) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET next = next + 1 RETURNING next',
      ),
      bumpSeq: db.prepare('INSERT INTO sequences(name, next) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET next = MAX(next, excluded.next)'),
      appsDelete: db.prepare('DELETE FROM applications WHERE src = ?'),
      appsInsert: db.prepare('INSERT INTO applications(src, dst, amount) VALUES (?, ?, ?)'),
      appsFrom: db.prepare<[number], { src: number; dst: number; amount: number }>('SELECT src, dst, amount FROM applications WHERE src = ?'),
      appsTo: db.prepare<[number], { src: number; dst: number; amount: number }>('SELECT src, dst, amount FROM applications WHERE dst = ?'),
      depositOf: db.prepare<[number], { deposit: number }>('SELECT deposit FROM deposited WHERE tx = ?'),
      depositedBy: db.prepare<[number], { tx: number }>('SELECT tx FROM deposited WHERE deposit = ?'),
      depositedDelete: db.prepare('DELETE FROM deposited WHERE deposit = ?'),
      depositedInsert: db.prepare('INSERT INTO deposited(tx, deposit) VALUES (?, ?)'),
      glDelete: db.prepare('DELETE FROM gl_lines WHERE tx = ?'),
      glInsert: db.prepare('INSERT INTO gl_lines(tx, account, currency, entity, debit, credit) VALUES (?, ?, ?, ?, ?, ?)'),
      glByTx: db.prepare<[number], { account: number; currency: number; entity: number | null; debit: number; credit: number }>(
        'SELECT account, currency, entity, debit, credit FROM gl_lines WHERE tx = ?',
      ),
      trialBalance: db.prepare<[], { account: number; currency: number; debit: number; credit: number }>(
        'SELECT account, currency, SUM(debit) AS debit, SUM(credit) AS credit FROM gl_lines GROUP BY account, currency ORDER BY account, currency',
      ),
      customerAr: db.prepare<[number], { account: number; currency: number; debit: number; credit: number }>(
        `SELECT g.account, g.currency, SUM(g.debit) AS debit, SUM(g.credit) AS credit FROM gl_lines g
         JOIN records a ON a.family = 'account' AND a.id = g.account
         WHERE g.entity = ? AND json_extract(a.data, '$.acctType') = 'AcctRec' GROUP BY g.account, g.currency`,
      ),
      refsDelete: db.prepare('DELETE FROM refs WHERE src_family = ? AND src_id = ?'),
      refsInsert: db.prepare('INSERT INTO refs(src_family, src_id, dst_family, dst_id) VALUES (?, ?, ?, ?)'),
      dependents: db.prepare<[string, number, string, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM refs WHERE dst_family = ? AND dst_id = ? AND NOT (src_family = ? AND src_id = ?)',
      ),
      nonceInsert: db.prepare('INSERT OR IGNORE INTO nonces(token, nonce, ts) VALUES (?, ?, ?)'),
      noncePrune: db.prepare('DELETE FROM nonces WHERE ts < ?'),
      tokenInsert: db.prepare('INSERT INTO access_tokens(token, expires) VALUES (?, ?)'),
      tokenGet: db.prepare<[string], { expires: number }>('SELECT expires FROM access_tokens WHERE token = ?'),
      tokenPrune: db.prepare('DELETE FROM access_tokens WHERE expires < ?'),
    };
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(fn: () => T): T {
    try {
      return transact(this.db, fn);
    } catch (err) {
      this.periods.clear(); // a period written and read inside the rolled-back transaction
      throw err;
    }
  }

  getMeta(key: string): string | undefined {
    return this.s.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.s.setMeta.run(key, value);
  }

  private fromRow(row: RecordRow | undefined): StoredRecord | undefined {
    return row ? { family: row.family, id: String(row.id), type: row.type, f: JSON.parse(row.data) as Record<string, unknown> } : undefined;
  }

  get(family: Family, id: string): StoredRecord | undefined {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    return this.fromRow(this.s.get.get(family, Number(id)));
  }

  byExternalId(type: TypeName, externalId: string): StoredRecord | undefined {
    return this.fromRow(this.s.byEid.get(type, externalId));
  }

  /** The monthly (posting) accounting period whose dates include `date` (YYYY-MM-DD). */
  periodOf(date: string): StoredRecord | undefined {
    if (!this.periods.has(date)) this.periods.set(date, this.s.periodOf.get(date, date));
    return this.fromRow(this.periods.get(date));
  }

  /** Customers whose entityId is exactly this (NetSuite keeps entity ids unique). */
  customerIdsByEntityId(entityId: string): string[] {
    return this.s.byEntityId.all(entityId).map((r) => String(r.id));
  }

  nextId(family: Family): string {
    return String(this.s.nextSeq.get(`id:${family}`)!.next);
  }

  /** Seeds keep their fixed ids; later ids continue after them. */
  reserveId(family: Family, id: string): void {
    this.s.bumpSeq.run(`id:${family}`, Number(id));
  }

  nextTranId(type: TypeName): string {
    return String(this.s.nextSeq.get(`tranid:${type}`)!.next);
  }

  private written(rec: StoredRecord): void {
    if (rec.type === 'accountingPeriod') this.periods.clear();
  }

  insert(rec: StoredRecord): void {
    this.written(rec);
    this.s.insert.run(rec.family, Number(rec.id), rec.type, externalIdOf(rec), JSON.stringify(rec.f));
  }

  update(rec: StoredRecord): void {
    this.written(rec);
    this.s.update.run(externalIdOf(rec), JSON.stringify(rec.f), rec.family, Number(rec.id));
  }

  delete(rec: StoredRecord): void {
    this.written(rec);
    const id = Number(rec.id);
    this.s.delete.run(rec.family, id);
    this.s.refsDelete.run(rec.family, id);
    if (rec.family === 'transaction') {
      this.s.appsDelete.run(id);
      this.s.glDelete.run(id);
      this.s.depositedDelete.run(id);
    }
  }

  listIds(type: TypeName, limit: number, offset: number): string[] {
    return this.s.listIds.all(type, limit, offset).map((r) => String(r.id));
  }

  count(type: TypeName): number {
    return this.s.count.get(type)!.n;
  }

  allOfFamily(family: Family): StoredRecord[] {
    return this.s.byFamily.all(family).map((r) => this.fromRow(r)!);
  }

  setApplications(src: string, apps: Array<{ dst: string; amount: number }>): void {
    this.s.appsDelete.run(Number(src));
    for (const a of apps) this.s.appsInsert.run(Number(src), Number(a.dst), a.amount);
  }

  applicationsFrom(src: string): Application[] {
    return this.s.appsFrom.all(Number(src)).map((r) => ({ src: String(r.src), dst: String(r.dst), amount: r.amount }));
  }

  applicationsTo(dst: string): Application[] {
    return this.s.appsTo.all(Number(dst)).map((r) => ({ src: String(r.src), dst: String(r.dst), amount: r.amount }));
  }

  depositOf(tx: string): string | undefined {
    const r = this.s.depositOf.get(Number(tx));
    return r ? String(r.deposit) : undefined;
  }

  depositedBy(deposit: string): string[] {
    return this.s.depositedBy.all(Number(deposit)).map((r) => String(r.tx));
  }

  setDeposited(deposit: string, txs: string[]): void {
    this.s.depositedDelete.run(Number(deposit));
    for (const tx of txs) this.s.depositedInsert.run(Number(tx), Number(deposit));
  }

  setGl(tx: string, lines: GlLine[]): void {
    this.s.glDelete.run(Number(tx));
    for (const l of lines) {
      this.s.glInsert.run(Number(tx), Number(l.account), Number(l.currency), l.entity ? Number(l.entity) : null, l.debit, l.credit);
    }
  }

  glOf(tx: string): GlLine[] {
    return this.s.glByTx.all(Number(tx)).map((r) => ({
      account: String(r.account),
      currency: String(r.currency),
      ...(r.entity !== null ? { entity: String(r.entity) } : {}),
      debit: r.debit,
      credit: r.credit,
    }));
  }

  trialBalanceRows(): Array<{ account: string; currency: string; debit: number; credit: number }> {
    return this.s.trialBalance.all().map((r) => ({ account: String(r.account), currency: String(r.currency), debit: r.debit, credit: r.credit }));
  }

  customerArRows(customer: string): Array<{ account: string; currency: string; debit: number; credit: number }> {
    return this.s.customerAr
      .all(Number(customer))
      .map((r) => ({ account: String(r.account), currency: String(r.currency), debit: r.debit, credit: r.credit }));
  }

  setRefs(src: StoredRecord, refs: Array<{ family: Family; id: string }>): void {
    this.s.refsDelete.run(src.family, Number(src.id));
    const seen = new Set<string>();
    for (const r of refs) {
      const k = `${r.family}:${r.id}`;
      if (seen.has(k) || (r.family === src.family && r.id === src.id)) continue;
      seen.add(k);
      this.s.refsInsert.run(src.family, Number(src.id), r.family, Number(r.id));
    }
  }

  hasDependents(rec: StoredRecord): boolean {
    return this.s.dependents.get(rec.family, Number(rec.id), rec.family, Number(rec.id))!.n > 0;
  }

  /** False when (token, nonce, timestamp) was used before. */
  claimNonce(token: string, nonce: string, ts: number, now: number): boolean {
    if (Math.random() < 0.01) this.s.noncePrune.run(now - 900);
    return this.s.nonceInsert.run(token, nonce, ts).changes === 1;
  }

  saveAccessToken(token: string, expires: number): void {
    this.s.tokenInsert.run(token, expires);
  }

  accessTokenExpiry(token: string, now: number): number | undefined {
    if (Math.random() < 0.01) this.s.tokenPrune.run(now - 3600);
    return this.s.tokenGet.get(token)?.expires;
  }
}

function externalIdOf(rec: StoredRecord): string | null {
  const e = rec.f.externalId;
  return typeof e === 'string' && e !== '' ? e : null;
}
