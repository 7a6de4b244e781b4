// The result of an invariant check: one entry per (invariant, Stripe object) examined.
export interface InvariantResult {
  invariant: string;
  subject: string;
  ok: boolean;
  detail?: string;
}

export interface InvariantReport {
  results: InvariantResult[];
  passed: number;
  failures: number;
}

export function summarize(results: InvariantResult[]): InvariantReport {
  const failures = results.filter((r) => !r.ok).length;
  return { results, passed: results.length - failures, failures };
}
