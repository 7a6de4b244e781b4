// One executor per action; `execute` picks the operation's.
import type { Operation } from '../../plan/operation.js';
import { executeApply } from './apply.js';
import { executeClose } from './close.js';
import { executeCreate } from './create.js';
import type { ExecutorContext, Executed } from './executor.js';
import { executeLink } from './link.js';

export type { ExecutorContext, Executed } from './executor.js';
export { executeApply, executeClose, executeCreate, executeLink };

export function execute(op: Operation, body: Record<string, unknown>, ctx: ExecutorContext): Promise<Executed> {
  switch (op.action) {
    case 'create':
      return executeCreate(op, body, ctx);
    case 'link':
      return executeLink(op, body, ctx);
    case 'close':
      return executeClose(op, body, ctx);
    case 'apply':
      return executeApply(op, body, ctx);
  }
}
