// Small hand-built Stripe worlds for the feature scenarios, in the pinned API shape (2026-10-28.endive), plus
// the two things every scenario does with them: run the real sync over HTTP at the sandbox clock, and read the
// NetSuite outcome back by externalId with each line's item and applied document named by externalId.
// The builder keeps Stripe's own arithmetic (invoice totals, balance transactions' net, payout sweeps) so a
// scenario states the business event and gets consistent objects.
import { runSync, type SyncRunOutcome } from '../../src/run/sync-run.js';
import type { Plan } from '../../src/plan/build-plan.js';
import type { Operation } from '../../src/plan/operation.js';
import type { RuntimeConfig } from '../../src/config/settings.js';
import { typeBySegment, isActive, type FieldDef } from '../../src/sandbox/netsuite/record-schema.js';
import { parseFeatures, type Features } from '../../src/sandbox/netsuite/features.js';
import { expect } from 'chai';
import { stripeObject, type LooseObject } from '../support/stripe-objects.js';
import { startSandboxes, type Sandboxes } from '../support/sandboxes.js';

export const DAY = 86400;
export const HOUR = 3600;
const API_VERSION = '2026-10-28.endive';

// Stripe objects are open JSON shapes here; tests read them back through the same loose type.
export type Obj = LooseObject;

export interface LineSpec {
  price?: Obj | null;
  amount: number;
  quantity?: number;
  description?: string;
  period?: { start: number; end: number };
  proration?: boolean;
  /** Amount of the invoice's coupon taken off this line. */
  discount?: number;
  taxes?: Array<{ rate: string; amount: number; behavior: 'exclusive' | 'inclusive' }>;
}

export interface InvoiceSpec {
  customer: Obj | null;
  /** Creation and finalization time. */
  at: number;
  currency?: string;
  lines: LineSpec[];
  coupon?: Obj;
  startingBalance?: number;
  /** The invoice this one revises (`from_invoice.action = revision`). */
  revises?: Obj;
  dueDate?: number;
  status?: 'draft' | 'open' | 'paid';
}

export interface ChargeSpec {
  customer: Obj | null;
  amount: number;
  at: number;
  currency?: string;
  description?: string | null;
  metadata?: Record<string, string>;
  /** Presentment → settlement rate when the charge is not in the account currency. */
  exchangeRate?: number;
  /** `ach` makes a pending bank debit (`payment` balance transaction) instead of a succeeded card charge. */
  kind?: 'card' | 'ach';
}

export interface Paid {
  invoice: Obj;
  charge: Obj;
  paymentIntent: Obj;
  invoicePayment: Obj;
  txn: Obj;
}

/** Card fee the way Stripe US prices it: 2.9 % + 30 cents, rounded half away from zero. */
export function cardFee(amount: number): number {
  return Math.round(amount * 0.029) + 30;
}

export class ScenarioWorld {
  readonly items: object[] = [];
  /** Non-payout balance transactions, swept by payouts in order of availability. */
  private readonly txns: Obj[] = [];
  private readonly lastPayoutAt = new Map<string, number>();
  private n = 0;

  constructor(
    readonly t0: number,
    /** Makes ids unique and recognisable per scenario. */
    readonly tag: string,
    /** The account (settlement) currency. */
    readonly accountCurrency = 'usd',
  ) {}

  id(prefix: string): string {
    return `${prefix}${this.tag}${String(++this.n).padStart(3, '0')}`;
  }

  add<T extends Obj>(o: T): T {
    this.items.push(o);
    return o;
  }

  /** A later snapshot of an object, visible from `at`. */
  event<T extends Obj>(type: string, snapshot: T, at: number): T {
    this.items.push(stripeObject('event', {
      id: this.id('evt_'),
      api_version: API_VERSION,
      created: at,
      data: { object: snapshot },
      request: { id: null, idempotency_key: null },
      type,
    }));
    return snapshot;
  }

  change<T extends Obj>(current: T, changes: Record<string, unknown>, at: number, type: string): T {
    return this.event(type, { ...current, ...changes }, at);
  }

  customer(fields: Record<string, unknown> = {}): Obj {
    return this.add(stripeObject('customer', {
      id: this.id('cus_'),
      created: this.t0 - 30 * DAY,
      invoice_prefix: this.tag.toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      ...fields,
    }));
  }

  product(name: string): Obj {
    return this.add(stripeObject('product', {
      id: this.id('prod_'),
      created: this.t0 - 60 * DAY,
      name,
      updated: this.t0 - 60 * DAY,
    }));
  }

  price(product: Obj, fields: { unitAmount: number; type?: 'recurring' | 'one_time'; nickname?: string | null; interval?: 'month' | 'year'; currency?: string; metadata?: Record<string, string> }): Obj {
    const type = fields.type ?? 'recurring';
    return this.add(stripeObject('price', {
      id: this.id('price_'),
      created: this.t0 - 60 * DAY,
      currency: fields.currency ?? 'usd',
      metadata: fields.metadata ?? {},
      nickname: fields.nickname ?? null,
      product: product.id,
      recurring: type === 'recurring' ? { interval: fields.interval ?? 'month', interval_count: 1, meter: null, trial_period_days: null, usage_type: 'licensed' } : null,
      tax_behavior: 'exclusive',
      type,
      unit_amount: fields.unitAmount,
      unit_amount_decimal: String(fields.unitAmount),
    }));
  }

