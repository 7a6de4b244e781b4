// Pass: customers (reference #7–#10, #47). A NetSuite customer is created or linked when the Stripe customer's
// first transaction is planned, so this pass plans exactly the customers that in-scope invoices, charges and
// credit notes reference. A customer is never updated after creation. See docs/accounting.md "Customers".
import { absence } from '../../absent-object.js';
import { blockedReason, unmappedCurrency } from '../../blocked-reason.js';
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import { customerUsage, GLOBAL } from './customer-usage.js';
import type { LinkSpec } from '../../operation.js';
import { customerKey, globalCustomerKey, GLOBAL_CUSTOMER_EXTERNAL_ID } from '../../keys.js';

export const GLOBAL_CUSTOMER_NAME = 'Stripe Unallocated Charges';

export function usesGlobalCustomer(ctx: PassContext, customerId: string | null): boolean {
  return !customerId || ctx.input.settings.features.globalCustomer;
}

/** How a customer is named in plan summaries. */
export function customerLabel(ctx: PassContext, customerId: string | null): string {
  if (usesGlobalCustomer(ctx, customerId)) return GLOBAL_CUSTOMER_NAME;
  const c = ctx.input.stripe.customers.get(customerId as string) as Stripe.Customer | undefined;
  return c && !c.deleted && c.name ? `${c.name} (${customerId})` : (customerId as string);
}

function currencyList(ctx: PassContext, currencies: string[]): Record<string, unknown> {
  const map = ctx.input.settings.netsuite.currencies;
  return { items: currencies.filter((c) => map[c]).map((c) => ({ currency: { id: map[c] } })) };
}

/** The primary currency: the first transaction's, or the first of its currencies NetSuite knows. */
function primaryCurrency(ctx: PassContext, currencies: string[]): string | undefined {
  return currencies.find((c) => ctx.input.settings.netsuite.currencies[c]);
}

/** A Stripe customer field named in `features.customerMatch.stripeField` (`email`, `name`, `metadata.key`…). */
export function stripeFieldValue(customer: Stripe.Customer, field: string): string | undefined {
  const raw: unknown = field.startsWith('metadata.')
    ? customer.metadata?.[field.slice('metadata.'.length)]
    : (customer as unknown as Record<string, unknown>)[field];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  return text ? text : undefined;
}

function splitName(full: string): { firstName: string; lastName?: string } {
  const t = full.trim().replace(/\s+/g, ' ');
  const i = t.indexOf(' ');
  return i < 0 ? { firstName: t } : { firstName: t.slice(0, i), lastName: t.slice(i + 1) };
}

/**
 * An individual (isPerson) when Stripe says so (`individual_name`) or the metadata does (`netsuite_first_name` /
 * `netsuite_last_name`, or `netsuite_customer_type` = `individual`). Companies are the default (#7). Names split
 * at the first space: "Jane Sally Doe" → "Jane" / "Sally Doe"; metadata names win.
 */
function personFields(c: Stripe.Customer): Record<string, unknown> | undefined {
  const md = c.metadata ?? {};
  const first = md.netsuite_first_name?.trim();
  const last = md.netsuite_last_name?.trim();
  const type = md.netsuite_customer_type?.trim().toLowerCase();
  const individual = type === 'individual' || (type !== 'company' && (!!first || !!last || !!c.individual_name?.trim()));
  if (!individual) return undefined;
  const fromName = splitName(c.individual_name?.trim() || c.name?.trim() || c.description?.trim() || c.email || c.id);
  const firstName = first || fromName.firstName;
  const lastName = last || fromName.lastName;
  return { isPerson: true, firstName, ...(lastName ? { lastName } : {}) };
}

/** NetSuite's entity ID limit. */
const ENTITY_ID_MAX = 83;

/**
 * Entity IDs must be unique in NetSuite and Stripe names are not ("Jane Doe" twice), so the name carries the
 * customer id: "Acme Inc. (cus_123)"; without a name the id alone (#7).
 */
