// Which NetSuite item a Stripe price, coupon or special line uses, planning the item's creation on first use
// (reference #11, #12; DESIGN decision 2). Every create op made here carries pass 'items'.
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import type { RecordType } from '../../operation.js';
import type { AccountSettings } from '../../../config/settings.js';
import { idOf } from '../../../stripe-objects/id-of.js';
import { GLOBAL_ITEMS, type GlobalItemName, couponExternalId } from '../../keys.js';

export type ItemRef = { $ref: string } | { id: string };

/** NetSuite's "Item Name/Number" is short; longer names are cut so the record is still accepted. */
const ITEM_NAME_MAX = 60;

/** The income-side account of each global item (a discount item posts to `account` instead). */
function globalItemAccount(ctx: PassContext, name: GlobalItemName): string {
  return globalItemAccountOf(ctx.input.settings.netsuite.accounts, name);
}

/** The same, from the accounts alone: the books' impact derives a line's account from it (src/books). */
export function globalItemAccountOf(a: AccountSettings, name: GlobalItemName): string {
  switch (name) {
    case 'tax':
      return a.taxPayable;
    case 'refund':
    case 'dispute':
      return a.refunds;
    case 'badDebt':
      return a.badDebt;
    case 'customerBalance':
    case 'customerBalanceDebit':
      return a.customerBalance;
    case 'discount':
      return a.discounts;
    case 'paidOutsideStripe':
      // Only planned when it is set (outside-payment-memos.ts blocks otherwise).
      return a.paidOutsideStripe ?? a.income;
    default:
      return a.income;
  }
}

function itemBody(
  ctx: PassContext,
  recordType: RecordType,
  itemId: string,
  displayName: string,
  externalId: string,
  account: string,
  description?: string,
): Record<string, unknown> {
  const subsidiary = { items: [{ id: ctx.input.settings.netsuite.subsidiaryId }] };
  const common = {
    itemId,
    displayName,
    externalId,
    ...(description ? { description } : {}),
    subsidiary,
  };
  if (recordType === 'discountItem') {
    // A posting discount item carries its account; a non-posting one (the default) has none, so the discount nets
    // against the revenue of the item it discounts (I27). NetSuite takes one or the other (discountItem.md).
    return ctx.input.settings.netsuite.discountItems === 'posting'
      ? { ...common, account: { id: ctx.input.settings.netsuite.accounts.discounts } }
      : { ...common, nonPosting: true };
  }
  return { ...common, incomeAccount: { id: account } };
}

/** Adds (once) the create op for an item and returns the reference to it. */
function addItem(
  ctx: PassContext,
  item: {
    recordType: RecordType;
    externalId: string;
    stripeId: string;
    itemId: string;
    displayName: string;
    account: string;
    description?: string;
    summary: string;
  },
): { $ref: string } {
  const body = itemBody(ctx, item.recordType, item.itemId, item.displayName, item.externalId, item.account, item.description);
  const key = ctx.as('items').add({
    action: 'create',
    recordType: item.recordType,
    externalId: item.externalId,
    stripeId: item.stripeId,
    body,
    summary: { description: item.summary },
  });
  return { $ref: key };
}

/** Adds (once) the create op for a global item and returns the reference to it. */
export function ensureGlobalItem(ctx: PassContext, name: GlobalItemName): { $ref: string } {
  const def = GLOBAL_ITEMS[name];
  return addItem(ctx, {
    recordType: def.recordType,
    externalId: def.externalId,
    stripeId: def.externalId,
    itemId: def.name,
    displayName: def.name,
    account: globalItemAccount(ctx, name),
    summary: `global item "${def.name}"`,
  });
}

