// Exit codes, so cron and alerting can tell outcomes apart (documented in the README).
export const EXIT = {
  /** Everything planned was done (or nothing was needed). */
  OK: 0,
  /** The run finished but some operations failed, were blocked or skipped, or some Stripe objects could not be read. */
  PARTIAL: 1,
  /** Bad configuration or command-line usage; nothing was attempted. */
  CONFIG: 2,
  /** `apply FILE`: the saved plan is stale (what it was built from changed); nothing was written. */
  STALE_PLAN: 2,
  /** `plan --detailed-exitcode`: the plan has operations (0 = none, 1 = error), as `terraform plan` does. */
  PLAN_HAS_CHANGES: 2,
  /** The run could not proceed (Stripe or NetSuite unreachable, authentication refused, ledger unusable). */
  FAILED: 3,
  /** Another run holds the ledger lock; nothing was attempted. */
  LOCKED: 4,
} as const;
