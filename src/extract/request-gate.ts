// Every Stripe request passes through one gate: a token bucket keeps us under the configured rate, and
// transient failures (429, 5xx, lost connections) are retried with exponential back-off and full jitter.
// The SDK's own retries are off (maxNetworkRetries: 0): it does not retry 429s, and counting is only
// honest if every attempt goes through here.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 20_000 };

export interface GateStats {
  /** HTTP attempts made, retries included (what Stripe's rate limit counts). */
  requests: number;
  retries: number;
  rateLimited: number;
  serverErrors: number;
  connectionErrors: number;
}

/** A Stripe failure as we report it: never carries the API key, never the raw response. */
export class StripeRequestError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly code: string | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'StripeRequestError';
  }
}

/**
 * Stripe is down: several attempts in a row got no answer or a 5xx. Every later request fails at once with this
 * (a circuit breaker, like NetSuite's), so an outage costs a handful of requests and ends the run quickly.
 */
export class StripeUnavailableError extends Error {
  constructor(readonly last: StripeRequestError, readonly failuresInARow: number) {
    super(`Stripe unreachable: ${failuresInARow} requests in a row failed (last: ${last.message})`);
    this.name = 'StripeUnavailableError';
  }
}

/** No answer, or a 5xx: what counts towards the breaker (a 429 or a 4xx is Stripe answering). */
function isOutage(e: ErrorShape): boolean {
  if (e.type === 'StripeConnectionError') return true;
  return typeof e.statusCode === 'number' && e.statusCode >= 500;
}

type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Token bucket: `ratePerSecond` tokens a second, bursts up to one second's worth. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ratePerSecond: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly sleep: Sleep = realSleep,
  ) {
    if (!(ratePerSecond > 0)) throw new Error('requestsPerSecond must be > 0');
    this.tokens = ratePerSecond;
    this.last = clock();
  }

  /** Resolves when a token is available; callers are served in arrival order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeNow());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeNow(): Promise<void> {
    for (;;) {
      const now = this.clock();
      this.tokens = Math.min(this.ratePerSecond, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
    }
  }
}

interface ErrorShape {
  type?: string;
  statusCode?: number;
  code?: string;
  message?: string;
  headers?: Record<string, string>;
}

/** Whether Stripe (or the network) says trying again may succeed. */
export function isRetryable(err: unknown): boolean {
  const e = (err ?? {}) as ErrorShape;
  const shouldRetry = e.headers?.['stripe-should-retry'];
  if (shouldRetry === 'false') return false;
  if (shouldRetry === 'true') return true;
  if (e.type === 'StripeRateLimitError' || e.statusCode === 429) return true;
  if (e.type === 'StripeConnectionError') return true;
  if (typeof e.statusCode === 'number' && e.statusCode >= 500) return true;
  // A 409 lock_timeout is Stripe's "try again" for concurrent access to one object.
  if (e.statusCode === 409 && e.code === 'lock_timeout') return true;
  return false;
}

/** Full-jitter exponential back-off, or the server's Retry-After when it sends one. */
export function backoffMs(attempt: number, policy: RetryPolicy, err: unknown, random: () => number = Math.random): number {
  const retryAfter = Number((err as ErrorShape | undefined)?.headers?.['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter * 1000, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Removes anything key-shaped, and the key itself, from text that may reach logs or reports. */
export function redact(text: string, secrets: string[] = []): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out.replace(/\b(sk|rk|pk)_(test|live)_[A-Za-z0-9_*]+/g, '$1_$2_[redacted]');
}

export function describeError(label: string, err: unknown, secrets: string[]): StripeRequestError {
  const e = (err ?? {}) as ErrorShape;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const parts = [label, status !== undefined ? `HTTP ${status}` : (e.type ?? 'error'), e.code, e.message]
    .filter((p): p is string => typeof p === 'string' && p !== '');
  return new StripeRequestError(redact(parts.join(': '), secrets), status, e.code, isRetryable(err));
}

export interface RequestGate {
  /** Runs one request (`fn` is called once per attempt) under the rate limit, retrying transient failures. */
  run<T>(label: string, fn: () => Promise<T>): Promise<T>;
  readonly stats: GateStats;
  /** Set once Stripe counts as down (the breaker is open): every request then fails at once with it. */
  readonly unavailable: StripeUnavailableError | undefined;
}

export function createRequestGate(options: {
  requestsPerSecond: number;
  retry?: Partial<RetryPolicy>;
  /** Values that must never appear in an error message (the API key). */
  secrets?: string[];
  /** Outage failures in a row (across all requests) that open the breaker; default 5. */
  breakerThreshold?: number;
  sleep?: Sleep;
  random?: () => number;
}): RequestGate {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? realSleep;
  const bucket = new TokenBucket(options.requestsPerSecond, undefined, sleep);
  const stats: GateStats = { requests: 0, retries: 0, rateLimited: 0, serverErrors: 0, connectionErrors: 0 };
  const secrets = options.secrets ?? [];
  const threshold = options.breakerThreshold ?? 5;
  let failuresInARow = 0;
  let down: StripeUnavailableError | undefined;
  return {
    stats,
    get unavailable() {
      return down;
    },
    async run<T>(label: string, fn: () => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        if (down) throw down;
        await bucket.take();
        if (down) throw down;
        stats.requests++;
        try {
          const result = await fn();
          failuresInARow = 0;
          return result;
        } catch (err) {
          const e = (err ?? {}) as ErrorShape;
          if (e.statusCode === 429 || e.type === 'StripeRateLimitError') stats.rateLimited++;
          else if (typeof e.statusCode === 'number' && e.statusCode >= 500) stats.serverErrors++;
          else if (e.type === 'StripeConnectionError') stats.connectionErrors++;
          if (!isOutage(e)) failuresInARow = 0;
          else if (++failuresInARow >= threshold) {
            down ??= new StripeUnavailableError(describeError(label, err, secrets), failuresInARow);
            throw down;
          }
          if (!isRetryable(err) || attempt >= policy.maxAttempts) {
            const described = describeError(label, err, secrets);
            if (attempt > 1) described.message += ` (after ${attempt} attempts)`;
            throw described;
          }
          stats.retries++;
          await sleep(backoffMs(attempt, policy, err, options.random));
        }
      }
    },
  };
}
