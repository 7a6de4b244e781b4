// retry: failed and blocked operations get a fresh attempt budget; the next sync sends them again.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.js';
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
        const config = loadConfig(process.env, program.opts<{ config?: string }>().config);
        const ledger = openLedger(config.secrets.ledgerPath);
        try {
          const n = await requeueFailed(ledger, keys);
          process.stdout.write(`re-queued ${n} operation${n === 1 ? '' : 's'}; the next \`stripe-netsuite sync\` sends them\n`);
          return EXIT.OK;
        } finally {
          await ledger.close();
        }
      }),
    );
}