  coupon(fields: { name: string; percentOff?: number; amountOff?: number }): Obj {
    return this.add(stripeObject('coupon', {
      id: this.id('CPN'),
      created: this.t0 - 60 * DAY,
      amount_off: fields.amountOff ?? null,
      currency: fields.amountOff ? 'usd' : null,
      name: fields.name,
      percent_off: fields.percentOff ?? null,
      times_redeemed: 1,
    }));
  }

  /** A finalized invoice with Stripe's totals: total = Σ lines − discounts + exclusive tax. */
  invoice(spec: InvoiceSpec): Obj {
    const id = this.id('in_');
    const currency = spec.currency ?? 'usd';
    const at = spec.at;
    const discount = spec.coupon
      ? stripeObject('discount', {
          id: this.id('di_'),
          customer: spec.customer?.id ?? null,
          end: null,
          invoice: id,
          source: { coupon: spec.coupon.id, type: 'coupon' },
          start: at,
        })
      : null;
    const lines = spec.lines.map((l) => {
      const recurring = l.price?.type === 'recurring';
      const lineDiscount = l.discount ?? 0;
      return stripeObject('line_item', {
        id: this.id('il_'),
        amount: l.amount,
        currency,
        description: l.description ?? null,
        discount_amounts: discount && lineDiscount ? [{ amount: lineDiscount, discount: discount.id }] : [],
        discounts: discount && lineDiscount ? [discount.id] : [],
        invoice: id,
        parent: recurring
          ? {
              type: 'subscription_item_details',
              invoice_item_details: null,
              subscription_item_details: { invoice_item: null, proration: l.proration ?? false, proration_details: { credited_items: null }, subscription: `sub_${this.tag}`, subscription_item: `si_${this.tag}` },
            }
          : {
              type: 'invoice_item_details',
              invoice_item_details: { invoice_item: this.id('ii_'), proration: l.proration ?? false, proration_details: { credited_items: null }, subscription: null },
              subscription_item_details: null,
            },
        period: l.period ?? { start: at, end: at },
        pricing: l.price
          ? { type: 'price_details', price_details: { price: l.price.id, product: l.price.product }, unit_amount_decimal: String(l.price.unit_amount) }
          : null,
        quantity: l.quantity ?? 1,
        quantity_decimal: String(l.quantity ?? 1),
        subtotal: l.amount,
        taxes: (l.taxes ?? []).map((t) => ({
          amount: t.amount,
          tax_behavior: t.behavior,
          tax_rate_details: { tax_rate: t.rate },
          taxability_reason: 'standard_rated',
          taxable_amount: l.amount - lineDiscount,
          type: 'tax_rate_details',
        })),
      });
    });
    const subtotal = lines.reduce((s, l) => s + l.amount, 0);
    const discountTotal = spec.lines.reduce((s, l) => s + (l.discount ?? 0), 0);
    const taxes = lines.flatMap((l) => l.taxes);
    const exclusiveTax = taxes.filter((t) => t.tax_behavior === 'exclusive').reduce((s, t) => s + t.amount, 0);
    const inclusiveTax = taxes.filter((t) => t.tax_behavior === 'inclusive').reduce((s, t) => s + t.amount, 0);
    const total = subtotal - discountTotal + exclusiveTax;
    const starting = spec.startingBalance ?? 0;
    const amountDue = Math.max(0, total + starting);
    const draft = spec.status === 'draft';
    // Stripe marks an invoice with nothing to collect paid at finalization.
    const status = spec.status ?? (amountDue === 0 ? 'paid' : 'open');
    const from = spec.revises ? { action: 'revision', invoice: spec.revises.id } : null;
    return this.add(stripeObject('invoice', {
      id,
      created: at,
      account_name: 'Scenario Inc.',
      amount_due: amountDue,
      amount_paid: status === 'paid' ? amountDue : 0,
      amount_remaining: status === 'paid' ? 0 : amountDue,
      auto_advance: true,
      billing_reason: lines.some((l) => l.parent.type === 'subscription_item_details') ? 'subscription_cycle' : 'manual',
      collection_method: spec.dueDate ? 'send_invoice' : 'charge_automatically',
      currency,
      customer: spec.customer?.id ?? null,
      customer_email: spec.customer?.email ?? null,
      customer_name: spec.customer?.name ?? null,
      discounts: discount ? [discount] : [],
      due_date: spec.dueDate ?? null,
      effective_at: draft ? null : at,
      ending_balance: draft ? null : starting + total - amountDue,
      from_invoice: from,
      lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
      number: draft ? null : `${this.tag.toUpperCase()}-${String(this.n).padStart(4, '0')}`,
      period_end: at,
      period_start: at,
      starting_balance: starting,
      status,
      status_transitions: {
        finalized_at: draft ? null : at,
        marked_uncollectible_at: null,
        paid_at: status === 'paid' ? at : null,
        voided_at: null,
      },
      subtotal,
      subtotal_excluding_tax: subtotal - inclusiveTax,
      total,
      total_discount_amounts: discount && discountTotal ? [{ amount: discountTotal, discount: discount.id }] : [],
      total_excluding_tax: total - exclusiveTax - inclusiveTax,
      total_taxes: taxes,
    }));
  }

