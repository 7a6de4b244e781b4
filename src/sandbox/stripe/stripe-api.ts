// The read-only Stripe API over a world at a clock: list, retrieve and `/lines` endpoints.
// Returns plain JSON bodies; anything Stripe would refuse is thrown as a StripeHttpError.
import { CURRENT_API_VERSION, renderInVersion } from './api-versions.js';
import { collapseDiscounts } from './discounts.js';
import { embeddedLinesUrl, linesPage, withEmbeddedLines } from './embedded-lines.js';
import { expandAll } from './expand.js';
import type { QueryObject } from './form-query.js';
import { listPage } from './list-page.js';
import { PayoutMembership } from './payout-membership.js';
import {
  PAGINATION, RETRIEVE, pagination, validateParams, type ParamValue, type Range,
} from './request-params.js';
import { RESOURCE_BY_PATH, SUBSCRIPTION_STATUSES, type ResourceSpec } from './resources.js';
import { invalidRequest, resourceMissing, unrecognizedUrl } from './stripe-error.js';
import { listOrder, Tomb, type Entry, type FacetValue, type Snapshot, type World } from './world-index.js';
import type { JsonObject } from './world-source.js';

/** Properties Stripe returns only when a request names them in `expand[]` (see `include`). */
const INCLUDABLE = new Set(['amount_paid_off_stripe']);

/** Stripe keeps events for 30 days. */
export const EVENT_RETENTION_SECONDS = 30 * 86400;

type Predicate = (f: Record<string, FacetValue>) => boolean;

function wildcard(pattern: string): (type: string) => boolean {
  if (!pattern.includes('*')) return (t) => t === pattern;
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (t) => re.test(t);
}

/**
 * The account's default API version before it was upgraded to the current one: events created
 * before `upgradedAt` (Unix seconds; never, when absent) carry `api_version: version` and their
 * `data.object` rendered in it, as Stripe renders an event in the account's version at the time.
 */
export interface AccountApiVersion {
  version: string;
  upgradedAt?: number;
}

/** One request's view: the sandbox clock and the API version it asked for (or the pinned one). */
export interface RequestView {
  clock: number;
  version: string;
}

export class StripeApi {
  private readonly payouts: PayoutMembership;

  constructor(
    private readonly world: World,
    private readonly account?: AccountApiVersion,
  ) {
    this.payouts = new PayoutMembership(world);
  }

  /** Dispatches one GET. `pathname` has no query; `query` is already parsed. */
  handle(method: string, pathname: string, query: QueryObject, clock: number, version = CURRENT_API_VERSION): JsonObject {
    const view: RequestView = { clock, version };
    const parts = pathname.split('/').filter((p) => p !== '');
    const spec = parts[0] === 'v1' ? RESOURCE_BY_PATH.get(parts[1]) : undefined;
    if (method !== 'GET' || !spec || parts.length > 4) throw unrecognizedUrl(method, pathname);
    if (parts.length === 2) {
      if (spec.retrieveOnly) throw unrecognizedUrl(method, pathname);
      return this.list(spec, query, view);
    }
    const id = decodeURIComponent(parts[2]);
    if (parts.length === 3) return this.retrieve(spec, id, query, view);
    if (parts[3] === 'lines' && spec.lines) return this.lines(spec, id, query, view);
    throw unrecognizedUrl(method, pathname);
  }

  /** The API version an event was created in: the account's default at its `created`. */
  eventApiVersion(ev: JsonObject): unknown {
    const a = this.account;
    if (a && (a.upgradedAt === undefined || (ev.created as number) < a.upgradedAt)) return a.version;
    return ev.api_version;
  }

  // ---- visibility -------------------------------------------------------------------------

  /** The snapshot the API may show at `clock`, or undefined when the object does not exist then. */
  private visibleSnapshot(e: Entry, clock: number): Snapshot | undefined {
    if (e.firstVisible > clock) return undefined;
    if (e.type === 'event' && e.created < clock - EVENT_RETENTION_SECONDS) return undefined;
    const s = this.world.snapshotAt(e, clock);
    return s && s.tomb !== Tomb.Gone ? s : undefined;
  }

  /** An object as the API serves it: discounts as ids, long lines cut, in the request's version. */
  private render(obj: JsonObject, version: string, embedLines = true): JsonObject {
    const served = collapseDiscounts(embedLines ? withEmbeddedLines(obj) : obj);
    return version === CURRENT_API_VERSION ? served : renderInVersion(served, version);
  }

  private present(e: Entry, s: Snapshot, view: RequestView): JsonObject {
    if (s.tomb === Tomb.DeletedStub) return { id: e.id, object: e.type, deleted: true };
    const obj = this.world.read(s);
    if (e.type !== 'event') return this.render(obj, view.version);
    // An event's payload is rendered in the event's API version, whatever the request's.
    const version = this.eventApiVersion(obj);
    const data = obj.data as JsonObject | undefined;
    const inner = data?.object as JsonObject | undefined;
    const rendered = inner ? this.render(inner, typeof version === 'string' ? version : CURRENT_API_VERSION) : inner;
    if (version === obj.api_version && rendered === inner) return obj;
    return { ...obj, api_version: version, data: { ...data, object: rendered } };
  }

