/**
 * Payments: a PaymentIntent, its charge attempts (card approvals and declines, bank debits that
 * process and later fail) with their balance transactions, and, for an invoice, the
 * invoice_payment that links the two (charges carry no invoice in this API version).
 */
import type { BalanceTransaction } from './balance-book.js';
import type { GenContext } from './context.js';
import { billingDetails, type CustomerState } from './customers.js';
import type { StripeObject } from './world-items.js';

export interface Charge extends StripeObject {
  object: 'charge';
  amount: number;
  amount_refunded: number;
  currency: string;
  description: string | null;
  customer: string | null;
  payment_intent: string;
  balance_transaction: string | null;
  failure_balance_transaction: string | null;
  status: 'succeeded' | 'pending' | 'failed';
  refunded: boolean;
  disputed: boolean;
  paid: boolean;
}

export interface PaymentIntent extends StripeObject {
  object: 'payment_intent';
  amount: number;
  status: string;
  latest_charge: string | null;
}

export interface InvoicePayment extends StripeObject {
  object: 'invoice_payment';
  invoice: string;
  status: 'open' | 'paid' | 'canceled';
}

export interface ChargeState {
  current: Charge;
  /** The charge's own balance transaction, when it settled. */
  txn: BalanceTransaction | null;
  customer: CustomerState | null;
}

export interface Payment {
  pi: PaymentIntent;
  invoicePayment: InvoicePayment | null;
  charges: ChargeState[];
  customer: CustomerState | null;
  published: boolean;
  invoicePaymentPublished: boolean;
  applicationFee: boolean;
}

export type AttemptKind = 'card_ok' | 'card_declined' | 'ach_processing';

const BRANDS = ['visa', 'mastercard', 'amex', 'discover'] as const;

