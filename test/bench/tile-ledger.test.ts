// Tiled ledgers (src/bench/tile-ledger.ts), which the 1M-object bench plans: a seeded, linked and planned ledger
// holding blocked work (a customer the ledger lacks, an unmapped currency, an amount beyond the exact range) copied
// three times must be three independent accounts in the state of a synced and planned ledger. Every id of a copy is
// its own (the shared catalog aside), every link and partition edge stays within its copy, the content hashes are
// those of the rewritten snapshots, a plan with no change plans nothing, a full plan finds nothing but the parked
// blocked work of each copy, and the bench's change set in the base copy plans what it plans on the base ledger.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSettings } from '../../src/config/load-config.js';
import type { Settings } from '../../src/config/settings.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { contentHash, upsertSnapshots, type StripeObjectLike } from '../../src/ledger/snapshots.js';
import { planFromLedger, planOfLedger } from '../../src/run/plan-from-ledger.js';
import { SHARED_TYPES } from '../../src/plan/object-references.js';
import type { Operation } from '../../src/plan/operation.js';
import { seedPlannedLedger } from '../../src/bench/incremental-scaling.js';
import { applyChangeSet } from '../../src/bench/change-set.js';
import { tileLedger } from '../../src/bench/tile-ledger.js';
import { STRIPE_ID_TOKEN, tileOf, tileRewriter } from '../../src/bench/tile-ids.js';

const TILES = 3;

/** Every id token of `text`, with its tile suffix when it has one. */
const idsIn = (text: string): string[] =>
  [...text.matchAll(new RegExp(`${STRIPE_ID_TOKEN.source}(?:_t\\d+(?![A-Za-z0-9]))?`, 'g'))].map((m) => m[0]);

async function planOps(file: string, settings: Settings, full = false): Promise<{ ops: Operation[]; scope: string; objects: number }> {
  const ledger = openLedger(file);
  const ops: Operation[] = [];
  let scope = '';
  let objects = 0;
  try {
    for await (const part of planOfLedger(ledger, settings, {
      full,
      onScope: (s) => (scope = s.kind === 'full' ? `full (${s.reason})` : `${s.dirty} changed, ${s.objects} objects, ${s.payouts} payouts`),
      onPartition: (p) => (objects += p.ids.length),
    })) ops.push(...part);
  } finally {
    await ledger.close();
  }
  return { ops, scope, objects };
}

