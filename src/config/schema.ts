// The one schema of the config file (zod). It gives the TypeScript `Settings` type, the defaults config/README.md
// documents, the validation errors (with "did you mean" for unknown keys: load-config.ts) and the published JSON
// Schema (config/stripe-netsuite.schema.json, written by scripts/generate-config-schema.mjs).
import { z } from 'zod';

/** `init` writes `<…>` placeholders; each one fails validation until it is filled in. */
export const PLACEHOLDER = /^<.*>$/s;
export const PLACEHOLDER_MESSAGE = 'is still a placeholder from `stripe-netsuite init`: fill it in (config/README.md)';
const nonEmpty = (what = 'must be a non-empty string') =>
  z
    .string({ error: what })
    .min(1, { error: what })
    .refine((v) => !PLACEHOLDER.test(v), { error: PLACEHOLDER_MESSAGE });
const internalId = (description: string) => nonEmpty('must be a non-empty string (a NetSuite internal id)').describe(description);
const posInt = (description: string) =>
  z
    .number({ error: 'must be a positive integer' })
    .int({ error: 'must be a positive integer' })
    .min(1, { error: 'must be a positive integer' })
    .describe(description);
const nonNegInt = (description: string) =>
  z
    .number({ error: 'must be an integer ≥ 0' })
    .int({ error: 'must be an integer ≥ 0' })
    .min(0, { error: 'must be an integer ≥ 0' })
    .describe(description);
const idMap = (description: string) =>
  z
    .record(z.string(), nonEmpty('must be a non-empty string (a NetSuite internal id)'), {
      error: 'must be an object of string internal ids',
    })
    .describe(description);
const flag = (description: string) => z.boolean({ error: 'must be true or false' }).default(false).describe(description);

