// Fault injection for the Stripe sandbox: rate limits (429), server errors (500) and latency,
// drawn from a seeded PRNG so a run with the same seed and the same requests fails the same way.
import { mulberry32 } from '../seeded-random.js';

export interface StripeFaults {
  rateLimitRate?: number;
  serverErrorRate?: number;
  latencyMs?: number;
  seed?: number;
}

export type FaultDecision = 'none' | 'rate_limit' | 'server_error';

const DEFAULT_SEED = 1;

function rate(v: number | undefined, name: string): number {
  const r = v ?? 0;
  if (!Number.isFinite(r) || r < 0 || r > 1) throw new Error(`Stripe sandbox faults: ${name} must be between 0 and 1`);
  return r;
}

export class FaultInjector {
  private faults: Required<StripeFaults> = { rateLimitRate: 0, serverErrorRate: 0, latencyMs: 0, seed: DEFAULT_SEED };
  private random: () => number = mulberry32(DEFAULT_SEED);

  constructor(f: StripeFaults = {}) {
    this.set(f);
  }

  /** Replaces the fault settings and restarts the random sequence from the seed. */
  set(f: StripeFaults): void {
    const latencyMs = f.latencyMs ?? 0;
    if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error('Stripe sandbox faults: latencyMs must be >= 0');
    const next = {
      rateLimitRate: rate(f.rateLimitRate, 'rateLimitRate'),
      serverErrorRate: rate(f.serverErrorRate, 'serverErrorRate'),
      latencyMs,
      seed: Number.isFinite(f.seed) ? Math.trunc(f.seed!) : DEFAULT_SEED,
    };
    if (next.rateLimitRate + next.serverErrorRate > 1) {
      throw new Error('Stripe sandbox faults: rateLimitRate + serverErrorRate must not exceed 1');
    }
    this.faults = next;
    this.random = mulberry32(next.seed);
  }

  get(): Required<StripeFaults> {
    return { ...this.faults };
  }

  get latencyMs(): number {
    return this.faults.latencyMs;
  }

  /** One draw per Stripe API request. */
  decide(): FaultDecision {
    const { rateLimitRate, serverErrorRate } = this.faults;
    if (rateLimitRate === 0 && serverErrorRate === 0) return 'none';
    const r = this.random();
    if (r < rateLimitRate) return 'rate_limit';
    if (r < rateLimitRate + serverErrorRate) return 'server_error';
    return 'none';
  }
}
