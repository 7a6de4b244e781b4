// Gathers what `explain` shows: the snapshot, links, outbox history and what the plan would do now.
import type { Settings } from '../config/settings.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { getSnapshot } from '../ledger/snapshots.js';
import { linksForStripeId } from '../ledger/links.js';
import { planFromLedger } from './plan-from-ledger.js';
import { readInvalidObjects } from '../ledger/invalid-objects.js';
import { cachedAccountProfile } from './load-account-profile.js';
import { moneyText } from '../report/format-money.js';

export interface NetSuiteRecordRef {
  opKey: string;
  recordType: string;
  externalId: string;
  internalId: string;
  /** The record's REST URL (reference/netsuite-rest.md: {base}/services/rest/record/v1/{recordType}/{id}); absent
   *  when the NetSuite account is not known (no NETSUITE_BASE_URL or NETSUITE_ACCOUNT_ID). */
  url?: string;
}

export interface RelatedObject {
  /** How it relates: the field that names it (`customer`, `invoice`, …) or `deposited in` for a payout. */
  relation: string;
  stripeId: string;
  /** Absent when the ledger does not hold it. */
  type?: string;
  netsuite: NetSuiteRecordRef[];
}

export interface Explanation {
  stripeId: string;
  snapshot: { type: string; created: number; status: string | null; final: boolean; hash: string } | null;
  /** What the object says, for a person: amount (integer minor units and as text), customer, dates. */
  details: {
    amountMinor: number | null;
    currency: string | null;
    amount: string | null;
    customer: string | null;
    /** ISO dates (UTC) the object carries: created, due, paid, arrival, … */
    dates: Array<{ what: string; at: string }>;
  } | null;
  stripeDashboardUrl: string | null;
  links: NetSuiteRecordRef[];
  related: RelatedObject[];
  operations: Array<{ key: string; action: string; state: string; detail?: string }>;
  reasonForNone?: string;
}

export interface ExplainOptions {
  /** The NetSuite REST base URL, for record links. */
  netsuiteBaseUrl?: string;
}

export async function explainStripeObject(
  ledger: Ledger,
  settings: Settings,
  stripeId: string,
  o: ExplainOptions = {},
): Promise<Explanation> {
  const snap = await getSnapshot(ledger, stripeId);
  const links = await linksForStripeId(ledger, stripeId);
  const outbox = await ledger.db.selectFrom('outbox').selectAll().where('stripe_id', '=', stripeId).orderBy('seq').execute();
  const operations: Explanation['operations'] = outbox.map((r) => ({
    key: r.op_key,
    action: r.action,
    state: r.status,
    detail: r.last_error ?? (r.status === 'failed' || r.status === 'blocked' ? undefined : `${r.attempts} attempt(s)`),
  }));
  const seen = new Set(operations.map((o) => o.key));
  // Fitted to the account as the ledger last saw it, so explain says what the next sync would do (no request).
  const account = await cachedAccountProfile(ledger);
  const plan = await planFromLedger(ledger, settings, account ? { account } : {});
  // Planning refreshed the list (or found the ledger unchanged since it last did).
  const bad = readInvalidObjects(ledger, Number.MAX_SAFE_INTEGER).find((b) => b.stripeId === stripeId);
  if (bad) operations.push({ key: stripeId, action: 'none', state: 'invalid', detail: bad.problem });
  for (const op of plan.operations) {
    if (op.stripeId !== stripeId || seen.has(op.key)) continue;
    operations.push({ key: op.key, action: op.action, state: op.blocked ? 'blocked' : 'next run', detail: op.blocked });
  }
  const object = snap?.object as Record<string, unknown> | undefined;
  const explanation: Explanation = {
    stripeId,
    snapshot: snap
      ? {
          type: snap.type,
          created: snap.created,
          status: typeof object?.status === 'string' ? object.status : null,
          final: snap.final,
          hash: snap.hash,
        }
      : null,
    details: object ? details(object) : null,
    stripeDashboardUrl: snap ? stripeDashboardUrl(snap.type, stripeId, object?.livemode !== false) : null,
    links: links.map((l) => recordRef(l, o.netsuiteBaseUrl)),
    related: object ? await relatedObjects(ledger, stripeId, snap!.type, object, o.netsuiteBaseUrl) : [],
    operations,
  };
  if (operations.length === 0 && links.length === 0) explanation.reasonForNone = reasonForNone(snap?.type, object, settings);
  return explanation;
}

