// The operations earlier runs completed, as they were sent (the outbox keeps each one's JSON): what the connector
// has already posted, for the customers' A/R before a plan.
import type { Ledger } from './open-ledger.js';
import type { Operation } from '../plan/operation.js';

export function* doneOperations(ledger: Ledger): Generator<Operation, void, undefined> {
  const rows = ledger.sqlite.prepare("SELECT op_json FROM outbox WHERE status = 'done' ORDER BY op_key").iterate() as IterableIterator<{ op_json: string }>;
  for (const r of rows) yield JSON.parse(r.op_json) as Operation;
}
