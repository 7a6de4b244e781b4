// The ledger file: created owner-only, WAL, schema applied with its version, and an older ledger migrated
// without losing rows.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteDatabase as BetterSqlite3 } from '../../src/ledger/sqlite-driver.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { CURRENT_SCHEMA_VERSION } from '../../src/ledger/migrations.js';
import { upsertSnapshots } from '../../src/ledger/snapshots.js';

describe('ledger: open, permissions, schema version', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-ledger-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // The directory must exist: a mistyped path never starts a fresh ledger somewhere new (it used to be created).
  it('never creates the directory: a missing one is an error naming it', () => {
    expect(() => openLedger(path.join(dir, 'sub', 'ledger.sqlite'))).to.throw(path.join(dir, 'sub'));
    expect(fs.existsSync(path.join(dir, 'sub'))).to.equal(false);
  });

  it('creates the file with owner-only permissions, in WAL mode, at the current schema version', async () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    const file = path.join(dir, 'sub', 'ledger.sqlite');
    const ledger = openLedger(file);
    try {
      expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
      expect(ledger.sqlite.pragma('journal_mode', { simple: true })).to.equal('wal');
      const version = await ledger.db.selectFrom('meta').select('value').where('key', '=', 'schema_version').executeTakeFirst();
      expect(Number(version?.value)).to.equal(CURRENT_SCHEMA_VERSION);
      const tables = ledger.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).to.include.members(['cursors', 'links', 'locks', 'meta', 'outbox', 'runs', 'stripe_objects']);
    } finally {
      await ledger.close();
    }
  });

  it('reopening keeps rows; a snapshot is replaced only when its content changes', async () => {
    const file = path.join(dir, 'ledger.sqlite');
    let ledger = openLedger(file);
    const obj = { id: 'in_1', object: 'invoice', created: 100, status: 'open' };
    expect(upsertSnapshots(ledger, [{ object: obj, options: { final: false, now: 1 } }])).to.deep.equal(['inserted']);
    await ledger.close();
    ledger = openLedger(file);
    try {
      expect(upsertSnapshots(ledger, [{ object: { ...obj }, options: { final: false, now: 2 } }])).to.deep.equal(['unchanged']);
      expect(upsertSnapshots(ledger, [{ object: { ...obj, status: 'paid' }, options: { final: true, now: 3 } }])).to.deep.equal(['changed']);
      const row = ledger.sqlite.prepare('SELECT final, updated_at, json FROM stripe_objects WHERE id = ?').get('in_1') as { final: number; updated_at: number; json: string };
      expect(row.final).to.equal(1);
      expect(row.updated_at).to.equal(3);
      expect(JSON.parse(row.json).status).to.equal('paid');
    } finally {
      await ledger.close();
    }
  });

  it('refuses a ledger written by a newer schema, naming both versions', () => {
    const file = path.join(dir, 'ledger.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('schema_version', '99');");
    raw.close();
    expect(() => openLedger(file)).to.throw(new RegExp(`schema_version 99 is newer than this program's ${CURRENT_SCHEMA_VERSION}`));
  });

  it('brings a ledger without a schema version (pre-release) up to date without losing its rows', async () => {
    const file = path.join(dir, 'ledger.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec(`CREATE TABLE cursors (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL);
              INSERT INTO cursors VALUES ('created:invoice', '1700000000', 1);`);
    raw.close();
    const ledger = openLedger(file);
    try {
      const c = await ledger.db.selectFrom('cursors').selectAll().execute();
      expect(c).to.deep.equal([{ name: 'created:invoice', value: '1700000000', updated_at: 1 }]);
      const version = await ledger.db.selectFrom('meta').select('value').where('key', '=', 'schema_version').executeTakeFirst();
      expect(Number(version?.value)).to.equal(CURRENT_SCHEMA_VERSION);
    } finally {
      await ledger.close();
    }
  });

  it('drops the never-used planned_hash column of a version 1 ledger and keeps its snapshots', async () => {
    const file = path.join(dir, 'ledger.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('schema_version', '1');
              CREATE TABLE stripe_objects (id TEXT PRIMARY KEY, type TEXT NOT NULL, created INTEGER NOT NULL, hash TEXT NOT NULL,
                json TEXT NOT NULL, final INTEGER NOT NULL DEFAULT 0, payout TEXT, first_seen INTEGER NOT NULL,
                updated_at INTEGER NOT NULL, planned_hash TEXT);
              INSERT INTO stripe_objects VALUES ('cus_1', 'customer', 5, 'h', '{"id":"cus_1","object":"customer"}', 0, NULL, 6, 7, NULL);`);
    raw.close();
    const ledger = openLedger(file);
    try {
      const columns = (ledger.sqlite.prepare('PRAGMA table_info(stripe_objects)').all() as Array<{ name: string }>).map((c) => c.name);
      expect(columns).to.not.include('planned_hash');
      const rows = await ledger.db.selectFrom('stripe_objects').select(['id', 'hash', 'updated_at']).execute();
      expect(rows).to.deep.equal([{ id: 'cus_1', hash: 'h', updated_at: 7 }]);
    } finally {
      await ledger.close();
    }
  });
});
