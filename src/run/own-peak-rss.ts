// The peak resident memory of this process's own image. On Linux, process.resourceUsage().maxRSS (ru_maxrss) also
// counts the memory the parent held when it forked this process (the image exec replaced): a plan run by a bench
// that had just written a large ledger reported the bench's memory as its own, and so would a run summary. /proc/self/status's VmHWM is
// the peak of this image alone; elsewhere maxRSS is what there is.
import fs from 'node:fs';

export function ownPeakRssMb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // Not Linux: no /proc.
  }
  return process.resourceUsage().maxRSS / 1024;
}