  /** A balance transaction for `source`, available two days later. */
  txn(fields: { amount: number; at: number; source: string; type: string; reportingCategory: string; fee?: number; feeDescription?: string; exchangeRate?: number | null; currency?: string; description?: string | null }): Obj {
    const fee = fields.fee ?? 0;
    const currency = fields.currency ?? this.accountCurrency;
    const t = this.add(stripeObject('balance_transaction', {
      id: this.id('txn_'),
      created: fields.at,
      amount: fields.amount,
      available_on: fields.at + 2 * DAY,
      currency,
      description: fields.description ?? null,
      exchange_rate: fields.exchangeRate ?? null,
      fee,
      fee_details: fee ? [{ amount: fee, application: null, currency, description: fields.feeDescription ?? 'Stripe processing fees', type: 'stripe_fee' }] : [],
      net: fields.amount - fee,
      reporting_category: fields.reportingCategory,
      source: fields.source,
      type: fields.type,
    }));
    this.txns.push(t);
    return t;
  }

  /** A charge with its PaymentIntent and balance transaction (card: succeeded; ach: pending). */
  charge(spec: ChargeSpec & { invoiceId?: string }): { charge: Obj; paymentIntent: Obj; txn: Obj } {
    const currency = spec.currency ?? 'usd';
    const kind = spec.kind ?? 'card';
    const chargeId = this.id('ch_');
    const piId = this.id('pi_');
    const settled = spec.exchangeRate ? Math.round(spec.amount * spec.exchangeRate) : spec.amount;
    const txn = this.txn({
      amount: settled,
      at: spec.at,
      source: chargeId,
      type: kind === 'ach' ? 'payment' : 'charge',
      reportingCategory: 'charge',
      fee: kind === 'ach' ? Math.min(Math.round(settled * 0.008), 500) : cardFee(settled),
      exchangeRate: spec.exchangeRate ?? null,
      description: spec.description ?? null,
    });
    const paymentIntent = this.add(stripeObject('payment_intent', {
      id: piId,
      created: spec.at,
      amount: spec.amount,
      amount_received: kind === 'card' ? spec.amount : 0,
      currency,
      customer: spec.customer?.id ?? null,
      description: spec.description ?? null,
      latest_charge: chargeId,
      payment_method_types: [kind === 'ach' ? 'us_bank_account' : 'card'],
      processing: kind === 'ach' ? { type: 'us_bank_account' } : null,
      status: kind === 'ach' ? 'processing' : 'succeeded',
    }));
    const charge = this.add(stripeObject('charge', {
      id: chargeId,
      created: spec.at,
      amount: spec.amount,
      amount_captured: spec.amount,
      balance_transaction: txn.id,
      billing_details: { address: null, email: spec.customer?.email ?? null, name: spec.customer?.name ?? null, phone: null, tax_id: null },
      currency,
      customer: spec.customer?.id ?? null,
      description: spec.description ?? null,
      metadata: spec.metadata ?? {},
      paid: kind === 'card',
      payment_intent: piId,
      payment_method: this.id('pm_'),
      payment_method_details: kind === 'ach' ? { type: 'us_bank_account', us_bank_account: { last4: '6789' } } : { type: 'card', card: { brand: 'visa', last4: '4242' } },
      status: kind === 'ach' ? 'pending' : 'succeeded',
    }));
    this.event(kind === 'ach' ? 'charge.pending' : 'charge.succeeded', charge, spec.at);
    return { charge, paymentIntent, txn };
  }

  /** Pays an open invoice's remaining amount with a charge; the invoice becomes paid (card) or stays open (ach). */
  pay(invoice: Obj, at: number, o: { kind?: 'card' | 'ach'; amount?: number; exchangeRate?: number } = {}): Paid {
    const amount = o.amount ?? invoice.amount_remaining;
    const kind = o.kind ?? 'card';
    const { charge, paymentIntent, txn } = this.charge({
      customer: invoice.customer ? ({ id: invoice.customer } as Obj) : null,
      amount,
      at,
      currency: invoice.currency,
      description: invoice.billing_reason === 'subscription_cycle' ? 'Subscription update' : `Payment for Invoice ${invoice.number}`,
      kind,
      exchangeRate: o.exchangeRate,
    });
    const base = stripeObject('invoice_payment', {
      id: this.id('inpay_'),
      created: at,
      amount_requested: amount,
      currency: invoice.currency,
      invoice: invoice.id,
      payment: { type: 'payment_intent', payment_intent: paymentIntent.id },
    });
    if (kind === 'ach') {
      const invoicePayment = this.add({ ...base, amount_paid: null, status: 'open', status_transitions: { canceled_at: null, paid_at: null } });
      return { invoice, charge, paymentIntent, invoicePayment, txn };
    }
    const invoicePayment = this.add({ ...base, amount_paid: amount, status: 'paid', status_transitions: { canceled_at: null, paid_at: at } });
    this.event('invoice_payment.paid', invoicePayment, at);
    const paidTotal = invoice.amount_paid + amount;
    const remaining = invoice.amount_due - paidTotal;
    const updated = this.change(
      invoice,
      {
        amount_paid: paidTotal,
        amount_remaining: remaining,
        attempt_count: invoice.attempt_count + 1,
        attempted: true,
        status: remaining === 0 ? 'paid' : invoice.status,
        status_transitions: { ...invoice.status_transitions, paid_at: remaining === 0 ? at : null },
      },
      at,
      remaining === 0 ? 'invoice.paid' : 'invoice.updated',
    );
    return { invoice: updated, charge, paymentIntent, invoicePayment, txn };
  }

