// What a sync costs on a ledger of a million objects: a ledger of N objects is seeded (seed-ledger.ts) and planned
// once; ledgers of each size asked for are made of copies of it (tile-ledger.ts, straight into SQLite); each gets
// the change set of incremental-scaling.ts in its base tile (the same objects changed as on the N-object ledger),
// and a process of its own plans the changes. The ratios to the N-object ledger say whether the plan follows the
// change or the ledger. With `firstPlan`, a full plan of each large ledger (as after install, a settings change or a
// changed price) is measured too, in a process of its own, after the incremental one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSettings } from '../config/load-config.js';
import type { Settings } from '../config/settings.js';
import { changeLedger, seedPlannedLedger, type SeededPlannedLedger } from './incremental-scaling.js';
import { planInChild, type PlanFigures } from './plan-in-child.js';
import { tileLedger } from './tile-ledger.js';
import { tileOf } from './tile-ids.js';

export interface TiledScalingOptions {
  /** The seeded ledger's objects (the tile). */
  objects: number;
  /** Ledger sizes to measure, each made of whole tiles (rounded to the nearest number of them). */
  scaleTo: number[];
  seed: number;
  months: number;
  /** Also measure a full plan of each tiled ledger. */
  firstPlan?: boolean;
  /** Where the ledgers are written (a temporary folder by default); removed after. */
  dir?: string;
  configFile?: string;
  log?: (line: string) => void;
}

export interface TiledRun {
  tiles: number;
  objects: number;
  links: number;
  /** Writing the copies (tile-ledger.ts), after the base was seeded. */
  tileMs: number;
  ledgerBytes: number;
  changes: string[];
  incremental: PlanFigures;
  /** Ratios to the base ledger's incremental plan. */
  ratios: { cpu: number; wall: number; peakRss: number };
  firstPlan?: PlanFigures;
}

export interface TiledScalingResult {
  base: SeededPlannedLedger & { ledgerBytes: number; changes: string[]; incremental: PlanFigures };
  tiled: TiledRun[];
}

export async function runTiledScaling(o: TiledScalingOptions): Promise<TiledScalingResult> {
  const log = o.log ?? (() => undefined);
  const dir = fs.mkdtempSync(path.join(o.dir ?? os.tmpdir(), 'sn-tiled-'));
  try {
    const settingsFile = path.join(dir, 'settings.json');
    fs.writeFileSync(settingsFile, JSON.stringify(loadSettings({}, o.configFile).settings));
    // As the plans in child processes read them (a field left undefined is not in the file, nor in their fingerprint).
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Settings;
    const baseFile = path.join(dir, 'base.sqlite');
    const seeded = await seedPlannedLedger(baseFile, o.objects, settings, { seed: o.seed, months: o.months, log });
    const now = seeded.asOf + 60;

    // The base ledger itself (one tile: a copy, so the base stays as planned for the tiles made after).
    const smallFile = path.join(dir, `ledger-${o.objects}.sqlite`);
    tileLedger(baseFile, smallFile, { tiles: 1 });
    const baseChanges = await changeLedger(smallFile, now);
    const baseBytes = fs.statSync(smallFile).size;
    log(`planning the changes of the ${o.objects}-object ledger in a process of its own`);
    const base = await planInChild(smallFile, settingsFile);
    fs.rmSync(smallFile, { force: true });

    const tiled: TiledRun[] = [];
    for (const size of o.scaleTo) {
      const tiles = Math.max(1, Math.round(size / o.objects));
      const file = path.join(dir, `ledger-${size}.sqlite`);
      log(`tiling the ${o.objects}-object ledger ${tiles} times (straight into SQLite)`);
      const t = tileLedger(baseFile, file, { tiles, log });
      const changes = await changeLedger(file, now, (id) => tileOf(id) === 0);
      log(`planning the changes of the ${t.objects}-object ledger in a process of its own`);
      const incremental = await planInChild(file, settingsFile);
      let firstPlan: PlanFigures | undefined;
      if (o.firstPlan) {
        log(`planning the whole ${t.objects}-object ledger (a first plan) in a process of its own`);
        firstPlan = await planInChild(file, settingsFile, { full: true });
      }
      fs.rmSync(file, { force: true });
      tiled.push({
        tiles,
        objects: t.objects,
        links: t.links,
        tileMs: t.ms,
        ledgerBytes: t.bytes,
        changes,
        incremental,
        ratios: { cpu: incremental.cpuMs / base.cpuMs, wall: incremental.wallMs / base.wallMs, peakRss: incremental.peakRssMb / base.peakRssMb },
        firstPlan,
      });
    }
    return { base: { ...seeded, ledgerBytes: baseBytes, changes: baseChanges, incremental: base }, tiled };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
