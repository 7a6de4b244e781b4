// Reads a Stripe sandbox world: a JSON array or NDJSON of Stripe API objects, from a file or
// from items already in memory. A file is kept as raw bytes (off the JS heap) and each item is
// re-parsed when served, so a world of ~500k objects indexes in a few hundred MB of heap.
import { open } from 'node:fs/promises';

export type JsonObject = Record<string, unknown>;
/** A way back to one world item: its index in a file, or the object itself. */
export type ItemHandle = number | JsonObject;

export interface WorldSource {
  readonly count: number;
  /** Visits every item in file order with a freshly parsed copy. */
  forEach(visit: (item: JsonObject, handle: ItemHandle) => void): void;
  /** The item again. In-memory worlds hand back the stored object: callers must not mutate it. */
  read(handle: ItemHandle): JsonObject;
}

export async function loadWorldSource(world: string | object[]): Promise<WorldSource> {
  if (Array.isArray(world)) return memorySource(world);
  return fileSource(world, await readWholeFile(world));
}

function memorySource(items: object[]): WorldSource {
  items.forEach((it, i) => {
    if (it === null || typeof it !== 'object' || Array.isArray(it)) {
      throw new Error(`Stripe sandbox world item ${i + 1} is not a JSON object`);
    }
  });
  return {
    count: items.length,
    forEach(visit) {
      for (const it of items) visit(it as JsonObject, it as JsonObject);
    },
    read(handle) {
      return handle as JsonObject;
    },
  };
}

async function readWholeFile(path: string): Promise<Buffer> {
  // fs.readFile refuses files over 2 GiB; reading in chunks into one Buffer does not.
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const buf = Buffer.allocUnsafe(size);
    let pos = 0;
    while (pos < size) {
      const { bytesRead } = await fh.read(buf, pos, Math.min(size - pos, 64 * 1024 * 1024), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
    }
    return buf.subarray(0, pos);
  } finally {
    await fh.close();
  }
}

const WS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WS[c] = 1;

/**
 * NDJSON fast path: one object per line, found with indexOf. Returns undefined as soon as a line
 * is not a whole `{…}`, and the byte scanner below takes over (pretty-printed or array worlds).
 */
function splitLines(buf: Buffer, from: number): { starts: number[]; ends: number[] } | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let i = from;
  while (i < buf.length) {
    let nl = buf.indexOf(0x0a, i);
    if (nl < 0) nl = buf.length;
    let s = i;
    let e = nl;
    while (s < e && WS[buf[s]]) s++;
    while (e > s && WS[buf[e - 1]]) e--;
    if (s < e) {
      if (buf[s] !== 0x7b || buf[e - 1] !== 0x7d) return undefined;
      starts.push(s);
      ends.push(e);
    }
    i = nl + 1;
  }
  return { starts, ends };
}

/** Finds each top-level object of a JSON array or of NDJSON (also pretty-printed, concatenated JSON). */
function splitItems(buf: Buffer, path: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  const n = buf.length;
  if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3; // BOM
  while (i < n && WS[buf[i]]) i++;
  const arrayMode = buf[i] === 0x5b; // '['
  if (!arrayMode) {
    const lines = splitLines(buf, i);
    if (lines) return lines;
  }
  const base = arrayMode ? 1 : 0;
  if (arrayMode) i++;
  let depth = base;
  let inString = false;
  let start = -1;
  let closed = false;
  const fail = (what: string): never => {
    const line = buf.subarray(0, i).toString('latin1').split('\n').length;
    throw new Error(`Stripe sandbox world ${path}: ${what} at line ${line} (byte ${i})`);
  };
  for (; i < n; i++) {
    const c = buf[i];
    if (inString) {
      // jump to the next quote instead of stepping byte by byte through the string; the quote
      // is escaped when an odd number of backslashes precede it
      const q = buf.indexOf(0x22, i);
      if (q < 0) {
        i = n;
        break;
      }
      let k = q - 1;
      while (k >= i && buf[k] === 0x5c) k--;
      i = q;
      if ((q - 1 - k) % 2 === 0) inString = false;
      continue;
    }
    if (depth === base) {
      if (WS[c]) continue;
      if (closed) fail('unexpected content after the closing ]');
      if (c === 0x7b) {
        start = i;
        depth++;
        continue;
      }
      if (arrayMode && c === 0x2c) continue; // ',' between items
      if (arrayMode && c === 0x5d) {
        closed = true;
        continue;
      }
      fail('expected a JSON object');
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === base) {
        starts.push(start);
        ends.push(i + 1);
      }
    }
  }
  if (inString || depth !== base) fail('unterminated JSON value');
  if (arrayMode && !closed) fail('missing the closing ] of the JSON array');
  return { starts, ends };
}

function fileSource(path: string, buf: Buffer): WorldSource {
  const { starts, ends } = splitItems(buf, path);
  const parse = (i: number): JsonObject => {
    try {
      return JSON.parse(buf.toString('utf8', starts[i], ends[i])) as JsonObject;
    } catch (e) {
      throw new Error(`Stripe sandbox world ${path}: item ${i + 1} is not valid JSON (${(e as Error).message})`);
    }
  };
  return {
    count: starts.length,
    forEach(visit) {
      for (let i = 0; i < starts.length; i++) visit(parse(i), i);
    },
    read(handle) {
      // An item written by an API call (world-index.ts `append`) is held as the object itself.
      return typeof handle === 'number' ? parse(handle) : handle;
    },
  };
}
