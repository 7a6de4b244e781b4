// create: POST a new record with the operation's externalId.
import type { CreateOperation, Operation } from '../../plan/operation.js';
import type { ExecutorContext, Executed } from './executor.js';

export function executeCreate(op: CreateOperation, body: Record<string, unknown>, ctx: ExecutorContext): Promise<Executed> {
  return createOnce(op, body, ctx);
}

/** Creates the record, unless an earlier attempt whose outcome is unknown made it: then that one is the record. */
export async function createOnce(
  op: Pick<Operation, 'recordType' | 'externalId'>,
  body: Record<string, unknown>,
  ctx: ExecutorContext,
): Promise<Executed> {
  if (ctx.unsure) {
    const existing = await ctx.client.getByExternalId(op.recordType, op.externalId);
    if (existing && typeof existing.id === 'string') return { internalId: existing.id, created: false };
  }
  return ctx.client.createWithExternalId(op.recordType, { ...body, externalId: op.externalId });
}
