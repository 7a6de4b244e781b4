/** Writes a world as NDJSON in large chunks, so multi-gigabyte worlds never sit in memory as one string. */
import { closeSync, openSync, writeSync } from 'node:fs';

const CHUNK = 1 << 22; // flush about every 4 MB of text

export function writeWorld(file: string, items: object[]): void {
  const fd = openSync(file, 'w');
  try {
    let buffer = '';
    for (const item of items) {
      buffer += JSON.stringify(item) + '\n';
      if (buffer.length >= CHUNK) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer) writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}
