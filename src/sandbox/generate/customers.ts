/**
 * Customers: who they are (companies, individuals, e-mail-only sign-ups), where they live, and their
 * credit balance, which changes through customer balance transactions and shows in customer.updated.
 */
import type { Currency, TaxRegion } from './catalog.js';
import type { GenContext } from './context.js';
import type { StripeObject } from './world-items.js';

export type Identity = 'company' | 'individual' | 'email_only';

interface Address {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export interface Customer extends StripeObject {
  object: 'customer';
  balance: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: Address | null;
  shipping: { address: Address; name: string; phone: string | null } | null;
  next_invoice_sequence: number;
}

export interface CustomerState {
  id: string;
  currency: Currency;
  /** The snapshot currently served. */
  current: Customer;
  balance: number;
  invoicePrefix: string;
  nextInvoiceSequence: number;
  taxRegion: TaxRegion | null;
}

const FIRST = ['Ava', 'Liam', 'Mia', 'Noah', 'Emma', 'Lucas', 'Sofia', 'Hugo', 'Chloe', 'Kenji', 'Yuki', 'Oliver', 'Amelia', 'Jonas', 'Lea', 'Mateo'];
const LAST = ['Smith', 'Garcia', 'Müller', 'Dubois', 'Tanaka', 'Brown', "O'Neill", 'Rossi', 'Schmidt', 'Martin', 'Sato', 'Wilson', 'Nguyen', 'Fischer'];
const COMPANY_A = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Soylent', 'Cyberdyne', 'Aperture', 'Wonka', 'Gringotts'];
const COMPANY_B = ['Labs', 'Industries', 'Logistics', 'Analytics', 'Foods', 'Robotics', 'Media', 'Holdings', 'Software', 'Design'];
const COMPANY_SUFFIX: Record<Currency, string[]> = { usd: ['Inc.', 'LLC', 'Corp.'], eur: ['GmbH', 'SAS', 'B.V.'], gbp: ['Ltd', 'PLC'], jpy: ['K.K.', 'G.K.'], kwd: ['W.L.L.', 'K.S.C.C.'] };

const PLACES: Record<Currency, { city: string; country: string; state: string | null; postal: () => string; region: TaxRegion | null }[]> = {
  usd: [
    { city: 'San Francisco', country: 'US', state: 'CA', postal: () => '941', region: 'us_ca' },
    { city: 'Austin', country: 'US', state: 'TX', postal: () => '787', region: 'us_ca' },
    { city: 'Brooklyn', country: 'US', state: 'NY', postal: () => '112', region: 'us_ca' },
  ],
  eur: [
    { city: 'Berlin', country: 'DE', state: null, postal: () => '101', region: 'de' },
    { city: 'Paris', country: 'FR', state: null, postal: () => '750', region: 'fr' },
  ],
  gbp: [{ city: 'London', country: 'GB', state: null, postal: () => 'EC1A ', region: 'uk' }],
  jpy: [{ city: 'Tokyo', country: 'JP', state: null, postal: () => '100-', region: 'jp' }],
  // No tax rate in the catalog: Kuwait has no VAT.
  kwd: [{ city: 'Kuwait City', country: 'KW', state: null, postal: () => '130', region: null }],
};

export interface CustomerSpec {
  created: number;
  currency: Currency;
  identity: Identity;
  withShipping: boolean;
  withPhone: boolean;
}

export function createCustomer(ctx: GenContext, spec: CustomerSpec): CustomerState {
  const { rng } = ctx;
  const id = rng.id('cus_', 14);
  const place = rng.pick(PLACES[spec.currency]);
  const person = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  const company = `${rng.pick(COMPANY_A)} ${rng.pick(COMPANY_B)} ${rng.pick(COMPANY_SUFFIX[spec.currency])}`;
  const emailLocal = person.toLowerCase().replace(/[^a-z]+/g, '.');
  const domain = spec.identity === 'company' ? company.toLowerCase().split(' ')[0] + '.example' : 'mail.example';
  const hasAddress = spec.identity !== 'email_only';
  const address: Address | null = hasAddress
    ? { city: place.city, country: place.country, line1: `${rng.int(1, 999)} ${rng.pick(['Market', 'Main', 'High', 'Station', 'Park'])} Street`, line2: rng.chance(0.3) ? `Suite ${rng.int(100, 900)}` : null, postal_code: place.postal() + rng.digits(2), state: place.state }
    : null;
  const phone = spec.withPhone ? `+1${rng.digits(10)}` : null;
  const name = spec.identity === 'company' ? company : spec.identity === 'individual' ? person : null;
  const invoicePrefix = rng.hex(8);
  const current: Customer = {
    id,
    object: 'customer',
    address,
    balance: 0,
    ...(spec.identity === 'company' ? { business_name: company } : {}),
    ...(spec.identity === 'individual' ? { individual_name: person } : {}),
    created: spec.created,
    currency: spec.currency,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: spec.identity === 'company' ? `${company} (${place.city})` : null,
    discount: null,
    email: `${emailLocal}@${domain}`,
    invoice_prefix: invoicePrefix,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name,
    next_invoice_sequence: 1,
    phone,
    preferred_locales: [],
    shipping: spec.withShipping && address ? { address, name: name ?? person, phone } : null,
    tax_exempt: 'none',
    test_clock: null,
  };
  ctx.items.object(current);
  ctx.items.event('customer.created', current, spec.created);
  return { id, currency: spec.currency, current, balance: 0, invoicePrefix, nextInvoiceSequence: 1, taxRegion: place.region };
}

/** The next invoice number for this customer, e.g. "7FE1103A-0003". */
export function nextInvoiceNumber(cust: CustomerState): string {
  return `${cust.invoicePrefix}-${String(cust.nextInvoiceSequence++).padStart(4, '0')}`;
}

export type BalanceChange = 'applied_to_invoice' | 'credit_note' | 'adjustment';

/**
 * Moves the customer's balance by `delta` (negative = more credit for the customer), records the
 * customer balance transaction and publishes the customer's new snapshot.
 */
export function changeBalance(ctx: GenContext, cust: CustomerState, delta: number, at: number, type: BalanceChange, links: { invoice?: string; credit_note?: string }): string {
  cust.balance += delta;
  const cbtxn = {
    id: ctx.rng.id('cbtxn_'),
    object: 'customer_balance_transaction',
    amount: delta,
    checkout_session: null,
    created: at,
    credit_note: links.credit_note ?? null,
    currency: cust.currency,
    customer: cust.id,
    customer_account: null,
    description: null,
    ending_balance: cust.balance,
    invoice: links.invoice ?? null,
    livemode: false,
    metadata: {},
    type,
  };
  ctx.items.object(cbtxn);
  cust.current = { ...cust.current, balance: cust.balance, next_invoice_sequence: cust.nextInvoiceSequence };
  ctx.items.event('customer.updated', cust.current, at);
  return cbtxn.id;
}

/** Billing details a charge copies from its customer. */
export function billingDetails(cust: CustomerState | null): object {
  const c = cust?.current;
  return {
    address: c?.address ?? { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
    email: c?.email ?? null,
    name: c?.name ?? null,
    phone: c?.phone ?? null,
    tax_id: null,
  };
}
