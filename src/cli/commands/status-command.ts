// status: the last runs, what is pending, blocked and failed, and the oldest Stripe object not yet synced.
import type { Command } from 'commander';
import { loadReadOnlyLedger } from '../cli-context.js';
import { logFormat } from '../output.js';
import { parseInteger } from '../options.js';
import { openLedger } from '../../ledger/open-ledger.js';
import { readLedgerStatus, type LedgerStatus } from '../../ledger/ledger-status.js';
import { EXIT } from '../exit-codes.js';
import { runCommand } from '../run-command.js';

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show the last runs, pending, blocked and failed operations, and the oldest unsynced Stripe object')
    .option('--json', 'print JSON')
    .option('--runs <n>', 'how many recent syncs (and, apart, plans) to show, 1 to 1000', parseInteger('--runs', 1, 1000), 5)
    .option('--problems <n>', 'how many blocked and failed operations to list, 0 to 100000', parseInteger('--problems', 0, 100_000), 50)
    .action(
      runCommand(async (opts: { json?: boolean; runs: number; problems: number }) => {
        const ledger = openLedger(loadReadOnlyLedger());
        try {
          const status = await readLedgerStatus(ledger, { runs: opts.runs, problems: opts.problems });
          if (opts.json || logFormat() === 'json') {
            // In JSON log mode every line is a JSON object: the whole status on one line.
            process.stdout.write(`${JSON.stringify(status, null, logFormat() === 'json' ? undefined : 2)}\n`);
          } else {
            const t = (s: number | null) => (s ? new Date(s * 1000).toISOString().replace('.000Z', 'Z') : '—');
            const runLine = (r: LedgerStatus['runs'][number]) =>
              `  #${r.id} ${r.kind.padEnd(8)} ${r.status.padEnd(11)} started ${t(r.startedAt)} finished ${t(r.finishedAt)}`;
            const lines: string[] = ['Recent syncs:'];
            if (status.runs.length === 0) lines.push('  (none yet)');
            for (const r of status.runs) lines.push(runLine(r));
            if (status.plans.length > 0) {
              lines.push('', 'Recent plans (dry runs, nothing written):');
              for (const r of status.plans) lines.push(runLine(r));
            }
            const c = status.outbox;
            lines.push(
              '',
              `Operations: ${c.done} done, ${c.planned} pending, ${c.sending} in flight/unknown, ${c.blocked} blocked, ${c.failed} failed`,
              `Ledger: ${status.objects} Stripe objects, ${status.links} NetSuite records linked`,
            );
            if (status.problems.length > 0) {
              lines.push('', 'Blocked and failed:');
              for (const p of status.problems) {
                lines.push(`  ${p.status.padEnd(7)} ${p.key} (${p.stripeId}, ${p.attempts} attempts): ${p.error ?? ''}`);
              }
            }
            if (status.problemsNotShown > 0) {
              lines.push(
                `  … and ${status.problemsNotShown} more blocked or failed operation(s) not shown (--problems ${c.blocked + c.failed} lists them all)`,
              );
            }
            if (status.invalidObjects.length > 0) {
              lines.push('', 'Stripe objects the plan cannot use (they and what depends on them are blocked):');
              for (const b of status.invalidObjects) lines.push(`  ${b.stripeId} (${b.type}): ${b.problem}`);
            }
            const reads = status.readFailures;
            if (reads.count > 0) {
              lines.push('', `Stripe reads that failed in the last run (${reads.count}; the next run retries them):`);
              for (const f of reads.items) lines.push(`  ${f.type}${f.stripeId ? ` ${f.stripeId}` : ''}: ${f.error}`);
            }
            const lastRun = status.runs[0];
            if (lastRun && (lastRun.status === 'failed' || lastRun.status === 'interrupted' || lastRun.status === 'running')) {
              const error = (lastRun.summary as { error?: unknown } | null)?.error;
              lines.push('', `The last run (#${lastRun.id}) was ${lastRun.status === 'running' ? 'still running' : lastRun.status}${typeof error === 'string' ? `: ${error}` : ''}.`);
            }
            const unsure = reads.count > 0 || status.invalidObjects.length > 0 || (lastRun !== undefined && lastRun.status !== 'success');
            lines.push(
              '',
              status.oldestUnsynced
                ? `Oldest unsynced Stripe object: ${status.oldestUnsynced.stripeId} (${status.oldestUnsynced.type}, created ${t(status.oldestUnsynced.created)}), ${status.oldestUnsynced.status}`
                : unsure
                  ? 'Every planned operation is done, but not every Stripe object was read or planned (above).'
                  : 'Every planned Stripe object is synced.',
            );
            process.stdout.write(`${lines.join('\n')}\n`);
          }
          // The last run that could write: a plan says nothing about what NetSuite holds.
          const lastRun = status.runs[0];
          return status.outbox.failed + status.readFailures.count + status.invalidObjects.length + status.outbox.blocked > 0 || (lastRun && lastRun.status !== 'success')
            ? EXIT.PARTIAL
            : EXIT.OK;
        } finally {
          await ledger.close();
        }
      }),
    );
}
