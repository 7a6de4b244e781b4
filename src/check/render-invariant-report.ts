// Text rendering of an invariant check: a line per invariant with its counts, then the failures.
import type { InvariantReport } from './invariant-report.js';
import { INVARIANT_TITLES } from './invariant-titles.js';

export function renderInvariantReport(report: InvariantReport, maxFailures = 25): string {
  const by = new Map<string, { ok: number; bad: number }>();
  for (const r of report.results) {
    const c = by.get(r.invariant) ?? { ok: 0, bad: 0 };
    if (r.ok) c.ok++;
    else c.bad++;
    by.set(r.invariant, c);
  }
  const lines: string[] = [];
  for (const [inv, c] of [...by].sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))) {
    const mark = c.bad === 0 ? 'ok  ' : 'FAIL';
    lines.push(`${mark} ${inv.padEnd(4)} ${String(c.ok).padStart(5)} passed ${String(c.bad).padStart(4)} failed  ${INVARIANT_TITLES[inv] ?? ''}`);
  }
  const failed = report.results.filter((r) => !r.ok);
  if (failed.length > 0) lines.push('', 'Failures:');
  for (const f of failed.slice(0, maxFailures)) lines.push(`  ${f.invariant} ${f.subject}: ${f.detail ?? ''}`);
  if (failed.length > maxFailures) lines.push(`  … and ${failed.length - maxFailures} more`);
  lines.push('', `Invariants: ${report.passed} checks passed, ${report.failures} failed.`);
  return lines.join('\n');
}
