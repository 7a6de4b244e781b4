// What each Stripe customer transacts in (its usage): the transactions that make a customer exist in NetSuite,
// by customer or the global customer, in (created, id) order. The customers pass creates a customer per usage.
import type Stripe from 'stripe';
import type { Settings } from '../../../config/settings.js';
import type { PassContext, PlanContext } from '../../plan-context.js';
import type { CustomerUsage } from '../../plan-input.js';
import { invoiceDecisionFor } from '../invoices/invoice-scope.js';
import { idOf } from '../../../stripe-objects/id-of.js';
import { byCreatedThenId } from '../../../stripe-objects/created-order.js';
import { createdBeforeStartDate } from '../start-date.js';
import { CATALOG, isStripeObjectType, type StripeObjectType } from '../../../stripe-types/catalog.js';
import type { PassSurvey } from '../../pass.js';

/** Usage bucket of transactions that go to the global customer. */
export const GLOBAL = '';

/** A Stripe transaction that makes its customer exist in NetSuite: what the later passes will sync. */
export interface CustomerTransaction {
  created: number;
  id: string;
  customer: string | null;
  currency: string;
}

type TransactionOf = (settings: Settings, object: unknown) => CustomerTransaction | undefined;

/**
 * The types whose objects can be customer transactions, and when one is: an in-scope invoice, a charge that syncs
 * (async methods sync once they have a balance transaction, while still pending, and stay synced if they fail
 * later, #30; a decline without one never syncs), or an issued credit note.
 */
const TRANSACTION_OF: Partial<Record<StripeObjectType, TransactionOf>> = {
  invoice: (settings, object) => {
    const inv = object as Stripe.Invoice;
    if (!invoiceDecisionFor(settings, inv).sync) return undefined;
    return { created: inv.created, id: inv.id, customer: idOf(inv.customer), currency: inv.currency };
  },
  charge: (settings, object) => {
    const ch = object as Stripe.Charge;
    const counts = ch.status === 'succeeded' || !!ch.balance_transaction;
    if (!counts || createdBeforeStartDate(settings, ch.created)) return undefined;
    return { created: ch.created, id: ch.id, customer: idOf(ch.customer), currency: ch.currency };
  },
  credit_note: (settings, object) => {
    const cn = object as Stripe.CreditNote;
    if ((cn.status as string) === 'draft' || createdBeforeStartDate(settings, cn.created)) return undefined;
    return { created: cn.created, id: cn.id, customer: idOf(cn.customer), currency: cn.currency };
  },
};

/** The transaction a ledger object is, if it is one (see TRANSACTION_OF). */
export function customerTransaction(settings: Settings, type: string, object: unknown): CustomerTransaction | undefined {
  return isStripeObjectType(type) ? TRANSACTION_OF[type]?.(settings, object) : undefined;
}

/** The usage bucket a transaction counts in: its customer, or the global customer. */
export function usageBucket(settings: Settings, customerId: string | null): string {
  return settings.features.globalCustomer || !customerId ? GLOBAL : customerId;
}

/** Adds a transaction to its usage; transactions must come in (created, id) order. */
export function addUsage(usage: CustomerUsage | undefined, t: CustomerTransaction): CustomerUsage {
  const u = usage ?? { firstCreated: t.created, firstId: t.id, currencies: [] };
  const cur = t.currency.toLowerCase();
  if (!u.currencies.includes(cur)) u.currencies.push(cur);
  return u;
}

const usageCache = new WeakMap<PlanContext, Map<string, CustomerUsage>>();

function transactions(ctx: PassContext): CustomerTransaction[] {
  const { stripe, settings } = ctx.input;
  const out: CustomerTransaction[] = [];
  const collect = (type: string, objects: Iterable<unknown>) => {
    for (const o of objects) {
      const t = customerTransaction(settings, type, o);
      if (t) out.push(t);
    }
  };
  for (const type of Object.keys(TRANSACTION_OF) as StripeObjectType[]) {
    collect(type, (stripe[CATALOG[type].plan.bucket] as Map<string, unknown>).values());
  }
  return out.sort(byCreatedThenId);
}

/**
 * Stripe customer id (or GLOBAL) → what it transacts in. When the input is a partition of the ledger, the global
 * customer's usage is the whole ledger's, so it gets the same record whichever partition plans it.
 */
export function customerUsage(ctx: PassContext): Map<string, CustomerUsage> {
  const cached = usageCache.get(ctx.plan);
  if (cached) return cached;
  const usage = new Map<string, CustomerUsage>();
  for (const t of transactions(ctx)) {
    const bucket = usageBucket(ctx.input.settings, t.customer);
    usage.set(bucket, addUsage(usage.get(bucket), t));
  }
  const globalUsage = ctx.input.partition?.globalCustomerUsage;
  if (globalUsage) usage.set(GLOBAL, globalUsage);
  usageCache.set(ctx.plan, usage);
  return usage;
}

/**
 * A plan built a partition at a time (run/plan-partitions.ts): the global customer's transactions span every
 * partition, so its usage is learnt from the whole ledger first and each partition gets the same record.
 */
export function globalCustomerUsageSurvey(settings: Settings): PassSurvey {
  const transactions: CustomerTransaction[] = [];
  return {
    see(type, object) {
      const t = customerTransaction(settings, type, object);
      if (t && usageBucket(settings, t.customer) === GLOBAL) transactions.push(t);
    },
    result() {
      let globalCustomerUsage: CustomerUsage | undefined;
      for (const t of transactions.sort(byCreatedThenId)) globalCustomerUsage = addUsage(globalCustomerUsage, t);
      return globalCustomerUsage ? { globalCustomerUsage } : {};
    },
  };
}
