// The plan of the ledger's current content. The plan is a pure function of the snapshots, the links and the
// settings, so when none of them changed since a plan that had nothing to do, it still has nothing to do: the
// no-change re-run answers from a fingerprint instead of reading and parsing every snapshot.
import { createHash } from 'node:crypto';
import type { Settings } from '../config/settings.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { readContentVersion } from '../ledger/content-version.js';
import { planInputFromLedger } from '../ledger/plan-input-from-ledger.js';
import { canonicalJson } from '../ledger/snapshots.js';
import { buildPlan, type Plan } from '../plan/build-plan.js';

const EMPTY_PLAN_KEY = 'empty_plan_fingerprint';

function fingerprint(ledger: Ledger, settings: Settings): string {
  const settingsHash = createHash('sha256').update(canonicalJson(settings)).digest('hex');
  return `${readContentVersion(ledger.sqlite)}:${settingsHash}`;
}

export async function planFromLedger(ledger: Ledger, settings: Settings): Promise<Plan> {
  const fp = fingerprint(ledger, settings);
  const cached = ledger.sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(EMPTY_PLAN_KEY) as
    | { value: string }
    | undefined;
  if (cached?.value === fp) return { operations: [] };
  const plan = buildPlan(await planInputFromLedger(ledger, settings));
  if (plan.operations.length === 0) {
    ledger.sqlite
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(EMPTY_PLAN_KEY, fp);
  }
  return plan;
}
