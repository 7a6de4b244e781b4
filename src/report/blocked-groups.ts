// Blocked operations grouped by cause, with one fix per cause: a missing currency mapping that blocks forty
// records is one thing to fix, not forty. Reasons follow src/plan/blocked-reason.ts: "<what>: <cause>; fix: <fix>",
// and a dependent says "<key> is blocked (<its reason>)", so the root cause is the innermost reason.
import { FIX_MARKER } from '../plan/blocked-reason.js';
import type { ReportModel, ReportOperation } from './plan-report-model.js';

export interface BlockedGroup {
  cause: string;
  /** Absent when the reason names no fix (each operation's own reason then says what is wrong). */
  fix?: string;
  operations: ReportOperation[];
}

/** Groups in order of size (largest first), then cause; operations in plan order. */
export function blockedGroups(model: ReportModel): BlockedGroup[] {
  const groups = new Map<string, BlockedGroup>();
  for (const op of model.passes.flatMap((p) => p.operations)) {
    if (!op.blocked) continue;
    const { cause, fix } = causeOf(op.blocked);
    const id = `${cause}\u0000${fix ?? ''}`;
    const g = groups.get(id) ?? { cause, ...(fix !== undefined ? { fix } : {}), operations: [] };
    g.operations.push(op);
    groups.set(id, g);
  }
  return [...groups.values()].sort(
    (a, b) => b.operations.length - a.operations.length || (a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0),
  );
}

/** The root cause of a reason and its fix: the innermost "is blocked (…)", without the objects it names. */
export function causeOf(reason: string): { cause: string; fix?: string } {
  const root = innermost(reason);
  const at = root.lastIndexOf(FIX_MARKER);
  const head = at >= 0 ? root.slice(0, at) : root;
  // A fix is one phrase: what follows it (a deposit lists several problems, "; "-separated) is not part of it.
  const rest = at >= 0 ? root.slice(at + FIX_MARKER.length) : undefined;
  const fix = rest?.split('; ')[0];
  // "<what>: <what>: <cause>": the cause is what follows the last ": " when a fix is named (the phrasing is ours);
  // otherwise the reason is kept whole, as it may be free text.
  const cause = at >= 0 ? head.slice(head.lastIndexOf(': ') >= 0 ? head.lastIndexOf(': ') + 2 : 0) : head;
  return { cause, ...(fix !== undefined ? { fix } : {}) };
}

function innermost(reason: string): string {
  let r = reason;
  for (;;) {
    const open = r.indexOf(' is blocked (');
    if (open < 0) return r;
    const start = open + ' is blocked ('.length;
    let depth = 1;
    let end = start;
    for (; end < r.length && depth > 0; end++) {
      if (r[end] === '(') depth++;
      else if (r[end] === ')') depth--;
    }
    if (depth > 0) return r;
    r = r.slice(start, end - 1);
  }
}
