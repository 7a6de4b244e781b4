#!/usr/bin/env node
// The stripe-netsuite command line.
import { Command, Option } from 'commander';
import { registerSyncCommands } from './commands/sync-commands.js';
import { registerPreflightCommand } from './commands/preflight-command.js';
import { registerStatusCommand } from './commands/status-command.js';
import { registerExplainCommand } from './commands/explain-command.js';
import { registerRetryCommand } from './commands/retry-command.js';
import { registerScheduleCommand } from './commands/schedule-command.js';
import { registerSandboxCommands } from './commands/sandbox-commands.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerBenchCommand } from './commands/bench-command.js';
import { registerInitCommand } from './commands/init-command.js';
import { EXIT } from './exit-codes.js';
import { packageVersion } from '../config/package-version.js';
import { logFormatFromArgv, notice, setLogFormat } from './output.js';

// Known before parsing, so that commander's own usage errors follow --log-format json too.
const argvFormat = logFormatFromArgv(process.argv.slice(2));
if (argvFormat) setLogFormat(argvFormat);


const program = new Command()
  .name('stripe-netsuite')
  .description('Self-hosted Stripe → NetSuite accounting sync: plan before it posts, replay any range, never duplicate.')
  .version(packageVersion())
  .option('--config <file>', 'configuration file (default: STRIPE_NETSUITE_CONFIG or the bundled example, which only runs against the local sandbox)')
  .addOption(
    new Option('--log-format <format>', 'notices, errors and run summaries as "text" or "json" (one JSON object per line)').choices([
      'text',
      'json',
    ]),
  )
  .option('--env-file <file>', 'read environment variables from this file first (variables already set win)')
  .configureOutput({
    // In JSON mode a usage error is a JSON line too.
    outputError: (str, write) =>
      argvFormat === 'json'
        ? write(`${JSON.stringify({ event: 'usage_error', message: str.trim(), at: new Date().toISOString() })}\n`)
        : write(str),
  })
  .showHelpAfterError(argvFormat !== 'json')
  .exitOverride((err) => {
    // Usage errors (unknown option, missing argument) are configuration errors for cron's purposes.
    process.exit(err.exitCode === 0 ? 0 : EXIT.CONFIG);
  })
  .hook('preAction', () => {
    // Every option has been parsed and checked by now, and nothing has run yet.
    const { envFile } = program.opts<{ envFile?: string }>();
    if (envFile) {
      try {
        process.loadEnvFile(envFile);
      } catch (err) {
        const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
        notice('config_error', `--env-file ${envFile}: ${why}`, { envFile });
        process.exit(EXIT.CONFIG);
      }
    }
  });

registerInitCommand(program);
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
