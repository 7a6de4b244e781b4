// `POST /v1/credit_notes/{id}/void` through the official SDK: allowed only while the note's invoice is open
// (https://docs.stripe.com/api/credit_notes/void; "You can only void a credit note if the associated invoice is
// open"), once, with no parameters but `expand`; the void is seen from the clock on, as events and snapshots.
import { expect } from 'chai';
import { startStripe, stripeSdk } from '../support/sandboxes.js';
import { DAY, ScenarioWorld } from '../e2e/scenario-world.js';

const T0 = Date.UTC(2026, 8, 15, 17, 0, 0) / 1000;

describe('Stripe sandbox: voiding a credit note', () => {
  it('voids a note on an open invoice (events, invoice amounts), refuses one on a paid invoice, a second void, parameters and unknown ids', async () => {
    const w = new ScenarioWorld(T0, 'SV');
    const cust = w.customer({ name: 'Void Co' });
    const price = w.price(w.product('Licence'), { unitAmount: 10000 });
    const open = w.invoice({ customer: cust, at: T0, lines: [{ price, amount: 10000, description: 'Licence' }] });
    const onOpen = w.creditNote(open, T0 + 60, { lines: [{ invoiceLine: 0, amount: 2500 }] });
    const paidInv = w.invoice({ customer: cust, at: T0, lines: [{ price, amount: 10000, description: 'Licence' }] });
    const paid = w.pay(paidInv, T0 + 120);
    const onPaid = w.creditNote(paid.invoice, T0 + 180, { lines: [{ invoiceLine: 0, amount: 1000 }], outOfBand: true });
    const sb = await startStripe({ world: w.items, now: T0 + DAY });
    try {
      const sdk = stripeSdk(sb);
      const refused = async (p: Promise<unknown>): Promise<{ statusCode?: number; message?: string }> =>
        p.then(() => ({ statusCode: 200 }), (e: { statusCode?: number; message?: string }) => e);

      const onPaidErr = await refused(sdk.creditNotes.voidCreditNote(onPaid.creditNote.id));
      expect(onPaidErr.statusCode).to.equal(400);
      expect(onPaidErr.message).to.include('only void a credit note if the associated invoice is open');
      expect((await refused(sdk.creditNotes.voidCreditNote('cn_missing'))).statusCode).to.equal(404);
      const withParam = await refused(sdk.creditNotes.voidCreditNote(onOpen.creditNote.id, { memo: 'x' } as never));
      expect([withParam.statusCode, withParam.message]).to.deep.equal([400, 'Received unknown parameter: memo']);

      const before = await sdk.creditNotes.retrieve(onOpen.creditNote.id);
      expect(before.status).to.equal('issued');
      const voided = await sdk.creditNotes.voidCreditNote(onOpen.creditNote.id);
      expect([voided.status, voided.voided_at, voided.total]).to.deep.equal(['void', T0 + DAY, 2500]);
      expect((await sdk.creditNotes.retrieve(onOpen.creditNote.id)).status).to.equal('void');
      const inv = await sdk.invoices.retrieve(open.id);
      expect([inv.amount_due, inv.amount_remaining, inv.pre_payment_credit_notes_amount]).to.deep.equal([10000, 10000, 0]);
      const events = await sdk.events.list({ type: 'credit_note.voided' });
      expect(events.data.map((e) => (e.data.object as { id: string }).id)).to.deep.equal([onOpen.creditNote.id]);
      expect((await refused(sdk.creditNotes.voidCreditNote(onOpen.creditNote.id))).statusCode, 'already void').to.equal(400);

      // Before the clock of the void, the note was issued.
      sb.setNow(T0 + DAY - 1);
      expect((await sdk.creditNotes.retrieve(onOpen.creditNote.id)).status).to.equal('issued');
    } finally {
      await sb.close();
    }
  });

  it('replays a void sent again with its Idempotency-Key, and refuses the key with other parameters', async () => {
    const w = new ScenarioWorld(T0, 'SI');
    const cust = w.customer({ name: 'Retry Co' });
    const price = w.price(w.product('Licence'), { unitAmount: 10000 });
    const open = w.invoice({ customer: cust, at: T0, lines: [{ price, amount: 10000, description: 'Licence' }] });
    const note = w.creditNote(open, T0 + 60, { lines: [{ invoiceLine: 0, amount: 2500 }] });
    const sb = await startStripe({ world: w.items, now: T0 + DAY });
    try {
      const sdk = stripeSdk(sb);
      const first = await sdk.creditNotes.voidCreditNote(note.creditNote.id, {}, { idempotencyKey: 'void-once' });
      // A client that lost the answer sends the same request again: the first result, not "already void".
      const again = await sdk.creditNotes.voidCreditNote(note.creditNote.id, {}, { idempotencyKey: 'void-once' });
      expect([again.status, again.voided_at]).to.deep.equal([first.status, first.voided_at]);
      expect(again.lastResponse.headers['idempotent-replayed']).to.equal('true');
      const other = (await sdk.creditNotes
        .voidCreditNote(note.creditNote.id, { expand: ['invoice'] }, { idempotencyKey: 'void-once' })
        .catch((e: unknown) => e)) as { statusCode?: number; type?: string; message?: string };
      expect([other.statusCode, other.type]).to.deep.equal([400, 'StripeIdempotencyError']);
      expect(other.message).to.match(/^Keys for idempotent requests can only be used with the same parameters/);
      const events = await sdk.events.list({ type: 'credit_note.voided' });
      expect(events.data.length, 'voided once').to.equal(1);
    } finally {
      await sb.close();
    }
  });
});