  private resolver(view: RequestView): (id: string) => JsonObject | undefined {
    return (id) => {
      const e = this.world.entry(id);
      const s = e && this.visibleSnapshot(e, view.clock);
      if (e && s) return this.present(e, s, view);
      const d = this.world.discountAt(id, view.clock);
      return d ? this.render(d, view.version) : undefined;
    };
  }

  private expand(body: JsonObject, p: Map<string, ParamValue>, view: RequestView): JsonObject {
    const paths = p.get('expand') as string[] | undefined;
    if (!paths || paths.length === 0) return body;
    const isList = body.object === 'list';
    const includable = (path: string): boolean => {
      const name = isList ? (path.startsWith('data.') ? path.slice(5) : undefined) : path;
      return name !== undefined && INCLUDABLE.has(name);
    };
    let out = body;
    paths.forEach((path, i) => {
      if (includable(path)) out = this.include(out, isList ? path.slice(5) : path, `expand[${i}]`, view);
    });
    return expandAll(out, paths, this.resolver(view), 'expand', includable);
  }

  /**
   * An includable property, computed when asked for (`expand[]=amount_paid_off_stripe`, `data.…` on lists) and
   * absent otherwise: never stored in the world, never in event payloads. Stripe documents the request shape as
   * `expand[]`, not `include[]` (docs.stripe.com/changelog/dahlia/2026-05-27/invoice-object-amount-paid-off-stripe-property:
   * `curl -G …/v1/invoices/{{INVOICE_ID}} -d "expand[]=amount_paid_off_stripe"`, "The property isn't available in
   * event payloads"); v1 has no `include` parameter, so `include[]` is refused as an unknown parameter.
   */
  private include(body: JsonObject, name: string, param: string, view: RequestView): JsonObject {
    const one = (obj: JsonObject): JsonObject => {
      if (obj.object !== 'invoice' || name !== 'amount_paid_off_stripe') {
        throw invalidRequest(`This property cannot be expanded (${name}).`, param);
      }
      return { ...obj, amount_paid_off_stripe: this.amountPaidOffStripe(obj.id as string, view.clock) };
    };
    if (body.object !== 'list') return one(body);
    return { ...body, data: (body.data as JsonObject[]).map(one) };
  }

  /**
   * Σ `amount_paid` of the invoice's paid invoice payments of type `payment_record` whose PaymentRecord's processor is
   * not Stripe (PaymentRecords.d.ts `processor_details.type`; Invoices.d.ts: "Amount … that was paid on the invoice
   * outside of Stripe"), at the clock.
   */
  private amountPaidOffStripe(invoiceId: string, clock: number): number {
    let sum = 0;
    for (const e of this.world.facetIndex('invoice_payment', 'invoice').get(invoiceId) ?? []) {
      const s = this.visibleSnapshot(e, clock);
      if (!s || s.tomb !== Tomb.None) continue;
      const ip = this.world.read(s);
      const payment = ip.payment as JsonObject | undefined;
      if (ip.status !== 'paid' || payment?.type !== 'payment_record') continue;
      const ref = payment.payment_record;
      const recordId = typeof ref === 'string' ? ref : (ref as JsonObject | undefined)?.id;
      const re = typeof recordId === 'string' ? this.world.entry(recordId) : undefined;
      const rs = re && this.visibleSnapshot(re, clock);
      const record = rs ? this.world.read(rs) : undefined;
      if ((record?.processor_details as JsonObject | undefined)?.type === 'stripe') continue;
      sum += (ip.amount_paid as number | null) ?? 0;
    }
    return sum;
  }

  // ---- endpoints --------------------------------------------------------------------------

  private retrieve(spec: ResourceSpec, id: string, query: QueryObject, view: RequestView): JsonObject {
    const p = validateParams(query, RETRIEVE);
    const e = this.world.entry(id);
    const s = e && e.type === spec.type ? this.visibleSnapshot(e, view.clock) : undefined;
    if (!e || !s) throw resourceMissing(spec.noun, id);
    return this.expand(this.present(e, s, view), p, view);
  }

  private lines(spec: ResourceSpec, id: string, query: QueryObject, view: RequestView): JsonObject {
    const p = validateParams(query, PAGINATION);
    const { limit, startingAfter, endingBefore } = pagination(p);
    const e = this.world.entry(id);
    const s = e && e.type === spec.type ? this.visibleSnapshot(e, view.clock) : undefined;
    if (!e || !s) throw resourceMissing(spec.noun, id);
    // All stored lines, rendered as the invoice would embed them (discounts as ids, in the version).
    const stored = this.world.read(s);
    const all = this.render(stored, view.version, false);
    const page = linesPage(all, limit, startingAfter, endingBefore);
    const body = { object: 'list', data: page.data, has_more: page.hasMore, url: embeddedLinesUrl(spec.type, id) };
    return this.expand(body, p, view);
  }

