// A progress bar for backfills on a terminal (cli-progress: handles redraw, ETA and terminal width for us);
// plain lines when the output is not a terminal, so logs stay readable.
import cliProgress from 'cli-progress';
import type { BackfillProgress as Progress } from '../extract/extract-run.js';

export interface BackfillProgress {
  update: (p: Progress) => void;
  stop: () => void;
}

export function createBackfillProgress(stream: NodeJS.WriteStream, format: 'text' | 'json' = 'text'): BackfillProgress {
  const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
  if (format === 'json') {
    return {
      update: (p) =>
        stream.write(
          `${JSON.stringify({ event: 'backfill_progress', chunksDone: p.chunksDone, chunksTotal: p.chunksTotal, chunkStart: day(p.chunkStart), chunkEnd: day(p.chunkEnd), at: new Date().toISOString() })}\n`,
        ),
      stop: () => undefined,
    };
  }
  if (!stream.isTTY) {
    return {
      update: (p) => stream.write(`backfill: chunk ${p.chunksDone}/${p.chunksTotal} (${day(p.chunkStart)} → ${day(p.chunkEnd)})\n`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream, format: 'backfill [{bar}] {value}/{total} chunks | {range}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p) => {
      if (!started) {
        bar.start(p.chunksTotal, 0, { range: '' });
        started = true;
      }
      bar.update(p.chunksDone, { range: `${day(p.chunkStart)} → ${day(p.chunkEnd)}` });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
