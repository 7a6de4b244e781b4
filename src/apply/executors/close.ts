// close: create the credit memo that closes an invoice (uncollectible, void, revised). It is a create with its own
// externalId (`…-close`), so it is made once, however often it is attempted.
import type { CloseOperation } from '../../plan/operation.js';
import { createOnce } from './create.js';
import type { ExecutorContext, Executed } from './executor.js';

export function executeClose(op: CloseOperation, body: Record<string, unknown>, ctx: ExecutorContext): Promise<Executed> {
  return createOnce(op, body, ctx);
}
