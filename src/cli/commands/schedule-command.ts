// schedule: sync on a cron expression. Runs never overlap (in this process: a tick during a run is skipped; across
// processes: the ledger lock). SIGTERM lets the operation in flight finish, records the run, then exits.
import cron from 'node-cron';
import { InvalidArgumentError, type Command } from 'commander';
import { loadRunConfig } from '../cli-context.js';
import { notice as logNotice } from '../output.js';
import { LockHeldError } from '../../ledger/run-lock.js';
import { runSync } from '../../run/sync-run.js';
import { renderRunSummary } from '../../report/render-run-summary.js';
import { EXIT } from '../exit-codes.js';
import { redactSecrets } from '../redact.js';
import { runCommand } from '../run-command.js';

export function registerScheduleCommand(program: Command): void {
  program
    .command('schedule')
    .description('run sync on the cron expression from the configuration (or --cron) until stopped')
    .option('--cron <expression>', 'override schedule.cron, e.g. "*/15 * * * *"', (v: string) => {
      if (!cron.validate(v)) throw new InvalidArgumentError(`"${v}" is not a valid cron expression`);
      return v;
    })
    .option('--run-now', 'also run once immediately at start')
    .action(
      runCommand(async (opts: { cron?: string; runNow?: boolean }) => {
        const { config, logFormat } = loadRunConfig(program);
        const expression = opts.cron ?? config.settings.schedule.cron;
        if (!cron.validate(expression)) {
          logNotice('config_error', `schedule.cron "${expression}" is not a valid cron expression`);
          return EXIT.CONFIG;
        }
        // node-cron's own logger writes coloured console lines ("[NODE-CRON] [WARN] missed execution…"): its
        // messages go through ours instead, as JSON lines in JSON mode, plain text otherwise.
        const cronLog = (level: string) => (message: unknown, err?: unknown) =>
          logNotice(`cron_${level}`, `node-cron: ${message instanceof Error ? message.message : String(message)}`, {
            level,
            ...(err instanceof Error ? { error: err.message } : {}),
          });
        cron.setLogger({ info: cronLog('info'), warn: cronLog('warn'), error: cronLog('error'), debug: () => undefined });
        const log = (line: string) => process.stderr.write(`${line}\n`);
        // In JSON mode every line is a JSON object, so a log collector never meets plain text.
        const notice = (event: string, text: string, extra: Record<string, unknown> = {}) =>
          log(logFormat === 'json' ? JSON.stringify({ event, ...extra, at: new Date().toISOString() }) : `schedule: ${text}`);
        let running: Promise<void> | null = null;
        let stopping = false;
        let lastCode: number = EXIT.OK;

        const tick = () => {
          if (stopping) return;
          if (running) {
            notice('tick_skipped', 'previous run still going; tick skipped');
            return;
          }
          running = runSync(config, { kind: 'sync', dryRun: false, extract: true, shouldStop: () => stopping })
            .then((outcome) => {
              log(renderRunSummary(outcome.summary, logFormat));
              lastCode = outcome.summary.status === 'success' ? EXIT.OK : EXIT.PARTIAL;
            })
            .catch((err: unknown) => {
              const message = redactSecrets(err instanceof Error ? err.message : String(err));
              lastCode = err instanceof LockHeldError ? EXIT.LOCKED : EXIT.FAILED;
              notice('run_failed', `run failed: ${message}`, { error: message });
            })
            .finally(() => {
              running = null;
            });
        };

        const task = cron.schedule(expression, tick, { timezone: config.settings.netsuite.timeZone });
        notice('schedule_started', `syncing on "${expression}" (${config.settings.netsuite.timeZone}); SIGTERM to stop`, {
          cron: expression,
          timeZone: config.settings.netsuite.timeZone,
        });
        if (opts.runNow) tick();
        await new Promise<void>((resolve) => {
          const stop = () => {
            stopping = true;
            task.stop();
            notice('schedule_stopping', 'stopping after the operation in flight');
            void Promise.resolve(running).then(() => resolve());
          };
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
        return lastCode;
      }),
    );
}
