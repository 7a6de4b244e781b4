// retry: failed and blocked operations get a fresh attempt budget; the next sync sends them again.
import type { Command } from 'commander';
import { loadReadOnlyLedger } from '../cli-context.js';
import { logFormat } from '../output.js';
import { openLedger } from '../../ledger/open-ledger.js';
import { requeueFailed } from '../../ledger/outbox.js';
import { EXIT } from '../exit-codes.js';
import { runCommand } from '../run-command.js';

export function registerRetryCommand(program: Command): void {
  program
    .command('retry')
    .description('re-queue failed and blocked operations (all, or the operation keys given) for the next sync')
    .argument('[keys...]', 'operation keys, e.g. invoice:in_123 (default: every failed or blocked operation)')
    .action(
      runCommand(async (keys: string[]) => {
        const ledger = openLedger(loadReadOnlyLedger());
        try {
          const n = await requeueFailed(ledger, keys);
          if (logFormat() === 'json') process.stdout.write(`${JSON.stringify({ event: 'retry', requeued: n })}\n`);
          else process.stdout.write(`re-queued ${n} operation${n === 1 ? '' : 's'}; the next \`stripe-netsuite sync\` sends them\n`);
          return EXIT.OK;
        } finally {
          await ledger.close();
        }
      }),
    );
}
