// Embedded `lines` lists of invoices and credit notes. Stripe embeds at most the first 10 lines
// with `has_more` and a `url` to page the rest through `/v1/{invoices|credit_notes}/{id}/lines`.
import { invalidRequest } from './stripe-error.js';
import type { JsonObject } from './world-source.js';

export const EMBEDDED_LINES = 10;
const WITH_LINES = new Set(['invoice', 'credit_note']);
const PATH_OF: Record<string, string> = { invoice: 'invoices', credit_note: 'credit_notes' };

function linesOf(obj: JsonObject): JsonObject | undefined {
  const lines = obj.lines;
  return lines && typeof lines === 'object' && Array.isArray((lines as JsonObject).data)
    ? (lines as JsonObject)
    : undefined;
}

export function embeddedLinesUrl(type: string, id: string): string {
  return `/v1/${PATH_OF[type]}/${id}/lines`;
}

/** The object as Stripe would embed it: long `lines` cut to the first page. Never mutates `obj`. */
export function withEmbeddedLines(obj: JsonObject): JsonObject {
  if (!WITH_LINES.has(obj.object as string)) return obj;
  const lines = linesOf(obj);
  if (!lines || (lines.data as unknown[]).length <= EMBEDDED_LINES) return obj;
  return {
    ...obj,
    lines: {
      ...lines,
      data: (lines.data as unknown[]).slice(0, EMBEDDED_LINES),
      has_more: true,
      url: embeddedLinesUrl(obj.object as string, String(obj.id)),
    },
  };
}

/** One page of the full stored lines, in their stored order, for the `/lines` endpoint. */
export function linesPage(
  obj: JsonObject,
  limit: number,
  startingAfter: string | undefined,
  endingBefore: string | undefined,
): { data: unknown[]; hasMore: boolean } {
  const all = ((linesOf(obj)?.data as JsonObject[] | undefined) ?? []);
  const indexOf = (id: string, param: string): number => {
    const i = all.findIndex((l) => l.id === id);
    if (i < 0) {
      const noun = obj.object === 'credit_note' ? 'credit note line item' : 'invoice line item';
      throw invalidRequest(`No such ${noun}: '${id}'`, param, 'resource_missing');
    }
    return i;
  };
  if (endingBefore !== undefined) {
    const end = indexOf(endingBefore, 'ending_before');
    const start = Math.max(0, end - limit);
    return { data: all.slice(start, end), hasMore: start > 0 };
  }
  const start = startingAfter !== undefined ? indexOf(startingAfter, 'starting_after') + 1 : 0;
  return { data: all.slice(start, start + limit), hasMore: start + limit < all.length };
}
