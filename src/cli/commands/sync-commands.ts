// sync, backfill and plan: the same run, applied or only reported.
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadRunConfig } from '../cli-context.js';
import { logFormat as currentLogFormat, notice, useColor } from '../output.js';
import { runSync, type SyncRunOptions } from '../../run/sync-run.js';
import { renderPlan, formatFromFile } from '../../report/render-plan.js';
import { renderRunSummary } from '../../report/render-run-summary.js';
import { EXIT } from '../exit-codes.js';
import { parseDateOption, parseFormat, parseOutFile, type ReportFormat } from '../options.js';
import { runCommand } from '../run-command.js';
import { createBackfillProgress } from '../backfill-progress.js';

interface ReportOptions {
  dryRun?: boolean;
  format?: ReportFormat;
  out?: string;
  extract: boolean;
  config?: string;
}

function addReportOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', 'plan report format: text, json, markdown or html', parseFormat)
    .option('--out <file>', 'write the plan report to a file (format from the extension unless --format)', parseOutFile)
    .option('--no-extract', 'plan from what the ledger already holds, without reading Stripe');
}

export function registerSyncCommands(program: Command): void {
  addReportOptions(
    program
      .command('sync')
      .description('read Stripe, plan, and write the planned records to NetSuite')
      .option('--dry-run', 'print the plan instead of writing to NetSuite'),
  ).action(
    runCommand(async (opts: ReportOptions) =>
      execute({ kind: 'sync', dryRun: Boolean(opts.dryRun), extract: opts.extract }, opts, program),
    ),
  );

  addReportOptions(
    program
      .command('backfill')
      .description('sync an explicit date range [from, to), in resumable chunks')
      .requiredOption('--from <date>', 'start of the range (YYYY-MM-DD or ISO date-time, inclusive)', parseDateOption('--from'))
      .requiredOption('--to <date>', 'end of the range (exclusive)', parseDateOption('--to'))
      .option('--dry-run', 'print the plan instead of writing to NetSuite'),
  ).action(
    runCommand(async (opts: ReportOptions & { from: number; to: number }) => {
      if (opts.to <= opts.from) {
        notice('usage_error', '--to must be after --from');
        return EXIT.CONFIG;
      }
      let progress: ReturnType<typeof createBackfillProgress> | undefined;
      try {
        return await execute(
          {
            kind: 'backfill',
            dryRun: Boolean(opts.dryRun),
            extract: opts.extract,
            range: { from: opts.from, to: opts.to },
            onBackfillProgress: (p) => (progress ??= createBackfillProgress(process.stderr, currentLogFormat())).update(p),
          },
          opts,
          program,
        );
      } finally {
        progress?.stop();
      }
    }),
  );

  addReportOptions(
    program.command('plan').description('the dry run: print what a sync would do in NetSuite, writing nothing to it'),
  ).action(
    runCommand(async (opts: ReportOptions) => execute({ kind: 'plan', dryRun: true, extract: opts.extract }, opts, program)),
  );
}

async function execute(run: SyncRunOptions, opts: ReportOptions, program: Command): Promise<number> {
  const { config, logFormat } = loadRunConfig(program);
  let stopping = false;
  const onTerm = () => {
    stopping = true;
  };
  process.once('SIGTERM', onTerm);
  process.once('SIGINT', onTerm);
  try {
    const outcome = await runSync(config, { ...run, shouldStop: () => stopping });
    if (outcome.plan) {
      // In JSON log mode stdout carries JSON too: the plan as one JSON line unless --format says otherwise.
      const format = opts.format ?? (opts.out ? formatFromFile(opts.out) : undefined) ?? (logFormat === 'json' ? 'json' : 'text');
      let text = renderPlan(outcome.plan, format, { color: !opts.out && useColor(process.stdout), books: config.settings.netsuite });
      if (format === 'json' && logFormat === 'json' && !opts.out) text = JSON.stringify(JSON.parse(text));
      if (opts.out) fs.writeFileSync(opts.out, text);
      else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }
    process.stderr.write(`${renderRunSummary(outcome.summary, logFormat)}\n`);
    // The JSON run line already lists the failures.
    if (logFormat === 'json') return outcome.summary.status === 'success' ? EXIT.OK : EXIT.PARTIAL;
    for (const f of outcome.summary.failures.slice(0, 20)) {
      process.stderr.write(`  ${f.key} (${f.stripeId}): ${f.error}\n`);
    }
    if (outcome.summary.failures.length > 20) {
      process.stderr.write(`  … and ${outcome.summary.failures.length - 20} more: see \`stripe-netsuite status\`\n`);
    }
    return outcome.summary.status === 'success' ? EXIT.OK : EXIT.PARTIAL;
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onTerm);
  }
}
