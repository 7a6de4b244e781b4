// Does a sync cost what changed, not what the ledger holds? Two ledgers of N and 10·N objects (seeded straight into
// SQLite by seed-ledger.ts, every record already linked, then planned once, as the run that synced them did) get the
// same change set through the ledger's own write path (upsertSnapshots); a process of its own then plans the changes
// (planOfLedger) and reports its CPU, wall time and peak RSS. The ratios 10·N / N are the verdict. Measured: the plan
// of a sync; not measured here: its extraction (Stripe requests follow the changes: test/extract) and its apply
// (NetSuite writes follow the operations).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSettings } from '../config/load-config.js';
import type { Settings } from '../config/settings.js';
import { openLedger, type Ledger } from '../ledger/open-ledger.js';
import { upsertSnapshots, type StripeObjectLike } from '../ledger/snapshots.js';
import { planFromLedger } from '../run/plan-from-ledger.js';
import { seedLedger } from './seed-ledger.js';

export interface IncrementalScalingOptions {
  /** The smaller ledger; the larger holds ten times as many objects. */
  objects: number;
  seed: number;
  months: number;
  configFile?: string;
  log?: (line: string) => void;
}

export interface IncrementalRun {
  objects: number;
  links: number;
  seedMs: number;
  /** The full plan after seeding (what every later plan continues from). */
  fullPlanMs: number;
  changes: string[];
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  operations: number;
  /** Ledger objects the incremental plan read (the partitions the changes reach). */
  plannedObjects: number;
  scope: string;
}

export interface IncrementalScalingResult {
  small: IncrementalRun;
  large: IncrementalRun;
  ratios: { cpu: number; wall: number; peakRss: number };
}

const CHILD = fileURLToPath(new URL('./incremental-child.js', import.meta.url));

/** The same change set on any ledger: 4 invoices copied as new ones, 3 customers' balances, 3 charges changed. */
function applyChangeSet(ledger: Ledger, now: number): string[] {
  const first = (type: string, n: number) =>
    ledger.sqlite
      .prepare('SELECT id, json, final, payout FROM stripe_objects WHERE type = ? ORDER BY created, id LIMIT ?')
      .all(type, n) as Array<{ id: string; json: string; final: number; payout: string | null }>;
  const changes: string[] = [];
  const items: Array<{ object: StripeObjectLike; options: { final: boolean; payout: string | null; now: number } }> = [];
  for (const r of first('invoice', 4)) {
    const o = JSON.parse(r.json) as StripeObjectLike;
    items.push({ object: { ...o, id: `${o.id}_bench`, number: `BENCH-${o.id}` }, options: { final: r.final === 1, payout: null, now } });
    changes.push(`new invoice ${o.id}_bench`);
  }
  for (const r of first('customer', 3)) {
    items.push({ object: { ...(JSON.parse(r.json) as StripeObjectLike), balance: -1234 }, options: { final: false, payout: null, now } });
    changes.push(`balance of ${r.id}`);
  }
  for (const r of first('charge', 3)) {
    items.push({ object: { ...(JSON.parse(r.json) as StripeObjectLike), description: 'bench change' }, options: { final: r.final === 1, payout: r.payout, now } });
    changes.push(`charge ${r.id}`);
  }
  upsertSnapshots(ledger, items);
  return changes;
}

async function measure(objects: number, o: IncrementalScalingOptions, settingsFile: string, dir: string): Promise<IncrementalRun> {
  const log = o.log ?? (() => undefined);
  const file = path.join(dir, `ledger-${objects}.sqlite`);
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Settings;
  const ledger = openLedger(file);
  let seeded;
  let fullPlanMs;
  let changes;
  try {
    log(`seeding a ledger of ${objects} objects (straight into SQLite)`);
    seeded = await seedLedger(ledger, settings, { objects, seed: o.seed, months: o.months, log });
    const f0 = performance.now();
    await planFromLedger(ledger, settings);
    fullPlanMs = performance.now() - f0;
    changes = applyChangeSet(ledger, seeded.asOf + 60);
  } finally {
    await ledger.close();
  }
  log(`planning the changes of the ${objects}-object ledger in a process of its own`);
  const line = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, file, settingsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`incremental plan exited ${code}: ${err.slice(-2000)}`))));
  });
  const r = JSON.parse(line) as { wallMs: number; cpuMs: number; peakRssMb: number; operations: number; objects: number; scope: string };
  fs.rmSync(file, { force: true });
  return {
    objects: seeded.objects,
    links: seeded.links,
    seedMs: seeded.ms,
    fullPlanMs,
    changes,
    wallMs: r.wallMs,
    cpuMs: r.cpuMs,
    peakRssMb: r.peakRssMb,
    operations: r.operations,
    plannedObjects: r.objects,
    scope: r.scope,
  };
}

export async function runIncrementalScaling(o: IncrementalScalingOptions): Promise<IncrementalScalingResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-incremental-'));
  try {
    const settingsFile = path.join(dir, 'settings.json');
    fs.writeFileSync(settingsFile, JSON.stringify(loadSettings({}, o.configFile).settings));
    const small = await measure(o.objects, o, settingsFile, dir);
    const large = await measure(o.objects * 10, o, settingsFile, dir);
    return {
      small,
      large,
      ratios: { cpu: large.cpuMs / small.cpuMs, wall: large.wallMs / small.wallMs, peakRss: large.peakRssMb / small.peakRssMb },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
