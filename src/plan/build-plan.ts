// The plan: every pass in order over the same context. Pure: no I/O, same input → same operations.
import type { Operation, PassName } from './operation.js';
import { PlanContext } from './plan-context.js';
import type { PlanInput } from './plan-input.js';
import type { Pass } from './pass.js';
import { ALL_PASSES } from './passes/registry.js';

export interface Plan {
  operations: Operation[];
}

export function buildPlan(input: PlanInput, passes: readonly Pass[] = ALL_PASSES): Plan {
  const steps = buildPlanByPass(input, passes);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** The same plan a pass at a time: it pauses after each pass, so a caller may let other work run in between. */
export function* buildPlanByPass(input: PlanInput, passes: readonly Pass[] = ALL_PASSES): Generator<PassName, Plan, undefined> {
  const ctx = new PlanContext(input);
  for (const pass of passes) {
    pass.run(ctx.forPass(pass.name));
    yield pass.name;
  }
  return { operations: ctx.operations };
}

export type { PassName };
