// Header fields shared by the cash records (customerPayment, customerRefund) and the credit memos that go
// with them: currency, customer, undeposited-funds account, payment method, exchange rate, denylist.
import { prerequisiteBlocked, unmappedCurrency } from '../../blocked-reason.js';
import type Stripe from 'stripe';
import { paymentMethodField } from '../../../account/account-profile.js';
import type { PassContext } from '../../plan-context.js';
import { customerRef } from '../customers/customer-refs.js';
import { customerLabel } from '../customers/customers.js';
import { idOf } from '../../../stripe-objects/id-of.js';

export type RecordRef = { $ref: string } | { id: string };

/** `{ currency: { id } }`, or the reason the record cannot be written (currency not mapped). */
export function currencyField(
  ctx: PassContext,
  currency: string,
  stripeId: string,
): { fields: { currency?: { id: string } }; blocked?: string } {
  const id = ctx.input.settings.netsuite.currencies[currency.toLowerCase()];
  if (!id) {
    return {
      fields: {},
      blocked: unmappedCurrency(stripeId, currency),
    };
  }
  return { fields: { currency: { id } } };
}

/** Denylist (reference #4): `metadata.netsuite_block_integration = true` on the Stripe object holds it back. */
export function deniedByMetadata(obj: { metadata?: Stripe.Metadata | null }, stripeId: string): string | undefined {
  return obj.metadata?.netsuite_block_integration === 'true'
    ? `${stripeId}: metadata netsuite_block_integration is true (denylisted)`
    : undefined;
}

/**
 * The NetSuite customer of a charge's payment (and of refunds/disputes applied to it): charge metadata
 * `netsuite_customer_id` wins (#32), else the linked customer of the Stripe customer, else the global customer.
 */
export function chargeCustomer(ctx: PassContext, charge: Stripe.Charge): { ref: RecordRef; label: string } {
  const byMetadata = charge.metadata?.netsuite_customer_id;
  if (byMetadata) return { ref: { id: byMetadata }, label: `NetSuite customer ${byMetadata}` };
  const customerId = idOf(charge.customer as string | { id: string } | null);
  return { ref: customerRef(ctx, customerId), label: customerLabel(ctx, customerId) };
}

/** The Stripe payment method, under the field the account names it (`paymentOption` with Payment Instruments). */
function paymentMethodFields(ctx: PassContext): Record<string, { id: string }> {
  return { [paymentMethodField(ctx.input.account)]: { id: ctx.input.settings.netsuite.paymentMethodId } };
}

/**
 * Payments post to Undeposited Funds with the Stripe payment method, so a deposit can pick them up (#27).
 * NetSuite takes either Undeposited Funds or a bank `account`, not both; the schema types `undepFunds` as an
 * enum object (customerPayment.md `undepFunds.id`; its ids are T/F, reference netsuite-rest.md §5.3, §9).
 */
export function undepositedFundsFields(ctx: PassContext): Record<string, unknown> {
  return { undepFunds: { id: 'T' }, ...paymentMethodFields(ctx) };
}

/** Refunds have no `undepFunds` (customerRefund.md): they are paid out of the Undeposited Funds account itself. */
export function refundFromUndepositedFundsFields(ctx: PassContext): Record<string, unknown> {
  return { account: { id: ctx.input.settings.netsuite.accounts.undepositedFunds }, ...paymentMethodFields(ctx) };
}

/**
 * When Stripe settles a record in another currency than it was presented in, NetSuite gets Stripe's rate, so
 * the payment's converted amount is the balance transaction's amount that the deposit line carries (#44).
 * Omitted when the balance transaction is not in the ledger or is in the presentment currency.
 */
export function exchangeRateField(
  ctx: PassContext,
  balanceTransaction: string | { id: string } | null | undefined,
  presentmentCurrency: string,
): { exchangeRate?: number } {
  const btId = idOf(balanceTransaction);
  const bt = btId ? ctx.input.stripe.balanceTransactions.get(btId) : undefined;
  if (!bt || bt.currency.toLowerCase() === presentmentCurrency.toLowerCase() || !bt.exchange_rate) return {};
  return { exchangeRate: bt.exchange_rate };
}

/** The reason an operation this one needs is blocked, so the dependent op says why too. */
export function blockedDependency(ctx: PassContext, key: string): string | undefined {
  const blocked = ctx.blockedReason(key);
  return blocked ? prerequisiteBlocked(key, blocked) : undefined;
}
