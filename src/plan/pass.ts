// What a pass is, as the pass registry (passes/registry.ts) lists it.
import type { Settings } from '../config/settings.js';
import type { PassName } from './operation.js';
import type { PassContext } from './plan-context.js';
import type { PartitionContext } from './plan-input.js';

/**
 * How a plan built a partition at a time (run/plan-partitions.ts) runs the pass: over each group of related
 * objects, or over groups of payouts with the transactions they swept (which span every group).
 */
export type PartitionRole = 'related-objects' | 'payouts';

/** What a pass must learn from the whole ledger before a partitioned plan runs it on one partition. */
export interface PassSurvey {
  /** Called once for each object of the partitioned (not shared, not payout-side) types, in storage order. */
  see(type: string, object: Record<string, unknown>): void;
  /** What every partition's input carries for the pass (`PlanInput.partition`). */
  result(): Omit<PartitionContext, 'planned'>;
}

export interface Pass {
  name: PassName;
  run(ctx: PassContext): void;
  partition: PartitionRole;
  survey?(settings: Settings): PassSurvey;
}
