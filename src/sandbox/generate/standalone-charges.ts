/**
 * Payments outside Billing: one-time charges (checkout, payment links, in-person) with or without a
 * customer, in several currencies, some refunded in full or in part.
 */
import { DAY, HOUR } from './calendar.js';
import type { Currency } from './catalog.js';
import type { GenContext } from './context.js';
import type { CustomerState } from './customers.js';
import { attempt, startPayment } from './payments.js';
import type { Rng } from './prng.js';
import { refundCharge } from './refunds.js';

interface StandaloneSpec {
  at: number;
  currency: Currency;
  customer: CustomerState | null;
  refund: 'full' | 'partial' | null;
  refundFee: boolean;
}

const AMOUNT_RANGE: Record<Currency, [number, number]> = { usd: [500, 60000], eur: [500, 50000], gbp: [500, 40000], jpy: [500, 80000], kwd: [1000, 150000] };
const DESCRIPTIONS = ['Workshop ticket', 'Gift card', 'Conference pass', 'Replacement part', 'Priority support add-on'];

function simulateStandalone(ctx: GenContext, s: StandaloneSpec): void {
  const { rng } = ctx;
  const [lo, hi] = AMOUNT_RANGE[s.currency];
  const pay = startPayment(ctx, { amount: rng.int(lo, hi), currency: s.currency, customer: s.customer, description: rng.pick(DESCRIPTIONS), invoice: null, at: s.at, applicationFee: rng.chance(0.1) });
  const ch = attempt(ctx, pay, s.at, 'card_ok');
  if (!s.refund) return;
  const refundAt = s.at + rng.int(1, 10) * DAY;
  if (refundAt >= ctx.windowEnd) return;
  const amount = s.refund === 'full' ? ch.current.amount : Math.max(1, Math.floor(ch.current.amount / 3));
  refundCharge(ctx, ch, amount, refundAt, { refundFee: s.refundFee });
}

/** About one charge per five customers; the first four are fixed so every variant exists in a small world. */
export function simulateStandaloneCharges(ctx: GenContext, customers: CustomerState[], start: number): void {
  const { rng } = ctx;
  const windowSeconds = ctx.windowEnd - start;
  const count = Math.max(4, Math.round(customers.length * 0.2));
  const someoneIn = (currency: Currency): CustomerState | null => customers.find((c) => c.currency === currency) ?? null;
  const when = (r: Rng, after: number): number => Math.max(after, start) + HOUR + Math.floor(r.next() * Math.max(DAY, (ctx.windowEnd - Math.max(after, start)) * 0.6));
  for (let i = 0; i < count; i++) {
    let spec: StandaloneSpec;
    if (i === 0) spec = { at: start + 2 * DAY, currency: 'jpy', customer: null, refund: 'partial', refundFee: true, };
    else if (i === 1) {
      const c = someoneIn('gbp');
      spec = { at: (c?.current.created ?? start) + 3 * DAY, currency: 'gbp', customer: c, refund: 'full', refundFee: false };
    } else if (i === 2) spec = { at: start + 4 * DAY, currency: 'eur', customer: null, refund: null, refundFee: false };
    else if (i === 3) {
      const c = someoneIn('usd');
      spec = { at: (c?.current.created ?? start) + 5 * DAY, currency: 'usd', customer: c, refund: 'partial', refundFee: false };
    } else {
      const customer = rng.chance(0.6) && customers.length ? rng.pick(customers) : null;
      const currency = customer ? customer.currency : rng.weighted<Currency>([['usd', 60], ['eur', 15], ['gbp', 15], ['jpy', 10]]);
      const refundRoll = rng.next();
      spec = {
        at: when(rng, customer ? customer.current.created : start),
        currency,
        customer,
        refund: refundRoll < 0.06 ? 'full' : refundRoll < 0.12 ? 'partial' : null,
        refundFee: rng.chance(0.3),
      };
    }
    if (spec.at < ctx.windowEnd && spec.at - start < windowSeconds) simulateStandalone(ctx, spec);
  }
}
