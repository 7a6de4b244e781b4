// The walk of apply over the plan's dependency graph, on the model of terraform's graph walker: the walker knows
// nothing of NetSuite or of the outbox. It decides when a node may start (its prerequisites done), in which order
// (FIFO among ready nodes, seeded in the order given), how many run at once, when the walk stops (SIGTERM, or a
// node says every later one would fail the same way, e.g. a refused login), and settles a node without running it
// when a prerequisite did not end done (naming it and its reason) or the node is on a dependency cycle. What a
// node does, and what its outcome means, is the visitor's (apply-plan.ts).
import { ConcurrencyLimiter } from '../netsuite/concurrency-limiter.js';

export type NodeResult =
  | { status: 'done'; internalId: string; created: boolean }
  | { status: 'failed'; error: string }
  | { status: 'blocked'; reason: string }
  | { status: 'skipped'; reason: string };

export interface WalkNode {
  readonly key: string;
  readonly dependsOn: readonly string[];
}

/** A node admitted to run: its work in a slot, then its bookkeeping outside the slot. */
export interface NodeWork<T> {
  /** The node's requests, in one of `concurrency` slots. Must not throw: a failure is part of the outcome. */
  run(): Promise<T>;
  /**
   * After the slot is released: what the outcome settles. `haltRun` when every later node would fail the same way
   * (a refused login): the walk starts nothing more, and admitted nodes still waiting for a slot are withdrawn.
   */
  complete(outcome: T): { result: NodeResult; haltRun?: string };
  /** Admitted, but the walk stopped or halted while it waited for a slot: settle it with `reason`. */
  withdraw(reason: string): NodeResult;
}

export interface NodeVisitor<N extends WalkNode, T> {
  /** A prerequisite that is done without being in the graph (already in NetSuite, or made earlier in the run). */
  doneOutside(key: string): boolean;
  /** A prerequisite outside the graph that settled otherwise earlier in the run; undefined when it is unknown. */
  settledOutside(key: string): NodeResult | undefined;
  /**
   * A prerequisite outside the graph that another walk of the run has not settled yet (a run applies its next
   * partition while the last one finishes): resolves once it has settled (then `doneOutside`/`settledOutside` know).
   */
  pendingOutside?(key: string): Promise<void> | undefined;
  /** Why the node is blocked before its prerequisites are looked at (the plan blocked it); undefined to walk it. */
  blockedUpfront(node: N): string | undefined;
  /** Once its prerequisites are done: a result to settle it without running (e.g. out of attempts), or undefined. */
  gate(node: N): NodeResult | undefined;
  /** Admitted (its prerequisites done, the walk not stopped): settle it at once, or hand back its work. */
  admit(node: N): NodeResult | NodeWork<T>;
  /** Every node, exactly once, as it settles, before its dependents are looked at. */
  settled(node: N, result: NodeResult): void;
}

export interface WalkOptions {
  /** At most this many nodes run (have requests out) at once. */
  concurrency: number;
  /** Checked before each node starts: true stops the walk (those running finish). */
  shouldStop?: () => boolean;
  /** Slots shared with the run's other walks (at most `concurrency` nodes run across them); default: the walk's own. */
  slots?: ConcurrencyLimiter;
}

export interface WalkResult {
  results: Map<string, NodeResult>;
  /** `shouldStop` stopped the walk. */
  stopped: boolean;
  /** A node halted the walk (`haltRun`): its reason. */
  halted?: string;
}

export const STOPPED_REASON = 'run stopped before this operation started';
export const CYCLE_REASON = 'its prerequisites depend on it (a cycle in the plan)';

function isWork<T>(x: NodeResult | NodeWork<T>): x is NodeWork<T> {
  return typeof (x as NodeWork<T>).run === 'function';
}

/**
 * Walks `nodes` (seeded in this order) until every one is settled. Two limits: at most `concurrency` nodes run,
 * and up to three times as many more are admitted beside them (the visitor's `admit` done, waiting for a slot), so
 * that when a slot frees the next node starts at once and the finished one's bookkeeping (`complete`) runs while it
 * is out. Admission refills in batches, once fewer than half of `concurrency` admitted nodes are left waiting.
 */
