// `stripe-netsuite sync` as a child process against a harness's sandboxes (which keep serving in the test
// process), for tests that kill or signal a run part-way.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openLedger } from '../../src/ledger/open-ledger.js';
import type { Sandboxes } from '../support/sandboxes.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export function syncChildEnv(h: Sandboxes, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, ...h.env, STRIPE_NETSUITE_CONFIG: h.configFile, ...overrides };
}

/**
 * Runs `sync`; `arm` gets the child as soon as it is started (a test's NetSuite hook signals it from there).
 * Past `timeoutMs` the child is killed.
 */
export function syncChild(
  h: Sandboxes,
  o: { arm?: (child: ChildProcess) => void; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'sync'], { env: syncChildEnv(h, o.env), stdio: 'ignore' });
    o.arm?.(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 10 * 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** The outbox's rows by status, as the last run left the ledger. */
export async function outboxCounts(h: Sandboxes): Promise<Record<string, number>> {
  const ledger = openLedger(h.config.secrets.ledgerPath);
  try {
    const rows = ledger.sqlite.prepare('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status').all() as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    await ledger.close();
  }
}

/** Record writes (POST/PUT/PATCH/DELETE on the record API), as the sandbox's onRequest hook reports requests. */
export const isRecordWrite = (r: { method: string; path: string }) => r.method !== 'GET' && r.path.startsWith('/services/rest/record/');
