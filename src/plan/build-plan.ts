// The plan: every pass in order over the same context. Pure: no I/O, same input → same operations.
import type { Operation, PassName } from './operation.js';
import { PlanContext } from './plan-context.js';
import type { PlanInput } from './plan-input.js';
import { PASS_FUNCTIONS } from './passes/index.js';

export interface Plan {
  operations: Operation[];
}

export function buildPlan(input: PlanInput, passes = PASS_FUNCTIONS): Plan {
  const ctx = new PlanContext(input);
  for (const [, run] of passes) run(ctx);
  return { operations: ctx.operations };
}

export type PassFunction = (ctx: PlanContext) => void;
export type { PassName };
