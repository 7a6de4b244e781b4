// The plan for machines: a stable JSON document (fixed key order, every field present, null when unknown).
import type { ActionCounts, CurrencyTotal, ReportModel, ReportOperation } from './plan-report-model.js';
import type { GlImpactModel, TieOuts } from '../books/books-model.js';
import type { GlLine } from '../books/gl-impact.js';

/** Bumped when a field changes meaning or disappears; adding fields does not bump it. */
export const PLAN_JSON_SCHEMA_VERSION = 2;

export interface JsonRenderOptions {
  /** Include each operation's NetSuite body (with `$ref`/`$refId` placeholders). Off by default: bodies are large. */
  includeBodies?: boolean;
}

export interface PlanJsonTotals {
  willPost: CurrencyTotal[];
  blocked: CurrencyTotal[];
}

export interface PlanJsonOperation {
  key: string;
  action: string;
  /** `action`, or `blocked`. */
  status: string;
  recordType: string;
  externalId: string;
  stripeId: string;
  target: string | null;
  customer: string | null;
  date: string | null;
  currency: string | null;
  amountMinor: number | null;
  amount: string | null;
  description: string;
  dependsOn: string[];
  blocked: string | null;
  /** The GL lines it posts; null when the plan was rendered without the account settings. */
  gl: GlLine[] | null;
  body?: Record<string, unknown>;
}

export interface PlanJson {
  schemaVersion: number;
  generatedFor: string | null;
  generatedAt: string | null;
  counts: ActionCounts;
  operationCount: number;
  totals: PlanJsonTotals;
  passes: Array<{ name: string; counts: ActionCounts; totals: PlanJsonTotals; operations: PlanJsonOperation[] }>;
  /** The books' impact (docs/books-impact.md); null without the account settings. */
  glImpact: GlImpactModel | null;
  tieOuts: TieOuts | null;
}

export function planToJson(model: ReportModel, o: JsonRenderOptions = {}): PlanJson {
  return {
    schemaVersion: PLAN_JSON_SCHEMA_VERSION,
    generatedFor: model.generatedFor ?? null,
    generatedAt: model.generatedAt ?? null,
    counts: { ...model.counts },
    operationCount: model.operationCount,
    totals: { willPost: model.willPost.map(copyTotal), blocked: model.blocked.map(copyTotal) },
    passes: model.passes.map((p) => ({
      name: p.name,
      counts: { ...p.counts },
      totals: { willPost: p.willPost.map(copyTotal), blocked: p.blocked.map(copyTotal) },
      operations: p.operations.map((op) => operationJson(op, o.includeBodies === true)),
    })),
    glImpact: model.glImpact ?? null,
    tieOuts: model.tieOuts ?? null,
  };
}

export function renderJson(model: ReportModel, o: JsonRenderOptions = {}): string {
  return JSON.stringify(planToJson(model, o), null, 2) + '\n';
}

function copyTotal(t: CurrencyTotal): CurrencyTotal {
  return { recordType: t.recordType, currency: t.currency, amountMinor: t.amountMinor, amount: t.amount, operations: t.operations };
}

function operationJson(op: ReportOperation, includeBody: boolean): PlanJsonOperation {
  return {
    key: op.key,
    action: op.action,
    status: op.reportAction,
    recordType: op.recordType,
    externalId: op.externalId,
    stripeId: op.stripeId,
    target: op.target ?? null,
    customer: op.customer ?? null,
    date: op.date ?? null,
    currency: op.currency ?? null,
    amountMinor: op.amountMinor ?? null,
    amount: op.amount ?? null,
    description: op.description,
    dependsOn: [...op.dependsOn],
    blocked: op.blocked ?? null,
    gl: op.gl ?? null,
    ...(includeBody ? { body: sortKeys(op.body) as Record<string, unknown> } : {}),
  };
}

/** Bodies with sorted keys, so a body that did not change never shows up in a diff of two reports. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      out[k] = sortKeys((value as Record<string, unknown>)[k]);
    }
    return out;
  }
  return value;
}
