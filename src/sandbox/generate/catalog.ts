/**
 * The account's catalog: products with monthly, annual and one-time prices in each presentment
 * currency, coupons and tax rates. Created once at the world's start.
 */
import type { Rng } from './prng.js';
import type { StripeObject, WorldItems } from './world-items.js';

export const CURRENCIES = ['usd', 'eur', 'gbp', 'jpy'] as const;
/** Currencies of the catalog's prices, and KWD (three decimals), priced by the uncommon customers alone. */
export type Currency = (typeof CURRENCIES)[number] | 'kwd';

export type PlanTier = 'starter' | 'pro' | 'enterprise';
export type Interval = 'month' | 'year';
export type OneTimeKind = 'onboarding' | 'hardware' | 'consulting';

export interface Price extends StripeObject {
  object: 'price';
  currency: string;
  product: string;
  unit_amount: number;
  recurring: { interval: Interval; interval_count: number; meter: null; trial_period_days: null; usage_type: 'licensed' } | null;
  nickname: string | null;
}

export interface Product extends StripeObject {
  object: 'product';
  name: string;
}

export interface Coupon extends StripeObject {
  object: 'coupon';
  percent_off: number | null;
  amount_off: number | null;
  currency: string | null;
  duration: 'forever' | 'once' | 'repeating';
  duration_in_months: number | null;
  name: string;
}

export interface TaxRate extends StripeObject {
  object: 'tax_rate';
  percentage: number;
  display_name: string;
  /** Inclusive rates are part of the line amounts (Stripe `tax_behavior: inclusive`). */
  inclusive: boolean;
}

/** Unit amounts in minor units per currency (jpy has no minor unit; kwd has three, in fils ending in 0 as Stripe requires). */
const PLAN_AMOUNTS: Record<PlanTier, Record<Interval, Record<Currency, number>>> = {
  starter: { month: { usd: 2900, eur: 2700, gbp: 2300, jpy: 4000, kwd: 9000 }, year: { usd: 29000, eur: 27000, gbp: 23000, jpy: 40000, kwd: 90000 } },
  pro: { month: { usd: 9900, eur: 8900, gbp: 7900, jpy: 14000, kwd: 30500 }, year: { usd: 99000, eur: 89000, gbp: 79000, jpy: 140000, kwd: 305000 } },
  enterprise: { month: { usd: 49900, eur: 45900, gbp: 39900, jpy: 70000, kwd: 153000 }, year: { usd: 480000, eur: 440000, gbp: 390000, jpy: 680000, kwd: 1475000 } },
};
const ONE_TIME_AMOUNTS: Record<OneTimeKind, Record<Currency, number>> = {
  onboarding: { usd: 50000, eur: 45000, gbp: 40000, jpy: 70000, kwd: 153750 },
  hardware: { usd: 19900, eur: 18900, gbp: 16900, jpy: 28000, kwd: 61230 },
  consulting: { usd: 15000, eur: 14000, gbp: 12000, jpy: 21000, kwd: 46150 },
};
const PRODUCT_TEXT: Record<PlanTier | OneTimeKind, [string, string, boolean]> = {
  starter: ['Starter plan', 'Core features for small teams', false],
  pro: ['Pro plan', 'Advanced features and priority support', false],
  enterprise: ['Enterprise plan', 'Unlimited seats, SSO and a dedicated manager', false],
  onboarding: ['Onboarding package', 'Guided setup and data import', false],
  hardware: ['Hardware kit', 'Card reader and receipt printer', true],
  consulting: ['Consulting hour', 'Implementation consulting, billed per hour', false],
};

export type TaxRegion = 'us_ca' | 'de' | 'fr' | 'uk' | 'jp';
const TAX_TEXT: Record<TaxRegion, { display: string; description: string; percentage: number; country: string; state: string | null; jurisdiction: string; type: string }> = {
  us_ca: { display: 'Sales Tax', description: 'California sales tax', percentage: 7.25, country: 'US', state: 'CA', jurisdiction: 'US - CA', type: 'sales_tax' },
  de: { display: 'VAT', description: 'VAT Germany', percentage: 19, country: 'DE', state: null, jurisdiction: 'DE', type: 'vat' },
  fr: { display: 'TVA', description: 'VAT France', percentage: 20, country: 'FR', state: null, jurisdiction: 'FR', type: 'vat' },
  uk: { display: 'VAT', description: 'VAT United Kingdom', percentage: 20, country: 'GB', state: null, jurisdiction: 'GB', type: 'vat' },
  jp: { display: 'JCT', description: 'Japanese consumption tax', percentage: 10, country: 'JP', state: null, jurisdiction: 'JP', type: 'jct' },
};

export type CouponKind = 'percent20' | 'percent100' | 'fixed10usd' | 'percent15';

export interface Catalog {
  plan(tier: PlanTier, interval: Interval, currency: Currency): Price;
  oneTime(kind: OneTimeKind, currency: Currency): Price;
  coupon(kind: CouponKind): Coupon;
  taxRate(region: TaxRegion): TaxRate;
}

