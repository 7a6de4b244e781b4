// Peak memory while the benchmark runs. Two figures, because they answer different questions:
// the OS's peak resident set of the bench process (process.resourceUsage().maxRSS — the sandboxes and the
// generated world live in a child process, so this is the connector plus the bench's bookkeeping) and the peak
// V8 heapUsed sampled on a timer (misses spikes shorter than the interval, but a backfill's working set grows
// slowly, so it does not miss the peak that matters).

export interface MemoryPeaks {
  /** process.resourceUsage().maxRSS, in bytes (the OS's own high-water mark; never sampled). */
  maxRssBytes: number;
  /** Highest process.memoryUsage().heapUsed seen by the sampler, in bytes. */
  peakHeapUsedBytes: number;
  /** heapUsed when the sampler started, in bytes, so the growth during the measured work can be read off. */
  baselineHeapUsedBytes: number;
  sampleIntervalMs: number;
}

export interface MemorySampler {
  stop(): MemoryPeaks;
}

export function startMemorySampler(intervalMs = 50): MemorySampler {
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sample = () => {
    const used = process.memoryUsage().heapUsed;
    if (used > peak) peak = used;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return {
        // maxRSS is in kilobytes on every platform Node supports.
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
        peakHeapUsedBytes: peak,
        baselineHeapUsedBytes: baseline,
        sampleIntervalMs: intervalMs,
      };
    },
  };
}
