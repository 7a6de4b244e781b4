// Pass: items. See docs/accounting.md and reference/stripe-connector.md for the rules it implements.
import type { PlanContext } from '../plan-context.js';

export function planItems(ctx: PlanContext): void {
  void ctx;
}
