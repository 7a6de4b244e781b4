// Incremental planning (issue 14): over many seeded random change sets made through the ledger's own write paths
// (snapshots as extraction stores them, links as apply records them), the plan of the changed partitions alone holds
// exactly the operations of a full re-plan, including changes that reach across partitions: a new payout over payments
// of many customers, a customer's balance, a shared price. A run over an unchanged ledger plans nothing at all.
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
function randomChange(ledger: Ledger, rnd: () => number, n: number, now: number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const rows = (type: string) =>
    ledger.sqlite.prepare('SELECT id, type, json, payout, final FROM stripe_objects WHERE type = ? ORDER BY id').all(type) as Row[];
  const put = (object: StripeObjectLike, row: Pick<Row, 'final' | 'payout'>, payout = row.payout) =>
    upsertSnapshots(ledger, [{ object, options: { final: row.final === 1, payout, now } }]);
  const obj = (r: Row) => JSON.parse(r.json) as StripeObjectLike;
  const kind = pick(['customer-balance', 'invoice', 'refund', 'payout', 'price', 'link', 'charge', 'customer-name']);
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
    it(`seed ${seed}: over 40 random change sets the changed partitions plan exactly what a full re-plan does`, async () => {
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
        let incremental = 0;
        let fallbacks = 0;
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
            // Nothing changed since: a re-run plans the partitions still holding work, and the same operations.
            let again = 0;
            const rerun = await planFromLedger(ledger, h.config.settings, { ...o, onPartition: (p) => (again += p.ids.length) });
            expect(byKey(rerun.operations), `${what} (re-run)`).to.deep.equal(byKey(full.operations));
          } finally {
            await ledger.close();
          }
        }
        // A changed price sends a run back to a full plan (every partition reads it): most sets do not touch one.
        expect(incremental, `${incremental} incremental, ${fallbacks} full plans`).to.be.at.least(20);
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
