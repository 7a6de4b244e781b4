// preflight: checks the configuration against the NetSuite account before anything posts (exit 0 ready, 2 not).
import type { Command } from 'commander';
import { loadRunConfig } from '../cli-context.js';
import { logFormat } from '../output.js';
import { openLedger } from '../../ledger/open-ledger.js';
import { createNetSuiteClient } from '../../netsuite/netsuite-client.js';
import { runPreflight } from '../../preflight/preflight-checks.js';
import { renderPreflightJson, renderPreflightText } from '../../preflight/render-preflight.js';
import { EXIT } from '../exit-codes.js';
import { parseDateOption } from '../options.js';
import { runCommand } from '../run-command.js';

const DAY = 86_400;

function isoDate(unix: number): string {
  return new Date(unix * 1000).toISOString().slice(0, 10);
}

export function registerPreflightCommand(program: Command): void {
  program
    .command('preflight')
    .description('check the configuration against the NetSuite account before anything posts (exit 0 ready, 2 not)')
    .option('--from <date>', 'first date a run will post (default: 30 days ago)', parseDateOption('--from'))
    .option('--to <date>', 'last date a run will post (default: today)', parseDateOption('--to'))
    .option('--json', 'print the checks as JSON')
    .action(
      runCommand(async (opts: { from?: number; to?: number; json?: boolean }) => {
        const { config } = loadRunConfig(program);
        const now = Math.floor(Date.now() / 1000);
        const range = { from: isoDate(opts.from ?? now - 30 * DAY), to: isoDate(opts.to ?? now) };
        const ledger = openLedger(config.secrets.ledgerPath);
        const client = createNetSuiteClient(config.secrets, config.settings, { maxAttempts: 3 });
        try {
          const checks = await runPreflight(ledger, client, config.settings, { now, range });
          if (logFormat() === 'json') process.stdout.write(`${JSON.stringify(JSON.parse(renderPreflightJson(checks)))}\n`);
          else process.stdout.write(opts.json ? renderPreflightJson(checks) : renderPreflightText(checks));
          return checks.every((c) => c.ok) ? EXIT.OK : EXIT.CONFIG;
        } finally {
          client.close();
          await ledger.close();
        }
      }),
    );
}