export function startPayment(
  ctx: GenContext,
  p: { amount: number; currency: string; customer: CustomerState | null; description: string | null; invoice: string | null; at: number; applicationFee?: boolean },
): Payment {
  const { rng } = ctx;
  const pi: PaymentIntent = {
    id: rng.id('pi_'),
    object: 'payment_intent',
    amount: p.amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: null,
    confirmation_method: 'automatic',
    created: p.at,
    currency: p.currency,
    customer: p.customer?.id ?? null,
    customer_account: null,
    description: p.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  const invoicePayment: InvoicePayment | null = p.invoice
    ? {
        id: rng.id('inpay_'),
        object: 'invoice_payment',
        amount_paid: null,
        amount_requested: p.amount,
        created: p.at,
        currency: p.currency,
        invoice: p.invoice,
        is_default: true,
        livemode: false,
        payment: { type: 'payment_intent', payment_intent: pi.id },
        status: 'open',
        status_transitions: { canceled_at: null, paid_at: null },
      }
    : null;
  return { pi, invoicePayment, charges: [], customer: p.customer, published: false, invoicePaymentPublished: false, applicationFee: p.applicationFee ?? false };
}

/** One attempt to collect the PaymentIntent's amount; returns the charge it made. */
export function attempt(ctx: GenContext, pay: Payment, at: number, kind: AttemptKind): ChargeState {
  const { rng, items, book } = ctx;
  const bank = kind === 'ach_processing';
  const pmId = rng.id('pm_');
  const methodDetails = bank
    ? { type: 'us_bank_account', us_bank_account: { account_holder_type: 'company', account_type: 'checking', bank_name: 'STRIPE TEST BANK', fingerprint: rng.id('', 16), last4: rng.digits(4), routing_number: '110000000' } }
    : {
        type: 'card',
        card: { amount_authorized: kind === 'card_ok' ? pay.pi.amount : null, brand: rng.pick(BRANDS), country: 'US', exp_month: rng.int(1, 12), exp_year: rng.int(2027, 2031), fingerprint: rng.id('', 16), funding: 'credit', last4: rng.digits(4), network: 'visa', three_d_secure: null, wallet: null },
      };
  const declined = kind === 'card_declined';
  const charge: Charge = {
    id: rng.id('ch_'),
    object: 'charge',
    amount: pay.pi.amount,
    amount_captured: declined ? 0 : pay.pi.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: billingDetails(pay.customer),
    calculated_statement_descriptor: 'SANDBOX SAAS',
    captured: !declined,
    created: at,
    currency: pay.pi.currency as string,
    customer: pay.customer?.id ?? null,
    description: pay.pi.description as string | null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: declined ? 'card_declined' : null,
    failure_message: declined ? 'Your card has insufficient funds.' : null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: declined
      ? { advice_code: 'try_again_later', network_advice_code: null, network_decline_code: '51', network_status: 'declined_by_network', reason: 'insufficient_funds', risk_level: 'normal', risk_score: rng.int(5, 60), seller_message: 'The bank returned the decline code `insufficient_funds`.', type: 'issuer_declined' }
      : { advice_code: null, network_advice_code: null, network_decline_code: null, network_status: 'approved_by_network', reason: null, risk_level: 'normal', risk_score: rng.int(5, 60), seller_message: 'Payment complete.', type: 'authorized' },
    paid: !declined,
    payment_intent: pay.pi.id,
    payment_method: pmId,
    payment_method_details: methodDetails,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: declined ? 'failed' : bank ? 'pending' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
  let txn: BalanceTransaction | null = null;
  if (!declined) {
    if (pay.applicationFee) charge.application_fee_amount = Math.round(book.convert(charge.amount, charge.currency) * 0.01);
    txn = book.charge(charge, bank ? 'ach' : 'card', pay.applicationFee);
    charge.balance_transaction = txn.id;
  }
  items.object(charge);
  const state: ChargeState = { current: charge, txn, customer: pay.customer };
  pay.charges.push(state);

  const pi: PaymentIntent = {
    ...pay.pi,
    latest_charge: charge.id,
    payment_method: pmId,
    payment_method_types: [bank ? 'us_bank_account' : 'card'],
    amount_received: kind === 'card_ok' ? pay.pi.amount : 0,
    status: declined ? 'requires_payment_method' : bank ? 'processing' : 'succeeded',
    processing: bank ? { type: 'us_bank_account' } : null,
    last_payment_error: declined
      ? { charge: charge.id, code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', type: 'card_error' }
      : null,
  };
  publishIntent(ctx, pay, pi, at, declined ? 'payment_intent.payment_failed' : bank ? 'payment_intent.processing' : 'payment_intent.succeeded');
  items.event(declined ? 'charge.failed' : bank ? 'charge.pending' : 'charge.succeeded', charge, at);
  if (kind === 'card_ok') markInvoicePaymentPaid(ctx, pay, at);
  else publishInvoicePaymentOpen(ctx, pay);
  return state;
}

/** A processing bank debit fails: the charge fails and its settled funds come back out of the balance. */
export function failBankDebit(ctx: GenContext, pay: Payment, ch: ChargeState, at: number): void {
  const failure = ctx.book.paymentFailure(ch.current, at);
  ch.current = {
    ...ch.current,
    status: 'failed',
    paid: false,
    captured: false,
    failure_balance_transaction: failure.id,
    failure_code: 'insufficient_funds',
    failure_message: 'The customer\'s account has insufficient funds to cover this payment.',
  };
  ctx.items.event('charge.failed', ch.current, at);
  const pi: PaymentIntent = {
    ...pay.pi,
    status: 'requires_payment_method',
    processing: null,
    last_payment_error: { charge: ch.current.id, code: 'insufficient_funds', message: 'The customer\'s account has insufficient funds to cover this payment.', type: 'invalid_request_error' },
  };
  publishIntent(ctx, pay, pi, at, 'payment_intent.payment_failed');
}

export function updateCharge(ctx: GenContext, ch: ChargeState, changes: Partial<Charge>, at: number, eventType: string): void {
  ch.current = { ...ch.current, ...changes };
  ctx.items.event(eventType, ch.current, at);
}

function publishIntent(ctx: GenContext, pay: Payment, pi: PaymentIntent, at: number, eventType: string): void {
  pay.pi = pi;
  if (!pay.published) {
    // The first attempt's outcome is the intent's first visible state.
    pay.published = true;
    ctx.items.object(pi);
  }
  ctx.items.event(eventType, pi, at);
}

function publishInvoicePaymentOpen(ctx: GenContext, pay: Payment): void {
  const ip = pay.invoicePayment;
  if (ip && !pay.invoicePaymentPublished) {
    pay.invoicePaymentPublished = true;
    ctx.items.object(ip);
  }
}

function markInvoicePaymentPaid(ctx: GenContext, pay: Payment, at: number): void {
  const ip = pay.invoicePayment;
  if (!ip) return;
  const paid: InvoicePayment = { ...ip, amount_paid: pay.pi.amount, status: 'paid', status_transitions: { canceled_at: null, paid_at: at } };
  pay.invoicePayment = paid;
  if (!pay.invoicePaymentPublished) {
    pay.invoicePaymentPublished = true;
    ctx.items.object(paid);
  }
  ctx.items.event('invoice_payment.paid', paid, at);
}
