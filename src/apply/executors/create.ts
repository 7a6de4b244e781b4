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
    const existing = await madeEarlier(ctx.client, op);
    if (existing !== undefined) return { internalId: existing, created: false };
  }
  return ctx.client.createWithExternalId(op.recordType, { ...body, externalId: op.externalId });
}

/** The internal id of the record an earlier attempt made with this externalId, if NetSuite has one. */
export async function madeEarlier(
  client: Pick<ExecutorContext['client'], 'getByExternalId'>,
  op: { recordType: string; externalId: string },
): Promise<string | undefined> {
  const existing = await client.getByExternalId(op.recordType, op.externalId);
  return existing && typeof existing.id === 'string' ? existing.id : undefined;
}
