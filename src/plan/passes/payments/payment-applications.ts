// Where each charge's customerPayment is applied (#27, #30, #31, #32; I6, I12). Computed once per plan over
// all charges in (created, id) order, so that "already covered" (duplicates) is decided the same way every run.
import type Stripe from 'stripe';
import type { PassContext, PlanContext } from '../../plan-context.js';
import { invoiceCloseKey, invoiceKey, paymentUnapplyKey } from '../../keys.js';
import { createdBeforeStartDate } from '../start-date.js';
import { invoiceSyncDecision } from '../invoices/invoice-scope.js';
import { invoiceBalanceCredit, netsuiteInvoiceTotal } from '../invoices/invoice-lines.js';
import { invoiceLinksOfCharge, invoicePaymentsOfInvoice, isOutsidePayment } from './payment-invoice-links.js';
import { blockedDependency, type RecordRef } from './payment-record-fields.js';
import { idOf } from '../../../stripe-objects/id-of.js';
import { inCreatedOrder } from '../../../stripe-objects/created-order.js';

export interface PaymentApplication {
  /** The NetSuite invoice: `{ $ref: invoiceKey }`, or `{ id }` from charge metadata `netsuite_invoice_id`. */
  doc: RecordRef;
  /** Stripe invoice id, when the application comes from an invoice_payment. */
  invoiceId: string | null;
  /** Minor units of the charge currency. */
  amount: number;
}

export interface ChargePlan {
  charge: Stripe.Charge;
  /** Applications to invoices; empty for an unapplied payment. */
  applied: PaymentApplication[];
  /** An asynchronous payment that failed after it had a balance transaction (#30). */
  failed: boolean;
  /** For a failed payment: the invoices its payment was (or would have been) applied to, to unapply. */
  unapplyFrom: string[];
  /** Text added to the memo (duplicate error, invoice outside the sync). */
  memoNote?: string;
  blocked?: string;
  /** Earlier operations that must be done first (unapplying a failed payment from the same invoice). */
  dependsOn: string[];
}

const SUCCEEDED_LINKS = new Set(['paid']);
const PENDING_LINKS = new Set(['paid', 'open']);

/** Charges that become customerPayments: with a balance transaction (I12), succeeded, pending or failed later. */
export function syncedCharges(ctx: PassContext): Stripe.Charge[] {
  return inCreatedOrder(ctx.input.stripe.charges.values()).filter(
    (c) =>
      !!c.balance_transaction &&
      ['succeeded', 'pending', 'failed'].includes(c.status) &&
      !createdBeforeStartDate(ctx.input.settings, c.created),
  );
}

const cache = new WeakMap<PlanContext, Map<string, ChargePlan>>();

