// sync, backfill and plan: the same run, applied or only reported.
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadRunConfig } from '../cli-context.js';
import { errorLine, logFormat as currentLogFormat, notice, useColor } from '../output.js';
import type { Operation } from '../../plan/operation.js';
import { ExactDecimal } from '../../accounting/exact-decimal.js';
import { exactParse, exactStringify } from '../../netsuite/exact-json.js';
import type { PlanBasis } from '../../run/plan-basis.js';
import { runSync, type SyncRunOptions, type SyncRunOutcome } from '../../run/sync-run.js';
import { renderPlan, formatFromFile } from '../../report/render-plan.js';
import { renderRunSummary } from '../../report/render-run-summary.js';
import { EXIT } from '../exit-codes.js';
import { parseDateOption, parseFormat, parseOutFile, type ReportFormat } from '../options.js';
import { runCommand } from '../run-command.js';
import { createRunProgress, type RunProgress } from '../run-progress.js';
import { packageVersion } from '../../config/package-version.js';

const isoDay = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

interface ReportOptions {
  dryRun?: boolean;
  detailedExitcode?: boolean;
  format?: ReportFormat;
  out?: string;
  csv?: string;
  extract: boolean;
  config?: string;
}

function addReportOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', 'plan report format: text, json, markdown, html or csv', parseFormat)
    .option('--out <file>', 'write the plan report to a file (format from the extension unless --format)', parseOutFile)
    .option('--csv <file>', 'also write the plan as CSV (one row per operation) for a spreadsheet', parseOutFile)
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
      return execute(
        { kind: 'backfill', dryRun: Boolean(opts.dryRun), extract: opts.extract, range: { from: opts.from, to: opts.to } },
        opts,
        program,
      );
    }),
  );

  addReportOptions(
    program
      .command('plan')
      .description('the dry run: print what a sync would do in NetSuite, writing nothing to it (--out FILE.json saves it for `apply`)')
      .option('--detailed-exitcode', 'exit 0 when there is nothing to do, 2 when there is work, 1 on any error (as terraform)'),
  ).action(
    runCommand(async (opts: ReportOptions) => {
      if (!opts.detailedExitcode) return execute({ kind: 'plan', dryRun: true, extract: opts.extract }, opts, program);
      let outcome: SyncRunOutcome | undefined;
      try {
        await execute({ kind: 'plan', dryRun: true, extract: opts.extract }, opts, program, (o) => (outcome = o));
        // Blocked operations are work to review, not an error; Stripe objects that could not be read are.
        if (!outcome?.plan || (outcome.extractResult?.errors.length ?? 0) > 0) return EXIT.PARTIAL;
        return outcome.plan.operations.length > 0 ? EXIT.PLAN_HAS_CHANGES : EXIT.OK;
      } catch (err) {
        errorLine('run_failed', `run failed: ${err instanceof Error ? err.message : String(err)}`);
        return EXIT.PARTIAL;
      }
    }),
  );

  program
    .command('apply <file>')
    .description('apply exactly the operations of a plan saved by `plan --out FILE.json`; refuses it (exit 2) if what it was built from changed')
    .action(
      runCommand(async (file: string) => {
        const saved = readSavedPlan(file);
        if (typeof saved === 'string') {
          notice('usage_error', saved);
          return EXIT.CONFIG;
        }
        return execute({ kind: 'apply', dryRun: false, extract: false, saved }, {}, program);
      }),
    );
}

/** The operations and basis of a saved plan, or why the file is not one. */
function readSavedPlan(file: string): { operations: Operation[]; basis: PlanBasis } | string {
  let doc: { savedPlan?: { basis?: PlanBasis; operations?: Operation[] } };
  try {
    doc = exactParse(fs.readFileSync(file, 'utf8'), (digits) => new ExactDecimal(digits)) as typeof doc;
  } catch (err) {
    return `${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not a JSON plan (${(err as Error).message})`}`;
  }
  const s = doc?.savedPlan;
  if (!s || !Array.isArray(s.operations) || !s.basis || typeof s.basis.links !== 'string') {
    return `${file} is not a saved plan (no savedPlan with operations and basis): write one with \`plan --out FILE.json\``;
  }
  return { operations: s.operations, basis: s.basis };
}

async function execute(
  run: SyncRunOptions,
  opts: Partial<ReportOptions>,
  program: Command,
  onOutcome?: (outcome: SyncRunOutcome) => void,
): Promise<number> {
  const { config, logFormat } = loadRunConfig(program);
  let stopping = false;
  const onTerm = () => {
    stopping = true;
  };
  process.once('SIGTERM', onTerm);
  process.once('SIGINT', onTerm);
  // Backfills report their chunks; every applying run shows its operations on a terminal.
  let progress: RunProgress | undefined;
  const bar = () => (progress ??= createRunProgress(process.stderr, currentLogFormat()));
  try {
    const outcome = await runSync(config, {
      ...run,
      shouldStop: () => stopping,
      ...(run.range ? { onBackfillProgress: (p) => bar().backfill(p) } : {}),
      ...(!run.dryRun && process.stderr.isTTY ? { onOperation: (_op, result) => bar().applied(result) } : {}),
    });
    onOutcome?.(outcome);
    // Before anything else is printed: a live bar would redraw over the plan and the summary.
    progress?.stop();
    if (outcome.plan) {
      // In JSON log mode stdout carries JSON too: the plan as one JSON line unless --format says otherwise.
      const format = opts.format ?? (opts.out ? formatFromFile(opts.out) : undefined) ?? (logFormat === 'json' ? 'json' : 'text');
      const header = {
        netsuiteAccount: config.secrets.netsuiteAccountId,
        version: packageVersion(),
        ...(run.range ? { range: { from: isoDay(run.range.from), to: isoDay(run.range.to - 1) } } : {}),
      };
      let text = renderPlan(outcome.plan, format, {
        ...header,
        // Only the page people keep says when it was made; the other formats stay byte-identical for diffs.
        ...(format === 'html' ? { generatedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
        color: !opts.out && useColor(process.stdout),
        ...(!opts.out && process.stdout.isTTY ? { width: process.stdout.columns || 100 } : {}),
        books: config.settings.netsuite,
        ...(outcome.arBefore ? { arBefore: outcome.arBefore } : {}),
        ...(outcome.accountNames ? { accountNames: outcome.accountNames } : {}),
      });
      if (format === 'json' && logFormat === 'json' && !opts.out) text = JSON.stringify(JSON.parse(text));
      // A JSON plan written to a file is a saved plan: `apply FILE` sends exactly its operations.
      if (format === 'json' && opts.out && outcome.basis) {
        const doc = JSON.parse(renderPlan(outcome.plan, 'json', { books: config.settings.netsuite, includeBodies: true, ...(outcome.arBefore ? { arBefore: outcome.arBefore } : {}), ...(outcome.accountNames ? { accountNames: outcome.accountNames } : {}) })) as Record<string, unknown>;
        // Written exactly: an amount beyond a double's digits keeps every digit (exact-json.ts).
        text = exactStringify({ ...doc, savedPlan: { basis: outcome.basis, operations: outcome.plan.operations } }, 2) + '\n';
      }
      if (opts.out) fs.writeFileSync(opts.out, text);
      else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      if (opts.csv) fs.writeFileSync(opts.csv, renderPlan(outcome.plan, 'csv', header));
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
    progress?.stop();
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onTerm);
  }
}
