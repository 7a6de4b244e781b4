// Applies a parsed patch to a record's fields with NetSuite's sublist rules (reference §3.5, §3.7):
// keyed lines update by key and are added otherwise; `replace=` drops the lines the request did not name.
import { SublistPatch, type Patch } from './request-body.js';
import type { FieldKind, TypeDef } from './record-schema.js';

type Line = Record<string, unknown>;

function sameKey(a: Line, b: Line, key: string[]): boolean {
  // A non-keyed sublist (no key fields) never matches: its lines are always appended.
  if (key.length === 0) return false;
  return key.every((k) => b[k] !== undefined && b[k] !== null && String(a[k]) === String(b[k]));
}

function mergeLines(existing: Line[], patch: Line[], kind: Extract<FieldKind, { k: 'sublist' }>, replace: boolean): Line[] {
  const result = existing.map((l) => ({ ...l }));
  const matched = new Set<Line>();
  const numbered = kind.key.length === 1 && kind.key[0] === 'line';
  let nextLine = Math.max(0, ...result.map((l) => Number(l.line) || 0)) + 1;
  for (const p of patch) {
    const hit = result.find((l) => !matched.has(l) && sameKey(l, p, kind.key));
    if (hit) {
      // A new rate or quantity without an amount means NetSuite recalculates the amount.
      if (('rate' in p || 'quantity' in p) && !('amount' in p)) delete hit.amount;
      Object.assign(hit, p);
      matched.add(hit);
      continue;
    }
    const added: Line = { ...p };
    if (numbered) {
      if (added.line === undefined || added.line === null) added.line = nextLine;
      nextLine = Math.max(nextLine, Number(added.line) + 1);
    }
    result.push(added);
    matched.add(added);
  }
  return replace ? result.filter((l) => matched.has(l)) : result;
}

/** The record's fields after the patch. `replace` holds lowercased sublist names from `?replace=`. */
export function mergeFields(td: TypeDef, existing: Record<string, unknown>, patch: Patch, replace: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...existing };
  for (const fd of td.fields) {
    if (fd.kind.k === 'sublist' && replace.has(fd.name.toLowerCase()) && !(fd.name in patch)) out[fd.name] = [];
  }
  for (const [name, value] of Object.entries(patch)) {
    const fd = td.byLower.get(name.toLowerCase());
    if (!fd) continue;
    if (value instanceof SublistPatch) {
      if (fd.kind.k !== 'sublist') continue;
      const current = Array.isArray(out[name]) ? (out[name] as Line[]) : [];
      out[name] = value.lines === null ? [] : mergeLines(current, value.lines, fd.kind, replace.has(name.toLowerCase()));
    } else if (value === null) {
      delete out[name];
    } else {
      out[name] = value;
    }
  }
  return out;
}