export function customerEntityId(c: Stripe.Customer): string {
  const name = (c.name || c.business_name || c.individual_name)?.replace(/\s+/g, ' ').trim();
  if (!name) return c.id;
  const suffix = ` (${c.id})`;
  const room = ENTITY_ID_MAX - suffix.length;
  return (name.length > room ? name.slice(0, room).trimEnd() : name) + suffix;
}

/** A Stripe address as a NetSuite address book subrecord; undefined when Stripe has no street or city. */
function addressBookAddress(
  a: Stripe.Address | null | undefined,
  who: { name?: string | null; phone?: string | null },
): Record<string, unknown> | undefined {
  if (!a || (!a.line1 && !a.city && !a.postal_code)) return undefined;
  const out: Record<string, unknown> = {};
  const set = (k: string, v: string | null | undefined) => {
    if (v && v.trim()) out[k] = v.trim();
  };
  set('addressee', who.name);
  set('addrPhone', who.phone);
  set('addr1', a.line1);
  set('addr2', a.line2);
  set('city', a.city);
  set('state', a.state);
  set('zip', a.postal_code);
  // NetSuite takes ISO 3166 codes; anything else would be rejected, so it is left for the account default (#7).
  // `country` is an enum object in the schema (customer.md, addressBookAddress): `{ "id": "US" }`, not a string.
  if (a.country && /^[A-Z]{2}$/.test(a.country)) out.country = { id: a.country };
  return out;
}

/** Default billing from the customer's address, default shipping from `shipping` (#7); one line when equal. */
function addressBook(c: Stripe.Customer): Record<string, unknown> | undefined {
  const billing = addressBookAddress(c.address, { name: c.name, phone: c.phone });
  const shipping = addressBookAddress(c.shipping?.address, { name: c.shipping?.name, phone: c.shipping?.phone });
  const items: Array<Record<string, unknown>> = [];
  if (billing && shipping && JSON.stringify(billing) === JSON.stringify(shipping)) {
    items.push({ defaultBilling: true, defaultShipping: true, addressBookAddress: billing });
  } else {
    if (billing) items.push({ defaultBilling: true, defaultShipping: !shipping, addressBookAddress: billing });
    if (shipping) items.push({ defaultBilling: !billing, defaultShipping: true, addressBookAddress: shipping });
  }
  return items.length > 0 ? { items } : undefined;
}

/** The NetSuite customer body for a Stripe customer, given its currencies (primary first). */
export function customerBody(ctx: PassContext, c: Stripe.Customer, currencies: string[]): Record<string, unknown> {
  const s = ctx.input.settings.netsuite;
  const primary = primaryCurrency(ctx, currencies);
  const name = (c.name || c.business_name)?.trim() || undefined;
  const person = personFields(c);
  return {
    entityId: customerEntityId(c),
    ...(person ?? { companyName: name || c.description?.trim() || c.email?.trim() || c.id }),
    email: c.email?.trim() || c.id,
    ...(c.phone ? { phone: c.phone } : {}),
    comments: `Stripe: ${c.id}`,
    externalId: c.id,
    subsidiary: { id: s.subsidiaryId },
    ...(primary ? { currency: { id: s.currencies[primary] } } : {}),
    currencyList: currencyList(ctx, currencies),
    ...(addressBook(c) ? { addressBook: addressBook(c) } : {}),
  };
}

