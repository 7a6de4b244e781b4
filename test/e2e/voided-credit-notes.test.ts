// Voided credit notes (reference open question 11, decided in docs/accounting.md): a note voided before its memo
// was made leaves nothing in NetSuite; one voided after is reversed by an invoice `cn_…-void` with the memo's lines,
// to which the memo is applied. The note is voided through the official SDK against the Stripe sandbox
// (`POST /v1/credit_notes/{id}/void`, refused unless the invoice is open), and the invariant checker agrees.
import { expect } from 'chai';
import { checkInvariants } from '../../src/check/check-invariants.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { stripeSdk } from '../support/sandboxes.js';
import { forwardingProxy } from '../support/forwarding-proxy.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { NetSuiteUnavailableError } from '../../src/netsuite/errors.js';
import { DAY, ScenarioWorld, failuresOf, startScenario } from './scenario-world.js';

/** 2026-09-15 17:00 UTC = 10:00 in Los Angeles. */
const T0 = Date.UTC(2026, 8, 15, 17, 0, 0) / 1000;

describe('voided credit notes', function () {
  this.timeout(120_000);

  it('voided after its memo was synced: reversed by an invoice the memo is applied to; voided before: nothing; the paid invoice is whole', async () => {
    const w = new ScenarioWorld(T0, 'VC');
    const cust = w.customer({ name: 'Void Credit Co' });
    const licence = w.price(w.product('Licence'), { unitAmount: 10000 });
    const seats = w.price(w.product('Seats'), { unitAmount: 1000 });
    const inv = w.invoice({
      customer: cust,
      at: T0,
      lines: [
        { price: licence, amount: 10000, description: 'Licence' },
        { price: seats, amount: 4000, quantity: 4, description: '4 seats' },
      ],
    });
    const synced = w.creditNote(inv, T0 + DAY, { lines: [{ invoiceLine: 0, amount: 3000 }, { invoiceLine: 1, amount: 1000 }] });
    // A second invoice whose note is voided before any run sees it.
    const inv2 = w.invoice({ customer: cust, at: T0 + 2 * DAY, lines: [{ price: licence, amount: 10000, description: 'Licence' }] });
    const early = w.creditNote(inv2, T0 + 2 * DAY + 60, { lines: [{ invoiceLine: 0, amount: 2000 }] });
    const s = await startScenario(w, { now: T0 + 2 * DAY + 120 });
    try {
      const sdk = stripeSdk(s.h.stripe);
      const early2 = await sdk.creditNotes.voidCreditNote(early.creditNote.id);
      expect([early2.status, early2.voided_at]).to.deep.equal(['void', T0 + 2 * DAY + 120]);
      const inv2After = await sdk.invoices.retrieve(inv2.id);
      expect([inv2After.amount_remaining, inv2After.pre_payment_credit_notes_amount], 'the invoice asks for all of it again').to.deep.equal([10000, 0]);

      const r1 = await s.sync();
      expect(r1.summary.failures, failuresOf(r1)).to.deep.equal([]);
      expect(await s.ns.find('creditMemo', early.creditNote.id), 'voided before it was synced: no memo').to.equal(undefined);
      const memo = await s.ns.record('creditMemo', synced.creditNote.id);
      expect([Number(memo.total), Number(memo.unapplied)], 'held while the invoice is open').to.deep.equal([40, 40]);

      s.h.stripe.advance(DAY);
      const voidedAt = s.h.stripe.now();
      const voided = await sdk.creditNotes.voidCreditNote(synced.creditNote.id);
      expect(voided.status).to.equal('void');
      // Stripe refuses a second void.
      const again = await sdk.creditNotes.voidCreditNote(synced.creditNote.id).catch((e: unknown) => e as { statusCode?: number });
      expect((again as { statusCode?: number }).statusCode).to.equal(400);

      s.h.stripe.advance(60);
      const r2 = await s.sync();
      expect(r2.summary.failures, failuresOf(r2)).to.deep.equal([]);
      expect(r2.plan.operations.map((o) => o.key).sort()).to.deep.equal([
        `creditMemo:${synced.creditNote.id}#void`,
        `invoice:${synced.creditNote.id}-void`,
      ]);
      const reversal = await s.ns.record('invoice', `${synced.creditNote.id}-void`);
      expect(Number(reversal.total)).to.equal(40);
      expect(Number(reversal.amountRemaining)).to.equal(0);
      expect(reversal.tranDate).to.equal(new Date(voidedAt * 1000 - 7 * 3600 * 1000).toISOString().slice(0, 10));
      expect(reversal.memo).to.equal(`Stripe: ${synced.creditNote.id} voided`);
      expect((await s.ns.lines(reversal, 'item')).map((l) => [l.item, l.amount]), 'the memo lines, reversed on their items').to.deep.equal([
        [licence.id, 30],
        [seats.id, 10],
      ]);
      const memoAfter = await s.ns.record('creditMemo', synced.creditNote.id);
      expect(await s.ns.applied(memoAfter)).to.deep.equal({ [`${synced.creditNote.id}-void`]: 40 });
      expect(Number(memoAfter.unapplied)).to.equal(0);
      expect(Number((await s.ns.record('invoice', inv.id)).amountRemaining), 'the invoice is untouched').to.equal(140);

      const report = await checkInvariants(s.h.config, { client: s.h.client });
      expect(report.failures, renderInvariantReport(report)).to.equal(0);
      expect(report.results.filter((r) => r.invariant === 'CN1').map((r) => [r.subject, r.ok]).sort()).to.deep.equal(
        [[synced.creditNote.id, true], [early.creditNote.id, true]].sort(),
      );

      // Nothing more to do.
      const r3 = await s.sync();
      expect(r3.summary.operations.planned).to.equal(0);
    } finally {
      await s.close();
    }
  });

  it('voided while its memo\'s create was in doubt (sent, then NetSuite went down): the next run finds the memo and reverses it', async () => {
    const w = new ScenarioWorld(T0, 'VD');
    const cust = w.customer({ name: 'Doubt Co' });
    const licence = w.price(w.product('Licence'), { unitAmount: 10000 });
    const inv = w.invoice({ customer: cust, at: T0, lines: [{ price: licence, amount: 10000, description: 'Licence' }] });
    const note = w.creditNote(inv, T0 + DAY, { lines: [{ invoiceLine: 0, amount: 2500 }] });
    const s = await startScenario(w, { now: T0 + DAY + 120 });
    // The memo's POST reaches NetSuite, its answer is lost, and NetSuite is down from then on.
    let down = false;
    const proxy = await forwardingProxy(s.h.netsuite.url, ({ method, url }) => {
      if (down) return { status: 503 };
      if (method === 'POST' && url.startsWith('/services/rest/record/v1/creditMemo')) {
        down = true;
        return 'lose-response';
      }
      return 'forward';
    });
    try {
      const direct = s.h.config.secrets.netsuiteBaseUrl;
      s.h.config.secrets.netsuiteBaseUrl = proxy.url;
      const error = await s.sync().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(NetSuiteUnavailableError);
      const memoKey = `creditMemo:${note.creditNote.id}`;
      const ledger = openLedger(s.h.config.secrets.ledgerPath);
      const row = ledger.sqlite.prepare('SELECT status FROM outbox WHERE op_key = ?').get(memoKey) as { status: string };
      await ledger.close();
      expect(row.status, 'the outcome is unknown').to.equal('sending');
      const memo = await s.ns.record('creditMemo', note.creditNote.id);
      expect(Number(memo.total), 'NetSuite made it').to.equal(25);

      s.h.stripe.advance(DAY);
      await stripeSdk(s.h.stripe).creditNotes.voidCreditNote(note.creditNote.id);
      s.h.stripe.advance(60);
      s.h.config.secrets.netsuiteBaseUrl = direct;
      const r2 = await s.sync();
      expect(r2.summary.failures, failuresOf(r2)).to.deep.equal([]);
      expect(r2.plan.operations.map((o) => o.key).sort()).to.deep.equal([`${memoKey}#void`, `invoice:${note.creditNote.id}-void`]);
      expect(Number((await s.ns.record('invoice', `${note.creditNote.id}-void`)).total)).to.equal(25);
      const memoAfter = await s.ns.record('creditMemo', note.creditNote.id);
      expect(await s.ns.applied(memoAfter)).to.deep.equal({ [`${note.creditNote.id}-void`]: 25 });
      expect(s.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/services/rest/record/v1/creditMemo')).length, 'one memo').to.equal(1);

      const report = await checkInvariants(s.h.config, { client: s.h.client });
      expect(report.failures, renderInvariantReport(report)).to.equal(0);
    } finally {
      await proxy.close();
      await s.close();
    }
  });
});