  /**
   * Stripe's "report a payment" + attach to the invoice: a payment record of a custom (non-Stripe) processor and an
   * invoice payment of type `payment_record`, counted in `amount_paid`. No charge, no balance transaction.
   */
  payOutside(invoice: Obj, at: number, amount: number = invoice.amount_remaining): { invoice: Obj; record: Obj; invoicePayment: Obj } {
    const money = { currency: invoice.currency, value: amount };
    const zero = { currency: invoice.currency, value: 0 };
    const record = this.add(stripeObject('payment_record', {
      id: this.id('pr_'),
      created: at,
      amount: money, amount_authorized: money, amount_guaranteed: money, amount_requested: money,
      amount_canceled: zero, amount_failed: zero, amount_refunded: zero,
      customer_details: { customer: invoice.customer, email: null, name: null, phone: null },
      processor_details: { type: 'custom', custom: { payment_reference: `cheque ${this.n}` } },
      reported_by: 'self',
    }));
    const invoicePayment = this.add(stripeObject('invoice_payment', {
      id: this.id('inpay_'),
      created: at,
      amount_paid: amount,
      amount_requested: amount,
      currency: invoice.currency,
      invoice: invoice.id,
      is_default: false,
      payment: { type: 'payment_record', payment_record: record.id },
      status: 'paid',
      status_transitions: { canceled_at: null, paid_at: at },
    }));
    this.event('invoice_payment.paid', invoicePayment, at);
    const paidTotal = invoice.amount_paid + amount;
    const remaining = invoice.amount_due - paidTotal;
    const updated = this.change(
      invoice,
      {
        amount_paid: paidTotal,
        amount_remaining: remaining,
        status: remaining === 0 ? 'paid' : invoice.status,
        status_transitions: { ...invoice.status_transitions, paid_at: remaining === 0 ? at : null },
      },
      at,
      remaining === 0 ? 'invoice.paid' : 'invoice.updated',
    );
    return { invoice: updated, record, invoicePayment };
  }

  /** A processing bank debit fails: the charge fails and its settled funds come back out. */
  failBankDebit(paid: Paid, at: number): Obj {
    const failure = this.txn({ amount: -paid.txn.amount, at, source: paid.charge.id, type: 'payment_failure_refund', reportingCategory: 'charge_failure', description: 'Payment failure refund' });
    const failed = this.change(
      paid.charge,
      {
        status: 'failed',
        paid: false,
        captured: false,
        failure_balance_transaction: failure.id,
        failure_code: 'insufficient_funds',
        failure_message: "The customer's account has insufficient funds to cover this payment.",
      },
      at,
      'charge.failed',
    );
    this.change(paid.invoicePayment, { status: 'canceled', status_transitions: { canceled_at: at, paid_at: null } }, at, 'invoice_payment.canceled');
    this.change(paid.paymentIntent, { status: 'requires_payment_method', processing: null }, at, 'payment_intent.payment_failed');
    return failed;
  }

  /** Settles a processing bank debit: the charge succeeds and the invoice is paid. */
  settleBankDebit(paid: Paid, at: number): Paid {
    const charge = this.change(paid.charge, { status: 'succeeded', paid: true }, at, 'charge.succeeded');
    const invoicePayment = this.change(paid.invoicePayment, { amount_paid: paid.invoicePayment.amount_requested, status: 'paid', status_transitions: { canceled_at: null, paid_at: at } }, at, 'invoice_payment.paid');
    const invoice = this.change(
      paid.invoice,
      { amount_paid: paid.invoice.amount_due, amount_remaining: 0, status: 'paid', status_transitions: { ...paid.invoice.status_transitions, paid_at: at } },
      at,
      'invoice.paid',
    );
    return { ...paid, charge, invoicePayment, invoice };
  }