/** Adds (once) the operation that makes the NetSuite customer for a Stripe customer exist; returns its key. */
export function ensureCustomer(ctx: PassContext, customerId: string | null): string {
  if (usesGlobalCustomer(ctx, customerId)) return ensureGlobalCustomer(ctx);
  const id = customerId as string;
  const key = customerKey(id);
  if (ctx.has(key)) return key;
  const usage = customerUsage(ctx).get(id);
  const currencies = usage?.currencies ?? [];
  const customer = ctx.input.stripe.customers.get(id) as Stripe.Customer | Stripe.DeletedCustomer | undefined;
  const primary = primaryCurrency(ctx, currencies);
  const summary = { customer: customerLabel(ctx, id), ...(primary ? { currency: primary } : {}) };

  if (!customer) {
    return ctx.as('customers').add({
      action: 'create',
      recordType: 'customer',
      externalId: id,
      stripeId: id,
      body: {},
      summary: { ...summary, description: `customer ${id}` },
      blocked: `Stripe customer ${id} (referenced by ${usage?.firstId ?? 'a transaction'}.customer) ${absence(ctx.input, id)}`,
    });
  }
  // A deleted Stripe customer still owns its transactions; it is created from what is left (its id).
  const c = (customer.deleted ? { id, object: 'customer', metadata: {} } : customer) as Stripe.Customer;
  const body = customerBody(ctx, c, currencies);
  const blocked =
    currencies.length > 0 && !primary
      ? unmappedCurrency(`customer ${id}`, currencies.join(', '))
      : undefined;

  const byMetadata = c.metadata?.netsuite_customer_id?.trim();
  const match = ctx.input.settings.features.customerMatch;
  const matchValue = match ? stripeFieldValue(c, match.stripeField) : undefined;
  let link: LinkSpec | undefined;
  let description: string;
  if (byMetadata) {
    link = { internalId: byMetadata, createIfMissing: false };
    description = `link customer ${id} to NetSuite customer ${byMetadata} (metadata.netsuite_customer_id)`;
  } else if (match && matchValue) {
    link = { match: { field: match.netsuiteField, value: matchValue }, createIfMissing: true };
    description = `link customer ${id} by ${match.netsuiteField} = "${matchValue}", or create it`;
  } else {
    description = `create customer ${id}`;
  }
  const draft = {
    recordType: 'customer' as const,
    externalId: id,
    stripeId: id,
    body,
    summary: { ...summary, description },
    ...(blocked ? { blocked } : {}),
  };
  return ctx.as('customers').add(link ? { action: 'link', link, ...draft } : { action: 'create', ...draft });
}

/**
 * `Stripe Unallocated Charges` (#9). Created, identified by its externalId: an existing NetSuite customer is
 * reused by giving it externalId `stripe_unallocated_charges`. Its currency list is every mapped currency, since
 * anything can land on it.
 */
export function ensureGlobalCustomer(ctx: PassContext): string {
  const key = globalCustomerKey();
  if (ctx.has(key)) return key;
  const s = ctx.input.settings.netsuite;
  const all = Object.keys(s.currencies).sort((a, b) => Number(s.currencies[a]) - Number(s.currencies[b]) || (a < b ? -1 : 1));
  const used = customerUsage(ctx).get(GLOBAL)?.currencies ?? [];
  const currencies = [...used.filter((c) => s.currencies[c]), ...all.filter((c) => !used.includes(c))];
  const primary = currencies[0];
  return ctx.as('customers').add({
    action: 'create',
    recordType: 'customer',
    externalId: GLOBAL_CUSTOMER_EXTERNAL_ID,
    stripeId: GLOBAL_CUSTOMER_EXTERNAL_ID,
    body: {
      entityId: GLOBAL_CUSTOMER_NAME,
      companyName: GLOBAL_CUSTOMER_NAME,
      comments: 'Stripe: unallocated charges (payments without a Stripe customer)',
      externalId: GLOBAL_CUSTOMER_EXTERNAL_ID,
      subsidiary: { id: s.subsidiaryId },
      ...(primary ? { currency: { id: s.currencies[primary] } } : {}),
      currencyList: currencyList(ctx, currencies),
    },
    summary: {
      customer: GLOBAL_CUSTOMER_NAME,
      ...(primary ? { currency: primary } : {}),
      description: `create the global customer "${GLOBAL_CUSTOMER_NAME}"`,
    },
    ...(primary ? {} : { blocked: blockedReason(`the global customer`, 'netsuite.currencies is empty', 'add each Stripe currency to netsuite.currencies') }),
  });
}

export function planCustomers(ctx: PassContext): void {
  const usage = [...customerUsage(ctx).entries()].sort(
    ([ak, a], [bk, b]) => a.firstCreated - b.firstCreated || (a.firstId < b.firstId ? -1 : a.firstId > b.firstId ? 1 : ak < bk ? -1 : 1),
  );
  for (const [bucket] of usage) ensureCustomer(ctx, bucket === GLOBAL ? null : bucket);
}
