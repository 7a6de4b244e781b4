// What one run did, as apply records it in `runs.summary_json` and the CLI prints it.

export type RunOutcome = 'success' | 'partial' | 'failed' | 'interrupted';

export interface RunSummary {
  runId: number;
  /** sync | backfill | plan | retry */
  kind: string;
  /** Unix epoch milliseconds (Date.now()). */
  startedAt: number;
  /** Unix epoch milliseconds (Date.now()). */
  finishedAt: number;
  status: RunOutcome;
  /** Stripe side: objects stored, of which new or changed, and API requests made. */
  extracted: { objects: number; changed: number; requests: number };
  operations: { planned: number; done: number; failed: number; blocked: number; skipped: number };
  netsuiteRequests: number;
  /** Stripe reads (a window, an object) that failed; `status` names them, the next run retries them. */
  readFailures?: number;
  /** Peak resident memory of the process that ran it, in MB (its own VmHWM on Linux, else maxRSS). Absent in
   *  summaries recorded before it was measured. */
  peakRssMb?: number;
  failures: Array<{ key: string; stripeId: string; error: string }>;
  /** Dry runs that could not read the NetSuite account: why, since their bodies are then not fitted to it. */
  accountProfile?: string;
}