  private cursor(spec: ResourceSpec, id: string | undefined, param: string, view: RequestView): Entry | undefined {
    const clock = view.clock;
    if (id === undefined) return undefined;
    const e = this.world.entry(id);
    if (!e || e.type !== spec.type || !this.visibleSnapshot(e, clock)) {
      throw resourceMissing(spec.noun, id, param, 400);
    }
    return e;
  }

  private list(spec: ResourceSpec, query: QueryObject, view: RequestView): JsonObject {
    const clock = view.clock;
    const p = validateParams(query, { ...PAGINATION, ...spec.params });
    const { limit, startingAfter, endingBefore } = pagination(p);
    const after = this.cursor(spec, startingAfter, 'starting_after', view);
    const before = this.cursor(spec, endingBefore, 'ending_before', view);

    const created = (p.get('created') as Range | undefined) ?? { lo: -Infinity, hi: Infinity };
    let lo = created.lo;
    // Objects created after the clock do not exist yet (widened if a world shows one early).
    const hi = Math.min(created.hi, clock + this.world.lead(spec.type));
    if (spec.type === 'event') lo = Math.max(lo, clock - EVENT_RETENTION_SECONDS);

    const predicates: Predicate[] = [];
    let sources: Entry[][] | undefined;
    const byFacet = (facet: string, value: FacetValue): Entry[] =>
      this.world.facetIndex(spec.type, facet).get(value) ?? [];

    for (const f of spec.filters) {
      const v = p.get(f.param);
      if (v === undefined) continue;
      if (f.op === 'range') {
        const r = v as Range;
        predicates.push((x) => typeof x[f.facet] === 'number' && (x[f.facet] as number) >= r.lo && (x[f.facet] as number) <= r.hi);
        continue;
      }
      if (f.values && !f.values.includes(v as string)) {
        throw invalidRequest(`Invalid ${f.param}: must be one of ${f.values.join(', ')}`, f.param);
      }
      predicates.push((x) => x[f.facet] === v);
      // The first equality filter picks the candidates through its index.
      if (!sources) sources = [byFacet(f.facet, v as FacetValue)];
    }

    switch (spec.type) {
      case 'balance_transaction': {
        const payoutId = p.get('payout') as string | undefined;
        if (payoutId !== undefined) {
          const po = this.world.entry(payoutId);
          if (!po || po.type !== 'payout' || !this.visibleSnapshot(po, clock)) {
            throw resourceMissing('payout', payoutId, 'payout', 400);
          }
          sources = [this.payouts.balanceTransactionsOf(po, clock)];
        }
        break;
      }
      case 'event': {
        const type = p.get('type') as string | undefined;
        const types = p.get('types') as string[] | undefined;
        if (types && types.length > 20) throw invalidRequest('Invalid types: must contain at most 20 entries', 'types');
        if (type !== undefined || types !== undefined) {
          // `type` and `types` together must both match; within `types` any one may.
          const one = type !== undefined ? wildcard(type) : () => true;
          const any = types?.map(wildcard);
          const ok = (t: string): boolean => one(t) && (any === undefined || any.some((m) => m(t)));
          sources = [...this.world.facetIndex('event', 'type').entries()]
            .filter(([t]) => typeof t === 'string' && ok(t))
            .map(([, list]) => list);
        }
        break;
      }
      case 'subscription': {
        const status = (p.get('status') as string | undefined) ?? '';
        if (status !== '' && !(SUBSCRIPTION_STATUSES as readonly string[]).includes(status)) {
          throw invalidRequest(`Invalid status: must be one of ${SUBSCRIPTION_STATUSES.join(', ')}`, 'status');
        }
        if (status === '') predicates.push((x) => x.status !== 'canceled');
        else if (status === 'ended') predicates.push((x) => x.status === 'canceled' || x.status === 'incomplete_expired');
        else if (status !== 'all') predicates.push((x) => x.status === status);
        break;
      }
      case 'product': {
        const ids = p.get('ids') as string[] | undefined;
        if (ids) {
          const found = [...new Set(ids)].map((id) => this.world.entry(id)).filter((e): e is Entry => e?.type === 'product');
          sources = [found.sort(listOrder)];
        }
        break;
      }
      case 'invoiceitem': {
        const pending = p.get('pending') as boolean | undefined;
        if (pending !== undefined) predicates.push((x) => (x.invoice === null) === pending);
        break;
      }
    }

    const page = listPage({
      sources: sources ?? [this.world.byType(spec.type)],
      lo,
      hi,
      limit,
      startingAfter: after,
      endingBefore: before,
      accept: (e) => {
        const s = this.visibleSnapshot(e, clock);
        if (!s || s.tomb !== Tomb.None) return undefined; // deleted objects leave lists
        for (const pred of predicates) if (!pred(s.facets)) return undefined;
        return this.present(e, s, view);
      },
    });
    const body = { object: 'list', data: page.items, has_more: page.hasMore, url: `/v1/${spec.path}` };
    return this.expand(body, p, view);
  }
}
