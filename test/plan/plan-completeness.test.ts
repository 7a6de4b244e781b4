// No record vanishes from the plan while its prerequisite is blocked, missing or set aside (issue 15): each
// Stripe object the connector syncs appears as an operation, as done (linked), or set aside (named), and every
// operation whose prerequisite is blocked is blocked too, naming it.
import { expect } from 'chai';
import type { Operation } from '../../src/plan/operation.js';
import {
  creditNoteApplyKey,
  creditNoteKey,
  customerKey,
  depositKey,
  disputeKey,
  failedPaymentKey,
  invoiceCloseKey,
  invoiceKey,
  paymentKey,
  paymentUnapplyKey,
  refundKey,
} from '../../src/plan/keys.js';
import { ALL_PASSES } from '../../src/plan/passes/registry.js';
import { partitionPlanner } from '../../src/run/plan-partitions.js';
import type { InvalidObject } from '../../src/plan/invalid-input.js';
import type { Snapshot } from '../../src/run/plan-input-from-ledger.js';
import { customer, invoice, testSettings, T0, DAY } from './fixtures.js';
import { bt, outsideInvoicePayment, paidInvoicePayment, stripeCharge, stripeCreditNote, stripeDispute, stripePayout, stripeRefund } from './fixtures-payments.js';

/** The Stripe object types that become NetSuite records (the rest: lines, links, intents, balance transactions). */
const RECORD_TYPES = new Set(['customer', 'invoice', 'charge', 'refund', 'dispute', 'credit_note', 'payout']);

type Obj = { id: string; object: string } & Record<string, unknown>;

/**
 * One customer's year in small: in_1 paid by ch_1, refunded in part (re_1) and disputed (du_1, lost); in_3 voided
 * after a credit note (cn_3); py_f, an ACH payment of in_f that failed; payout po_1 carrying ch_1 and re_1.
 */
function baseWorld(): Obj[] {
  const in1 = invoice({ id: 'in_1', customer: 'cus_1', status: 'paid', lines: [{ amount: 5000 }] });
  const in3 = invoice({ id: 'in_3', customer: 'cus_1', status: 'void', lines: [{ amount: 3000 }], transitions: { voided_at: T0 + 5 * DAY } });
  const inF = invoice({ id: 'in_f', customer: 'cus_1', status: 'open', lines: [{ amount: 4000 }] });
  const withdrawal = bt('txn_du_1', { amount: -2000, fee: 1500, type: 'adjustment', source: 'du_1', reportingCategory: 'dispute', created: T0 + 2 * DAY });
  return [
    customer('cus_1'),
    in1,
    in3,
    inF,
    stripeCharge('ch_1', { amount: 5000 }),
    paidInvoicePayment('inpay_1', 'in_1', 'pi_ch_1', 5000),
    stripeRefund('re_1', 'ch_1', 1000, { created: T0 + DAY }),
    stripeDispute('du_1', 'ch_1', 2000, { status: 'lost', created: T0 + 2 * DAY, balanceTransactions: [withdrawal] }),
    withdrawal,
    stripeCreditNote('cn_3', { invoice: 'in_3', lines: [{ amount: 500 }], pre: 500 }),
    stripeCharge('py_f', {
      amount: 4000,
      status: 'failed',
      paymentIntent: 'pi_f',
      failureBalanceTransaction: 'txn_fail',
      failureMessage: 'No account',
      failureCode: 'no_account',
    }),
    paidInvoicePayment('inpay_f', 'in_f', 'pi_f', 4000, 'canceled'),
    bt('txn_fail', { amount: -4000, type: 'payment_failure_refund', source: 'py_f', created: T0 + 4 * DAY }),
    bt('txn_ch_1', { amount: 5000, fee: 175, type: 'charge', source: 'ch_1', payout: 'po_1' }),
    bt('txn_re_1', { amount: -1000, type: 'refund', source: 're_1', payout: 'po_1', created: T0 + DAY }),
    bt('txn_po_1', { amount: -3825, type: 'payout', source: 'po_1', payout: 'po_1', created: T0 + 3 * DAY }),
    stripePayout('po_1', 3825),
  ] as unknown as Obj[];
}

