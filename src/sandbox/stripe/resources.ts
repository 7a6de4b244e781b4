// The Stripe resources the sandbox serves: URL segment, object type, the name Stripe uses in
// "No such …" errors, the list parameters it accepts, and the fields its filters read.

/** How a query parameter is validated: scalar kinds, a range (`created`), a string array, or nested. */
export type ParamKind = 'int' | 'string' | 'bool' | 'range' | 'strings' | { [sub: string]: ParamKind };

export interface Filter {
  /** Parameter as sent, bracketed when nested: `customer`, `payment[type]`. */
  param: string;
  /** Facet (see FACETS) the filter compares with. */
  facet: string;
  op: 'eq' | 'bool' | 'range';
  /** Allowed values, for enumerations Stripe validates. */
  values?: readonly string[];
}

export interface ResourceSpec {
  path: string;
  type: string;
  noun: string;
  params: Record<string, ParamKind>;
  filters: Filter[];
  /** Has `/v1/{path}/{id}/lines` paging an embedded `lines` list. */
  lines?: boolean;
  /** Only `/v1/{path}/{id}` is served (the list is not reproduced). */
  retrieveOnly?: boolean;
}

/**
 * Fields copied out of every snapshot at load time, so list filters never re-parse objects.
 * Facet name → path in the object. A value that is an expanded object contributes its id.
 */
export const FACETS: Record<string, Record<string, string[]>> = {
  customer: { email: ['email'] },
  invoice: {
    customer: ['customer'],
    status: ['status'],
    subscription: ['parent', 'subscription_details', 'subscription'],
    collection_method: ['collection_method'],
  },
  invoice_payment: {
    invoice: ['invoice'],
    status: ['status'],
    'payment[type]': ['payment', 'type'],
    'payment[payment_intent]': ['payment', 'payment_intent'],
    'payment[payment_record]': ['payment', 'payment_record'],
  },
  charge: { customer: ['customer'], payment_intent: ['payment_intent'], transfer_group: ['transfer_group'] },
  payment_intent: { customer: ['customer'] },
  refund: { charge: ['charge'], payment_intent: ['payment_intent'] },
  dispute: { charge: ['charge'], payment_intent: ['payment_intent'] },
  credit_note: { invoice: ['invoice'], customer: ['customer'] },
  payout: { status: ['status'], arrival_date: ['arrival_date'], destination: ['destination'], currency: ['currency'] },
  balance_transaction: { currency: ['currency'], type: ['type'], source: ['source'], available_on: ['available_on'] },
  event: { type: ['type'] },
  price: { product: ['product'], active: ['active'], currency: ['currency'], type: ['type'] },
  product: { active: ['active'], shippable: ['shippable'], type: ['type'], url: ['url'] },
  coupon: {},
  payment_record: {},
  subscription: { customer: ['customer'], status: ['status'], collection_method: ['collection_method'] },
  invoiceitem: { customer: ['customer'], invoice: ['invoice'] },
};

const eq = (param: string, values?: readonly string[]): Filter => ({ param, facet: param, op: 'eq', values });