/** "Label (stripe_id)", the label shortened so the whole name fits NetSuite's limit; the id keeps it unique. */
export function itemName(label: string, stripeId: string): string {
  const suffix = ` (${stripeId})`;
  const room = ITEM_NAME_MAX - suffix.length;
  const clean = label.replace(/\s+/g, ' ').trim();
  if (room <= 0 || !clean) return stripeId.slice(0, ITEM_NAME_MAX);
  return (clean.length > room ? clean.slice(0, room).trimEnd() : clean) + suffix;
}

function mapped(ctx: PassContext, ...ids: Array<string | null | undefined>): { id: string } | undefined {
  const mapping = ctx.input.settings.items.mapping;
  for (const id of ids) if (id && mapping[id]) return { id: mapping[id] };
  return undefined;
}

function priceLabel(ctx: PassContext, price: Stripe.Price | undefined, productId: string | undefined): string {
  const product = productId ? ctx.input.stripe.products.get(productId) : undefined;
  const productName = product?.name ?? (price && typeof price.product === 'object' && 'name' in price.product ? price.product.name : undefined);
  const variant = price?.nickname ?? (price?.recurring ? `${price.recurring.interval_count > 1 ? `${price.recurring.interval_count} ` : ''}${price.recurring.interval}` : undefined);
  return [productName, variant].filter(Boolean).join(' - ');
}

/**
 * The item for an invoice (or credit-note) line's price. Precedence: the configured mapping (price id, then
 * product id), the price's `netsuite_service_sale_item_id` metadata, the global-item workflow, one-time prices
 * (global `Stripe Item`, DESIGN decision 2), then one service sale item per price, created on first use.
 * `price` may be an id or an expanded Price (as line `pricing.price_details.price` can be).
 */
export function itemForPrice(
  ctx: PassContext,
  priceId: string | Stripe.Price | null,
  productId?: string,
): ItemRef {
  const id = idOf(priceId);
  const price: Stripe.Price | undefined =
    (id ? ctx.input.stripe.prices.get(id) : undefined) ?? (priceId && typeof priceId === 'object' ? priceId : undefined);
  const product = productId ?? idOf(price?.product as string | { id: string } | undefined) ?? undefined;
  const byMapping = mapped(ctx, id, product);
  if (byMapping) return byMapping;
  const byMetadata = price?.metadata?.netsuite_service_sale_item_id;
  if (byMetadata) return { id: byMetadata };
  if (!id || ctx.input.settings.features.globalItem || price?.type === 'one_time') return ensureGlobalItem(ctx, 'item');

  const label = priceLabel(ctx, price, product) || id;
  return addItem(ctx, {
    recordType: 'serviceSaleItem',
    externalId: id,
    stripeId: id,
    itemId: itemName(label, id),
    displayName: label,
    account: ctx.input.settings.netsuite.accounts.income,
    description: `Stripe: ${id}`,
    summary: `item for price ${id} "${label}"`,
  });
}

/**
 * The discount item for a coupon: configured mapping (coupon id), coupon metadata `netsuite_discount_item_id`,
 * the global `Stripe Discount` when `globalDiscountItem` (or the coupon is unknown), else one discount item per
 * coupon created on first use.
 */
export function itemForCoupon(ctx: PassContext, couponId: string | null): ItemRef {
  const byMapping = mapped(ctx, couponId);
  if (byMapping) return byMapping;
  if (!couponId || ctx.input.settings.features.globalDiscountItem) return ensureGlobalItem(ctx, 'discount');
  const coupon = ctx.input.stripe.coupons.get(couponId);
  const byMetadata = coupon?.metadata?.netsuite_discount_item_id;
  if (byMetadata) return { id: byMetadata };
  const label = coupon?.name || couponId;
  return addItem(ctx, {
    recordType: 'discountItem',
    externalId: couponExternalId(couponId),
    stripeId: couponId,
    itemId: itemName(label, couponId),
    displayName: label,
    account: ctx.input.settings.netsuite.accounts.discounts,
    description: `Stripe: ${couponId}`,
    summary: `discount item for coupon ${couponId} "${label}"`,
  });
}