  /** A refund of `amount` of a charge (settled proportionally); the processing fee is not returned. */
  refund(charge: Obj, amount: number, at: number, o: { reason?: string; settlementTxn?: Obj } = {}): Obj {
    const id = this.id('re_');
    const settledCharge = o.settlementTxn;
    const settled = settledCharge && charge.currency !== this.accountCurrency ? Math.round((settledCharge.amount * amount) / charge.amount) : amount;
    const txn = this.txn({ amount: -settled, at, source: id, type: 'refund', reportingCategory: 'refund', exchangeRate: settledCharge?.exchange_rate ?? null, description: 'REFUND FOR CHARGE' });
    const refund = this.add(stripeObject('refund', {
      id,
      created: at,
      amount,
      balance_transaction: txn.id,
      charge: charge.id,
      currency: charge.currency,
      payment_intent: charge.payment_intent,
      reason: o.reason ?? 'requested_by_customer',
    }));
    this.event('refund.created', refund, at);
    const refunded = charge.amount_refunded + amount;
    this.change(charge, { amount_refunded: refunded, refunded: refunded === charge.amount }, at, 'charge.refunded');
    return refund;
  }

  /** A chargeback: funds and the 15.00 fee withdrawn at `at`; closed `won` (reinstated) or `lost` at `closedAt`. */
  dispute(charge: Obj, at: number, outcome: 'won' | 'lost', closedAt: number): { opened: Obj; closed: Obj; withdrawal: Obj; reinstatement?: Obj } {
    const id = this.id('du_');
    const withdrawal = this.txn({ amount: -charge.amount, at, source: id, type: 'adjustment', reportingCategory: 'dispute', fee: 1500, feeDescription: 'Dispute fee', description: `Chargeback withdrawal for ${charge.id}` });
    const opened = this.add(stripeObject('dispute', {
      id,
      created: at,
      amount: charge.amount,
      balance_transactions: [withdrawal],
      charge: charge.id,
      currency: charge.currency,
      is_charge_refundable: false,
      payment_intent: charge.payment_intent,
      reason: 'fraudulent',
    }));
    this.event('charge.dispute.created', opened, at);
    this.event('charge.dispute.funds_withdrawn', opened, at);
    if (outcome === 'lost') {
      const closed = this.change(opened, { status: 'lost' }, closedAt, 'charge.dispute.closed');
      return { opened, closed, withdrawal };
    }
    const reinstatement = this.txn({ amount: charge.amount, at: closedAt, source: id, type: 'adjustment', reportingCategory: 'dispute_reversal', fee: -1500, feeDescription: 'Dispute fee refund', description: `Chargeback reversal for ${charge.id}` });
    const closed = this.change(opened, { status: 'won', balance_transactions: [withdrawal, reinstatement] }, closedAt, 'charge.dispute.closed');
    this.event('charge.dispute.funds_reinstated', closed, closedAt);
    return { opened, closed, withdrawal, reinstatement };
  }

  /**
   * A credit note on `invoice` at `at`. Lines credit invoice lines (by index) or are custom. On an open invoice
   * the whole note is pre-payment (the invoice's amount due drops, and its updated snapshot is returned);
   * on a paid one it is post-payment: refunded (`refund`), out of band, or credited to the balance.
   */
  creditNote(invoice: Obj, at: number, o: { lines: Array<{ invoiceLine?: number; amount: number; description?: string }>; refund?: Obj; outOfBand?: boolean; memo?: string }): { creditNote: Obj; invoice: Obj } {
    const id = this.id('cn_');
    const total = o.lines.reduce((s, l) => s + l.amount, 0);
    const pre = invoice.status === 'open' ? Math.min(total, invoice.amount_remaining) : 0;
    const lines = o.lines.map((l) => stripeObject('credit_note_line_item', {
      id: this.id('cnli_'),
      amount: l.amount,
      description: l.description ?? (l.invoiceLine !== undefined ? invoice.lines.data[l.invoiceLine].description : 'Goodwill credit'),
      invoice_line_item: l.invoiceLine !== undefined ? invoice.lines.data[l.invoiceLine].id : undefined,
      metadata: {},
      quantity: 1,
      type: l.invoiceLine !== undefined ? 'invoice_line_item' : 'custom_line_item',
    }));
    const creditNote = this.add(stripeObject('credit_note', {
      id,
      created: at,
      amount: total,
      currency: invoice.currency,
      customer: invoice.customer,
      effective_at: at,
      invoice: invoice.id,
      lines: { object: 'list', data: lines, has_more: false, url: `/v1/credit_notes/${id}/lines` },
      memo: o.memo ?? null,
      number: `${invoice.number}-CN-01`,
      out_of_band_amount: o.outOfBand ? total - pre : null,
      post_payment_amount: total - pre,
      pre_payment_amount: pre,
      reason: 'order_change',
      refunds: o.refund ? [{ refund: o.refund.id, amount_refunded: o.refund.amount, type: 'refund', payment_record_refund: null }] : [],
      subtotal: total,
      subtotal_excluding_tax: total,
      total,
      total_excluding_tax: total,
      type: pre === total ? 'pre_payment' : pre === 0 ? 'post_payment' : 'mixed',
    }));
    this.event('credit_note.created', creditNote, at);
    const updated = this.change(
      invoice,
      {
        pre_payment_credit_notes_amount: invoice.pre_payment_credit_notes_amount + pre,
        post_payment_credit_notes_amount: invoice.post_payment_credit_notes_amount + total - pre,
        amount_due: invoice.amount_due - pre,
        amount_remaining: invoice.amount_remaining - pre,
      },
      at,
      'invoice.updated',
    );
    return { creditNote, invoice: updated };
  }

