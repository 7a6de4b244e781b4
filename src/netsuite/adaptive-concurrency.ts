// The client's in-flight limit, adapted to what the account answers. NetSuite's concurrency limit is per account
// and shared by every integration on it (reference §4.4), so the configured `netsuite.concurrency` may be more than
// this connector gets. On a 429 the limit drops to one below what was in flight when it came (the account had room
// for fewer); after `probeRounds` × limit successes in a row it rises by one, up to the configured ceiling.
//
// Extra requests this costs, for an account that leaves L of the configured C slots: at most C − L 429s while the
// limit comes down, then at most one per probe, i.e. per probeRounds × L successful requests.

export interface AdaptiveConcurrencyOptions {
  /** The configured ceiling (`netsuite.concurrency`). */
  max: number;
  /** Rounds of `limit` successes without a 429 before trying one more slot (default 50). */
  probeRounds?: number;
}

export class AdaptiveConcurrencyLimiter {
  private active = 0;
  private current: number;
  private successes = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly probeRounds: number;
  /** How the limit moved, for bench and tests. */
  readonly stats = { throttled: 0, lowest: 0, raised: 0 };

  constructor(private readonly o: AdaptiveConcurrencyOptions) {
    if (!Number.isInteger(o.max) || o.max < 1) throw new Error('concurrency limit must be a positive integer');
    this.current = o.max;
    this.stats.lowest = o.max;
    this.probeRounds = o.probeRounds ?? 50;
  }

  get limit(): number {
    return this.current;
  }

  get inFlight(): number {
    return this.active;
  }

  async acquire(): Promise<void> {
    if (this.active < this.current) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    // A slot is handed straight to the next waiter only while the limit allows it (it may have come down).
    if (this.active <= this.current) {
      const next = this.waiting.shift();
      if (next) return next();
    }
    this.active--;
  }

  /** NetSuite answered 429 to a request still counted in flight. */
  throttled(): void {
    this.stats.throttled++;
    this.successes = 0;
    this.current = Math.max(1, Math.min(this.current, this.active - 1));
    this.stats.lowest = Math.min(this.stats.lowest, this.current);
  }

  /** NetSuite answered a request without throttling it. */
  succeeded(): void {
    if (this.current >= this.o.max) return;
    if (++this.successes < this.probeRounds * this.current) return;
    this.successes = 0;
    this.current++;
    this.stats.raised++;
    // A new slot: let a waiter in now rather than at the next release.
    if (this.active < this.current) {
      const next = this.waiting.shift();
      if (next) {
        this.active++;
        next();
      }
    }
  }
}
