// Gathers what `explain` shows: the snapshot, links, outbox history and what the plan would do now.
import type { Settings } from '../config/settings.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { getSnapshot } from '../ledger/snapshots.js';
import { linksForStripeId } from '../ledger/links.js';
import { planFromLedger } from './plan-from-ledger.js';
import { readInvalidObjects } from '../ledger/invalid-objects.js';
import { cachedAccountProfile } from './load-account-profile.js';

export interface Explanation {
  stripeId: string;
  snapshot: { type: string; created: number; status: string | null; final: boolean; hash: string } | null;
  links: Array<{ opKey: string; recordType: string; externalId: string; internalId: string }>;
  operations: Array<{ key: string; action: string; state: string; detail?: string }>;
  reasonForNone?: string;
}

export async function explainStripeObject(ledger: Ledger, settings: Settings, stripeId: string): Promise<Explanation> {
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
    links: links.map((l) => ({
      opKey: l.op_key,
      recordType: l.record_type,
      externalId: l.external_id,
      internalId: l.internal_id,
    })),
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
