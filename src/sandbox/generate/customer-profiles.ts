/**
 * What happens to each customer. The first customers follow fixed scripts so that a small world
 * (about 20 customers over 3 months) contains every case the connector must handle; the rest are
 * drawn at random with realistic frequencies.
 */
import type { CouponKind, Currency, Interval, OneTimeKind, PlanTier } from './catalog.js';
import type { Identity } from './customers.js';
import type { Rng } from './prng.js';

export type OneOffOutcome =
  | 'paid' | 'open' | 'void' | 'revise'
  | 'cn_pre' | 'cn_refund' | 'cn_oob' | 'cn_credit'
  | 'refund_partial' | 'refund_full'
  /** Paid outside Stripe (a payment record): in full; 40 % outside and the rest by card; 40 % outside, the rest open. */
  | 'paid_outside' | 'paid_outside_partial' | 'open_partly_outside';

export interface OneOff {
  afterDays: number;
  items: OneTimeKind[];
  collection: 'charge_automatically' | 'send_invoice';
  shipping: boolean;
  fixedCoupon: boolean;
  outcome: OneOffOutcome;
}

export interface Profile {
  currency: Currency;
  identity: Identity;
  withShipping: boolean;
  withPhone: boolean;
  /** Days after the world's start the customer signs up. */
  createdAfterDays: number;
  plan: { tier: PlanTier; interval: Interval } | null;
  trial: boolean;
  coupon: Exclude<CouponKind, 'fixed10usd'> | null;
  tax: boolean;
  change: { to: PlanTier; afterDays: number } | null;
  renewalFailure: 'uncollectible' | 'recovered' | null;
  achFailure: boolean;
  refund: 'full' | 'partial' | null;
  dispute: 'won' | 'lost' | null;
  oneOffs: OneOff[];
}

const base = (p: Partial<Profile> & Pick<Profile, 'currency' | 'identity'>, k: number): Profile => ({
  withShipping: false,
  withPhone: false,
  createdAfterDays: k * 0.2,
  plan: null,
  trial: false,
  coupon: null,
  tax: false,
  change: null,
  renewalFailure: null,
  achFailure: false,
  refund: null,
  dispute: null,
  oneOffs: [],
  ...p,
});

const oneOff = (afterDays: number, items: OneTimeKind[], collection: OneOff['collection'], outcome: OneOffOutcome, extra: Partial<OneOff> = {}): OneOff => ({
  afterDays, items, collection, outcome, shipping: false, fixedCoupon: false, ...extra,
});

/** The scripted customers, in order. */
export const SCRIPTED: readonly Profile[] = [
  base({ currency: 'usd', identity: 'company', withShipping: true, withPhone: true, plan: { tier: 'pro', interval: 'month' }, tax: true, refund: 'partial' }, 0),
  base({ currency: 'eur', identity: 'individual', plan: { tier: 'starter', interval: 'year' }, tax: true, dispute: 'won' }, 1),
  base({ currency: 'usd', identity: 'company', withPhone: true, plan: { tier: 'starter', interval: 'month' }, change: { to: 'pro', afterDays: 10 } }, 2),
  base({ currency: 'usd', identity: 'company', plan: { tier: 'pro', interval: 'month' }, change: { to: 'starter', afterDays: 5 } }, 3),
  base({ currency: 'usd', identity: 'email_only', plan: { tier: 'starter', interval: 'month' }, coupon: 'percent20', tax: true }, 4),
  base({ currency: 'gbp', identity: 'company', plan: { tier: 'pro', interval: 'month' }, coupon: 'percent100', tax: true }, 5),
  base({ currency: 'usd', identity: 'individual', plan: { tier: 'starter', interval: 'month' }, trial: true }, 6),
  base({
    currency: 'usd', identity: 'company', withShipping: true, withPhone: true,
    oneOffs: [
      oneOff(2, ['hardware', 'onboarding'], 'send_invoice', 'paid', { shipping: true, fixedCoupon: true }),
      oneOff(6, ['consulting'], 'send_invoice', 'cn_pre'),
    ],
  }, 7),
  base({ currency: 'usd', identity: 'company', plan: { tier: 'pro', interval: 'month' }, renewalFailure: 'uncollectible' }, 8),
  base({
    currency: 'eur', identity: 'company',
    oneOffs: [
      oneOff(1, ['onboarding'], 'send_invoice', 'void'),
      oneOff(4, ['consulting'], 'send_invoice', 'revise'),
      oneOff(8, ['hardware'], 'charge_automatically', 'paid'),
    ],
  }, 9),
  base({
    currency: 'usd', identity: 'company',
    oneOffs: [
      oneOff(1, ['consulting'], 'charge_automatically', 'cn_credit'),
      oneOff(12, ['onboarding'], 'charge_automatically', 'cn_refund'),
      oneOff(20, ['consulting'], 'send_invoice', 'cn_oob'),
      oneOff(30, ['hardware'], 'charge_automatically', 'paid'),
    ],
  }, 10),
  base({ currency: 'jpy', identity: 'individual', plan: { tier: 'starter', interval: 'month' }, refund: 'full' }, 11),
  base({ currency: 'usd', identity: 'company', plan: { tier: 'pro', interval: 'month' }, achFailure: true }, 12),
  base({ currency: 'usd', identity: 'company', plan: { tier: 'enterprise', interval: 'year' }, dispute: 'lost' }, 13),
  base({ currency: 'usd', identity: 'company', plan: { tier: 'starter', interval: 'month' }, renewalFailure: 'recovered' }, 14),
  base({
    currency: 'gbp', identity: 'email_only',
    oneOffs: [
      oneOff(3, ['hardware'], 'charge_automatically', 'refund_partial', { shipping: true }),
      oneOff(9, ['consulting'], 'send_invoice', 'open'),
    ],
  }, 15),
  base({ currency: 'usd', identity: 'individual', plan: { tier: 'pro', interval: 'year' }, tax: true, oneOffs: [oneOff(15, ['consulting'], 'charge_automatically', 'refund_full')] }, 16),
  base({ currency: 'eur', identity: 'company', plan: { tier: 'pro', interval: 'month' }, tax: true, coupon: 'percent15' }, 17),
  base({ currency: 'usd', identity: 'individual', withPhone: true, plan: { tier: 'starter', interval: 'month' } }, 18),
  base({
    currency: 'usd', identity: 'company', plan: { tier: 'pro', interval: 'month' },
    oneOffs: [
      oneOff(10, ['consulting'], 'send_invoice', 'paid_outside'),
      oneOff(20, ['onboarding'], 'send_invoice', 'paid_outside_partial'),
      oneOff(30, ['consulting'], 'send_invoice', 'open_partly_outside'),
    ],
  }, 19),
];

