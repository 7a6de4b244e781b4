// sandbox stripe | netsuite | generate: the built-in simulated services the demo, tests and benchmark run against.
// They bind to 127.0.0.1 only. The product code never imports src/sandbox; only these commands do.
import fs from 'node:fs';
import type { Command } from 'commander';
import { startStripeSandbox, parseSandboxTime } from '../../sandbox/stripe/server.js';
import { startNetSuiteSandbox, publicKeyFromPrivatePem } from '../../sandbox/netsuite/server.js';
import { FEATURE_IDS, FeatureError, parseFeatureList, type Features } from '../../sandbox/netsuite/features.js';
import { generateWorld, writeWorld } from '../../sandbox/generate/generate-world.js';
import { EXIT } from '../exit-codes.js';
import { parseInteger, parseRate } from '../options.js';
import { runCommand } from '../run-command.js';
import { notice, stdoutLine } from '../output.js';

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
}

export function registerSandboxCommands(program: Command): void {
  const sandbox = program.command('sandbox').description('run the built-in Stripe and NetSuite sandboxes, or generate a Stripe world');

  sandbox
    .command('stripe')
    .description('serve a Stripe world file over the Stripe API on 127.0.0.1')
    .requiredOption('--world <file>', 'world file (JSON array or NDJSON of Stripe objects and events)')
    .option('--port <n>', 'port (0 = a free one)', parseInteger('--port'), 12111)
    .requiredOption('--now <time>', 'sandbox clock: ISO 8601 date-time or Unix seconds')
    .option('--rate-limit-rate <r>', 'share of requests answered 429 rate_limit (0..1)', parseRate, 0)
    .option('--error-rate <r>', 'share of requests answered 500 (0..1)', parseRate, 0)
    .option('--latency-ms <ms>', 'latency added to every request', parseInteger('--latency-ms'), 0)
    .option('--seed <n>', 'seed for fault injection', parseInteger('--seed'), 1)
    .action(
      runCommand(async (o: { world: string; port: number; now: string; rateLimitRate: number; errorRate: number; latencyMs: number; seed: number }) => {
        if (!fs.existsSync(o.world)) {
          notice('usage_error', `--world ${o.world}: no such file`);
          return EXIT.CONFIG;
        }
        let now: number;
        try {
          now = parseSandboxTime(o.now);
        } catch (err) {
          notice('usage_error', `--now: ${(err as Error).message}`);
          return EXIT.CONFIG;
        }
        const sb = await startStripeSandbox({
          world: o.world,
          port: o.port,
          now,
          apiKey: process.env.STRIPE_API_KEY?.trim() || undefined,
          faults: { rateLimitRate: o.rateLimitRate, serverErrorRate: o.errorRate, latencyMs: o.latencyMs, seed: o.seed },
        });
        stdoutLine('sandbox_listening', `Stripe sandbox listening on ${sb.url} (clock ${new Date(now * 1000).toISOString()})`, { service: 'stripe', url: sb.url });
        await waitForSignal();
        await sb.close();
        return EXIT.OK;
      }),
    );

  sandbox
    .command('netsuite')
    .description('serve a NetSuite account over SuiteTalk REST on 127.0.0.1 (credentials from the NETSUITE_* variables)')
    .option('--port <n>', 'port (0 = a free one)', parseInteger('--port'), 12112)
    .option('--state <file>', 'SQLite file holding the account state (default: in memory)')
    .option('--account <id>', 'account id / realm (default NETSUITE_ACCOUNT_ID)')
    .option('--concurrency <n>', 'requests in flight before 429 CONCURRENCY_LIMIT_EXCEEDED', parseInteger('--concurrency', 1), 5)
    .option('--latency-ms <ms>', 'latency added to every request', parseInteger('--latency-ms'), 0)
    .option('--error-rate <r>', 'share of requests answered 500 UNEXPECTED_ERROR (0..1)', parseRate, 0)
    .option('--lost-response-rate <r>', 'share of writes that commit but lose their response (0..1)', parseRate, 0)
    .option('--seed <n>', 'seed for fault injection', parseInteger('--seed'), 1)
    .option('--features <list>', `NetSuite features the account has: comma-separated ids (${FEATURE_IDS.join(', ')}), all or none`, 'all')
    .action(
      runCommand(async (o: { port: number; state?: string; account?: string; concurrency: number; latencyMs: number; errorRate: number; lostResponseRate: number; seed: number; features: string }) => {
        const env = process.env;
        let features: Features;
        try {
          features = parseFeatureList(o.features);
        } catch (err) {
          if (!(err instanceof FeatureError)) throw err;
          notice('usage_error', `--features: ${err.message}`);
          return EXIT.CONFIG;
        }
        const accountId = o.account ?? env.NETSUITE_ACCOUNT_ID?.trim();
        if (!accountId) {
          notice('usage_error', '--account or NETSUITE_ACCOUNT_ID is required');
          return EXIT.CONFIG;
        }
        const tba =
          env.NETSUITE_CONSUMER_KEY && env.NETSUITE_CONSUMER_SECRET && env.NETSUITE_TOKEN_ID && env.NETSUITE_TOKEN_SECRET
            ? {
                consumerKey: env.NETSUITE_CONSUMER_KEY.trim(),
                consumerSecret: env.NETSUITE_CONSUMER_SECRET.trim(),
                tokenId: env.NETSUITE_TOKEN_ID.trim(),
                tokenSecret: env.NETSUITE_TOKEN_SECRET.trim(),
              }
            : undefined;
        const privateKey = env.NETSUITE_PRIVATE_KEY?.trim() ||
          (env.NETSUITE_PRIVATE_KEY_FILE ? fs.readFileSync(env.NETSUITE_PRIVATE_KEY_FILE.trim(), 'utf8') : '');
        const oauth2 =
          env.NETSUITE_CLIENT_ID && env.NETSUITE_CERTIFICATE_ID && privateKey
            ? {
                clientId: env.NETSUITE_CLIENT_ID.trim(),
                certificateId: env.NETSUITE_CERTIFICATE_ID.trim(),
                publicKeyPem: publicKeyFromPrivatePem(privateKey),
              }
            : undefined;
        if (!tba && !oauth2) {
          notice(
            'usage_error',
            'set NETSUITE_CONSUMER_KEY/SECRET and NETSUITE_TOKEN_ID/SECRET (TBA) or NETSUITE_CLIENT_ID, NETSUITE_CERTIFICATE_ID and NETSUITE_PRIVATE_KEY (OAuth 2.0)',
          );
          return EXIT.CONFIG;
        }
        const sb = await startNetSuiteSandbox({
          port: o.port,
          stateFile: o.state,
          accountId,
          credentials: { tba, oauth2 },
          concurrency: o.concurrency,
          latencyMs: o.latencyMs,
          faults: { serverErrorRate: o.errorRate, lostResponseRate: o.lostResponseRate, seed: o.seed },
          features: features.list(),
        });
        stdoutLine('sandbox_listening', `NetSuite sandbox for account ${accountId} listening on ${sb.url} (features: ${features.list().join(',') || 'none'})`, { service: 'netsuite', url: sb.url, features: features.list() });
        await waitForSignal();
        await sb.close();
        return EXIT.OK;
      }),
    );

  sandbox
    .command('generate')
    .description('generate a deterministic Stripe world file (NDJSON) for the Stripe sandbox')
    .requiredOption('--out <file>', 'where to write the world')
    .option('--customers <n>', 'number of customers', parseInteger('--customers', 1), 20)
    .option('--months <n>', 'months of history', parseInteger('--months', 1), 3)
    .option('--seed <n>', 'seed', parseInteger('--seed'), 1)
    .action(
      runCommand(async (o: { out: string; customers: number; months: number; seed: number }) => {
        const started = Date.now();
        const { items, summary } = generateWorld({ customers: o.customers, months: o.months, seed: o.seed });
        writeWorld(o.out, items);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        stdoutLine(
          'world_written',
          `wrote ${summary.objects} objects and ${summary.events} events to ${o.out} in ${seconds}s; ` +
            `start the sandbox with --now ${new Date((summary.end + 3 * 86400) * 1000).toISOString()}`,
          { objects: summary.objects, events: summary.events, out: o.out },
        );
        return EXIT.OK;
      }),
    );
}
