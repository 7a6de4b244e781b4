// The configuration a run works with: mappings and flags from the config file, secrets from the environment.

export interface AccountSettings {
  undepositedFunds: string;
  receivables: string;
  /** Default income account for the items the connector creates. */
  income: string;
  processingFees: string;
  stripeFees: string;
  applicationFees: string;
  disputeFees: string;
  taxPayable: string;
  badDebt: string;
  refunds: string;
  disputeReversals: string;
  feeRefunds: string;
  discounts: string;
  customerBalance: string;
}

export interface NetSuiteSettings {
  subsidiaryId: string;
  /** IANA time zone of the NetSuite account: Unix timestamps become dates in it. */
  timeZone: string;
  /** The account's concurrency limit (requests in flight). */
  concurrency: number;
  /** ISO currency code (lowercase, as Stripe writes it) → NetSuite currency internal id. */
  currencies: Record<string, string>;
  /** Payout currency → NetSuite bank account internal id. */
  bankAccounts: Record<string, string>;
  accounts: AccountSettings;
  /** The "Stripe" payment method. */
  paymentMethodId: string;
  /** Discount items the connector creates: non-posting (no account, the default) or posting to `accounts.discounts`. */
  discountItems?: 'nonPosting' | 'posting';
  /** A posting dated in a closed accounting period: blocked (default), or moved to the next open period's first day. */
  closedPeriods?: 'block' | 'nextOpenPeriod';
}

export interface CustomerMatch {
  /** NetSuite customer field (SuiteQL column), e.g. `email` or `custentity_stripe_id`. */
  netsuiteField: string;
  /** Stripe customer field: `email`, `name`, `description`, or `metadata.<key>`. */
  stripeField: string;
}

export interface FeatureFlags {
  syncTrialInvoices: boolean;
  keepUnpaidInvoicesOpen: boolean;
  globalCustomer: boolean;
  globalItem: boolean;
  globalDiscountItem: boolean;
  useRefundItem: boolean;
  useDisputeItem: boolean;
  useBadDebtItem: boolean;
  allowDuplicatePayments: boolean;
  customerMatch: CustomerMatch | null;
}

export interface ExtractSettings {
  /** Go-live: nothing created before it syncs (ISO date or date-time), or null for everything. */
  startDate: string | null;
  overlapSeconds: number;
  settleDelaySeconds: number;
  requestsPerSecond: number;
  backfillChunkDays: number;
}

export interface Settings {
  netsuite: NetSuiteSettings;
  features: FeatureFlags;
  /** Stripe price or product id → NetSuite item internal id. */
  items: { mapping: Record<string, string> };
  extract: ExtractSettings;
  apply: {
    maxAttempts: number;
    /** Ledger objects planned and applied at a time (run/plan-partitions.ts); bounds a run's memory. */
    partitionObjects: number;
  };
  schedule: { cron: string };
  log: { format: 'text' | 'json' };
}

export type NetSuiteAuth =
  | { method: 'tba'; consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string }
  | { method: 'oauth2'; clientId: string; certificateId: string; privateKeyPem: string; scope: string };

export interface Secrets {
  stripeApiKey: string;
  /** e.g. https://api.stripe.com, or http://127.0.0.1:PORT for the sandbox. */
  stripeApiBase: string;
  netsuiteAccountId: string;
  /** e.g. https://1234567-sb1.suitetalk.api.netsuite.com, or the sandbox. */
  netsuiteBaseUrl: string;
  netsuiteAuth: NetSuiteAuth;
  ledgerPath: string;
}

export interface RuntimeConfig {
  settings: Settings;
  secrets: Secrets;
  configFile: string;
}
