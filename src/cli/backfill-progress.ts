// A progress bar for backfills on a terminal (cli-progress: handles redraw, ETA and terminal width for us);
// plain lines when the output is not a terminal, so logs stay readable.
import cliProgress from 'cli-progress';

export interface BackfillProgress {
  update: (p: { chunkStart: number; chunkEnd: number; done: number; total: number }) => void;
  stop: () => void;
}

export function createBackfillProgress(stream: NodeJS.WriteStream): BackfillProgress {
  const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
  if (!stream.isTTY) {
    return {
      update: (p) => stream.write(`backfill: chunk ${p.done}/${p.total} (${day(p.chunkStart)} → ${day(p.chunkEnd)})\n`),
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
        bar.start(p.total, 0, { range: '' });
        started = true;
      }
      bar.update(p.done, { range: `${day(p.chunkStart)} → ${day(p.chunkEnd)}` });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
