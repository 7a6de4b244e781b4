// A create left `sending` by an earlier run (a crash, or NetSuite going down before it answered) is settled before
// the next plan, not when the plan next asks for it: the Stripe object may have changed meanwhile so that the plan
// no longer asks (a credit note voided before its memo was known to exist is planned as "voided before it
// synced": no memo, and no reversal). Looked up by externalId: found, it is linked as if the answer had arrived
// (the plan then reverses or updates it); not found, it was never made and goes back to `planned`.
import type { Ledger } from '../ledger/open-ledger.js';
import { markDone, markOutcome, type OutboxOperation } from '../ledger/outbox.js';
import type { NetSuiteWriter } from './netsuite-writer.js';
import { madeEarlier } from './executors/create.js';

export async function settleInDoubtCreates(
  ledger: Ledger,
  client: Pick<NetSuiteWriter, 'getByExternalId'>,
  o: { runId: number; now: number },
): Promise<void> {
  const rows = ledger.sqlite
    .prepare("SELECT op_key, op_json FROM outbox WHERE status = 'sending' AND action = 'create'")
    .all() as Array<{ op_key: string; op_json: string }>;
  for (const row of rows) {
    const op = JSON.parse(row.op_json) as OutboxOperation;
    const existing = await madeEarlier(client, op);
    if (existing !== undefined) {
      markDone(ledger, op, existing, o.runId, o.now);
    } else {
      markOutcome(ledger, row.op_key, 'planned', null, o.now);
    }
  }
}