export function chargePlans(ctx: PassContext): Map<string, ChargePlan> {
  const cached = cache.get(ctx.plan);
  if (cached) return cached;
  const plans = new Map<string, ChargePlan>();
  /** What is still payable on each NetSuite invoice by customerPayments, minor units. */
  const payable = new Map<string, number>();
  const coveredBy = new Map<string, string[]>();
  const unapplies = new Map<string, string[]>();
  const features = ctx.input.settings.features;

  const payableOf = (invoice: Stripe.Invoice): number => {
    let left = payable.get(invoice.id);
    if (left === undefined) {
      // The NetSuite total less what credit memos will cover: the customer balance (#19), credit notes
      // issued while the invoice was open (#22) and payments made outside Stripe (#21). What remains is what
      // charges pay (I6).
      const outside = invoicePaymentsOfInvoice(ctx, invoice.id).filter(isOutsidePayment).reduce((sum, ip) => sum + (ip.amount_paid ?? 0), 0);
      left =
        netsuiteInvoiceTotal(invoice) - invoiceBalanceCredit(invoice) - (invoice.pre_payment_credit_notes_amount ?? 0) - outside;
      left = Math.max(left, 0);
      payable.set(invoice.id, left);
    }
    return left;
  };

  for (const charge of syncedCharges(ctx)) {
    const plan: ChargePlan = { charge, applied: [], failed: charge.status === 'failed', unapplyFrom: [], dependsOn: [] };
    plans.set(charge.id, plan);

    const nsInvoiceId = charge.metadata?.netsuite_invoice_id;
    if (nsInvoiceId) {
      // #32: the user names the NetSuite invoice; its open amount is not known to the plan, NetSuite checks it.
      if (!plan.failed) plan.applied.push({ doc: { id: nsInvoiceId }, invoiceId: null, amount: charge.amount });
      continue;
    }

    const statuses = plan.failed ? 'any' : charge.status === 'pending' ? PENDING_LINKS : SUCCEEDED_LINKS;
    const links = invoiceLinksOfCharge(ctx, charge, statuses);
    let left = charge.amount;
    const duplicates: string[] = [];
    const outside: string[] = [];
    const closed: string[] = [];
    for (const link of links) {
      const invoice = ctx.input.stripe.invoices.get(link.invoiceId);
      if (!invoice) {
        plan.blocked = `charge ${charge.id}: its invoice ${link.invoiceId} (invoice_payment ${link.invoicePaymentId}) is not in the ledger`;
        break;
      }
      const decision = invoiceSyncDecision(ctx, invoice);
      if (!decision.sync) {
        if (createdBeforeStartDate(ctx.input.settings, invoice.created)) {
          outside.push(invoice.id);
          continue;
        }
        plan.blocked = `charge ${charge.id}: ${decision.reason}, so the payment has no NetSuite invoice to apply to`;
        break;
      }
      const key = invoiceKey(invoice.id);
      if (!ctx.has(key)) {
        plan.blocked = `charge ${charge.id}: invoice ${invoice.id} has no NetSuite invoice in this plan`;
        break;
      }
      const depBlocked = blockedDependency(ctx, key);
      if (depBlocked) {
        plan.blocked = `charge ${charge.id}: ${depBlocked}`;
        break;
      }
      if (plan.failed) {
        // A failed payment pays nothing; it is unapplied from the invoice (if it ever was) and refunded (I16).
        plan.unapplyFrom.push(invoice.id);
        const list = unapplies.get(invoice.id) ?? [];
        list.push(paymentUnapplyKey(charge.id));
        unapplies.set(invoice.id, list);
        continue;
      }
      plan.dependsOn.push(...(unapplies.get(invoice.id) ?? []));
      if (ctx.isLinked(invoiceCloseKey(invoice.id))) {
        // Paid after NetSuite closed it (uncollectible, then paid): "reopening isn't supported" (#17), so the
        // payment stays unapplied on the customer for the accountant to apply.
        closed.push(invoice.id);
        continue;
      }
      const want = Math.min(link.amount, left);
      const open = payableOf(invoice);
      if (open <= 0) {
        duplicates.push(invoice.id);
        continue;
      }
      const amount = Math.min(want, open);
      if (amount <= 0) continue;
      payable.set(invoice.id, open - amount);
      left -= amount;
      plan.applied.push({ doc: { $ref: key }, invoiceId: invoice.id, amount });
      coveredBy.set(invoice.id, [...(coveredBy.get(invoice.id) ?? []), charge.id]);
    }
    if (plan.blocked) continue;

    if (outside.length > 0) plan.memoNote = `Invoice ${outside.join(', ')} was created before the sync start date.`;
    if (closed.length > 0 && plan.applied.length === 0) {
      plan.memoNote = `Stripe Payment Error: could not apply to invoice ${closed.join(', ')} (closed in NetSuite).`;
    }
    if (duplicates.length > 0 && plan.applied.length === 0) {
      const allowed = features.allowDuplicatePayments || charge.metadata?.netsuite_allow_duplicate === 'true';
      const inv = duplicates.join(', ');
      if (allowed) {
        plan.memoNote = `Stripe Payment Error: could not apply to invoice ${inv}.`;
      } else {
        const by = duplicates.flatMap((d) => coveredBy.get(d) ?? []);
        plan.blocked =
          `charge ${charge.id} is a duplicate payment: NetSuite invoice ${inv} is already fully paid` +
          (by.length ? ` (by ${[...new Set(by)].join(', ')})` : '') +
          `; set features.allowDuplicatePayments or charge metadata netsuite_allow_duplicate=true to sync it unapplied`;
      }
    }
  }
  cache.set(ctx.plan, plans);
  return plans;
}

/** Total applied to invoices by a charge's payment (0 = unapplied payment: non-invoice, duplicate, failed). */
export function appliedTotal(plan: ChargePlan): number {
  return plan.applied.reduce((s, a) => s + a.amount, 0);
}

export function chargeIdOf(v: string | { id: string } | null | undefined): string | null {
  return idOf(v);
}
