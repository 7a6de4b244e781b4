// Operation keys and externalIds, in one place so every pass refers to the same records.
// externalIds begin with the Stripe id they represent; suffixes use only letters, digits, '-' and '_'.
import { opKey, type RecordType } from './operation.js';

export const customerKey = (customerId: string): string => opKey('customer', customerId);
/** The global customer for charges without a Stripe customer (and the global-customer workflow). */
export const GLOBAL_CUSTOMER_EXTERNAL_ID = 'stripe_unallocated_charges';
export const globalCustomerKey = (): string => opKey('customer', GLOBAL_CUSTOMER_EXTERNAL_ID);

/** The connector's global items, created on first use. */
export const GLOBAL_ITEMS = {
  item: { name: 'Stripe Item', externalId: 'stripe_item', recordType: 'serviceSaleItem' },
  shipping: { name: 'Stripe Shipping', externalId: 'stripe_shipping', recordType: 'serviceSaleItem' },
  tax: { name: 'Stripe Tax', externalId: 'stripe_tax', recordType: 'serviceSaleItem' },
  customerBalance: {
    name: 'Stripe Customer Balance Item',
    externalId: 'stripe_customer_balance_item',
    recordType: 'serviceSaleItem',
  },
  customerBalanceDebit: {
    name: 'Stripe Customer Balance Debit Item',
    externalId: 'stripe_customer_balance_debit_item',
    recordType: 'serviceSaleItem',
  },
  partialRefund: {
    name: 'Stripe Partial Refund Item',
    externalId: 'stripe_partial_refund_item',
    recordType: 'nonInventorySaleItem',
  },
  refund: { name: 'Stripe Refund Item', externalId: 'stripe_refund_item', recordType: 'serviceSaleItem' },
  dispute: { name: 'Stripe Dispute Item', externalId: 'stripe_dispute_item', recordType: 'serviceSaleItem' },
  genericLine: {
    name: 'Stripe Generic Line Item',
    externalId: 'stripe_generic_line_item',
    recordType: 'serviceSaleItem',
  },
  badDebt: { name: 'Stripe Bad Debt Item', externalId: 'stripe_bad_debt_item', recordType: 'serviceSaleItem' },
  unallocatedInvoice: {
    name: 'Stripe Unallocated Invoice Item',
    externalId: 'stripe_unallocated_invoice_item',
    recordType: 'serviceSaleItem',
  },
  customCreditNoteLine: {
    name: 'Stripe Custom Credit Note Line Item',
    externalId: 'stripe_custom_credit_note_line_item',
    recordType: 'serviceSaleItem',
  },
  paidOutsideStripe: {
    name: 'Stripe Paid Outside Item',
    externalId: 'stripe_paid_outside_item',
    recordType: 'serviceSaleItem',
  },
  discount: { name: 'Stripe Discount', externalId: 'stripe_discount', recordType: 'discountItem' },
} as const satisfies Record<string, { name: string; externalId: string; recordType: RecordType }>;
export type GlobalItemName = keyof typeof GLOBAL_ITEMS;
export const globalItemKey = (name: GlobalItemName): string =>
  opKey(GLOBAL_ITEMS[name].recordType, GLOBAL_ITEMS[name].externalId);

export const priceItemKey = (priceId: string): string => opKey('serviceSaleItem', priceId);
/** Coupon ids are free text in Stripe; anything outside NetSuite's externalId alphabet is replaced. */
export const couponExternalId = (couponId: string): string => `coupon_${couponId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
export const couponItemKey = (couponId: string): string => opKey('discountItem', couponExternalId(couponId));

export const invoiceKey = (invoiceId: string): string => opKey('invoice', invoiceId);
/** Closing credit memo of an uncollectible, void or revised invoice. */
export const invoiceCloseExternalId = (invoiceId: string): string => `${invoiceId}-close`;
export const invoiceCloseKey = (invoiceId: string): string => opKey('creditMemo', invoiceCloseExternalId(invoiceId));
/** Credit memo for the part of an invoice paid from the Stripe customer balance. */
export const invoiceBalanceExternalId = (invoiceId: string): string => `${invoiceId}-balance`;
export const invoiceBalanceKey = (invoiceId: string): string => opKey('creditMemo', invoiceBalanceExternalId(invoiceId));

/** Credit memo for an invoice payment made outside Stripe (a payment record), applied to its invoice (#21). */
export const outsidePaymentExternalId = (invoicePaymentId: string): string => `${invoicePaymentId}-outside`;
export const outsidePaymentKey = (invoicePaymentId: string): string =>
  opKey('creditMemo', outsidePaymentExternalId(invoicePaymentId));

export const paymentKey = (chargeId: string): string => opKey('customerPayment', chargeId);
/** CustomerRefund for a failed asynchronous payment, applied to its payment. */
export const failedPaymentExternalId = (chargeId: string): string => `${chargeId}-failed`;
export const failedPaymentKey = (chargeId: string): string => opKey('customerRefund', failedPaymentExternalId(chargeId));

export const refundKey = (refundId: string): string => opKey('customerRefund', refundId);
export const refundMemoExternalId = (refundId: string): string => `${refundId}-memo`;
export const refundMemoKey = (refundId: string): string => opKey('creditMemo', refundMemoExternalId(refundId));

export const disputeKey = (disputeId: string): string => opKey('customerRefund', disputeId);
export const disputeMemoExternalId = (disputeId: string): string => `${disputeId}-memo`;
export const disputeMemoKey = (disputeId: string): string => opKey('creditMemo', disputeMemoExternalId(disputeId));

export const creditNoteKey = (creditNoteId: string): string => opKey('creditMemo', creditNoteId);
/** The deferred application of a credit note's memo to its invoice, once the invoice is paid. */
export const creditNoteApplyKey = (creditNoteId: string): string => opKey('creditMemo', creditNoteId, 'apply');

export const depositKey = (payoutId: string): string => opKey('deposit', payoutId);

/** PATCH that unapplies a failed asynchronous payment from its invoice, so the invoice is open again (#30, I16). */
export const paymentUnapplyKey = (chargeId: string): string => opKey('customerPayment', chargeId, 'unapply');

/**
 * PATCH that gives a foreign-currency payment or refund made in an earlier run Stripe's settlement rate before its
 * deposit (#44): when it was created its balance transaction was not known yet, so NetSuite used its own rate, and
 * the deposit line (NetSuite converts it from the record) would not be the amount Stripe paid out.
 */
export const exchangeRateKey = (recordType: 'customerPayment' | 'customerRefund', externalId: string): string =>
  opKey(recordType, externalId, 'rate');
