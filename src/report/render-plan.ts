// One entry point for the CLI: a plan in the format asked for, or the format a file name implies.
import { extname } from 'node:path';
import type { Plan } from '../plan/build-plan.js';
import { buildReportModel, type ReportModelOptions } from './plan-report-model.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderCsv } from './render-csv.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

export const PLAN_FORMATS = ['text', 'json', 'markdown', 'html', 'csv'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface RenderPlanOptions {
  /** What the plan was made from (ledger path, window), shown in the header. */
  generatedFor?: string;
  /** Shown only when given, so that by default the same plan renders to the same bytes. */
  generatedAt?: string;
  /** The NetSuite account id, the connector version and the run's range (dates), shown in the header. */
  netsuiteAccount?: string;
  version?: string;
  range?: { from: string; to: string };
  /** ANSI colours in the text format (the CLI passes `process.stdout.isTTY`). */
  color?: boolean;
  /** Text format: the columns to fit in (the terminal's width). */
  width?: number;
  /** NetSuite bodies in the JSON format. */
  includeBodies?: boolean;
  /** The NetSuite settings: with them the report shows the books' impact and tie-outs. */
  books?: ReportModelOptions['books'];
  arBefore?: ReportModelOptions['arBefore'];
  accountNames?: ReportModelOptions['accountNames'];
}

export function renderPlan(plan: Plan, format: PlanFormat, o: RenderPlanOptions = {}): string {
  const model = buildReportModel(plan, {
    ...(o.generatedFor !== undefined ? { generatedFor: o.generatedFor } : {}),
    ...(o.generatedAt !== undefined ? { generatedAt: o.generatedAt } : {}),
    ...(o.netsuiteAccount !== undefined ? { netsuiteAccount: o.netsuiteAccount } : {}),
    ...(o.version !== undefined ? { version: o.version } : {}),
    ...(o.range !== undefined ? { range: o.range } : {}),
    ...(o.books ? { books: o.books } : {}),
    ...(o.arBefore ? { arBefore: o.arBefore } : {}),
    ...(o.accountNames ? { accountNames: o.accountNames } : {}),
  });
  switch (format) {
    case 'text':
      return renderText(model, { color: o.color === true, ...(o.width !== undefined ? { width: o.width } : {}) });
    case 'json':
      return renderJson(model, { includeBodies: o.includeBodies === true });
    case 'markdown':
      return renderMarkdown(model);
    case 'html':
      return renderHtml(model);
    case 'csv':
      return renderCsv(model);
    default:
      throw new Error(`unknown plan format "${String(format)}" (expected ${PLAN_FORMATS.join(', ')})`);
  }
}

const EXTENSIONS: Record<string, PlanFormat> = {
  '.json': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'text',
  '.csv': 'csv',
};

/** The format an `--out` file name implies; undefined when the extension says nothing (the caller decides). */
export function formatFromFile(path: string): PlanFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

/** Parses a `--format` value; accepts `md` for markdown. */
export function parsePlanFormat(value: string): PlanFormat {
  const v = value.trim().toLowerCase();
  if (v === 'md') return 'markdown';
  if ((PLAN_FORMATS as readonly string[]).includes(v)) return v as PlanFormat;
  throw new Error(`unknown plan format "${value}" (expected ${PLAN_FORMATS.join(', ')})`);
}
