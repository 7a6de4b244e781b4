// Shared state while the passes run (PlanContext), and the view of it each pass gets (PassContext).
import { canonicalJson } from '../stripe-objects/canonical-json.js';
import { createHash } from 'node:crypto';
import type { Operation, OperationAction, OperationSummary, PassName, RecordType, LinkSpec } from './operation.js';
import { opKey } from './operation.js';
import type { PlanInput } from './plan-input.js';
import { fitToAccount } from './fit-to-account.js';
import { prerequisiteBlocked } from './blocked-reason.js';

interface DraftBase {
  recordType: RecordType;
  externalId: string;
  stripeId: string;
  /** Suffix of the key (`#suffix`): apply operations patch a record another operation made, under its own key. */
  keySuffix?: string;
  body: Record<string, unknown>;
  dependsOn?: string[];
  summary: OperationSummary;
  blocked?: string;
}

/** What a pass asks for; `add` makes the operation. Discriminated by `action` as `Operation` is. */
export type OperationDraft =
  | (DraftBase & { action: 'create' | 'close' })
  | (DraftBase & { action: 'link'; link: LinkSpec })
  | (DraftBase & { action: 'apply'; keySuffix: string; target: string });

/** The plan being built, shared by every pass: what earlier passes planned, and what already exists in NetSuite. */
export class PlanContext {
  readonly operations: Operation[] = [];
  private readonly byKey = new Map<string, Operation>();
  private readonly earlier: ReadonlyMap<string, string | null>;
  private readonly passes = new Map<PassName, PassContext>();

  constructor(readonly input: PlanInput) {
    this.earlier = input.partition?.planned ?? new Map();
  }

  /** The record exists in NetSuite (a done operation), or this plan (an earlier pass or partition) makes it. */
  has(key: string): boolean {
    return this.input.links.has(key) || this.byKey.has(key) || this.earlier.has(key);
  }

  isLinked(key: string): boolean {
    return this.input.links.has(key);
  }

  /** Why the planned operation `key` is blocked; undefined when it is not blocked or not planned. */
  blockedReason(key: string): string | undefined {
    const op = this.byKey.get(key);
    if (op) return op.blocked;
    return this.earlier.get(key) ?? undefined;
  }

  /** `<key> is blocked (<reason>)` for the first of `keys` that is blocked (src/plan/blocked-reason.ts). */
  blockedPrerequisite(keys: readonly string[]): string | undefined {
    for (const key of keys) {
      const reason = this.blockedReason(key);
      if (reason) return prerequisiteBlocked(key, reason);
    }
    return undefined;
  }

  /** The context a pass runs with: its `add` records operations under the pass's name. */
  forPass(pass: PassName): PassContext {
    let ctx = this.passes.get(pass);
    if (!ctx) this.passes.set(pass, (ctx = new PassContext(this, pass)));
    return ctx;
  }

  /**
   * Adds an operation unless it is already done (linked), its body fitted to the account (fit-to-account.ts). Synced records are never edited, so a done
   * operation is never re-planned even if what we would send today differs. Returns the key.
   */
  add(pass: PassName, draft: OperationDraft): string {
    const key = opKey(draft.recordType, draft.externalId, draft.keySuffix);
    if (this.has(key)) return key;
    const fitted = fitToAccount(draft, this.input.account, this.input.settings);
    const body = fitted.body;
    const target = draft.action === 'apply' ? draft.target : undefined;
    const dependsOn = [...new Set([...(draft.dependsOn ?? []), ...(target ? [target] : []), ...referencedKeys(body)])].filter(
      (d) => !this.input.links.has(d),
    );
    // An operation whose prerequisite is blocked is blocked too, naming it, so the plan shows what will not post
    // rather than apply discovering it (and the reports group it under the prerequisite's cause).
    const blocked = draft.blocked ?? fitted.blocked ?? this.blockedPrerequisite(dependsOn);
    const date = typeof body.tranDate === 'string' && draft.summary.date ? body.tranDate : draft.summary.date;
    // Keys in the order the outbox has always stored them (op_json): key, pass, action, …, target/link, body, ….
    const head = {
      recordType: draft.recordType,
      externalId: draft.externalId,
      stripeId: draft.stripeId,
    };
    const tail = {
      body,
      dependsOn,
      hash: operationHash({ action: draft.action, body, link: draft.action === 'link' ? draft.link : undefined }),
      summary: date === draft.summary.date ? draft.summary : { ...draft.summary, date },
      ...(blocked ? { blocked } : {}),
    };
    const op: Operation =
      draft.action === 'apply'
        ? { key, pass, action: 'apply', ...head, target: draft.target, ...tail }
        : draft.action === 'link'
          ? { key, pass, action: 'link', ...head, link: draft.link, ...tail }
          : { key, pass, action: draft.action, ...head, ...tail };
    this.operations.push(op);
    this.byKey.set(key, op);
    return key;
  }
}

/**
 * What a pass sees: the plan so far, and `add`, which records an operation under the pass's name (written once, in
 * the pass registry). Caches derived from the plan key on `plan`, which every pass shares.
 */
export class PassContext {
  constructor(
    readonly plan: PlanContext,
    readonly pass: PassName,
  ) {}

  get input(): PlanInput {
    return this.plan.input;
  }

  has(key: string): boolean {
    return this.plan.has(key);
  }

  isLinked(key: string): boolean {
    return this.plan.isLinked(key);
  }

  blockedReason(key: string): string | undefined {
    return this.plan.blockedReason(key);
  }

  add(draft: OperationDraft): string {
    return this.plan.add(this.pass, draft);
  }

  /** Another pass's context, for a record that pass owns (a customer, an item) planned where it is first needed. */
  as(pass: PassName): PassContext {
    return this.plan.forPass(pass);
  }
}

export function operationHash(draft: { action: OperationAction; body: Record<string, unknown>; link?: LinkSpec }): string {
  return createHash('sha256')
    .update(canonicalJson({ action: draft.action, body: draft.body, link: draft.link ?? null }))
    .digest('hex');
}

/** Every `$ref`/`$refId` an operation body points at (apply resolves these; the plan lists them as dependencies). */
export function referencedKeys(body: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(body)) {
    for (const v of body) referencedKeys(v, into);
  } else if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    if (typeof o.$ref === 'string') into.add(o.$ref);
    if (typeof o.$refId === 'string') into.add(o.$refId);
    for (const v of Object.values(o)) referencedKeys(v, into);
  }
  return into;
}
