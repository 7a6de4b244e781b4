// Does a sync cost what changed, not what the ledger holds? Two ledgers of N and 10·N objects (seeded straight into
// SQLite by seed-ledger.ts, every record already linked, then planned once, as the run that synced them did) get the
// same change set through the ledger's own write path (change-set.ts); a process of its own then plans the changes
// (planOfLedger) and reports its CPU, wall time and peak RSS. The ratios 10·N / N are the verdict. Measured: the plan
// of a sync; not measured here: its extraction (Stripe requests follow the changes: test/extract) and its apply
// (NetSuite writes follow the operations). tiled-scaling.ts goes further (1M objects) with tiled ledgers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSettings } from '../config/load-config.js';
import type { Settings } from '../config/settings.js';
import { openLedger } from '../ledger/open-ledger.js';
import { planFromLedger } from '../run/plan-from-ledger.js';
import { seedLedger } from './seed-ledger.js';
import { applyChangeSet } from './change-set.js';
import { planInChild, type PlanFigures } from './plan-in-child.js';

export interface IncrementalScalingOptions {
  /** The smaller ledger; the larger holds ten times as many objects. */
  objects: number;
  seed: number;
  months: number;
  configFile?: string;
  log?: (line: string) => void;
}

/** The incremental plan's figures (`plannedObjects`: the partitions the changes reach), and its ledger's. */
export interface IncrementalRun extends PlanFigures {
  objects: number;
  links: number;
  seedMs: number;
  /** The full plan after seeding (what every later plan continues from). */
  fullPlanMs: number;
  /** The ledger file's size when the incremental plan began. */
  ledgerBytes: number;
  changes: string[];
}

export interface IncrementalScalingResult {
  small: IncrementalRun;
  large: IncrementalRun;
  ratios: { cpu: number; wall: number; peakRss: number };
}

export interface SeededPlannedLedger {
  objects: number;
  links: number;
  seedMs: number;
  fullPlanMs: number;
  /** World time of the seeding's cut; changes come after it. */
  asOf: number;
}

/** Seeds a ledger of `objects` objects into `file` and plans it once, as the sync that made it did; closes it. */
export async function seedPlannedLedger(
  file: string,
  objects: number,
  settings: Settings,
  o: { seed: number; months: number; log?: (line: string) => void },
): Promise<SeededPlannedLedger> {
  const ledger = openLedger(file);
  try {
    o.log?.(`seeding a ledger of ${objects} objects (straight into SQLite)`);
    const seeded = await seedLedger(ledger, settings, { objects, seed: o.seed, months: o.months, log: o.log });
    const f0 = performance.now();
    await planFromLedger(ledger, settings);
    return { objects: seeded.objects, links: seeded.links, seedMs: seeded.ms, fullPlanMs: performance.now() - f0, asOf: seeded.asOf };
  } finally {
    await ledger.close();
  }
}

/** Writes the change set into the ledger at `file` (closed again after), returning what changed. */
export async function changeLedger(file: string, now: number, among?: (id: string) => boolean): Promise<string[]> {
  const ledger = openLedger(file);
  try {
    return applyChangeSet(ledger, now, among);
  } finally {
    await ledger.close();
  }
}

async function measure(objects: number, o: IncrementalScalingOptions, settingsFile: string, dir: string): Promise<IncrementalRun> {
  const log = o.log ?? (() => undefined);
  const file = path.join(dir, `ledger-${objects}.sqlite`);
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Settings;
  const seeded = await seedPlannedLedger(file, objects, settings, { seed: o.seed, months: o.months, log });
  const changes = await changeLedger(file, seeded.asOf + 60);
  const ledgerBytes = fs.statSync(file).size;
  log(`planning the changes of the ${objects}-object ledger in a process of its own`);
  const r = await planInChild(file, settingsFile);
  fs.rmSync(file, { force: true });
  return {
    objects: seeded.objects,
    links: seeded.links,
    seedMs: seeded.seedMs,
    fullPlanMs: seeded.fullPlanMs,
    ledgerBytes,
    changes,
    ...r,
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
