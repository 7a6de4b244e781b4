// Lookups over a built plan for the plan-pass tests.
import type { Operation } from '../../src/plan/operation.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { PlanInput } from '../../src/plan/plan-input.js';

export function plan(input: PlanInput): Operation[] {
  return buildPlan(input).operations;
}

export function opByKey(ops: Operation[], key: string): Operation {
  const op = ops.find((o) => o.key === key);
  if (!op) throw new Error(`no operation ${key}; planned: ${ops.map((o) => o.key).join(', ')}`);
  return op;
}

export type Line = { item: unknown; amount: number; quantity?: number; description: string; revRecStartDate?: string; revRecEndDate?: string };

export function itemLines(op: Operation): Line[] {
  return (op.body.item as { items: Line[] }).items;
}
