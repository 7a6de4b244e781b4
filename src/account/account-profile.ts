// What one NetSuite account takes: the fields of each record type it exposes (read from its REST metadata
// catalog), the features those fields reveal, its base currency and its accounting periods. NetSuite's REST
// schema is per account and per role (reference netsuite-schemas/README.md), so the plan fits every body to it.

/** One field of a record or sublist line, as the account's metadata catalog describes it. */
export type FieldShape =
  | { kind: 'scalar'; type: string; format?: string }
  /** A reference to another record: sent as `{ "id": "…" }`. */
  | { kind: 'ref' }
  /** An enum object: sent as `{ "id": "<value>" }`; `values` when the catalog lists them. */
  | { kind: 'enum'; values?: string[] }
  /** A sublist (`{ "items": [...] }`) and the fields of its lines. */
  | { kind: 'sublist'; lines: RecordShape }
  /** An embedded subrecord (an address) and its fields. */
  | { kind: 'subrecord'; fields: RecordShape };

export type RecordShape = ReadonlyMap<string, FieldShape>;

export interface AccountingPeriod {
  id: string;
  name: string;
  /** YYYY-MM-DD, inclusive. */
  start: string;
  end: string;
  closed: boolean;
}

/** The NetSuite features the connector's payloads depend on, by NetSuite's own feature ids. */
export const ACCOUNT_FEATURES = [
  'SUBSIDIARIES',
  'MULTICURRENCY',
  'MULTICURRENCYCUSTOMER',
  'PAYMENTINSTRUMENTS',
  'ACCOUNTINGPERIODS',
  'REVENUERECOGNITION',
] as const;
export type AccountFeature = (typeof ACCOUNT_FEATURES)[number];

export const FEATURE_NAMES: Record<AccountFeature, string> = {
  SUBSIDIARIES: 'Subsidiaries (OneWorld)',
  MULTICURRENCY: 'Multiple Currencies',
  MULTICURRENCYCUSTOMER: 'Multiple Currencies per Customer',
  PAYMENTINSTRUMENTS: 'Payment Instruments',
  ACCOUNTINGPERIODS: 'Accounting Periods',
  REVENUERECOGNITION: 'Revenue Recognition',
};

export interface AccountProfile {
  /** Record type (camelCase REST name) → its fields; a type the account does not serve is absent. */
  records: ReadonlyMap<string, RecordShape>;
  features: ReadonlySet<AccountFeature>;
  /** The account's base currency internal id (the only currency without Multiple Currencies). */
  baseCurrencyId?: string;
  /** Monthly posting periods, oldest first; empty without Accounting Periods. */
  periods: readonly AccountingPeriod[];
  /** The configured GL accounts' NetSuite names ("4000 Sales"), by internal id: what the books' impact shows.
   *  Display only, so not part of accountDigest (a renamed account changes no plan). */
  accountNames?: ReadonlyMap<string, string>;
}

/** The shape of `path` (`item.revRecStartDate`, `addressBook.addressBookAddress.country`) on a record. */
export function fieldAt(shape: RecordShape | undefined, path: readonly string[]): FieldShape | undefined {
  let fields = shape;
  let found: FieldShape | undefined;
  for (const name of path) {
    found = fields?.get(name);
    if (!found) return undefined;
    fields = found.kind === 'sublist' ? found.lines : found.kind === 'subrecord' ? found.fields : undefined;
  }
  return found;
}

/** Which features the catalog reveals: each is read off a field only that feature gives. */
export function featuresOf(records: ReadonlyMap<string, RecordShape>): Set<AccountFeature> {
  const has = (type: string, ...path: string[]): boolean => fieldAt(records.get(type), path) !== undefined;
  const out = new Set<AccountFeature>();
  if (has('customer', 'subsidiary') || has('invoice', 'subsidiary')) out.add('SUBSIDIARIES');
  if (has('invoice', 'currency')) out.add('MULTICURRENCY');
  if (has('customer', 'currencyList')) out.add('MULTICURRENCYCUSTOMER');
  if (has('customerPayment', 'paymentOption')) out.add('PAYMENTINSTRUMENTS');
  if (has('invoice', 'postingPeriod')) out.add('ACCOUNTINGPERIODS');
  if (has('invoice', 'item', 'revRecStartDate')) out.add('REVENUERECOGNITION');
  return out;
}

/** The field that names the payment method on cash records: `paymentOption` with Payment Instruments. */
export function paymentMethodField(profile: AccountProfile | undefined): 'paymentOption' | 'paymentMethod' {
  if (!profile) return 'paymentOption';
  const payment = profile.records.get('customerPayment');
  return payment?.has('paymentOption') || !payment?.has('paymentMethod') ? 'paymentOption' : 'paymentMethod';
}

/** The closed period `date` (YYYY-MM-DD) falls in, if any. */
export function closedPeriodOf(profile: AccountProfile | undefined, date: string): AccountingPeriod | undefined {
  return profile?.periods.find((p) => p.closed && p.start <= date && date <= p.end);
}

/** The first day of the first open period after `date`, if the account has one. */
export function nextOpenPeriodStart(profile: AccountProfile, date: string): AccountingPeriod | undefined {
  return profile.periods.find((p) => !p.closed && p.start > date);
}

/** A stable text of the whole profile: the plan's no-change shortcut holds only while it is the same. */
export function accountDigest(profile: AccountProfile): string {
  const shape = (r: RecordShape): unknown =>
    [...r.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, f]) => [
      name,
      f.kind === 'sublist' ? shape(f.lines) : f.kind === 'subrecord' ? shape(f.fields) : f,
    ]);
  return JSON.stringify({
    records: [...profile.records.keys()].sort().map((t) => [t, shape(profile.records.get(t)!)]),
    base: profile.baseCurrencyId ?? null,
    periods: profile.periods,
  });
}