interface Planned {
  ops: Operation[];
  invalid: Map<string, InvalidObject>;
}

/** Plans the world as a run does (run/plan-partitions.ts): one partition, unusable objects set aside. */
function planWorld(objects: Obj[], links: Map<string, string> = new Map()): Planned {
  const invalid = new Map<string, InvalidObject>();
  const plan = partitionPlanner(testSettings(), links, { invalid }, {});
  const snapshots: Snapshot[] = objects.map((o) => ({ type: o.object, object: o }));
  const ops = plan(snapshots, { prices: new Map(), products: new Map(), coupons: new Map() }, ALL_PASSES).operations;
  return { ops, invalid };
}

/** Every record-making object is an operation, done, or set aside; every dependent of a blocked op is blocked. */
function expectComplete(objects: Obj[], { ops, invalid }: Planned, links: Map<string, string> = new Map()): void {
  const inPlan = new Set(ops.map((o) => o.stripeId));
  const done = new Set([...links.keys()].map((k) => k.slice(k.indexOf(':') + 1).split('#')[0]));
  const missing = objects
    .filter((o) => RECORD_TYPES.has(o.object))
    .map((o) => o.id)
    .filter((id) => !inPlan.has(id) && !done.has(id) && !invalid.has(id));
  expect(missing, 'Stripe objects absent from the plan').to.deep.equal([]);
  const byKey = new Map(ops.map((o) => [o.key, o]));
  for (const op of ops) {
    const blockedDep = op.dependsOn.find((d) => byKey.get(d)?.blocked);
    if (blockedDep) {
      expect(op.blocked, `${op.key} depends on blocked ${blockedDep}`).to.be.a('string');
    }
  }
}

function blocked(ops: Operation[], key: string): string {
  const op = ops.find((o) => o.key === key);
  expect(op, key).to.not.equal(undefined);
  expect(op!.blocked, `${key} blocked`).to.be.a('string');
  return op!.blocked!;
}

function replace(objects: Obj[], id: string, change: (o: Obj) => Obj): Obj[] {
  return objects.map((o) => (o.id === id ? change(structuredClone(o)) : o));
}