describe('bench: tiled ledgers', function () {
  this.timeout(120_000);
  let dir: string;
  let base: string;
  let tiled: string;
  let settings: Settings;
  let asOf: number;
  let shared: Set<string>;
  let baseBlocked: Operation[];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-tile-test-'));
    settings = JSON.parse(JSON.stringify(loadSettings({}, undefined).settings)) as Settings;
    base = path.join(dir, 'base.sqlite');
    asOf = (await seedPlannedLedger(base, 400, settings, { seed: 7, months: 3 })).asOf;
    // Blocked work, planned and parked as a sync would leave it.
    const ledger = openLedger(base);
    const row = (type: string) =>
      ledger.sqlite.prepare('SELECT json, final, payout FROM stripe_objects WHERE type = ? ORDER BY created, id LIMIT 1').get(type) as {
        json: string;
        final: number;
        payout: string | null;
      };
    const invoice = JSON.parse(row('invoice').json) as StripeObjectLike;
    const charge = row('charge');
    upsertSnapshots(ledger, [
      { object: { ...invoice, id: `${invoice.id}_zz1`, number: 'ZZ-1', currency: 'zzz' }, options: { final: true, now: asOf } },
      { object: { ...invoice, id: `${invoice.id}_g1`, number: 'G-1', customer: 'cus_Ghost00000001' }, options: { final: true, now: asOf } },
      { object: { ...(JSON.parse(charge.json) as StripeObjectLike), amount: 2 ** 60 }, options: { final: charge.final === 1, payout: charge.payout, now: asOf } },
    ]);
    baseBlocked = (await planFromLedger(ledger, settings)).operations;
    shared = new Set(
      ledger.sqlite.prepare(`SELECT id FROM stripe_objects WHERE type IN (${SHARED_TYPES.map(() => '?').join(', ')})`).pluck().all(...SHARED_TYPES) as string[],
    );
    await ledger.close();
    tiled = path.join(dir, 'tiled.sqlite');
    tileLedger(base, tiled, { tiles: TILES });
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the base holds parked blocked work and objects set aside (what the tiling must carry over)', async () => {
    expect(baseBlocked.length).to.be.greaterThan(0);
    expect(baseBlocked.every((op) => op.blocked)).to.equal(true);
    const ledger = openLedger(base);
    const count = (t: string) => ledger.sqlite.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
    expect(count('plan_parked')).to.be.greaterThan(0);
    expect(count('plan_waits')).to.be.greaterThan(0);
    expect(count('invalid_objects')).to.equal(1);
    await ledger.close();
  });

  it('every table holds one copy of the base per tile, the shared catalog and records once', async () => {
    const [b, t] = [openLedger(base), openLedger(tiled)];
    const count = (l: typeof b, sql: string) => l.sqlite.prepare(sql).pluck().get() as number;
    for (const table of ['plan_refs', 'plan_parked', 'plan_parked_members', 'plan_waits', 'plan_pending', 'plan_dirty', 'invalid_objects']) {
      expect(count(t, `SELECT COUNT(*) FROM ${table}`), table).to.equal(TILES * count(b, `SELECT COUNT(*) FROM ${table}`));
    }
    const objects = count(b, 'SELECT COUNT(*) FROM stripe_objects');
    expect(count(t, 'SELECT COUNT(*) FROM stripe_objects')).to.equal(TILES * objects - (TILES - 1) * shared.size);
    // A link whose key names none of the account's own ids (a global item, a price's item, a coupon's) is shared.
    const baseLinks = b.sqlite.prepare('SELECT op_key FROM links').pluck().all() as string[];
    const sharedLinks = baseLinks.filter((k) => idsIn(k).every((id) => shared.has(id))).length;
    expect(sharedLinks).to.be.greaterThan(0);
    expect(count(t, 'SELECT COUNT(*) FROM links')).to.equal(TILES * baseLinks.length - (TILES - 1) * sharedLinks);
    // Each tile holds the base's objects under its own ids.
    for (let k = 1; k < TILES; k++) {
      const rewrite = tileRewriter(k, shared);
      const want = (b.sqlite.prepare('SELECT id FROM stripe_objects').pluck().all() as string[]).map(rewrite).sort();
      const got = (t.sqlite.prepare('SELECT id FROM stripe_objects').pluck().all() as string[]).filter((id) => tileOf(id) === k || shared.has(id)).sort();
      expect(got).to.deep.equal(want);
    }
    await b.close();
    await t.close();
  });

  it('every id in a copy is its own: snapshots, links, edges, parked work and set-aside objects name their tile alone', async () => {
    const t = openLedger(tiled);
    const inTile = (k: number, text: string, what: string) => {
      for (const id of idsIn(text)) if (!shared.has(id)) expect(tileOf(id), `${id} in ${what}`).to.equal(k);
    };
    const rows = t.sqlite.prepare('SELECT id, json, payout, hash FROM stripe_objects').all() as Array<{ id: string; json: string; payout: string | null; hash: string }>;
    const ids = new Set(rows.map((r) => r.id));
    for (const r of rows) {
      const k = tileOf(r.id);
      inTile(k, r.json, r.id);
      if (r.payout) {
        expect(tileOf(r.payout), `payout of ${r.id}`).to.equal(k);
        expect(ids.has(r.payout), `payout of ${r.id}`).to.equal(true);
      }
      expect(r.hash, `hash of ${r.id}`).to.equal(contentHash(JSON.parse(r.json)));
    }
    // Links resolve: each names a snapshot of its own tile (or a shared record), under unique NetSuite ids.
    const links = t.sqlite.prepare('SELECT op_key, external_id, internal_id, stripe_id FROM links').all() as Array<Record<string, string>>;
    for (const l of links) {
      const k = tileOf(l.op_key);
      inTile(k, `${l.op_key} ${l.external_id} ${l.stripe_id}`, l.op_key);
      if (idsIn(l.stripe_id).some((id) => !shared.has(id))) expect(ids.has(l.stripe_id), l.op_key).to.equal(true);
    }
    expect(new Set(links.map((l) => l.internal_id)).size).to.equal(links.length);
    for (const r of t.sqlite.prepare('SELECT id, ref FROM plan_refs').all() as Array<{ id: string; ref: string }>) {
      expect(tileOf(r.ref), `${r.id} → ${r.ref}`).to.equal(tileOf(r.id));
    }
    for (const p of t.sqlite.prepare('SELECT unit, ids, operations FROM plan_parked').all() as Array<{ unit: number; ids: string; operations: string }>) {
      const k = tileOf((JSON.parse(p.ids) as string[])[0]);
      inTile(k, p.ids + p.operations, `parked unit ${p.unit}`);
      const members = t.sqlite.prepare('SELECT id FROM plan_parked_members WHERE unit = ?').pluck().all(p.unit) as string[];
      const waits = t.sqlite.prepare('SELECT key FROM plan_waits WHERE unit = ?').pluck().all(p.unit) as string[];
      inTile(k, members.join(' ') + ' ' + waits.join(' '), `parked unit ${p.unit}`);
    }
    for (const r of t.sqlite.prepare('SELECT stripe_id, problem FROM invalid_objects').all() as Array<{ stripe_id: string; problem: string }>) {
      inTile(tileOf(r.stripe_id), r.problem, r.stripe_id);
    }
    await t.close();
  });

  it('a plan with no change plans nothing; a full plan finds only the parked blocked work of every copy', async () => {
    const copy = path.join(dir, 'tiled-copy.sqlite');
    fs.copyFileSync(tiled, copy);
    const none = await planOps(copy, settings);
    expect(none.scope).to.equal('0 changed, 0 objects, 0 payouts');
    expect(none.objects).to.equal(0);
    const full = await planOps(copy, settings, true);
    expect(full.scope).to.equal('full (asked for)');
    expect(full.ops.every((op) => op.blocked), full.ops.filter((op) => !op.blocked).map((op) => op.key).join(', ')).to.equal(true);
    const want = Array.from({ length: TILES }, (_, k) => baseBlocked.map((op) => (k === 0 ? op.key : tileRewriter(k, shared)(op.key)))).flat();
    expect(full.ops.map((op) => op.key).sort()).to.deep.equal(want.sort());
    // The no-change plan repeated exactly the parked operations the full plan found again.
    expect(none.ops.map((op) => op.key).sort()).to.deep.equal(want.sort());
  });

  it("the bench's change set in the base copy plans what it plans on the base ledger", async () => {
    const [one, many] = [path.join(dir, 'one.sqlite'), path.join(dir, 'many.sqlite')];
    tileLedger(base, one, { tiles: 1 });
    fs.copyFileSync(tiled, many);
    const changed: string[][] = [];
    for (const [file, among] of [[one, undefined], [many, (id: string) => tileOf(id) === 0]] as const) {
      const ledger = openLedger(file);
      changed.push(applyChangeSet(ledger, asOf + 60, among));
      await ledger.close();
    }
    expect(changed[1]).to.deep.equal(changed[0]);
    const [a, b] = [await planOps(one, settings), await planOps(many, settings)];
    expect(a.scope).to.match(/^10 changed, \d+ objects, \d+ payouts$/);
    expect(b.scope).to.equal(a.scope);
    expect(b.objects).to.equal(a.objects);
    const unblocked = (r: typeof a) => r.ops.filter((op) => !op.blocked).map((op) => op.key).sort();
    expect(unblocked(a).length).to.be.greaterThan(0);
    expect(unblocked(b)).to.deep.equal(unblocked(a));
    // The parked work of the other copies is repeated, not planned.
    expect(b.ops.length - a.ops.length).to.equal((TILES - 1) * baseBlocked.length);
  });
});
