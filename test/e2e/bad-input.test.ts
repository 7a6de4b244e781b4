// One Stripe object with money beyond Number.MAX_SAFE_INTEGER among good ones (issue 13, item 2): the run
// ends partial (exit 1), every other record is in NetSuite, and the bad object is named with its field and value
// in `status` and `explain`; what depends on it (its payout's deposit) is blocked naming it.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { readLedgerStatus } from '../../src/ledger/ledger-status.js';
import { explainStripeObject } from '../../src/run/explain-object.js';
import { readNetSuiteState } from './netsuite-state.js';
import { startSandboxes } from '../support/sandboxes.js';

type Obj = { id: string; object: string; [k: string]: unknown };

/** 2^53 + 2: a double exactly, but beyond the safe-integer range (2^53 + 1 would already have been rounded). */
const HUGE = 9007199254740994;

describe('a Stripe object with an amount beyond the safe-integer range', function () {
  this.timeout(180_000);

  it('is named (object, field, value) in status and explain, blocks its dependents, every other object syncs, and 2^53−1 cents posts exactly', async () => {
    const { items, summary } = generateWorld({ customers: 8, months: 2, seed: 11 });
    const objs = items as Obj[];
    const charges = objs.filter((o) => o.object === 'charge' && o.status === 'succeeded' && typeof o.balance_transaction === 'string');
    expect(charges.length).to.be.greaterThan(3);
    const bad = charges[1];
    // 2^53−1 cents is a safe integer with more digits than a double holds: posted exactly, every digit.
    const edge = charges[2];
    // The charges as listed and as every event carries them.
    for (const o of objs) {
      const snapshot = o.object === 'event' ? (o.data as { object: Obj }).object : o;
      if (snapshot.id === bad.id) snapshot.amount = HUGE;
      if (snapshot.id === edge.id) snapshot.amount = Number.MAX_SAFE_INTEGER;
    }
    const h = await startSandboxes({ world: objs, now: summary.end + 3 * 86400 });
    try {
      const run = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
      expect(run.summary.status, 'exit 1: partial').to.equal('partial');
      expect(run.summary.operations.done).to.be.greaterThan(20);
      expect(run.summary.operations.failed).to.equal(0);

      const state = await readNetSuiteState(h.client);
      const good = charges.filter((c) => c !== bad && c !== edge);
      const payments = Object.keys(state.customerPayment ?? {});
      for (const c of good) {
        expect(payments.some((eid) => eid.startsWith(c.id)), `${c.id} has its payment in NetSuite`).to.equal(true);
      }
      expect(payments.some((eid) => eid.startsWith(bad.id)), 'no payment for the bad charge').to.equal(false);
      const edgePayment = payments.find((eid) => eid.startsWith(edge.id));
      expect(edgePayment, `${edge.id} has its payment in NetSuite`).to.be.a('string');
      // Read back exactly: the number's text, not the double 90071992547409.9.
      const posted = await h.client.getByExternalId('customerPayment', edgePayment!);
      expect(posted?.payment).to.equal('90071992547409.91');
      expect(Object.values(state).flatMap((r) => Object.values(r)).every((r) => r.count === 1), 'no duplicates').to.equal(true);

      const ledger = openLedger(h.config.secrets.ledgerPath);
      try {
        const status = await readLedgerStatus(ledger, { runs: 3, problems: 50 });
        expect(status.invalidObjects.map((o) => o.stripeId)).to.deep.equal([bad.id]);
        const problem = (id: string) => status.invalidObjects.find((o) => o.stripeId === id)!.problem;
        expect(problem(bad.id)).to.include(`field amount = ${HUGE}`).and.include(bad.id);
        // Its payout's deposit would miss a line: blocked, naming the charge.
        const blocked = status.problems.filter((p) => p.status === 'blocked');
        expect(blocked.map((p) => p.error).join('\n')).to.include(`depends on ${bad.id}`);

        const e = await explainStripeObject(ledger, h.config.settings, bad.id);
        const invalid = e.operations.find((op) => op.state === 'invalid');
        expect(invalid?.detail).to.include(`field amount = ${HUGE}`);
      } finally {
        await ledger.close();
      }

      // The next run changes nothing and says the same.
      const again = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
      expect(again.summary.status).to.equal('partial');
      expect(again.summary.operations.done).to.equal(0);
    } finally {
      await h.close();
    }
  });

  it('a shared price with such an amount is named too, and only the invoices that use it are blocked', async () => {
    const { items, summary } = generateWorld({ customers: 8, months: 2, seed: 11 });
    const objs = items as Obj[];
    const invoices = objs.filter((o) => o.object === 'invoice' && o.status === 'paid');
    const priceOf = (inv: Obj): string[] =>
      ((inv.lines as { data: Array<{ pricing?: { price_details?: { price?: string } } }> }).data).flatMap((l) => l.pricing?.price_details?.price ?? []);
    const price = priceOf(invoices[0])[0];
    expect(price, 'a paid invoice with a price').to.be.a('string');
    for (const o of objs) {
      const snapshot = o.object === 'event' ? (o.data as { object: Obj }).object : o;
      if (snapshot.id === price) snapshot.unit_amount = HUGE;
    }
    const users = [...new Set(objs.filter((o) => o.object === 'invoice' && priceOf(o).includes(price)).map((inv) => inv.id))];
    const h = await startSandboxes({ world: objs, now: summary.end + 3 * 86400 });
    try {
      const run = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
      expect(run.summary.status, 'exit 1: partial').to.equal('partial');
      expect(run.summary.operations.failed).to.equal(0);
      const state = await readNetSuiteState(h.client);
      const synced = Object.keys(state.invoice ?? {});
      for (const id of users) expect(synced, `${id} uses ${price}: not synced`).to.not.include(id);
      expect(synced.length, 'the other invoices are synced').to.be.greaterThan(10);

      const ledger = openLedger(h.config.secrets.ledgerPath);
      try {
        const status = await readLedgerStatus(ledger, { runs: 3, problems: 200 });
        const invalid = status.invalidObjects.find((o) => o.stripeId === price);
        expect(invalid?.type).to.equal('price');
        expect(invalid?.problem).to.equal(
          `price ${price}: field unit_amount = ${HUGE} is outside the range of exact amounts (±9007199254740991); not rounded, not synced`,
        );
        const blocked = status.problems.filter((p) => p.status === 'blocked').map((p) => p.error).join('\n');
        expect(blocked).to.include(`depends on ${price}`);
        expect(status.problems.every((p) => p.error?.includes(`depends on ${price}`)), 'nothing else is blocked').to.equal(true);
      } finally {
        await ledger.close();
      }
    } finally {
      await h.close();
    }
  });
});