export function createCatalog(rng: Rng, items: WorldItems, at: number): Catalog {
  const plans = new Map<string, Price>();
  const oneTimes = new Map<string, Price>();
  const coupons = new Map<CouponKind, Coupon>();
  const taxRates = new Map<TaxRegion, TaxRate>();

  const makeProduct = (key: PlanTier | OneTimeKind): Product => {
    const [name, description, shippable] = PRODUCT_TEXT[key];
    return {
      id: rng.id('prod_', 14),
      object: 'product',
      active: true,
      created: at,
      default_price: null as string | null,
      description,
      images: [],
      livemode: false,
      marketing_features: [],
      metadata: {},
      name,
      package_dimensions: null,
      shippable: shippable ? true : null,
      statement_descriptor: null,
      tax_code: null,
      tax_details: null,
      type: 'service',
      unit_label: key === 'consulting' ? 'hour' : null,
      updated: at,
      url: null,
    };
  };
  const makePrice = (product: Product, currency: Currency, amount: number, interval: Interval | null, nickname: string): Price => ({
    id: rng.id('price_'),
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: at,
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: {},
    nickname,
    product: product.id,
    recurring: interval ? { interval, interval_count: 1, meter: null, trial_period_days: null, usage_type: 'licensed' } : null,
    tax_behavior: 'exclusive',
    tiers_mode: null,
    transform_quantity: null,
    type: interval ? 'recurring' : 'one_time',
    unit_amount: amount,
    unit_amount_decimal: String(amount),
  });
  const publish = (product: Product, prices: Price[]): void => {
    product.default_price = prices[0].id;
    items.object(product);
    items.event('product.created', product, at);
    for (const price of prices) {
      items.object(price);
      items.event('price.created', price, at);
    }
  };

  for (const tier of ['starter', 'pro', 'enterprise'] as const) {
    const product = makeProduct(tier);
    const prices: Price[] = [];
    for (const interval of ['month', 'year'] as const) {
      for (const currency of CURRENCIES) {
        const price = makePrice(product, currency, PLAN_AMOUNTS[tier][interval][currency], interval, `${PRODUCT_TEXT[tier][0]} (${interval}ly, ${currency.toUpperCase()})`);
        plans.set(`${tier}/${interval}/${currency}`, price);
        prices.push(price);
      }
    }
    publish(product, prices);
  }
  for (const kind of ['onboarding', 'hardware', 'consulting'] as const) {
    const product = makeProduct(kind);
    const prices: Price[] = [];
    for (const currency of CURRENCIES) {
      const price = makePrice(product, currency, ONE_TIME_AMOUNTS[kind][currency], null, `${PRODUCT_TEXT[kind][0]} (${currency.toUpperCase()})`);
      oneTimes.set(`${kind}/${currency}`, price);
      prices.push(price);
    }
    publish(product, prices);
  }

  const couponSpecs: [CouponKind, string, Partial<Coupon>][] = [
    ['percent20', 'SAVE20', { name: '20% off forever', percent_off: 20, duration: 'forever' }],
    ['percent100', 'LAUNCH100', { name: 'Launch: 100% off for 2 months', percent_off: 100, duration: 'repeating', duration_in_months: 2 }],
    ['fixed10usd', 'WELCOME10', { name: '$10 off once', amount_off: 1000, currency: 'usd', duration: 'once' }],
    ['percent15', 'PARTNER15', { name: 'Partner 15% off for 3 months', percent_off: 15, duration: 'repeating', duration_in_months: 3 }],
  ];
  for (const [kind, id, spec] of couponSpecs) {
    const coupon: Coupon = {
      id,
      object: 'coupon',
      amount_off: spec.amount_off ?? null,
      created: at,
      currency: spec.currency ?? null,
      duration: spec.duration!,
      duration_in_months: spec.duration_in_months ?? null,
      livemode: false,
      max_redemptions: null,
      metadata: {},
      name: spec.name!,
      percent_off: spec.percent_off ?? null,
      redeem_by: null,
      times_redeemed: 0,
      valid: true,
    };
    coupons.set(kind, coupon);
    items.object(coupon);
    items.event('coupon.created', coupon, at);
  }

  for (const region of Object.keys(TAX_TEXT) as TaxRegion[]) {
    const t = TAX_TEXT[region];
    const rate: TaxRate = {
      id: rng.id('txr_'),
      object: 'tax_rate',
      active: true,
      country: t.country,
      created: at,
      description: t.description,
      display_name: t.display,
      effective_percentage: t.percentage,
      flat_amount: null,
      inclusive: false,
      jurisdiction: t.jurisdiction,
      jurisdiction_level: t.state ? 'state' : 'country',
      livemode: false,
      metadata: {},
      percentage: t.percentage,
      rate_type: 'percentage',
      state: t.state,
      tax_type: t.type,
    };
    taxRates.set(region, rate);
    items.object(rate);
    items.event('tax_rate.created', rate, at);
  }

  return {
    plan: (tier, interval, currency) => plans.get(`${tier}/${interval}/${currency}`)!,
    oneTime: (kind, currency) => oneTimes.get(`${kind}/${currency}`)!,
    coupon: (kind) => coupons.get(kind)!,
    taxRate: (region) => taxRates.get(region)!,
  };
}