/** A customer after the scripted ones: every choice drawn from `rng`. */
export function randomProfile(rng: Rng, windowDays: number): Profile {
  const currency = rng.weighted<Currency>([['usd', 70], ['eur', 12], ['gbp', 10], ['jpy', 8]]);
  const identity = rng.weighted<Identity>([['company', 60], ['individual', 30], ['email_only', 10]]);
  const hasPlan = rng.chance(0.85);
  const tier = rng.weighted<PlanTier>([['starter', 50], ['pro', 40], ['enterprise', 10]]);
  const plan = hasPlan ? { tier, interval: rng.weighted<Interval>([['month', 80], ['year', 20]]) } : null;
  const changeRoll = rng.next();
  const change = plan && changeRoll < 0.08
    ? { to: (tier === 'starter' ? 'pro' : tier === 'pro' ? rng.pick(['starter', 'enterprise'] as const) : 'pro') as PlanTier, afterDays: rng.int(2, 20) }
    : null;
  const oneOffCount = rng.weighted<number>([[0, 60], [1, 25], [2, 10], [3, 5]]);
  const oneOffs: OneOff[] = [];
  for (let i = 0; i < oneOffCount; i++) {
    const items = rng.weighted<OneTimeKind[]>([[['consulting'], 40], [['onboarding'], 25], [['hardware'], 20], [['hardware', 'onboarding'], 15]]);
    oneOffs.push({
      afterDays: rng.int(1, Math.max(1, Math.floor(windowDays * 0.9))),
      items,
      collection: rng.chance(0.4) ? 'send_invoice' : 'charge_automatically',
      shipping: items.includes('hardware') && rng.chance(0.5),
      fixedCoupon: currency === 'usd' && rng.chance(0.1),
      outcome: rng.weighted<OneOffOutcome>([
        ['paid', 60], ['open', 6], ['void', 5], ['revise', 4], ['cn_pre', 5], ['cn_refund', 5], ['cn_oob', 3], ['cn_credit', 4], ['refund_partial', 5], ['refund_full', 3],
      ]),
    });
  }
  return {
    currency,
    identity,
    withShipping: identity !== 'email_only' && rng.chance(0.3),
    withPhone: rng.chance(0.5),
    createdAfterDays: rng.next() * windowDays * 0.8,
    plan,
    trial: !!plan && rng.chance(0.15),
    coupon: plan && rng.chance(0.15) ? rng.weighted<Profile['coupon']>([['percent20', 50], ['percent15', 35], ['percent100', 15]]) : null,
    tax: rng.chance(0.4),
    change,
    renewalFailure: plan && rng.chance(0.04) ? rng.pick(['uncollectible', 'recovered'] as const) : null,
    achFailure: !!plan && currency === 'usd' && rng.chance(0.02),
    refund: plan && rng.chance(0.04) ? rng.pick(['full', 'partial'] as const) : null,
    dispute: plan && rng.chance(0.015) ? rng.weighted<'won' | 'lost'>([['won', 60], ['lost', 40]]) : null,
    oneOffs,
  };
}