export async function walkGraph<N extends WalkNode, T>(
  nodes: readonly N[],
  visitor: NodeVisitor<N, T>,
  o: WalkOptions,
): Promise<WalkResult> {
  const results = new Map<string, NodeResult>();
  if (nodes.length === 0) return { results, stopped: false };
  const concurrency = Math.max(1, o.concurrency);
  // A refill's admitted nodes have their outbox rows committed together: ~2.5 × concurrency a commit, not ~2.5.
  const maxAdmitted = 4 * concurrency;
  const refillBelow = concurrency + Math.ceil(concurrency / 2);
  const slots = o.slots ?? new ConcurrencyLimiter(concurrency);
  const inGraph = new Set(nodes.map((n) => n.key));
  const cyclic = dependencyCycles(nodes);
  let stopped = false;
  let halted: string | undefined;

  // A node is queued only once its prerequisites are done (no suspended call per waiting node: a backfill plans
  // tens of thousands). `ready` is FIFO, so the seeding order holds among ready nodes.
  const waiters = new Map<string, N[]>();
  const depCursor = new Map<string, number>();
  const ready: N[] = [];
  let readyHead = 0;
  let admittedCount = 0;
  let allSettled!: () => void;
  let failWalk!: (err: unknown) => void;
  const settledAll = new Promise<void>((resolve, reject) => {
    allSettled = resolve;
    failWalk = reject;
  });

  const finish = (node: N, result: NodeResult): void => {
    results.set(node.key, result);
    visitor.settled(node, result);
    const waiting = waiters.get(node.key);
    if (waiting) {
      waiters.delete(node.key);
      for (const w of waiting) advance(w);
    }
    if (results.size === nodes.length) allSettled();
  };

  /** Why a node must not start now (stop requested, walk halted), or undefined. */
  const holdReason = (): string | undefined => {
    if (o.shouldStop?.()) {
      stopped = true;
      return STOPPED_REASON;
    }
    return halted;
  };

  /** Walks the prerequisites in order: waits on the first not yet settled, or settles the node. */
  const advance = (node: N): void => {
    let i = depCursor.get(node.key) ?? 0;
    for (; i < node.dependsOn.length; i++) {
      const dep = node.dependsOn[i];
      if (visitor.doneOutside(dep)) continue;
      const depResult = results.get(dep) ?? visitor.settledOutside(dep);
      if (!depResult) {
        const pending = inGraph.has(dep) ? undefined : visitor.pendingOutside?.(dep);
        if (pending) {
          depCursor.set(node.key, i);
          pending.then(() => advance(node)).catch((err: unknown) => failWalk(err));
          return;
        }
        if (!inGraph.has(dep)) {
          finish(node, { status: 'blocked', reason: `needs ${dep}, which is neither in NetSuite nor in this plan` });
          return;
        }
        depCursor.set(node.key, i);
        const list = waiters.get(dep);
        if (list) list.push(node);
        else waiters.set(dep, [node]);
        return;
      }
      if (depResult.status === 'done') continue;
      if (depResult.status === 'skipped' && depResult.reason === STOPPED_REASON) {
        // The stop kept its prerequisite from starting: it is not blocked, it waits for the next run like it.
        finish(node, { status: 'skipped', reason: STOPPED_REASON });
        return;
      }
      const why = depResult.status === 'failed' ? depResult.error : depResult.reason;
      finish(node, { status: 'blocked', reason: `waiting on ${dep} (${depResult.status}: ${why})` });
      return;
    }
    depCursor.delete(node.key);
    const gated = visitor.gate(node);
    if (gated) {
      finish(node, gated);
      return;
    }
    ready.push(node);
    pump();
  };

  const pump = (): void => {
    // Refilled a batch at a time, once fewer than half a batch wait for a slot: the batch's outbox rows are then
    // committed together (a commit per several nodes, not one each), while those still waiting keep the slots busy.
    if (admittedCount > refillBelow) return;
    while (admittedCount < maxAdmitted && readyHead < ready.length) {
      const node = ready[readyHead];
      ready[readyHead++] = undefined as unknown as N; // let settled nodes be collected
      if (readyHead > 1024 && readyHead * 2 > ready.length) {
        ready.splice(0, readyHead);
        readyHead = 0;
      }
      admittedCount++;
      void start(node).then(
        () => {
          admittedCount--;
          pump();
        },
        (err) => failWalk(err),
      );
    }
  };

  const start = async (node: N): Promise<void> => {
    const held = holdReason();
    if (held) {
      finish(node, { status: 'skipped', reason: held });
      return;
    }
    const admitted = visitor.admit(node);
    if (!isWork(admitted)) {
      finish(node, admitted);
      return;
    }
    const outcome = await slots.run(async (): Promise<{ late: string } | { outcome: T }> => {
      // Re-checked: the walk may have been stopped or halted while this node waited for a slot.
      const late = holdReason();
      if (late) return { late };
      return { outcome: await admitted.run() };
    });
    if ('late' in outcome) {
      finish(node, admitted.withdraw(outcome.late));
      return;
    }
    const { result, haltRun } = admitted.complete(outcome.outcome);
    if (haltRun !== undefined) halted ??= haltRun;
    finish(node, result);
  };

  for (const node of nodes) {
    const blocked = visitor.blockedUpfront(node);
    if (blocked !== undefined) finish(node, { status: 'blocked', reason: blocked });
    else if (cyclic.has(node.key)) finish(node, { status: 'blocked', reason: CYCLE_REASON });
    else advance(node);
  }
  await settledAll;
  return { results, stopped, ...(halted !== undefined ? { halted } : {}) };
}

/** Keys of nodes on a dependency cycle (which would otherwise wait for each other forever). */
export function dependencyCycles(nodes: readonly WalkNode[]): Set<string> {
  const deps = new Map(nodes.map((n) => [n.key, n.dependsOn]));
  const state = new Map<string, 'visiting' | 'done'>();
  const onCycle = new Set<string>();
  const visit = (key: string, path: string[]): void => {
    const st = state.get(key);
    if (st === 'done') return;
    if (st === 'visiting') {
      for (const k of path.slice(path.indexOf(key))) onCycle.add(k);
      return;
    }
    state.set(key, 'visiting');
    for (const d of deps.get(key) ?? []) if (deps.has(d)) visit(d, [...path, key]);
    state.set(key, 'done');
  };
  for (const n of nodes) visit(n.key, []);
  return onCycle;
}
