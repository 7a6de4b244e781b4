// Canonical JSON: the one serialization content hashes (ledger snapshots, operation bodies) are taken over.

/**
 * JSON with object keys sorted, so equal content always hashes equal. Written out directly rather than through
 * a JSON.stringify replacer that copies every object sorted: extraction hashes every snapshot, and the copies
 * were most of a backfill's allocations. The output is byte for byte what that replacer gave (test/ledger).
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) as string;
}

function canonical(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value); // undefined for undefined, functions, symbols
  const v = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  if (v === null || typeof v !== 'object') return canonical(v);
  if (Array.isArray(v)) return `[${v.map((item) => canonical(item) ?? 'null').join(',')}]`;
  const parts: string[] = [];
  for (const key of sortedKeys(v)) {
    // The replacer's sorted copy lost `__proto__` (assigning it sets the prototype): so does this.
    if (key === '__proto__') continue;
    const item = canonical((v as Record<string, unknown>)[key]);
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${parts.join(',')}}`;
}

const ARRAY_INDEX = /^(0|[1-9]\d{0,9})$/;
const isArrayIndex = (k: string) => {
  const first = k.charCodeAt(0); // most keys start with a letter: skip the regex for them (hot path of extraction)
  return first >= 48 && first <= 57 && ARRAY_INDEX.test(k) && Number(k) < 4294967295;
};

/** Sorted keys in the order an object built from them enumerates: array-index keys first, numerically. */
function sortedKeys(v: object): string[] {
  const keys = Object.keys(v).sort();
  if (!keys.some(isArrayIndex)) return keys;
  const indexes = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((k) => !isArrayIndex(k))];
}
