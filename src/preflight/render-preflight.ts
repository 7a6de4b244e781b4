// The preflight checks for people (one line each: ok / problem, the config key, what was found, the fix) and JSON.
import type { PreflightCheck } from './preflight-checks.js';

export function renderPreflightText(checks: PreflightCheck[]): string {
  const width = Math.max(...checks.map((c) => c.key.length));
  const lines = checks.map((c) => {
    const head = `${c.ok ? 'ok     ' : 'problem'}  ${c.key.padEnd(width)}  ${c.detail}`;
    return c.fix ? `${head}\n${' '.repeat(11 + width)}fix: ${c.fix}` : head;
  });
  const problems = checks.filter((c) => !c.ok).length;
  lines.push(problems ? `\nnot ready: ${problems} ${problems === 1 ? 'problem' : 'problems'}` : '\nready: the account can take what the connector sends');
  return `${lines.join('\n')}\n`;
}

export function renderPreflightJson(checks: PreflightCheck[]): string {
  return `${JSON.stringify({ ready: checks.every((c) => c.ok), checks }, null, 2)}\n`;
}