function isTimeZone(v: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

const ACCOUNT_KEYS = {
  undepositedFunds: 'Where customer payments and refunds post until their payout\'s deposit.',
  receivables: 'The A/R account of invoices and credit memos.',
  income: 'Income account of the items the connector creates.',
  processingFees: 'Expense account of the deposit\'s processing-fee Cash Back lines.',
  stripeFees: 'Expense account of the deposit\'s Stripe-fee Cash Back lines.',
  applicationFees: 'Expense account of the deposit\'s application-fee Cash Back lines.',
  disputeFees: 'Expense account of the deposit\'s dispute-fee Cash Back lines.',
  taxPayable: 'Account of the `Stripe Tax` item.',
  badDebt: 'Account of the `Stripe Bad Debt Item`.',
  refunds: 'Account of the refund, partial refund and dispute items.',
  disputeReversals: 'Other-deposit line account for won disputes\' reinstated funds.',
  feeRefunds: 'Other-deposit line account for refunded Stripe fees.',
  discounts: 'Account of posting discount items (discountItems "posting").',
  customerBalance: 'Account of the customer-balance items.',
} as const;

const accountsSchema = z.strictObject(
  {
    ...(Object.fromEntries(Object.entries(ACCOUNT_KEYS).map(([k, d]) => [k, internalId(d)])) as {
      [K in keyof typeof ACCOUNT_KEYS]: z.ZodString;
    }),
    // Optional: only a foreign-currency deposit whose NetSuite-rounded lines miss the payout needs it.
    // Optional: only invoices paid outside Stripe (payment records) need it.
    paidOutsideStripe: internalId(
      'Account of the `Stripe Paid Outside Item`: where payments recorded outside Stripe (cheques, wires: Stripe payment records) are received, e.g. a bank or clearing account. Needed only when invoices are paid outside Stripe.',
    ).optional(),
    fxRounding: internalId(
      'Account of the deposit\'s FX-rounding line: the cents by which NetSuite\'s per-line conversion of foreign-currency payments misses the payout. Needed only with foreign-currency payments.',
    ).optional(),
  },
  { error: 'must be an object' },
);

const netsuiteSchema = z
  .strictObject(
    {
      subsidiaryId: internalId('Subsidiary of the customers and items the connector creates.'),
      timeZone: z
        .string({ error: 'must be an IANA time zone' })
        .refine(isTimeZone, { error: 'is not a known IANA time zone' })
        .describe('IANA time zone of the NetSuite account, e.g. America/Los_Angeles: Stripe timestamps become dates in it.'),
      concurrency: posInt('The account\'s concurrency limit (5 Standard, 15 Premium, 20 Enterprise/Ultimate, +10 per SuiteCloud Plus licence).'),
      currencies: idMap('Stripe currency code (lowercase) → NetSuite currency internal id.'),
      bankAccounts: idMap('Payout currency (lowercase) → NetSuite bank account internal id deposits go to.'),
      accounts: accountsSchema,
      paymentMethodId: internalId('The "Stripe" payment method on payments and refunds.'),
      discountItems: z
        .enum(['nonPosting', 'posting'], { error: 'must be "nonPosting" or "posting"' })
        .default('nonPosting')
        .describe('Discount items the connector creates: non-posting (no account) or posting to accounts.discounts.'),
      closedPeriods: z
        .enum(['block', 'nextOpenPeriod'], { error: 'must be "block" or "nextOpenPeriod"' })
        .default('block')
        .describe('A posting dated in a closed period: blocked, or moved to the first day of the next open period.'),
    },
    { error: 'must be an object' },
  )
  .describe('The NetSuite account: subsidiary, time zone, concurrency, currencies, bank and GL accounts.');

const customerMatchSchema = z
  .strictObject(
    {
      netsuiteField: z
        .string({ error: 'must be a NetSuite field name' })
        .regex(/^[a-z_][a-z0-9_]*$/i, { error: 'must be a NetSuite field name' })
        .describe('NetSuite customer field (SuiteQL column), e.g. email or custentity_stripe_id.'),
      stripeField: z
        .string({ error: 'must be email, name, description, phone or metadata.<key>' })
        .regex(/^(email|name|description|phone|metadata\.[A-Za-z0-9_.-]+)$/, {
          error: 'must be email, name, description, phone or metadata.<key>',
        })
        .describe('Stripe customer field: email, name, description, phone or metadata.<key>.'),
    },
    { error: 'must be null or an object { netsuiteField, stripeField }' },
  )
  .nullable()
  .default(null)
  .describe('Link Stripe customers to existing NetSuite customers whose field equals the Stripe value; null for none.');

const section = <T extends z.ZodRawShape>(shape: T, description: string) =>
  z.strictObject(shape, { error: 'must be an object' }).prefault({} as never).describe(description);

export const SettingsSchema = z
  .strictObject(
    {
      $schema: z.string({ error: 'must be a string' }).optional().describe('The JSON Schema of this file, for editors.'),
      netsuite: netsuiteSchema,
      features: section(
        {
          syncTrialInvoices: flag('Sync invoices whose every line is 0 (trials).'),
          keepUnpaidInvoicesOpen: flag('Leave uncollectible invoices open instead of closing them with a credit memo.'),
          globalCustomer: flag('Every Stripe customer maps to the single customer `Stripe Unallocated Charges`.'),
          globalItem: flag('Every price maps to `Stripe Item` instead of one item per price.'),
          globalDiscountItem: flag('Every coupon maps to one discount item instead of one per coupon.'),
          useRefundItem: flag('Refund credit memos use `Stripe Refund Item` instead of the invoice\'s items.'),
          useDisputeItem: flag('Dispute credit memos use `Stripe Dispute Item` instead of the invoice\'s items.'),
          useBadDebtItem: flag('Closing credit memos of uncollectible invoices use `Stripe Bad Debt Item`.'),
          allowDuplicatePayments: flag('A second payment of a paid invoice syncs as an unapplied payment instead of being held.'),
          customerMatch: customerMatchSchema,
        },
        'Feature flags (all off by default).',
      ),
      items: section(
        {
          mapping: idMap('Stripe price id or product id → NetSuite item internal id; wins over every other item rule.').default({}),
        },
        'Item mappings.',
      ),
      extract: section(
        {
          startDate: z
            .string({ error: 'must be null or an ISO 8601 date' })
            .refine((v) => !Number.isNaN(Date.parse(v)), { error: 'must be null or an ISO 8601 date' })
            .nullable()
            .default(null)
            .describe('Go-live: nothing created before it syncs (ISO date), or null for everything.'),
          overlapSeconds: nonNegInt('Each created window starts this far before the stored cursor.').default(600),
          settleDelaySeconds: nonNegInt('Windows end this far before now.').default(60),
          requestsPerSecond: posInt('Stripe read rate ceiling.').default(20),
          requestTimeoutSeconds: posInt('A Stripe request with no answer after this many seconds has failed (and counts towards declaring Stripe down).').default(8),
          backfillChunkDays: posInt('Backfill works in resumable chunks of this many days.').default(7),
        },
        'Reading Stripe.',
      ),
      apply: section(
        {
          maxAttempts: posInt('After this many failed attempts an operation waits for `stripe-netsuite retry`.').default(6),
          partitionObjects: posInt('Ledger objects planned and applied at a time (bounds memory, not correctness).').default(2000),
        },
        'Writing to NetSuite.',
      ),
      schedule: section(
        { cron: nonEmpty().default('*/15 * * * *').describe('When `stripe-netsuite schedule` runs a sync (in netsuite.timeZone).') },
        'The schedule command.',
      ),
      log: section(
        {
          format: z
            .enum(['text', 'json'], { error: 'must be "text" or "json"' })
            .default('text')
            .describe('Run summaries as text, or one JSON line per run (--log-format overrides).'),
        },
        'Logging.',
      ),
    },
    { error: 'the config file must be a JSON object' },
  )
  .describe('stripe-netsuite configuration: mappings and feature flags (secrets come only from the environment).');

/** Where the published JSON Schema lives, relative to the package root. */
export const JSON_SCHEMA_FILE = 'config/stripe-netsuite.schema.json';

/** The JSON Schema of the config file as published (what an editor needs: the file as written, defaults optional). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SettingsSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return {
    $schema: schema.$schema,
    title: 'stripe-netsuite configuration',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** The file's exact text: what scripts/generate-config-schema.mjs writes and the test compares. */
export function renderConfigJsonSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
