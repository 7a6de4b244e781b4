// The run's progress on a terminal: what a person finally sees on the screen, replayed from the bytes written to
// a terminal-like stream through a small VT100 interpreter (the escapes cli-progress and readline use).
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { createRunProgress } from '../../src/cli/run-progress.js';

/** A terminal-like stream: isTTY, 100 columns, everything written kept. */
function fakeTerminal(): NodeJS.WriteStream & { bytes: string[] } {
  const bytes: string[] = [];
  const s = new Writable({
    write(chunk, _enc, cb) {
      bytes.push(String(chunk));
      cb();
    },
  }) as unknown as NodeJS.WriteStream & { bytes: string[] };
  Object.assign(s, { isTTY: true, columns: 100, rows: 40, bytes });
  return s;
}

/** The screen after replaying the output: lines of text, trailing blanks dropped. */
function screen(out: string): string[] {
  const rows: string[][] = [[]];
  let r = 0;
  let c = 0;
  let saved = { r: 0, c: 0 };
  const row = () => (rows[r] ??= []);
  for (let i = 0; i < out.length; i++) {
    const ch = out[i];
    if (ch === '\x1b') {
      if (out[i + 1] === '7') (saved = { r, c }), i++;
      else if (out[i + 1] === '8') ({ r, c } = saved), i++;
      else if (out[i + 1] === '[') {
        const m = /^\[(\??)(\d*)(?:;(\d*))?([A-Za-z])/.exec(out.slice(i + 1))!;
        i += m[0].length;
        const n = m[2] === '' ? undefined : Number(m[2]);
        if (m[1] === '?') continue; // cursor visibility, line wrapping
        switch (m[4]) {
          case 'G':
            c = (n ?? 1) - 1;
            break;
          case 'A':
            r = Math.max(0, r - (n ?? 1));
            break;
          case 'B':
            r += n ?? 1;
            break;
          case 'C':
            c += n ?? 1;
            break;
          case 'D':
            c = Math.max(0, c - (n ?? 1));
            break;
          case 'K':
            if ((n ?? 0) === 0) row().length = Math.min(row().length, c);
            else if (n === 1) for (let k = 0; k <= c; k++) row()[k] = ' ';
            else rows[r] = [];
            break;
          case 'J':
            row().length = Math.min(row().length, c);
            rows.length = r + 1;
            break;
          default:
            throw new Error(`escape ${m[0]} not understood`);
        }
      }
      continue;
    }
    if (ch === '\r') c = 0;
    else if (ch === '\n') (r += 1), (c = 0), row();
    else (row()[c] = ch), (c += 1);
  }
  return rows.map((x) => Array.from(x, (ch) => ch ?? ' ').join('').trimEnd()).join('\n').trimEnd().split('\n');
}

describe('cli: run progress on a terminal', () => {
  it('shows backfill chunks, then applied operations, and leaves the summary printed after it intact', async () => {
    const term = fakeTerminal();
    const progress = createRunProgress(term, 'text');
    const day = Date.UTC(2026, 0, 1) / 1000;
    for (let i = 1; i <= 3; i++) progress.backfill({ chunksDone: i, chunksTotal: 3, chunkStart: day + (i - 1) * 86_400, chunkEnd: day + i * 86_400 } as never);
    for (const status of ['done', 'done', 'failed', 'blocked'] as const) {
      progress.applied(status === 'done' ? { status, internalId: '1', created: true } : status === 'failed' ? { status, error: 'x' } : { status, reason: 'y' });
    }
    progress.stop();
    const afterStop = term.bytes.length;
    term.write('run 7 backfill partial: 4 operations\n  invoice:in_1 (in_1): x\n');
    // Long enough for a bar left running to redraw over the summary.
    await sleep(300);
    expect(term.bytes.length, 'nothing written after stop but the summary').to.equal(afterStop + 1);
    const lines = screen(term.bytes.join(''));
    expect(lines[0]).to.match(/^backfill \[█+\] 3\/3 chunks \| 2026-01-03 → 2026-01-04$/);
    expect(lines[1]).to.equal('apply    4 operations | 2 done, 1 failed, 1 blocked, 0 skipped');
    expect(lines.slice(2)).to.deep.equal(['run 7 backfill partial: 4 operations', '  invoice:in_1 (in_1): x']);
    progress.stop(); // idempotent
  });

  it('writes plain lines when not on a terminal, and nothing per operation', () => {
    const bytes: string[] = [];
    const pipe = new Writable({ write: (chunk, _e, cb) => (bytes.push(String(chunk)), cb()) }) as unknown as NodeJS.WriteStream;
    const progress = createRunProgress(pipe, 'text');
    progress.backfill({ chunksDone: 1, chunksTotal: 2, chunkStart: 0, chunkEnd: 86_400 } as never);
    progress.applied({ status: 'done', internalId: '1', created: true });
    progress.stop();
    expect(bytes).to.deep.equal(['backfill: chunk 1/2 (1970-01-01 → 1970-01-02)\n']);
  });
});
