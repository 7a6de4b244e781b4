// NetSuite features (Setup > Company > Enable Features) that decide which fields and record types an account
// exposes. The REST API Browser tables (reference/record-schemas.json) come from an account with all of them on;
// the sandbox serves the subset the active features give (issue 11).

export const FEATURE_IDS = [
  /** OneWorld: subsidiaries, and every subsidiary field on records. */
  'SUBSIDIARIES',
  /** Multiple currencies: transaction/entity currency and exchange rate. */
  'MULTICURRENCY',
  /** Multiple currencies per customer (customer `currencyList`); requires MULTICURRENCY. */
  'MULTICURRENCYCUSTOMER',
  /** Payment Instruments: `paymentOption` replaces `paymentMethod` on payments and refunds. */
  'PAYMENTINSTRUMENTS',
  /** Accounting periods: `postingPeriod` fields, the accountingPeriod record, closed periods. */
  'ACCOUNTINGPERIODS',
  /** Revenue recognition: rev-rec dates, schedules and deferred revenue accounts. */
  'REVENUERECOGNITION',
] as const;

export type FeatureId = (typeof FEATURE_IDS)[number];

export type FeatureOption = 'all' | 'none' | readonly string[];

export class FeatureError extends Error {}

/** The active feature set; `has` answers whether a feature is on. */
export class Features {
  private readonly on: ReadonlySet<FeatureId>;

  constructor(ids: Iterable<FeatureId>) {
    this.on = new Set(ids);
  }

  has(id: FeatureId): boolean {
    return this.on.has(id);
  }

  list(): FeatureId[] {
    return FEATURE_IDS.filter((f) => this.on.has(f));
  }
}

/** Parses `'all'`, `'none'` or a list of ids (case-insensitive); throws FeatureError naming an unknown id. */
export function parseFeatures(option: FeatureOption | undefined): Features {
  if (option === undefined || option === 'all') return new Features(FEATURE_IDS);
  if (option === 'none') return new Features([]);
  const ids: FeatureId[] = [];
  for (const raw of option) {
    const id = raw.trim().toUpperCase();
    if (id === '') continue;
    if (id === 'ALL' || id === 'NONE') {
      if (option.length !== 1) throw new FeatureError(`'${raw}' cannot be combined with other feature ids`);
      return parseFeatures(id.toLowerCase() as 'all' | 'none');
    }
    if (!(FEATURE_IDS as readonly string[]).includes(id)) {
      throw new FeatureError(`unknown NetSuite feature '${raw}'; valid ids: ${FEATURE_IDS.join(', ')} (or all, none)`);
    }
    ids.push(id as FeatureId);
  }
  if (ids.includes('MULTICURRENCYCUSTOMER') && !ids.includes('MULTICURRENCY')) {
    throw new FeatureError('MULTICURRENCYCUSTOMER requires MULTICURRENCY');
  }
  return new Features(ids);
}

/** `--features a,b,c` / `all` / `none` from the command line. */
export function parseFeatureList(text: string): Features {
  const t = text.trim().toLowerCase();
  if (t === 'all' || t === 'none') return parseFeatures(t);
  return parseFeatures(text.split(','));
}
