// Incremental planning (issue 14): over many seeded random change sets made through the ledger's own write paths
// (snapshots as extraction stores them, links as apply records them), the plan of the changed partitions alone holds
// exactly the operations of a full re-plan, including changes that reach across partitions: a new payout over payments
// of many customers, a customer's balance, a shared price, and blocked work (parked until what it waits for changes:
// a link, a missing customer arriving, an amount fixed). A run over an unchanged ledger plans nothing at all.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { mulberry32 } from '../../src/sandbox/seeded-random.js';
import { runSync } from '../../src/run/sync-run.js';
import { planFromLedger, type PlanOfLedgerOptions } from '../../src/run/plan-from-ledger.js';
import { cachedAccountProfile } from '../../src/run/load-account-profile.js';
import { openLedger, type Ledger } from '../../src/ledger/open-ledger.js';
import { upsertSnapshots, type StripeObjectLike } from '../../src/ledger/snapshots.js';
import { markDone } from '../../src/ledger/outbox.js';
import type { Operation } from '../../src/plan/operation.js';
import { startSandboxes } from '../support/sandboxes.js';

const byKey = (ops: Operation[]) => [...ops].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

interface Row { id: string; type: string; json: string; payout: string | null; final: number }

/** One random change made the way a run makes it; returns what it did, for the failure message. */
function randomChange(ledger: Ledger, rnd: () => number, n: number, now: number, only?: string): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const rows = (type: string) =>
    ledger.sqlite.prepare('SELECT id, type, json, payout, final FROM stripe_objects WHERE type = ? ORDER BY id').all(type) as Row[];
  const put = (object: StripeObjectLike, row: Pick<Row, 'final' | 'payout'>, payout = row.payout) =>
    upsertSnapshots(ledger, [{ object, options: { final: row.final === 1, payout, now } }]);
  const obj = (r: Row) => JSON.parse(r.json) as StripeObjectLike;
  const kind = only ?? pick([
    'customer-balance', 'invoice', 'refund', 'payout', 'price', 'link', 'charge', 'customer-name',
    'unmapped-currency', 'ghost-customer', 'ghost-arrives', 'huge-amount', 'amount-fixed', 'waited-link',
  ]);
  switch (kind) {
    case 'customer-balance': {
      const r = pick(rows('customer'));
      put({ ...obj(r), balance: -1000 - n }, r);
      return `${r.id} balance`;
    }
    case 'customer-name': {
      const r = pick(rows('customer'));
      put({ ...obj(r), name: `Renamed ${n}` }, r);
      return `${r.id} renamed`;
    }
    case 'invoice': {
      const all = rows('invoice');
      const open = all.filter((r) => obj(r).status === 'open');
      const r = open.length > 0 && rnd() < 0.5 ? pick(open) : pick(all);
      const o = obj(r);
      put(o.status === 'open' ? { ...o, status: 'void' } : { ...o, id: `${o.id}_n${n}`, number: `N-${n}`, created: (o.created ?? 0) + 1 }, r);
      return `${r.id} ${o.status === 'open' ? 'voided' : 'copied'}`;
    }
    case 'refund': {
      const r = pick(rows('refund').length ? rows('refund') : rows('charge'));
      const o = obj(r);
      put({ ...o, id: `${o.id}_n${n}`, created: (o.created ?? 0) + 1 }, r);
      return `${r.id} copied`;
    }
    case 'charge': {
      const r = pick(rows('charge'));
      const o = obj(r);
      put({ ...o, description: `changed ${n}` }, r);
      return `${r.id} changed`;
    }
    case 'payout': {
      // A new payout sweeping charges' transactions of several customers (each moved from its old payout).
      const payout = pick(rows('payout'));
      const po = { ...obj(payout), id: `po_n${n}`, created: now - 100 };
      put(po, payout);
      const bts = rows('balance_transaction').filter((r) => String(obj(r).source ?? '').startsWith('ch_'));
      const moved = [pick(bts), pick(bts), pick(bts)];
      for (const bt of moved) put(obj(bt), bt, po.id);
      return `${po.id} over ${moved.map((b) => b.id).join(', ')}`;
    }
    case 'price': {
      const r = pick(rows('price'));
      put({ ...obj(r), nickname: `n${n}` }, r);
      return `${r.id} changed`;
    }
    // Blocked work: an invoice in a currency the settings do not map, an invoice of a customer the ledger lacks
    // (which may arrive later), a charge beyond the exact range (set aside, what depends on it blocked, and fixed
    // later), and a link for a key a parked partition waits for.
    case 'unmapped-currency': {
      const r = pick(rows('invoice'));
      const o = obj(r);
      put({ ...o, id: `${o.id}_zz${n}`, number: `ZZ-${n}`, currency: 'zzz', created: (o.created ?? 0) + 1 }, r);
      return `${o.id}_zz${n} in an unmapped currency`;
    }
    case 'ghost-customer': {
      const r = pick(rows('invoice'));
      const o = obj(r);
      put({ ...o, id: `${o.id}_g${n}`, number: `G-${n}`, customer: `cus_ghost${n}`, created: (o.created ?? 0) + 1 }, r);
      return `${o.id}_g${n} of customer cus_ghost${n}, not in the ledger`;
    }
    case 'ghost-arrives': {
      const ghosts = ledger.sqlite
        .prepare("SELECT DISTINCT ref FROM plan_refs WHERE ref LIKE 'cus_ghost%' AND ref NOT IN (SELECT id FROM stripe_objects) ORDER BY ref")
        .pluck()
        .all() as string[];
      if (ghosts.length === 0) return 'no customer missing';
      const id = pick(ghosts);
      const r = pick(rows('customer'));
      put({ ...obj(r), id, name: `Arrived ${n}`, balance: 0 }, r);
      return `${id} arrived`;
    }
    case 'huge-amount': {
      const r = pick(rows('charge'));
      put({ ...obj(r), amount: 2 ** 60 }, r);
      return `${r.id} amount beyond the exact range`;
    }
    case 'amount-fixed': {
      const huge = rows('charge').filter((r) => obj(r).amount === 2 ** 60);
      if (huge.length === 0) return 'no huge amount to fix';
      const r = pick(huge);
      put({ ...obj(r), amount: obj(r).amount_captured ?? 1000 }, r);
      return `${r.id} amount fixed`;
    }
    case 'waited-link': {
      // A record made for a key a parked partition looked up (as apply would record it).
      const keys = ledger.sqlite.prepare('SELECT DISTINCT key FROM plan_waits ORDER BY key').pluck().all() as string[];
      const key = keys.length > 0 ? pick(keys) : undefined;
      if (!key) return 'no parked partition waits';
      const [recordType, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      const externalId = rest.split('#')[0];
      markDone(ledger, { key, pass: 'test', action: 'create', recordType, externalId, stripeId: externalId, hash: 'h' }, `8${n}`, 1, now);
      return `${key} linked (a parked partition waited for it)`;
    }
    case 'link': {
      // A link recorded for a planned operation (a run applied it and stopped before the next partition).
      const op = ledger.sqlite.prepare("SELECT op_json FROM outbox WHERE status != 'done' ORDER BY op_key").all() as Array<{ op_json: string }>;
      if (op.length === 0) return 'no open operation to link';
      const o = JSON.parse(pick(op).op_json) as Operation;
      if (o.blocked) return `${o.key} is blocked`;
      markDone(ledger, o, `9${n}`, 1, now);
      return `${o.key} linked`;
    }
  }
  return kind;
}

