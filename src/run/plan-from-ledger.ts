// The plan of the ledger's current content, a partition at a time. The plan is a pure function of the snapshots,
// the links, the settings and the account's profile. The first plan (and any after the settings or the account
// changed) plans every partition (plan-partitions.ts); after it, a run plans only the partitions its changes reach
// (plan-changed-partitions.ts), and a run over an unchanged ledger reads nothing but the empty change list.
import { createHash } from 'node:crypto';
import type { Settings } from '../config/settings.js';
import { accountDigest, type AccountProfile } from '../account/account-profile.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { readContentVersion } from '../ledger/content-version.js';
import {
  clearAllPlanDirty,
  markPlanDirty,
  readPlanIndexFingerprint,
  replacePlanPending,
  writePlanIndexFingerprint,
} from '../ledger/plan-index.js';
import { canonicalJson } from '../stripe-objects/canonical-json.js';
import type { Plan } from '../plan/build-plan.js';
import type { Operation } from '../plan/operation.js';
import { planPartitions, type PlannedPartition, type PlanPartitionsOptions } from './plan-partitions.js';
import { changeScope, planChangedPartitions } from './plan-changed-partitions.js';
import type { InvalidObject } from '../plan/invalid-input.js';
import { replaceInvalidObjects } from '../ledger/invalid-objects.js';
import { clearParkedPartitions, parkPartition, unparkPartitions } from '../ledger/parked-partitions.js';
import { hasLink } from '../ledger/links.js';
import { packageVersion } from '../config/package-version.js';

/** What every partition's plan depends on: a change plans everything, including parked (all-blocked) partitions,
 *  whose operations are otherwise repeated as an earlier version of the connector planned them. */
function fingerprint(settings: Settings, account: AccountProfile | undefined): string {
  return createHash('sha256')
    .update(packageVersion())
    .update(canonicalJson(settings))
    .update(account ? accountDigest(account) : '')
    .digest('hex');
}

export interface PlanOfLedgerOptions extends PlanPartitionsOptions {
  /** Plan every partition even when the change index could say which changed (tests compare the two). */
  full?: boolean;
  /** Told whether this plan was full (and why) or of the changes only. */
  onScope?: (scope: { kind: 'full'; reason: string } | { kind: 'changes'; dirty: number; objects: number; payouts: number }) => void;
}

/** The plan's operations, one non-empty partition at a time. */
export async function* planOfLedger(
  ledger: Ledger,
  settings: Settings,
  o: PlanOfLedgerOptions = {},
): AsyncGenerator<Operation[], void, undefined> {
  const sqlite = ledger.sqlite;
  const fp = fingerprint(settings, o.account);
  const seen = Number(readContentVersion(sqlite));
  const indexed = readPlanIndexFingerprint(sqlite);
  const scope = o.full
    ? { kind: 'full' as const, reason: 'asked for' }
    : indexed === undefined
      ? { kind: 'full' as const, reason: 'no earlier plan to continue' }
      : indexed !== fp
        ? { kind: 'full' as const, reason: 'the settings, the account or the connector version changed' }
        : changeScope(ledger, settings);
  o.onScope?.(
    scope.kind === 'full'
      ? scope
      : { kind: 'changes', dirty: scope.dirty, objects: scope.members.length, payouts: scope.payouts.length },
  );
  // What still has work to apply after this plan stays marked, so the next run plans it again; a partition holding
  // only blocked operations is parked with what it waits for (ledger/parked-partitions.ts); everything else this
  // plan saw is forgotten once the plan has run to its end.
  const pending: string[] = [];
  const blocked: PlannedPartition[] = [];
  const onPartition = (p: PlannedPartition) => {
    if (p.operations.length > 0) {
      if (p.operations.every((op) => op.blocked)) blocked.push(p);
      else pending.push(...p.ids);
    }
    o.onPartition?.(p);
  };
  // A full plan that stops half way leaves no index: the next run plans everything again.
  if (scope.kind === 'full') writePlanIndexFingerprint(sqlite, '');
  const invalid = o.invalid ?? new Map<string, InvalidObject>();
  // Whose invalid verdicts an incremental plan renewed; a full plan renews them all and keeps no such set (a
  // million ids).
  const plannedIds = new Set<string>();
  // The parked partitions the changes do not reach: their operations as they were planned, without planning them.
  const repeated = scope.kind === 'full' ? [] : scope.parked.map((p) => JSON.parse(p.operations) as Operation[]);
  for (const operations of repeated) yield operations;
  const parts =
    scope.kind === 'full'
      ? planPartitions(ledger, settings, { ...o, invalid, onPartition })
      : planChangedPartitions(ledger, settings, scope, { ...o, invalid, seen: plannedIds, onPartition }, repeated.flat());
  for await (const operations of parts) if (operations.length > 0) yield operations;
  // A full plan renews every verdict; an incremental one only those of the objects it planned again.
  replaceInvalidObjects(ledger, invalid.values(), scope.kind === 'full' ? 'all' : plannedIds, Math.floor(Date.now() / 1000));
  sqlite.transaction(() => {
    if (scope.kind === 'full') clearParkedPartitions(sqlite);
    else unparkPartitions(sqlite, scope.unparked);
    clearAllPlanDirty(sqlite, seen);
    for (const p of blocked) {
      // A link made since the plan read the links (this run applying an earlier partition) found no wait to wake.
      if (p.waits.some((key) => hasLink(ledger, key))) markPlanDirty(sqlite, p.ids, seen + 1);
      else parkPartition(sqlite, { side: p.side, ids: p.ids, reads: p.reads ?? [], operations: JSON.stringify(p.operations), waits: p.waits });
    }
    replacePlanPending(sqlite, pending);
    writePlanIndexFingerprint(sqlite, fp);
  })();
}

/** The whole plan at once (the dry-run report, explain). */
export async function planFromLedger(ledger: Ledger, settings: Settings, o: PlanOfLedgerOptions = {}): Promise<Plan> {
  const operations: Operation[] = [];
  for await (const part of planOfLedger(ledger, settings, o)) for (const op of part) operations.push(op);
  return { operations };
}