  /**
   * An automatic payout at `at` of every transaction in `currency` that became available since the previous
   * payout (the sandbox's sweep rule); paid on arrival one day later. Returns the payout as paid.
   */
  payout(at: number, currency = this.accountCurrency, o: { failsAt?: number } = {}): { payout: Obj; swept: Obj[]; returned?: Obj } {
    const since = this.lastPayoutAt.get(currency) ?? -Infinity;
    const swept = this.txns.filter((t) => t.currency === currency && t.available_on <= at && t.available_on > since);
    const amount = swept.reduce((s, t) => s + t.net, 0);
    if (amount <= 0) throw new Error(`scenario bug: payout at ${at} would be ${amount}`);
    this.lastPayoutAt.set(currency, at);
    const id = this.id('po_');
    const own = this.add(stripeObject('balance_transaction', {
      id: this.id('txn_'),
      created: at,
      amount: -amount,
      available_on: at,
      currency,
      description: 'STRIPE PAYOUT',
      net: -amount,
      reporting_category: 'payout',
      source: id,
      type: 'payout',
    }));
    const inTransit = this.add(stripeObject('payout', {
      id,
      created: at,
      amount,
      arrival_date: Math.floor((at + DAY) / DAY) * DAY, // midnight UTC of the arrival day, as Stripe encodes it
      balance_transaction: own.id,
      currency,
      reconciliation_status: 'in_progress',
      status: 'in_transit',
    }));
    this.event('payout.created', inTransit, at);
    if (o.failsAt !== undefined) {
      // The bank returned it: the funds come back as a `payout_failure` transaction, available at once, that the
      // next payout sweeps.
      const returned = this.add({
        id: this.id('txn_'),
        object: 'balance_transaction',
        created: o.failsAt,
        amount,
        available_on: o.failsAt,
        balance_type: 'payments',
        currency,
        description: 'STRIPE PAYOUT FAILURE',
        exchange_rate: null,
        fee: 0,
        fee_details: [],
        net: amount,
        reporting_category: 'payout_reversal',
        source: id,
        status: 'available',
        type: 'payout_failure',
      });
      this.txns.push(returned);
      const failed = this.change(
        inTransit,
        { status: 'failed', failure_balance_transaction: returned.id, failure_code: 'account_closed', failure_message: 'The bank account has been closed.' },
        o.failsAt,
        'payout.failed',
      );
      return { payout: failed, swept, returned };
    }
    const paid = this.change(inTransit, { status: 'paid', reconciliation_status: 'completed' }, at + DAY, 'payout.paid');
    return { payout: paid, swept };
  }
}

// ------------------------------------------------------------------ running and reading

/** The two NetSuite accounts every feature scenario runs against (issue 11). */
export const FEATURE_SETS = ['all', 'none'] as const;
export type FeatureSet = (typeof FEATURE_SETS)[number];

/** A NetSuite request as the sandbox answered it. */
export interface NsRequest {
  method: string;
  path: string;
  body: unknown;
  status: number;
}

/** A write the sandbox refused (4xx) whose body names properties the account's features do not give. */
export interface RefusedProperty extends NsRequest {
  properties: string[];
}

export interface Scenario {
  h: Sandboxes;
  ns: NetSuiteView;
  features: FeatureSet;
  /** Every NetSuite request the sandbox answered (token requests aside), in order. */
  requests: NsRequest[];
  /**
   * Writes NetSuite refused for a property the account lacks ("Invalid field name: … The field does not exist on
   * this record."): each 4xx write whose body has a field the active features do not give, with those fields.
   */
  refusedProperties(): RefusedProperty[];
  /** One sync run at the sandbox clock. */
  sync(): Promise<SyncRunOutcome & { plan: Plan }>;
  close(): Promise<void>;
}

export async function startScenario(
  world: ScenarioWorld,
  o: { now: number; configPatch?: (s: RuntimeConfig['settings']) => void; features?: FeatureSet },
): Promise<Scenario> {
  const features = o.features ?? 'all';
  const requests: NsRequest[] = [];
  const h = await startSandboxes({ world: world.items, now: o.now, configPatch: o.configPatch, netsuite: { features, onRequest: (r) => requests.push(r) } });
  const active = parseFeatures(features);
  return {
    h,
    ns: new NetSuiteView(h),
    features,
    requests,
    refusedProperties: () =>
      requests.flatMap((r) => {
        if (r.status < 400 || r.status >= 500 || !WRITES.has(r.method)) return [];
        const properties = unknownProperties(r.path, r.body, active);
        return properties.length ? [{ ...r, properties }] : [];
      }),
    sync: async () => {
      // A run that applies reports its operations one by one; scenarios read them as the run's plan.
      const operations: Operation[] = [];
      const outcome = await runSync(h.config, {
        kind: 'sync',
        dryRun: false,
        extract: true,
        now: h.stripe.now(),
        onOperation: (op) => operations.push(op),
      });
      return { ...outcome, plan: { operations } };
    },
    close: () => h.close(),
  };
}

