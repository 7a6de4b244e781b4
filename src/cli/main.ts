#!/usr/bin/env node
// The stripe-netsuite command line.
import fs from 'node:fs';
import { Command } from 'commander';
import { registerSyncCommands } from './commands/sync-commands.js';
import { registerPreflightCommand } from './commands/preflight-command.js';
import { registerStatusCommand } from './commands/status-command.js';
import { registerExplainCommand } from './commands/explain-command.js';
import { registerRetryCommand } from './commands/retry-command.js';
import { registerScheduleCommand } from './commands/schedule-command.js';
import { registerSandboxCommands } from './commands/sandbox-commands.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerBenchCommand } from './commands/bench-command.js';
import { EXIT } from './exit-codes.js';

const pkg = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command()
  .name('stripe-netsuite')
  .description('Self-hosted Stripe → NetSuite accounting sync: plan before it posts, replay any range, never duplicate.')
  .version(pkg.version)
  .option('--config <file>', 'configuration file (default: STRIPE_NETSUITE_CONFIG or config/stripe-netsuite.json)')
  .option('--log-format <format>', 'run summary as "text" or "json" (one JSON line per run, for log collectors)')
  .showHelpAfterError()
  .exitOverride((err) => {
    // Usage errors (unknown option, missing argument) are configuration errors for cron's purposes.
    process.exit(err.exitCode === 0 ? 0 : EXIT.CONFIG);
  });

registerPreflightCommand(program);
registerSyncCommands(program);
registerScheduleCommand(program);
registerStatusCommand(program);
registerExplainCommand(program);
registerRetryCommand(program);
registerSandboxCommands(program);
registerDemoCommand(program);
registerBenchCommand(program);

await program.parseAsync(process.argv);
