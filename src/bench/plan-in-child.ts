// Runs one plan of a ledger in a process of its own (incremental-child.ts), so its CPU, wall time and peak resident
// memory are the plan's alone, not the seeding's or the bench's.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One plan's figures, as the child measured them. */
export interface PlanFigures {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  operations: number;
  /** Ledger objects the plan read (the partitions it planned). */
  plannedObjects: number;
  /** Full (and why) or of the changes only (how many, what they reached). */
  scope: string;
}

const CHILD = fileURLToPath(new URL('./incremental-child.js', import.meta.url));

/** Plans the ledger's changes as a sync does after extraction, or (`full`) every partition, as a first plan does. */
export async function planInChild(ledgerFile: string, settingsFile: string, o: { full?: boolean } = {}): Promise<PlanFigures> {
  const line = await new Promise<string>((resolve, reject) => {
    const args = [CHILD, ledgerFile, settingsFile, ...(o.full ? ['full'] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`plan in a child process exited ${code}: ${err.slice(-2000)}`))));
  });
  const { objects, ...rest } = JSON.parse(line) as Omit<PlanFigures, 'plannedObjects'> & { objects: number };
  return { ...rest, plannedObjects: objects };
}