describe('plan: nothing vanishes while a prerequisite is blocked', () => {
  it('the whole world, nothing blocked: every object is an operation and nothing is blocked', () => {
    const objects = baseWorld();
    const planned = planWorld(objects);
    expectComplete(objects, planned);
    expect(planned.ops.filter((o) => o.blocked).map((o) => `${o.key}: ${o.blocked}`)).to.deep.equal([]);
    // The failed payment's unapply and refund, the closure and the credit note's application are all there.
    for (const key of [paymentUnapplyKey('py_f'), failedPaymentKey('py_f'), invoiceCloseKey('in_3'), creditNoteApplyKey('cn_3'), depositKey('po_1')]) {
      expect(planned.ops.map((o) => o.key)).to.include(key);
    }
  });

  it('the customer is not in the ledger: every record of it is blocked, naming the customer', () => {
    const objects = baseWorld().filter((o) => o.id !== 'cus_1');
    const planned = planWorld(objects);
    expectComplete(objects, planned);
    expect(blocked(planned.ops, customerKey('cus_1'))).to.contain('is not in the ledger');
    for (const key of [invoiceKey('in_1'), invoiceKey('in_3'), invoiceCloseKey('in_3'), creditNoteKey('cn_3'), paymentKey('ch_1'), refundKey('re_1'), disputeKey('du_1'), paymentKey('py_f'), failedPaymentKey('py_f')]) {
      expect(blocked(planned.ops, key), key).to.contain(`${customerKey('cus_1')} is blocked (`);
    }
    expect(blocked(planned.ops, depositKey('po_1'))).to.contain(`${customerKey('cus_1')} is blocked (`);
  });

  it('a blocked invoice blocks its payment, closure, credit note application and what hangs on the payment', () => {
    const objects = replace(replace(baseWorld(), 'in_1', withMorePages), 'in_3', withMorePages);
    const planned = planWorld(objects);
    expectComplete(objects, planned);
    expect(blocked(planned.ops, invoiceKey('in_1'))).to.contain('has more pages');
    expect(blocked(planned.ops, paymentKey('ch_1'))).to.contain(`${invoiceKey('in_1')} is blocked (`);
    for (const key of [refundKey('re_1'), disputeKey('du_1')]) expect(blocked(planned.ops, key), key).to.contain(`${paymentKey('ch_1')} is blocked (`);
    expect(blocked(planned.ops, depositKey('po_1'))).to.contain(`${paymentKey('ch_1')} is blocked (`);
    // The closure was planned unblocked before: apply would have found out, the plan did not say.
    expect(blocked(planned.ops, invoiceCloseKey('in_3'))).to.contain(`${invoiceKey('in_3')} is blocked (`);
    expect(blocked(planned.ops, creditNoteApplyKey('cn_3'))).to.contain(`${invoiceKey('in_3')} is blocked (`);
  });

  it('a denylisted failed payment blocks its unapply and its refund', () => {
    const objects = replace(baseWorld(), 'py_f', (o) => ({ ...o, metadata: { netsuite_block_integration: 'true' } }));
    const planned = planWorld(objects);
    expectComplete(objects, planned);
    expect(blocked(planned.ops, paymentKey('py_f'))).to.contain('denylisted');
    expect(blocked(planned.ops, paymentUnapplyKey('py_f'))).to.contain(`${paymentKey('py_f')} is blocked (`);
    expect(blocked(planned.ops, failedPaymentKey('py_f'))).to.contain(`${paymentKey('py_f')} is blocked (`);
  });

  it('a charge set aside (money beyond exact range): its refund, dispute and deposit are blocked naming it', () => {
    const objects = replace(baseWorld(), 'ch_1', (o) => ({ ...o, amount_captured: 2 ** 60 }));
    const planned = planWorld(objects);
    expect([...planned.invalid.keys()]).to.deep.equal(['ch_1']);
    expectComplete(objects, planned);
    for (const key of [refundKey('re_1'), disputeKey('du_1')]) expect(blocked(planned.ops, key), key).to.contain('ch_1 was set aside (charge ch_1: field amount_captured');
    expect(blocked(planned.ops, depositKey('po_1'))).to.contain('ch_1');
  });

  it('the customer set aside: every record of it is blocked, naming the customer and its problem', () => {
    const objects = replace(baseWorld(), 'cus_1', (o) => ({ ...o, balance: -(2 ** 60) }));
    const planned = planWorld(objects);
    expect([...planned.invalid.keys()]).to.deep.equal(['cus_1']);
    expectComplete(objects, planned);
    for (const key of [invoiceKey('in_1'), paymentKey('ch_1'), refundKey('re_1'), invoiceCloseKey('in_3'), failedPaymentKey('py_f')]) {
      expect(blocked(planned.ops, key), key).to.contain('cus_1');
    }
  });

  it('a payment outside Stripe whose invoice is not in the ledger is planned blocked, not dropped', () => {
    const objects = [...baseWorld(), outsideInvoicePayment('inpay_out', 'in_gone', 'pr_1', 700)] as unknown as Obj[];
    const planned = planWorld(objects);
    expectComplete(objects, planned);
    expect(blocked(planned.ops, 'creditMemo:inpay_out-outside')).to.equal('invoice payment inpay_out: its invoice in_gone is not in the ledger');
  });

  it('done records stay done: a world fully linked plans only what is left, and misses nothing', () => {
    const links = new Map([[customerKey('cus_1'), '10'], [invoiceKey('in_1'), '11'], [paymentKey('ch_1'), '12']]);
    const objects = baseWorld();
    const planned = planWorld(objects, links);
    expectComplete(objects, planned, links);
    expect(planned.ops.map((o) => o.key)).to.not.include.members([customerKey('cus_1'), invoiceKey('in_1'), paymentKey('ch_1')]);
  });
});

function withMorePages(o: Obj): Obj {
  const lines = o.lines as { has_more: boolean };
  lines.has_more = true;
  return o;
}
