// Parses a form-encoded query string with Stripe's bracket notation (`created[gte]=1`,
// `expand[0]=data.customer`, `expand[]=x`, `payment[type]=payment_intent`) into nested values.
import { invalidRequest } from './stripe-error.js';

export type QueryValue = string | QueryValue[] | QueryObject;
export interface QueryObject {
  [key: string]: QueryValue;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw invalidRequest(`Invalid URL encoding: ${s}`);
  }
}

/** Splits `a[b][0]` into ['a', 'b', '0']; `a[]` gives ['a', '']. */
function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/g;
  re.lastIndex = open;
  let m: RegExpExecArray | null;
  let end = open;
  while ((m = re.exec(key)) !== null && m.index === end) {
    parts.push(m[1]);
    end = re.lastIndex;
  }
  if (end !== key.length) throw invalidRequest(`Invalid parameter name: ${key}`, key);
  return parts;
}

// Arrays are collected as objects keyed by index (or append order for `[]`) and turned into
// arrays at the end, so `expand[1]=b&expand[0]=a` keeps the order the client meant.
interface Building {
  [key: string]: string | Building;
}
const APPEND = '\u0000append';

export function parseFormQuery(query: string): QueryObject {
  const root: Building = {};
  const arrays = new WeakSet<Building>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    const parts = splitKey(rawKey);
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      let part = parts[i];
      if (i > 0 && (part === '' || /^\d+$/.test(part))) {
        arrays.add(node);
        if (part === '') part = `${APPEND}${Object.keys(node).length}`;
      } else if (i > 0 && arrays.has(node)) {
        throw invalidRequest(`Invalid array: ${rawKey}`, parts[0]);
      }
      if (last) {
        if (part in node) throw invalidRequest(`Received duplicate parameter: ${rawKey}`, rawKey);
        node[part] = value;
      } else {
        const next = node[part];
        if (typeof next === 'string') throw invalidRequest(`Invalid parameter: ${rawKey}`, rawKey);
        if (next === undefined) node[part] = {};
        node = node[part] as Building;
      }
    }
  }
  const finish = (b: Building): QueryObject | QueryValue[] => {
    const out: QueryObject = {};
    for (const [k, v] of Object.entries(b)) out[k] = typeof v === 'string' ? v : finish(v);
    if (!arrays.has(b)) return out;
    const keys = Object.keys(out).sort((x, y) => order(x) - order(y));
    return keys.map((k) => out[k]);
  };
  return finish(root) as QueryObject;
}

function order(key: string): number {
  return key.startsWith(APPEND) ? Number(key.slice(APPEND.length)) : Number(key);
}
