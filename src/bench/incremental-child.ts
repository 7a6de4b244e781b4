// One plan in a process of its own, so its peak resident memory is the plan's and not the seeding's:
// `node incremental-child.js <ledger> <settings.json> [full]` plans the ledger's changes (planOfLedger, as a sync does
// after extraction), or with `full` every partition (a first plan), and prints its CPU, wall time, peak RSS (its own: own-peak-rss.ts) and what
// it planned as one JSON line (plan-in-child.ts reads it).
import fs from 'node:fs';
import { openLedger } from '../ledger/open-ledger.js';
import { planOfLedger } from '../run/plan-from-ledger.js';
import type { Settings } from '../config/settings.js';
import { ownPeakRssMb } from '../run/own-peak-rss.js';

const [ledgerPath, settingsFile, mode] = process.argv.slice(2);
const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Settings;
const ledger = openLedger(ledgerPath);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let operations = 0;
let objects = 0;
let scope = '';
for await (const ops of planOfLedger(ledger, settings, {
  full: mode === 'full',
  onScope: (s) => (scope = s.kind === 'full' ? `full (${s.reason})` : `${s.dirty} changed, ${s.objects} objects, ${s.payouts} payouts`),
  onPartition: (p) => (objects += p.ids.length),
})) {
  operations += ops.length;
}
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await ledger.close();
process.stdout.write(
  `${JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: ownPeakRssMb(), operations, objects, scope })}\n`,
);
