/**
 * The account's balance: every balance transaction (in the account currency, converted from the
 * presentment currency at a fixed daily-free rate) with its fees, kept for the payout sweep.
 * Conversions round each amount once; a full refund or a dispute reverses exactly what the charge
 * settled, so converted sums never drift.
 */
import { currencyExponent } from '../../accounting/money.js';
import { DAY } from './calendar.js';
import type { Rng } from './prng.js';
import type { StripeObject, WorldItems } from './world-items.js';

export interface FeeDetail {
  amount: number;
  application: string | null;
  currency: string;
  description: string;
  type: 'stripe_fee' | 'application_fee' | 'tax';
}

export interface BalanceTransaction extends StripeObject {
  object: 'balance_transaction';
  amount: number;
  available_on: number;
  currency: string;
  description: string | null;
  exchange_rate: number | null;
  fee: number;
  fee_details: FeeDetail[];
  net: number;
  reporting_category: string;
  source: string;
  status: 'available' | 'pending';
  type: string;
  balance_type: 'payments';
}

/** Value of one major unit in USD; rates between two currencies go through it. */
const USD_VALUE: Record<string, number> = { usd: 1, eur: 1.08, gbp: 1.27, jpy: 0.0067, kwd: 3.25 };
/** Fixed part of the card fee, in the account currency's minor unit. */
const FIXED_FEE: Record<string, number> = { usd: 30, eur: 25, gbp: 20, jpy: 40 };
/** Dispute fee, in the account currency's minor unit. */
const DISPUTE_FEE: Record<string, number> = { usd: 1500, eur: 1500, gbp: 1500, jpy: 2000 };
const CONNECT_APPLICATION = 'ca_Sandbox00Platform00App01';

/** What a charge settled as, so its refunds and disputes reverse it exactly. */
interface Settlement {
  amount: number; // presentment minor units
  converted: number; // account minor units
  rate: number | null;
  fee: number;
  reversed: number; // account minor units already given back by refunds and disputes
}

interface TxnInput {
  amount: number;
  created: number;
  description: string | null;
  exchange_rate: number | null;
  fee: number;
  fee_details: FeeDetail[];
  reporting_category: string;
  source: string;
  type: string;
}

function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

export class BalanceBook {
  /** Every non-payout balance transaction, in creation order. */
  readonly transactions: BalanceTransaction[] = [];
  private readonly settlements = new Map<string, Settlement>();

  constructor(
    private readonly rng: Rng,
    private readonly items: WorldItems,
    readonly currency: string,
  ) {
    if (!(currency in USD_VALUE)) throw new Error(`account currency ${currency} is not one of ${Object.keys(USD_VALUE).join(', ')}`);
  }

  /** Presentment → account currency rate as Stripe shows it, or null when no conversion happens. */
  rate(presentment: string): number | null {
    if (presentment === this.currency) return null;
    return Number((USD_VALUE[presentment] / USD_VALUE[this.currency]).toFixed(6));
  }

  convert(amount: number, presentment: string): number {
    const rate = this.rate(presentment);
    if (rate === null) return amount;
    const major = amount / 10 ** currencyExponent(presentment);
    return roundHalfAway(major * rate * 10 ** currencyExponent(this.currency));
  }

  /** A succeeded card charge (`charge`) or a bank debit that is still processing (`payment`). */
  charge(ch: { id: string; amount: number; currency: string; created: number; description: string | null }, kind: 'card' | 'ach', applicationFee: boolean): BalanceTransaction {
    const converted = this.convert(ch.amount, ch.currency);
    const fees: FeeDetail[] = [];
    if (kind === 'card') {
      const fx = ch.currency === this.currency ? 0 : roundHalfAway(converted * 0.01);
      fees.push({ amount: roundHalfAway(converted * 0.029) + FIXED_FEE[this.currency] + fx, application: null, currency: this.currency, description: 'Stripe processing fees', type: 'stripe_fee' });
    } else {
      fees.push({ amount: Math.min(roundHalfAway(converted * 0.008), 500), application: null, currency: this.currency, description: 'Stripe processing fees', type: 'stripe_fee' });
    }
    if (applicationFee) {
      fees.push({ amount: roundHalfAway(converted * 0.01), application: CONNECT_APPLICATION, currency: this.currency, description: 'Application fee', type: 'application_fee' });
    }
    const fee = fees.reduce((s, f) => s + f.amount, 0);
    this.settlements.set(ch.id, { amount: ch.amount, converted, rate: this.rate(ch.currency), fee, reversed: 0 });
    return this.record({
      amount: converted,
      created: ch.created,
      description: ch.description,
      exchange_rate: this.rate(ch.currency),
      fee,
      fee_details: fees,
      reporting_category: 'charge',
      source: ch.id,
      type: kind === 'card' ? 'charge' : 'payment',
    });
  }

  /** Settled amount of a charge, in the account currency. */
  settledAmount(chargeId: string): number {
    return this.settlement(chargeId).converted;
  }

