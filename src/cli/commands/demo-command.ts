// demo: generate a world, start both sandboxes on free local ports, show the plan, apply it, print the run
// summary and the invariant check, then show that a second run writes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.js';
import { generateWorld } from '../../sandbox/generate/generate-world.js';
import { startStripeSandbox } from '../../sandbox/stripe/server.js';
import { startNetSuiteSandbox } from '../../sandbox/netsuite/server.js';
import { runSync } from '../../run/sync-run.js';
import { renderPlan } from '../../report/render-plan.js';
import { renderRunSummary } from '../../report/render-run-summary.js';
import { EXIT } from '../exit-codes.js';
import { parseInteger } from '../options.js';
import { runCommand } from '../run-command.js';
import { useColor } from '../output.js';
import { DEMO_CREDENTIALS } from '../demo-credentials.js';
import { checkInvariants } from '../../check/check-invariants.js';
import { renderInvariantReport } from '../../check/render-invariant-report.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate a Stripe world, start both sandboxes, plan, apply, and check the accounting invariants')
    .option('--customers <n>', 'customers in the generated world', parseInteger('--customers', 1), 20)
    .option('--months <n>', 'months of history', parseInteger('--months', 1), 3)
    .option('--seed <n>', 'world seed', parseInteger('--seed'), 7)
    .option('--keep <dir>', 'keep the ledger, world and NetSuite state in this folder')
    .action(
      runCommand(async (o: { customers: number; months: number; seed: number; keep?: string }) => {
        const dir = o.keep ? path.resolve(o.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-netsuite-demo-'));
        fs.mkdirSync(dir, { recursive: true });
        const out = (s = '') => process.stdout.write(`${s}\n`);
        const started = Date.now();

        const { items, summary: world } = generateWorld({ customers: o.customers, months: o.months, seed: o.seed });
        const now = world.end + 3 * 86400;
        out(`Generated a Stripe world: ${o.customers} customers, ${o.months} months, ${world.objects} objects, ${world.events} events.`);

        // Everything started is closed on the way out, also when a later start fails (on a Node whose
        // better-sqlite3 binding does not load, the NetSuite sandbox's state file throws after the Stripe
        // sandbox is already listening, and that server kept the process alive after "run failed").
        const running: Array<{ close(): Promise<void> }> = [];
        try {
          const stripe = await startStripeSandbox({ world: items, port: 0, now, apiKey: DEMO_CREDENTIALS.stripeApiKey });
          running.push(stripe);
          const netsuite = await startNetSuiteSandbox({
            port: 0,
            stateFile: path.join(dir, 'netsuite-sandbox.sqlite'),
            accountId: DEMO_CREDENTIALS.accountId,
            credentials: { tba: DEMO_CREDENTIALS.tba },
            concurrency: 5,
          });
          running.push(netsuite);
          out(`Stripe sandbox on ${stripe.url}, NetSuite sandbox on ${netsuite.url}.`);
          const config = loadConfig(demoEnv(stripe.url, netsuite.url, path.join(dir, 'ledger.sqlite')), program.opts<{ config?: string }>().config);

          out('\n=== Plan (dry run: nothing is written to NetSuite) ===\n');
          const planned = await runSync(config, { kind: 'plan', dryRun: true, extract: true, now });
          // As `plan` shows it: with the GL lines it will post and the deposit and A/R tie-outs.
          out(
            renderPlan(planned.plan ?? { operations: [] }, 'text', {
              color: useColor(process.stdout),
              books: config.settings.netsuite,
              ...(planned.arBefore ? { arBefore: planned.arBefore } : {}),
              ...(planned.accountNames ? { accountNames: planned.accountNames } : {}),
            }),
          );

          out('\n=== Apply ===\n');
          const applied = await runSync(config, { kind: 'sync', dryRun: false, extract: false, now });
          out(renderRunSummary(applied.summary, 'text'));
          for (const f of applied.summary.failures.slice(0, 10)) out(`  ${f.key}: ${f.error}`);

          out('\n=== Second run on the same world ===\n');
          const before = netsuite.stats();
          const again = await runSync(config, { kind: 'sync', dryRun: false, extract: true, now });
          const writes = netsuite.stats().recordWrites - before.recordWrites;
          const requests = netsuite.stats().requests - before.requests;
          out(renderRunSummary(again.summary, 'text'));
          // A run that could write proves the credentials first: one read, even with nothing to write.
          out(`NetSuite writes in the second run: ${writes} (${requests} request${requests === 1 ? '' : 's'}, the credential check included)`);

          out('\n=== Invariant check (reading NetSuite over REST) ===\n');
          const report = await checkInvariants(config);
          out(renderInvariantReport(report));

          out(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)}s. Ledger and NetSuite state: ${dir}`);
          const ok = applied.summary.status === 'success' && writes === 0 && report.failures === 0;
          return ok ? EXIT.OK : EXIT.PARTIAL;
        } finally {
          for (const server of running.reverse()) await server.close().catch(() => undefined);
        }
      }),
    );
}

function demoEnv(stripeUrl: string, netsuiteUrl: string, ledgerPath: string): Record<string, string> {
  return {
    STRIPE_API_KEY: DEMO_CREDENTIALS.stripeApiKey,
    STRIPE_API_BASE: stripeUrl,
    NETSUITE_ACCOUNT_ID: DEMO_CREDENTIALS.accountId,
    NETSUITE_BASE_URL: netsuiteUrl,
    NETSUITE_AUTH: 'tba',
    NETSUITE_CONSUMER_KEY: DEMO_CREDENTIALS.tba.consumerKey,
    NETSUITE_CONSUMER_SECRET: DEMO_CREDENTIALS.tba.consumerSecret,
    NETSUITE_TOKEN_ID: DEMO_CREDENTIALS.tba.tokenId,
    NETSUITE_TOKEN_SECRET: DEMO_CREDENTIALS.tba.tokenSecret,
    LEDGER_PATH: ledgerPath,
  };
}
