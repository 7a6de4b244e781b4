// Progress of a run for the person watching it: backfill chunks, then the operations applied. On a terminal a
// cli-progress bar (redraw, ETA, terminal width); plain lines when the output is not a terminal, so logs stay
// readable. The caller stops it before printing the run summary: a live bar redraws over whatever follows it.
import cliProgress from 'cli-progress';
import type { BackfillProgress } from '../extract/extract-run.js';
import type { OperationResult } from '../apply/apply-plan.js';

export interface RunProgress {
  backfill: (p: BackfillProgress) => void;
  applied: (result: OperationResult) => void;
  /** Idempotent: the last state stays on screen, and the cursor is given back. */
  stop: () => void;
}

type Phase = 'backfill' | 'apply';

export function createRunProgress(stream: NodeJS.WriteStream, format: 'text' | 'json' = 'text'): RunProgress {
  const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
  if (format === 'json') {
    return {
      backfill: (p) =>
        stream.write(
          `${JSON.stringify({ event: 'backfill_progress', chunksDone: p.chunksDone, chunksTotal: p.chunksTotal, chunkStart: day(p.chunkStart), chunkEnd: day(p.chunkEnd), at: new Date().toISOString() })}\n`,
        ),
      // The run's JSON summary line reports what apply did; a line per operation would flood a log collector.
      applied: () => undefined,
      stop: () => undefined,
    };
  }
  if (!stream.isTTY) {
    return {
      backfill: (p) => stream.write(`backfill: chunk ${p.chunksDone}/${p.chunksTotal} (${day(p.chunkStart)} → ${day(p.chunkEnd)})\n`),
      applied: () => undefined,
      stop: () => undefined,
    };
  }
  const counts = { done: 0, failed: 0, blocked: 0, skipped: 0 };
  let bar: cliProgress.SingleBar | undefined;
  let phase: Phase | undefined;
  const open = (next: Phase, total: number, payload: Record<string, unknown>) => {
    bar?.stop();
    phase = next;
    bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          next === 'backfill'
            ? 'backfill [{bar}] {value}/{total} chunks | {range}'
            : 'apply    {value} operations | {done} done, {failed} failed, {blocked} blocked, {skipped} skipped',
        hideCursor: true,
        // Our own SIGINT/SIGTERM handling stops the run cleanly; the bar must not take those signals over.
        gracefulExit: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, payload);
  };
  return {
    backfill: (p) => {
      if (phase !== 'backfill') open('backfill', p.chunksTotal, { range: '' });
      bar!.update(p.chunksDone, { range: `${day(p.chunkStart)} → ${day(p.chunkEnd)}` });
    },
    applied: (r) => {
      if (phase !== 'apply') open('apply', 0, counts);
      counts[r.status] += 1;
      bar!.increment(1, counts);
    },
    stop: () => {
      bar?.stop();
      bar = undefined;
    },
  };
}
