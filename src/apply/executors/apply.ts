// apply: PATCH a record this connector made earlier (its `target`), e.g. apply a held credit memo once its invoice
// is paid. A PATCH of the same fields twice changes nothing, so an unsure earlier attempt needs no look-up.
import type { ApplyOperation } from '../../plan/operation.js';
import { UnresolvedReferenceError } from '../resolve-refs.js';
import type { ExecutorContext, Executed } from './executor.js';

export async function executeApply(op: ApplyOperation, body: Record<string, unknown>, ctx: ExecutorContext): Promise<Executed> {
  const targetId = ctx.internalIdOf(op.target);
  if (!targetId) throw new UnresolvedReferenceError(op.target);
  await ctx.client.update(op.recordType, targetId, body);
  return { internalId: targetId, created: false };
}
