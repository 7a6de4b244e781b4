// Turns the schema's issues into one line per problem, naming the key path: "netsuite.accounts.receivables is
// missing from the config file", "netsuite.concurency is not a known key: did you mean netsuite.concurrency?".
import type { z } from 'zod';
import { PLACEHOLDER, PLACEHOLDER_MESSAGE, SettingsSchema } from './schema.js';

type AnySchema = { _zod: { def: Record<string, unknown> & { type: string } } };

/** Unwraps defaults, optionals and nullables down to the object at `path`; its keys, or undefined. */
function keysAt(path: readonly PropertyKey[]): string[] | undefined {
  let s = SettingsSchema as unknown as AnySchema;
  const unwrap = () => {
    while (['default', 'prefault', 'optional', 'nullable', 'readonly'].includes(s._zod.def.type)) {
      s = s._zod.def.innerType as AnySchema;
    }
  };
  unwrap();
  for (const k of path) {
    if (s._zod.def.type !== 'object') return undefined;
    const next = (s._zod.def.shape as Record<string, AnySchema>)[String(k)];
    if (!next) return undefined;
    s = next;
    unwrap();
  }
  return s._zod.def.type === 'object' ? Object.keys(s._zod.def.shape as object) : undefined;
}

/** Every object key path of the schema, for a key written in the wrong section. */
function allKeyPaths(prefix: string[] = []): string[][] {
  const keys = keysAt(prefix) ?? [];
  return keys.flatMap((k) => [[...prefix, k], ...allKeyPaths([...prefix, k])]);
}

export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/** The closest valid key path for an unknown key, or undefined when nothing is close. */
export function suggestKey(path: readonly PropertyKey[], key: string): string | undefined {
  const siblings = keysAt(path) ?? [];
  const limit = Math.max(2, Math.floor(key.length / 3));
  let best: { k: string; d: number } | undefined;
  for (const k of siblings) {
    const d = editDistance(key, k);
    if (d <= limit && (!best || d < best.d)) best = { k, d };
  }
  if (best) return [...path.map(String), best.k].join('.');
  // The right key in the wrong section (e.g. netsuite.syncTrialInvoices).
  const elsewhere = allKeyPaths().find((p) => editDistance(p[p.length - 1], key) <= 1);
  return elsewhere?.join('.');
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[String(k)];
  }
  return v;
}

export function formatSchemaIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const where = [...issue.path.map(String), key].join('.');
        if (where === '$schema') continue;
        const suggestion = suggestKey(issue.path, key);
        lines.push(`${where} is not a known key${suggestion ? `: did you mean ${suggestion}?` : ''}`);
      }
      continue;
    }
    const value = issue.path.length > 0 ? valueAt(raw, issue.path) : raw;
    if (typeof value === 'string' && PLACEHOLDER.test(value)) {
      lines.push(`${at} ${PLACEHOLDER_MESSAGE}`);
      continue;
    }
    if (issue.path.length > 0 && value === undefined && issue.code === 'invalid_type') {
      lines.push(`${at} is missing from the config file`);
      continue;
    }
    lines.push(at ? `${at} ${issue.message}` : issue.message);
  }
  return [...new Set(lines)];
}