describe('run: incremental planning', function () {
  this.timeout(600_000);

  for (const [seed, patch] of [
    [21, () => undefined],
    [22, (s: { features: { globalItem: boolean } }) => (s.features.globalItem = true)],
  ] as const) {
    it(`seed ${seed}: over 40 random change sets (blocked work among them) the changed partitions plan exactly what a full re-plan does`, async () => {
      const { items, summary } = generateWorld({ customers: 24, months: 3, seed });
      const now = summary.end + 3 * 86400;
      const h = await startSandboxes({ world: items, now, configPatch: (s) => { s.apply.partitionObjects = 20; patch(s as never); } });
      try {
        // A ledger part-applied: a sync that stops after 60 writes leaves partitions done, pending and untouched.
        let writes = 0;
        const first = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true, shouldStop: () => writes >= 60, onOperation: () => void writes++ });
        expect(first.summary.status).to.equal('interrupted');
        const steady = h.config.secrets.ledgerPath;
        const rnd = mulberry32(seed);
        // Blocked work every change set starts from, for the changes that wake it (a customer arriving, an amount
        // fixed, a link made) to find.
        const base = openLedger(steady);
        try {
          for (const [i, kind] of ['ghost-customer', 'ghost-customer', 'ghost-customer', 'huge-amount', 'unmapped-currency'].entries()) {
            randomChange(base, rnd, 1000 + i, now, kind);
          }
          base.sqlite.pragma('wal_checkpoint(TRUNCATE)'); // the change sets copy the file
        } finally {
          await base.close();
        }
        let incremental = 0;
        let fallbacks = 0;
        let parked = 0;
        let woken = 0;
        for (let set = 0; set < 40; set++) {
          const file = path.join(h.dir, `ledger-${set}.sqlite`);
          fs.copyFileSync(steady, file);
          const ledger = openLedger(file);
          try {
            const account = await cachedAccountProfile(ledger);
            expect(account).to.not.equal(undefined);
            const o: PlanOfLedgerOptions = { account: account! };
            // The part-applied ledger planned once (what every later run continues from).
            await planFromLedger(ledger, h.config.settings, o);
            const changes = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => randomChange(ledger, rnd, set * 10 + i, now));
            let scope = '';
            let objects = 0;
            const inc = await planFromLedger(ledger, h.config.settings, {
              ...o,
              onScope: (s) => (scope = s.kind),
              onPartition: (p) => (objects += p.ids.length),
            });
            const full = await planFromLedger(ledger, h.config.settings, { ...o, full: true });
            const what = `change set ${set}: ${changes.join('; ')}`;
            expect(byKey(inc.operations), what).to.deep.equal(byKey(full.operations));
            expect(full.operations.length, what).to.be.greaterThan(0);
            if (scope === 'changes') {
              incremental++;
              const total = (ledger.sqlite.prepare('SELECT COUNT(*) AS n FROM stripe_objects').get() as { n: number }).n;
              expect(objects, what).to.be.lessThan(total);
            } else fallbacks++;
            // Nothing changed since: a re-run plans the partitions still holding work to apply, and the same
            // operations. Blocked work is planned again at most by the first re-run (a partition that held both
            // blocked and pending work is formed anew without what was parked), never after: its operations are
            // repeated as they were planned.
            for (const rerunNo of [1, 2]) {
              const replannedBlocked: string[] = [];
              const rerun = await planFromLedger(ledger, h.config.settings, {
                ...o,
                onPartition: (p) => {
                  if (p.operations.length > 0 && p.operations.every((op) => op.blocked)) replannedBlocked.push(p.ids.join(' '));
                },
              });
              expect(byKey(rerun.operations), `${what} (re-run ${rerunNo})`).to.deep.equal(byKey(full.operations));
              if (rerunNo === 2) expect(replannedBlocked, `${what} (re-run ${rerunNo})`).to.deep.equal([]);
            }
            parked = Math.max(parked, (ledger.sqlite.prepare('SELECT COUNT(*) AS n FROM plan_parked').get() as { n: number }).n);
            woken += changes.filter((c) => c.includes('waited for it') || c.includes('arrived') || c.includes('fixed')).length;
          } finally {
            await ledger.close();
          }
        }
        // A changed price sends a run back to a full plan (every partition reads it): most sets do not touch one.
        expect(incremental, `${incremental} incremental, ${fallbacks} full plans`).to.be.at.least(20);
        // The worlds hold blocked work, parked, and changes that wake it.
        expect(parked, 'parked partitions').to.be.greaterThan(0);
        expect(woken, 'changes waking parked work').to.be.greaterThan(0);
      } finally {
        await h.close();
      }
    });
  }

  it('a synced ledger with nothing left to do plans nothing and reads no partition on the next run', async () => {
    const { items, summary } = generateWorld({ customers: 12, months: 2, seed: 4 });
    const h = await startSandboxes({ world: items, now: summary.end + 3 * 86400 });
    try {
      const first = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
      expect(first.summary.status).to.equal('success');
      const ledger = openLedger(h.config.secrets.ledgerPath);
      try {
        const account = await cachedAccountProfile(ledger);
        let objects = 0;
        const second = await planFromLedger(ledger, h.config.settings, { account: account!, onPartition: (p) => (objects += p.ids.length) });
        expect(second.operations).to.deep.equal([]);
        // The second plan re-reads what the first one wrote (links) and finds nothing; the third reads nothing.
        objects = 0;
        let scope = '';
        const third = await planFromLedger(ledger, h.config.settings, {
          account: account!, onScope: (s) => (scope = s.kind), onPartition: (p) => (objects += p.ids.length),
        });
        expect(third.operations).to.deep.equal([]);
        expect(scope).to.equal('changes');
        expect(objects).to.equal(0);
        expect(ledger.sqlite.prepare('SELECT COUNT(*) AS n FROM plan_dirty').get()).to.deep.equal({ n: 0 });
      } finally {
        await ledger.close();
      }
    } finally {
      await h.close();
    }
  });
});
