// The benchmark's sandboxes, in a process of their own (forked by bench-sandboxes.ts), so that the connector
// being measured shares neither its event loop nor its memory with them or with the generated world.
// Protocol over the IPC channel: the parent sends `start`; this process generates the world (if asked), writes it
// as NDJSON, serves it and a NetSuite account, and answers `ready`; then `stats` → `stats`, `close` → `closed`.
// It also exits when the parent goes away, so a crashed benchmark leaves no servers behind.
import { generateWorld, writeWorld, DEFAULT_WORLD_START, type WorldSummary } from '../sandbox/generate/generate-world.js';
import { startStripeSandbox, type StripeSandbox } from '../sandbox/stripe/server.js';
import { startNetSuiteSandbox, type NetSuiteSandbox, type NetSuiteSandboxStats } from '../sandbox/netsuite/server.js';
import { SNAPSHOT_BUCKETS } from '../plan/plan-input.js';

/** Either a world of this many customers, or one sized to hold at least `objects` objects the ledger keeps. */
export type WorldSpec =
  | { customers: number; months: number; seed: number }
  | { objects: number; months: number; seed: number };

export interface SandboxChildStart {
  type: 'start';
  /** Omit for a NetSuite-only bench. */
  world?: WorldSpec & {
    /** Where the generated world is written (NDJSON); the Stripe sandbox serves it from there. */
    file: string;
    /** The world must end at least 3 days before this (Unix seconds); it then becomes the Stripe clock. */
    notAfter?: number;
  };
  stripeApiKey: string;
  netsuite: {
    accountId: string;
    tba: { consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string };
    /** SQLite file for the account; omitted = in memory (the simulated service's disk is not what is measured). */
    stateFile?: string;
    concurrency: number;
    latencyMs: number;
  };
}

export interface SandboxChildReady {
  type: 'ready';
  stripeUrl: string | null;
  netsuiteUrl: string;
  /** The Stripe sandbox clock (Unix seconds); null without a world. */
  now: number | null;
  world: (WorldSummary & { customers: number; generateMs: number; keptObjects: number }) | null;
}

export interface SandboxChildStats {
  type: 'stats';
  netsuite: NetSuiteSandboxStats;
  stripeRequests: number;
  /** This process's CPU time so far (user + system, ms): what serving the connector cost the machine. */
  cpuMs: number;
}

export type ParentMessage = SandboxChildStart | { type: 'stats' } | { type: 'close' };
export type ChildMessage = SandboxChildReady | SandboxChildStats | { type: 'closed' } | { type: 'error'; message: string };

const DAY = 86_400;

/** Objects of the types the ledger keeps (the ones a backfill stores and plans). */
function keptObjects(summary: WorldSummary): number {
  return Object.entries(summary.byType).reduce((n, [type, count]) => (SNAPSHOT_BUCKETS[type] ? n + count : n), 0);
}

function generate(spec: WorldSpec, start: number): { items: object[]; summary: WorldSummary; customers: number } {
  if ('customers' in spec) {
    const w = generateWorld({ customers: spec.customers, months: spec.months, seed: spec.seed, start });
    return { ...w, customers: spec.customers };
  }
  // Size from a small probe, then grow until the world is large enough.
  const probe = generateWorld({ customers: 20, months: spec.months, seed: spec.seed, start });
  const perCustomer = Math.max(1, keptObjects(probe.summary) / 20);
  let customers = Math.max(1, Math.ceil((spec.objects / perCustomer) * 1.02));
  for (let attempt = 0; attempt < 6; attempt++) {
    const w = generateWorld({ customers, months: spec.months, seed: spec.seed, start });
    if (keptObjects(w.summary) >= spec.objects) return { ...w, customers };
    customers = Math.ceil(customers * 1.1);
  }
  throw new Error(`could not generate a world with ${spec.objects} objects`);
}

/** The default world start, unless the world would then end too close to `notAfter`. */
function worldStart(months: number, notAfter: number | undefined): number {
  if (notAfter === undefined) return DEFAULT_WORLD_START;
  const latest = Math.floor((notAfter - 3 * DAY - (months * 31 + 1) * DAY) / DAY) * DAY;
  return Math.min(DEFAULT_WORLD_START, latest);
}

let stripe: StripeSandbox | null = null;
let netsuite: NetSuiteSandbox | null = null;

async function closeAll(): Promise<void> {
  const s = stripe;
  const n = netsuite;
  stripe = null;
  netsuite = null;
  await s?.close();
  await n?.close();
}

async function start(m: SandboxChildStart): Promise<SandboxChildReady> {
  let world: SandboxChildReady['world'] = null;
  let now: number | null = null;
  if (m.world) {
    const t0 = performance.now();
    const generated = generate(m.world, worldStart(m.world.months, m.world.notAfter));
    writeWorld(m.world.file, generated.items);
    const generateMs = performance.now() - t0;
    const { summary, customers } = generated;
    world = { ...summary, customers, generateMs, keptObjects: keptObjects(summary) };
    now = m.world.notAfter ?? summary.end + 3 * DAY;
    // Served from the file, as `sandbox stripe --world FILE` does; the generated items are dropped first.
    generated.items.length = 0;
    stripe = await startStripeSandbox({ world: m.world.file, port: 0, now, apiKey: m.stripeApiKey });
  }
  netsuite = await startNetSuiteSandbox({
    port: 0,
    stateFile: m.netsuite.stateFile,
    accountId: m.netsuite.accountId,
    credentials: { tba: m.netsuite.tba },
    concurrency: m.netsuite.concurrency,
    latencyMs: m.netsuite.latencyMs,
  });
  return { type: 'ready', stripeUrl: stripe?.url ?? null, netsuiteUrl: netsuite.url, now, world };
}

function reply(m: ChildMessage): void {
  process.send?.(m);
}

process.on('message', (raw) => {
  const m = raw as ParentMessage;
  void (async () => {
    try {
      if (m.type === 'start') reply(await start(m));
      else if (m.type === 'stats') {
        if (!netsuite) throw new Error('not started');
        const cpu = process.cpuUsage();
        reply({ type: 'stats', netsuite: netsuite.stats(), stripeRequests: stripe?.requestLog.length ?? 0, cpuMs: (cpu.user + cpu.system) / 1000 });
      } else if (m.type === 'close') {
        await closeAll();
        reply({ type: 'closed' });
        process.disconnect();
      }
    } catch (err) {
      reply({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
  })();
});

process.on('disconnect', () => {
  void closeAll().finally(() => process.exit(0));
});