export const RESOURCES: ResourceSpec[] = [
  {
    path: 'customers', type: 'customer', noun: 'customer',
    params: { created: 'range', email: 'string' },
    filters: [eq('email')],
  },
  {
    path: 'invoices', type: 'invoice', noun: 'invoice', lines: true,
    params: { created: 'range', customer: 'string', status: 'string', subscription: 'string', collection_method: 'string' },
    filters: [
      eq('customer'),
      eq('subscription'),
      eq('status', ['draft', 'open', 'paid', 'uncollectible', 'void']),
      eq('collection_method', ['charge_automatically', 'send_invoice']),
    ],
  },
  {
    path: 'invoice_payments', type: 'invoice_payment', noun: 'invoice payment',
    params: {
      created: 'range', invoice: 'string', status: 'string',
      payment: { type: 'string', payment_intent: 'string', payment_record: 'string' },
    },
    filters: [
      eq('invoice'),
      eq('payment[payment_intent]'),
      eq('payment[payment_record]'),
      eq('payment[type]', ['payment_intent', 'payment_record']),
      eq('status', ['canceled', 'open', 'paid']),
    ],
  },
  {
    // Payments recorded outside Stripe ("report a payment"). The list takes `created_after`/`created_before`
    // (PaymentRecordListParams), which this sandbox does not serve: it answers retrieve.
    path: 'payment_records', type: 'payment_record', noun: 'payment record', retrieveOnly: true,
    params: {},
    filters: [],
  },
  {
    path: 'charges', type: 'charge', noun: 'charge',
    params: { created: 'range', customer: 'string', payment_intent: 'string', transfer_group: 'string' },
    filters: [eq('customer'), eq('payment_intent'), eq('transfer_group')],
  },
  {
    path: 'payment_intents', type: 'payment_intent', noun: 'payment_intent',
    params: { created: 'range', customer: 'string' },
    filters: [eq('customer')],
  },
  {
    path: 'refunds', type: 'refund', noun: 'refund',
    params: { created: 'range', charge: 'string', payment_intent: 'string' },
    filters: [eq('charge'), eq('payment_intent')],
  },
  {
    path: 'disputes', type: 'dispute', noun: 'dispute',
    params: { created: 'range', charge: 'string', payment_intent: 'string' },
    filters: [eq('charge'), eq('payment_intent')],
  },
  {
    path: 'credit_notes', type: 'credit_note', noun: 'credit note', lines: true,
    params: { created: 'range', invoice: 'string', customer: 'string' },
    filters: [eq('invoice'), eq('customer')],
  },
  {
    path: 'payouts', type: 'payout', noun: 'payout',
    params: { created: 'range', arrival_date: 'range', status: 'string', destination: 'string' },
    filters: [eq('destination'), eq('status'), { param: 'arrival_date', facet: 'arrival_date', op: 'range' }],
  },
  {
    // `payout` is handled by the payout membership rule, not a facet.
    path: 'balance_transactions', type: 'balance_transaction', noun: 'balance transaction',
    params: { created: 'range', payout: 'string', type: 'string', source: 'string', currency: 'string' },
    filters: [eq('source'), eq('type'), eq('currency')],
  },
  {
    // `type` (with `*` wildcards) and `types[]` are handled by the events list itself.
    path: 'events', type: 'event', noun: 'event',
    params: { created: 'range', type: 'string', types: 'strings' },
    filters: [],
  },
  {
    path: 'prices', type: 'price', noun: 'price',
    params: { created: 'range', product: 'string', active: 'bool', currency: 'string', type: 'string' },
    filters: [
      eq('product'),
      { param: 'active', facet: 'active', op: 'bool' },
      eq('currency'),
      eq('type', ['one_time', 'recurring']),
    ],
  },
  {
    // `ids` is handled by the list itself.
    path: 'products', type: 'product', noun: 'product',
    params: { created: 'range', active: 'bool', ids: 'strings', shippable: 'bool', type: 'string', url: 'string' },
    filters: [
      { param: 'active', facet: 'active', op: 'bool' },
      { param: 'shippable', facet: 'shippable', op: 'bool' },
      eq('type'),
      eq('url'),
    ],
  },
  { path: 'coupons', type: 'coupon', noun: 'coupon', params: { created: 'range' }, filters: [] },
  {
    // `status` is handled by the list itself: Stripe leaves canceled subscriptions out unless asked.
    path: 'subscriptions', type: 'subscription', noun: 'subscription',
    params: { created: 'range', customer: 'string', status: 'string', collection_method: 'string' },
    filters: [eq('customer'), eq('collection_method', ['charge_automatically', 'send_invoice'])],
  },
  {
    // `pending` is handled by the list itself (pending = not yet on an invoice).
    path: 'invoiceitems', type: 'invoiceitem', noun: 'invoiceitem',
    params: { created: 'range', customer: 'string', invoice: 'string', pending: 'bool' },
    filters: [eq('customer'), eq('invoice')],
  },
];

export const RESOURCE_BY_PATH = new Map(RESOURCES.map((r) => [r.path, r]));
export const RESOURCE_BY_TYPE = new Map(RESOURCES.map((r) => [r.type, r]));

export const SUBSCRIPTION_STATUSES = [
  'active', 'all', 'canceled', 'ended', 'incomplete', 'incomplete_expired', 'past_due', 'paused', 'trialing', 'unpaid',
] as const;
