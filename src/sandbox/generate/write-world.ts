/**
 * Writes a world as NDJSON in large chunks, so multi-gigabyte worlds never sit in memory as one string.
 * An event usually carries the very snapshot object written just before it (an object's creation
 * event, or an invoice paid on finalization), so the JSON of recent snapshots is reused instead of
 * serialized again; the output is byte-identical to JSON.stringify of every item.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { WorldEvent } from './world-items.js';

const CHUNK = 1 << 22; // flush about every 4 MB of text
const RECENT = 512; // snapshots whose JSON is kept for reuse

export function writeWorld(file: string, items: object[]): void {
  const recent = new Map<object, string>();
  const json = (obj: object): string => {
    let text = recent.get(obj);
    if (text === undefined) {
      text = JSON.stringify(obj);
      recent.set(obj, text);
      if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
    }
    return text;
  };
  const fd = openSync(file, 'w');
  try {
    let parts: string[] = [];
    let size = 0;
    for (const item of items) {
      const line = (item as { object?: unknown }).object === 'event' ? eventJson(item as WorldEvent, json) : json(item);
      parts.push(line);
      size += line.length + 1;
      if (size >= CHUNK) {
        writeSync(fd, parts.join('\n') + '\n');
        parts = [];
        size = 0;
      }
    }
    if (parts.length) writeSync(fd, parts.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
}

/** JSON.stringify(event), with the carried snapshot's JSON supplied by `json`. */
function eventJson(e: WorldEvent, json: (obj: object) => string): string {
  return (
    `{"id":${JSON.stringify(e.id)},"object":"event","api_version":${JSON.stringify(e.api_version)},"created":${e.created},` +
    `"data":{"object":${json(e.data.object)}},"livemode":false,"pending_webhooks":0,` +
    `"request":{"id":null,"idempotency_key":null},"type":${JSON.stringify(e.type)}}`
  );
}