function reasonForNone(type: string | undefined, o: Record<string, unknown> | undefined, settings: Settings): string {
  if (!type || !o) return 'the object is not in the ledger';
  const start = settings.extract.startDate ? Date.parse(settings.extract.startDate) / 1000 : null;
  if (start !== null && typeof o.created === 'number' && o.created < start) {
    return `created before the record-sync start date ${settings.extract.startDate}`;
  }
  switch (type) {
    case 'invoice':
      if (o.status === 'draft') return 'draft invoices never sync; it syncs once finalized';
      if (o.total === 0 && !settings.features.syncTrialInvoices) return 'a trial invoice (every line 0) and syncTrialInvoices is off';
      return 'no rule produced a record for this invoice';
    case 'charge':
      if (o.status !== 'succeeded') return `only succeeded charges sync (status ${String(o.status)})`;
      if (!o.balance_transaction) return 'the charge has no balance transaction yet';
      return 'no rule produced a record for this charge';
    case 'payout':
      if (o.status !== 'paid') return `payouts sync once paid (status ${String(o.status)})`;
      if (o.automatic !== true) return 'manual payouts are not deposited (their transactions cannot be attributed)';
      return 'no rule produced a deposit for this payout';
    case 'customer':
      return 'customers are created at their first transaction; this one has none in scope yet';
    case 'balance_transaction':
      return 'balance transactions appear as lines of their payout’s deposit, not as records of their own';
    default:
      return `${type} objects are read for reference and make no NetSuite record of their own`;
  }
}

type LinkRow = Awaited<ReturnType<typeof linksForStripeId>>[number];

function recordRef(l: LinkRow, base: string | undefined): NetSuiteRecordRef {
  return {
    opKey: l.op_key,
    recordType: l.record_type,
    externalId: l.external_id,
    internalId: l.internal_id,
    ...(base ? { url: `${base.replace(/\/+$/, '')}/services/rest/record/v1/${l.record_type}/${encodeURIComponent(l.internal_id)}` } : {}),
  };
}

const AMOUNT_FIELDS = ['total', 'amount'] as const;
const DATE_FIELDS = ['due_date', 'arrival_date', 'available_on', 'period_start', 'period_end'] as const;

function details(o: Record<string, unknown>): NonNullable<Explanation['details']> {
  const field = AMOUNT_FIELDS.find((f) => Number.isSafeInteger(o[f]));
  const amountMinor = field ? (o[field] as number) : null;
  const currency = typeof o.currency === 'string' ? o.currency : null;
  const dates: Array<{ what: string; at: string }> = [];
  const at = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
  if (typeof o.created === 'number') dates.push({ what: 'created', at: at(o.created) });
  for (const f of DATE_FIELDS) if (typeof o[f] === 'number') dates.push({ what: f.replace(/_/g, ' '), at: at(o[f] as number) });
  const transitions = o.status_transitions as Record<string, unknown> | undefined;
  if (transitions && typeof transitions === 'object') {
    for (const [k, v] of Object.entries(transitions)) if (typeof v === 'number') dates.push({ what: k.replace(/_at$/, '').replace(/_/g, ' '), at: at(v) });
  }
  return {
    amountMinor,
    currency,
    amount: amountMinor !== null && currency ? moneyText(amountMinor, currency) : null,
    customer: idOf(o.customer),
    dates,
  };
}

/** The Stripe ids this object names, and for money that moved, the payout it was deposited in. */
async function relatedObjects(
  ledger: Ledger,
  stripeId: string,
  type: string,
  o: Record<string, unknown>,
  base: string | undefined,
): Promise<RelatedObject[]> {
  const found: Array<{ relation: string; stripeId: string }> = [];
  for (const f of ['customer', 'invoice', 'charge', 'payment_intent', 'balance_transaction', 'source', 'payout', 'subscription']) {
    const id = idOf(o[f]);
    if (id && id !== stripeId) found.push({ relation: f.replace(/_/g, ' '), stripeId: id });
  }
  if (type !== 'payout' && type !== 'balance_transaction') {
    // The payout that swept this object's balance transaction(s): the NetSuite deposit it landed in.
    const bt = idOf(o.balance_transaction);
    const rows = ledger.sqlite
      .prepare(
        `SELECT DISTINCT payout FROM stripe_objects WHERE type = 'balance_transaction' AND payout IS NOT NULL
           AND (id = ? OR json_extract(json, '$.source') = ?) ORDER BY payout`,
      )
      .all(bt ?? '', stripeId) as Array<{ payout: string }>;
    for (const r of rows) found.push({ relation: 'deposited in', stripeId: r.payout });
  }
  const out: RelatedObject[] = [];
  const seen = new Set<string>();
  for (const f of found) {
    if (seen.has(`${f.relation}:${f.stripeId}`)) continue;
    seen.add(`${f.relation}:${f.stripeId}`);
    const snap = await getSnapshot(ledger, f.stripeId);
    const links = await linksForStripeId(ledger, f.stripeId);
    out.push({ ...f, ...(snap ? { type: snap.type } : {}), netsuite: links.map((l) => recordRef(l, base)) });
  }
  return out;
}

function idOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') return (v as { id: string }).id;
  return null;
}

/** Dashboard pages by object type; any other id opens the dashboard's search for it. */
const DASHBOARD_PATHS: Record<string, string> = {
  customer: 'customers',
  invoice: 'invoices',
  charge: 'payments',
  payment_intent: 'payments',
  payout: 'payouts',
  dispute: 'disputes',
  product: 'products',
  price: 'prices',
  coupon: 'coupons',
};

function stripeDashboardUrl(type: string, id: string, livemode: boolean): string {
  const root = `https://dashboard.stripe.com${livemode ? '' : '/test'}`;
  const path = DASHBOARD_PATHS[type];
  return path ? `${root}/${path}/${encodeURIComponent(id)}` : `${root}/search?query=${encodeURIComponent(id)}`;
}
