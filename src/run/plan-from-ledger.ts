// The plan of the ledger's current content, a partition at a time (plan-partitions.ts). The plan is a pure
// function of the snapshots, the links, the settings and the account's profile, so when none of them changed since a plan that had
// nothing to do, it still has nothing to do: the no-change re-run answers from a fingerprint instead of reading
// and parsing every snapshot.
import { createHash } from 'node:crypto';
import type { Settings } from '../config/settings.js';
import { accountDigest, type AccountProfile } from '../account/account-profile.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { readContentVersion } from '../ledger/content-version.js';
import { canonicalJson } from '../stripe-objects/canonical-json.js';
import type { Plan } from '../plan/build-plan.js';
import type { Operation } from '../plan/operation.js';
import { planPartitions, type PlanPartitionsOptions } from './plan-partitions.js';

const EMPTY_PLAN_KEY = 'empty_plan_fingerprint';

function fingerprint(ledger: Ledger, settings: Settings, account: AccountProfile | undefined): string {
  const settingsHash = createHash('sha256')
    .update(canonicalJson(settings))
    .update(account ? accountDigest(account) : '')
    .digest('hex');
  return `${readContentVersion(ledger.sqlite)}:${settingsHash}`;
}

/** The plan's operations, one non-empty partition at a time. */
export async function* planOfLedger(
  ledger: Ledger,
  settings: Settings,
  o: PlanPartitionsOptions = {},
): AsyncGenerator<Operation[], void, undefined> {
  const fp = fingerprint(ledger, settings, o.account);
  const cached = ledger.sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(EMPTY_PLAN_KEY) as
    | { value: string }
    | undefined;
  if (cached?.value === fp) return;
  let planned = 0;
  for await (const operations of planPartitions(ledger, settings, o)) {
    planned += operations.length;
    if (operations.length > 0) yield operations;
  }
  if (planned === 0) {
    ledger.sqlite
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(EMPTY_PLAN_KEY, fp);
  }
}

/** The whole plan at once (the dry-run report, explain). */
export async function planFromLedger(ledger: Ledger, settings: Settings, o: PlanPartitionsOptions = {}): Promise<Plan> {
  const operations: Operation[] = [];
  for await (const part of planOfLedger(ledger, settings, o)) for (const op of part) operations.push(op);
  return { operations };
}
