// Why an object the plan needs is not in its input: never read from Stripe, or set aside as unusable (a dependent
// then names the problem, so fixing the object in Stripe is the one fix).
import type { PlanInput } from './plan-input.js';

/** "is not in the ledger", or "was set aside (<problem>)". */
export function absence(input: PlanInput, id: string | null): string {
  const bad = id ? input.setAside?.get(id) : undefined;
  return bad ? `was set aside (${bad.problem})` : 'is not in the ledger';
}