  /**
   * A refund of `amount` (presentment units). When it empties the charge the converted amount is
   * what is left, so refunds of a charge sum to exactly what it settled. With `refundFee` the same
   * share of the processing fee comes back.
   */
  refund(re: { id: string; amount: number; created: number; charge: string }, refundFee: boolean): BalanceTransaction {
    const s = this.settlement(re.charge);
    const converted = re.amount >= s.amount ? s.converted - s.reversed : Math.min(this.convertWithRate(re.amount, s), s.converted - s.reversed);
    s.reversed += converted;
    const feeBack = refundFee ? -roundHalfAway((s.fee * re.amount) / s.amount) : 0;
    return this.record({
      amount: -converted,
      created: re.created,
      description: 'REFUND FOR CHARGE',
      exchange_rate: s.rate,
      fee: feeBack,
      fee_details: feeBack ? [{ amount: feeBack, application: null, currency: this.currency, description: 'Stripe processing fee refund', type: 'stripe_fee' }] : [],
      reporting_category: 'refund',
      source: re.id,
      type: 'refund',
    });
  }

  /** A bank debit that failed after it settled: the whole settled amount comes back out. */
  paymentFailure(ch: { id: string }, at: number): BalanceTransaction {
    const s = this.settlement(ch.id);
    const converted = s.converted - s.reversed;
    s.reversed += converted;
    return this.record({
      amount: -converted,
      created: at,
      description: 'Payment failure refund',
      exchange_rate: s.rate,
      fee: 0,
      fee_details: [],
      reporting_category: 'charge_failure',
      source: ch.id,
      type: 'payment_failure_refund',
    });
  }

  /** Funds withdrawn when a dispute opens: the disputed amount plus the dispute fee. */
  disputeWithdrawal(dispute: { id: string; charge: string; created: number }): BalanceTransaction {
    const s = this.settlement(dispute.charge);
    const amount = s.converted - s.reversed;
    s.reversed += amount;
    const fee = DISPUTE_FEE[this.currency];
    return this.record({
      amount: -amount,
      created: dispute.created,
      description: `Chargeback withdrawal for ${dispute.charge}`,
      exchange_rate: s.rate,
      fee,
      fee_details: [{ amount: fee, application: null, currency: this.currency, description: 'Dispute fee', type: 'stripe_fee' }],
      reporting_category: 'dispute',
      source: dispute.id,
      type: 'adjustment',
    });
  }

  /** Funds reinstated when a dispute is won: the withdrawal reversed, dispute fee included. */
  disputeReinstatement(dispute: { id: string; charge: string }, withdrawal: BalanceTransaction, at: number): BalanceTransaction {
    const s = this.settlement(dispute.charge);
    s.reversed += withdrawal.amount; // withdrawal.amount is negative
    return this.record({
      amount: -withdrawal.amount,
      created: at,
      description: `Chargeback reversal for ${dispute.charge}`,
      exchange_rate: s.rate,
      fee: -withdrawal.fee,
      fee_details: [{ amount: -withdrawal.fee, application: null, currency: this.currency, description: 'Dispute fee refund', type: 'stripe_fee' }],
      reporting_category: 'dispute_reversal',
      source: dispute.id,
      type: 'adjustment',
    });
  }

  /** The payout's own transaction; it is not part of any payout's sweep. */
  payout(po: { id: string; amount: number; created: number }): BalanceTransaction {
    const txn: BalanceTransaction = {
      id: this.rng.id('txn_'),
      object: 'balance_transaction',
      amount: -po.amount,
      available_on: po.created,
      created: po.created,
      currency: this.currency,
      description: 'STRIPE PAYOUT',
      exchange_rate: null,
      fee: 0,
      fee_details: [],
      net: -po.amount,
      reporting_category: 'payout',
      source: po.id,
      status: 'available',
      type: 'payout',
      balance_type: 'payments',
    };
    this.items.object(txn);
    return txn;
  }

  /**
   * A failed payout's funds back in the balance (`payout_failure`, reporting category `payout_reversal`): the
   * payout amount, available at once, swept into the next payout like any other transaction.
   */
  payoutFailure(po: { id: string; amount: number }, at: number): BalanceTransaction {
    const txn: BalanceTransaction = {
      id: this.rng.id('txn_'),
      object: 'balance_transaction',
      amount: po.amount,
      available_on: at,
      created: at,
      currency: this.currency,
      description: 'STRIPE PAYOUT FAILURE',
      exchange_rate: null,
      fee: 0,
      fee_details: [],
      net: po.amount,
      reporting_category: 'payout_reversal',
      source: po.id,
      status: 'available',
      type: 'payout_failure',
      balance_type: 'payments',
    };
    this.items.object(txn);
    return txn;
  }

  private convertWithRate(amount: number, s: Settlement): number {
    // Proportional to what the charge settled, so partial refunds use the charge's own rate.
    return roundHalfAway((s.converted * amount) / s.amount);
  }

  private settlement(chargeId: string): Settlement {
    const s = this.settlements.get(chargeId);
    if (!s) throw new Error(`no settled charge ${chargeId}`);
    return s;
  }

  private record(t: TxnInput): BalanceTransaction {
    const txn: BalanceTransaction = {
      id: this.rng.id('txn_'),
      object: 'balance_transaction',
      amount: t.amount,
      available_on: t.created + 2 * DAY,
      created: t.created,
      currency: this.currency,
      description: t.description,
      exchange_rate: t.exchange_rate,
      fee: t.fee,
      fee_details: t.fee_details,
      net: t.amount - t.fee,
      reporting_category: t.reporting_category,
      source: t.source,
      status: 'available',
      type: t.type,
      balance_type: 'payments',
    };
    this.transactions.push(txn);
    this.items.object(txn);
    return txn;
  }
}