const WRITES = new Set(['POST', 'PATCH', 'PUT']);
const RECORD_PATH = /^\/services\/rest\/record\/v1\/([^/?]+)/;

/**
 * The body's fields that the record type does not have with these features, by path — the same rule the sandbox
 * (src/sandbox/netsuite/request-body.ts) refuses as an unknown property, read from its record schema.
 */
export function unknownProperties(path: string, body: unknown, features: Features): string[] {
  const m = RECORD_PATH.exec(path);
  const type = m ? typeBySegment(m[1]) : undefined;
  if (!type || !isObject(body)) return [];
  const out: string[] = [];
  const walk = (fields: FieldDef[], value: Record<string, unknown>, prefix: string): void => {
    const byLower = new Map(fields.map((fd) => [fd.name.toLowerCase(), fd]));
    for (const [key, v] of Object.entries(value)) {
      if (key === 'links') continue;
      const fd = byLower.get(key.toLowerCase());
      const at = prefix ? `${prefix}.${key}` : key;
      if (!fd || !isActive(fd, features)) {
        out.push(at);
        continue;
      }
      if (fd.kind.k === 'subrecord' && isObject(v)) walk(fd.kind.fields, v, at);
      if (fd.kind.k === 'sublist' && isObject(v) && Array.isArray(v.items)) {
        const lines = fd.kind.lines;
        v.items.forEach((line, i) => isObject(line) && walk(lines, line, `${at}.items[${i}]`));
      }
    }
  };
  walk(type.fields, body, '');
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ------------------------------------------------------------------ the account's features, for assertions

/** Line fields only Revenue Recognition gives. */
export const REV_REC_FIELDS = ['revRecStartDate', 'revRecEndDate'];
/** Fields of a transaction or customer only Subsidiaries and the currency features give. */
export const CURRENCY_FIELDS = ['subsidiary', 'currency', 'exchangeRate'];

/**
 * What a scenario expects of the account it runs against: `all` (OneWorld, multi-currency, payment instruments,
 * revenue recognition) or `none` (one subsidiary, USD only, none of them). It starts the file's scenarios against
 * that account and remembers them, so a file can check that no request of any of them was refused.
 */
export class Account {
  /** A single-subsidiary, single-currency account without the optional features. */
  readonly single: boolean;
  private readonly started: Scenario[] = [];

  constructor(readonly features: FeatureSet) {
    this.single = features === 'none';
  }

  /** `startScenario` against this account. */
  async start(world: ScenarioWorld, o: { now: number; configPatch?: (s: RuntimeConfig['settings']) => void }): Promise<Scenario> {
    const s = await startScenario(world, { ...o, features: this.features });
    this.started.push(s);
    return s;
  }

  /** Every request of every scenario started so far that NetSuite refused for a property the account lacks. */
  expectNoRefusedProperties(): void {
    expect(this.started, 'the file started its scenarios').to.not.be.empty;
    for (const s of this.started) expectNoRefusedProperties(s);
  }

  /** Body fields for a record the test itself writes: `fields` only when the account has them (`all`). */
  given(fields: Record<string, unknown>): Record<string, unknown> {
    return this.single ? {} : fields;
  }

  /**
   * Fields only the features give: on `all` runs `check` (the assertions about them); on `none` asserts the
   * records (or lines) have none of them.
   */
  withFields(recs: NsRecord | NsRecord[], fields: string[], check: () => void | Promise<void>): void | Promise<void> {
    if (!this.single) return check();
    for (const rec of [recs].flat()) {
      for (const f of fields) expect(rec, `no ${f} without the feature that gives it`).to.not.have.property(f);
    }
  }

  /** A revenue date as read back: the date with Revenue Recognition, absent without it. */
  revRec(date: string): string | undefined {
    return this.single ? undefined : date;
  }

  /**
   * A payment or refund names the Stripe payment method `paymentOption` (Payment Instruments) or, without the
   * feature, `paymentMethod`; and without Multiple Currencies / OneWorld it has no currency fields.
   */
  expectPaymentFields(rec: NsRecord): void {
    const [has, lacks] = this.single ? ['paymentMethod', 'paymentOption'] : ['paymentOption', 'paymentMethod'];
    expect(rec, `the payment method as ${has}`).to.have.property(has);
    expect(rec).to.not.have.property(lacks);
    if (this.single) for (const f of CURRENCY_FIELDS) expect(rec, `no ${f} on a single-currency account`).to.not.have.property(f);
  }

  /** On a single-currency account, the reason an operation in `currency` is blocked. */
  currencyReason(recordType: string, stripeId: string, currency: string): string {
    return `${stripeId}: ${recordType}: in ${currency.toUpperCase()}, but the NetSuite account has only its base currency: the Multiple Currencies feature (MULTICURRENCY) is off`;
  }

  /**
   * The run's failures are exactly `expected` (operation key → text its reason contains); none when empty, and
   * then the run is a success.
   */
  expectFailures(run: SyncRunOutcome, expected: Record<string, string>): void {
    const keys = Object.keys(expected).sort();
    if (keys.length === 0) {
      expect(run.summary.failures, failuresOf(run)).to.deep.equal([]);
      expect(run.summary.status).to.equal('success');
      return;
    }
    expect(run.summary.failures.map((f) => f.key).sort(), failuresOf(run)).to.deep.equal(keys);
    for (const f of run.summary.failures) expect(f.error, f.key).to.contain(expected[f.key]);
    expect(run.summary.status).to.equal('partial');
  }

  /**
   * On a single-currency account: the operation for a `currency` record is blocked with the reason naming the
   * currency and MULTICURRENCY, and NetSuite has no such record.
   */
  async expectCurrencyBlocked(s: Scenario, run: SyncRunOutcome, recordType: string, stripeId: string, currency: string, externalId = stripeId): Promise<void> {
    expect(this.single, 'only a single-currency account blocks a currency').to.equal(true);
    const failure = run.summary.failures.find((f) => f.key === `${recordType}:${externalId}`);
    expect(failure?.error, failuresOf(run)).to.equal(this.currencyReason(recordType, stripeId, currency));
    expect(await s.ns.find(recordType, externalId)).to.equal(undefined);
  }
}

/** Asserts no NetSuite request of the scenario was refused for a property the account lacks. */
export function expectNoRefusedProperties(s: Scenario): void {
  const refused = s.refusedProperties();
  expect(refused, JSON.stringify(refused.map((r) => ({ method: r.method, path: r.path, status: r.status, properties: r.properties, body: r.body })), null, 1)).to.deep.equal([]);
}

/** Runs and expects a clean run: nothing failed or blocked. */
export function failuresOf(outcome: SyncRunOutcome): string {
  return JSON.stringify(outcome.summary.failures, null, 1);
}

export type NsRecord = Record<string, unknown>;
export interface NsLine {
  amount: number;
  /** externalId of the line's item (item sublists). */
  item?: string;
  /** externalId of the applied document (apply sublists) or the deposited record (deposit payment sublist). */
  doc?: string;
  account?: string;
  raw: NsRecord;
}

/** NetSuite records read back over REST, with references turned into externalIds for readable assertions. */
export class NetSuiteView {
  private readonly eidCache = new Map<string, string>();
  constructor(private readonly h: Sandboxes) {}

  async find(type: string, externalId: string): Promise<NsRecord | undefined> {
    return this.h.client.getByExternalId(type, externalId, { expandSubResources: true });
  }

  async record(type: string, externalId: string): Promise<NsRecord> {
    const r = await this.find(type, externalId);
    if (!r) throw new Error(`no NetSuite ${type} with externalId ${externalId}`);
    return r;
  }

  /** Every transaction of a record type the connector made (externalIds, sorted). */
  async externalIds(type: 'invoice' | 'customerPayment' | 'creditMemo' | 'customerRefund' | 'deposit' | 'customer'): Promise<string[]> {
    const out: string[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await this.h.client.list(type, { limit: 1000, offset });
      for (const { id } of page.items) {
        const r = await this.h.client.get(type, id);
        out.push(String(r.externalId ?? `(none ${id})`));
      }
      if (!page.hasMore) break;
    }
    return out.sort();
  }

  private async eidOf(table: 'item' | 'transaction' | 'customer', id: string): Promise<string> {
    const k = `${table}:${id}`;
    let v = this.eidCache.get(k);
    if (v === undefined) {
      const rows = await this.h.client.suiteql(`SELECT externalid FROM ${table} WHERE id = ?`, [id]);
      v = rows[0]?.externalid ?? `(unknown ${table} ${id})`;
      this.eidCache.set(k, v);
    }
    return v;
  }

  async entity(rec: NsRecord, field = 'entity'): Promise<string> {
    return this.eidOf('customer', refId(rec[field]));
  }

  async lines(rec: NsRecord, sublist: string): Promise<NsLine[]> {
    const items = ((rec[sublist] as { items?: NsRecord[] } | undefined)?.items ?? []) as NsRecord[];
    const out: NsLine[] = [];
    for (const l of items) {
      const line: NsLine = { amount: Number(l.amount ?? l.paymentAmount ?? 0), raw: l };
      if (l.item !== undefined) line.item = await this.eidOf('item', refId(l.item));
      if (l.doc !== undefined) line.doc = await this.eidOf('transaction', refId(l.doc));
      if (sublist === 'payment' && l.id !== undefined) line.doc = await this.eidOf('transaction', refId(l.id));
      if (l.account !== undefined) line.account = refId(l.account);
      out.push(line);
    }
    return out;
  }

  /** Apply lines that are applied (`apply: true`), as `{doc externalId: amount}`. */
  async applied(rec: NsRecord): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const l of await this.lines(rec, 'apply')) if (l.raw.apply !== false) out[l.doc!] = (out[l.doc!] ?? 0) + l.amount;
    return out;
  }
}

export function refId(v: unknown): string {
  if (v && typeof v === 'object' && 'id' in v) return String((v as { id: unknown }).id);
  return String(v);
}

/** Sum of decimal amounts in cents, so comparisons never depend on float addition. */
export function cents(amounts: number[]): number {
  return amounts.reduce((s, a) => s + Math.round(a * 100), 0);
}
