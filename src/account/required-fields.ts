// The fields the connector cannot do without, per record type it writes: an account (or role) that lacks one
// cannot take what a run would send, so `preflight` reports it and `sync`/`backfill` stop before posting.
import { fieldAt, type AccountProfile } from './account-profile.js';

/** The record types the connector writes, in the order a run first writes them. */
export const WRITTEN_RECORD_TYPES = [
  'customer',
  'serviceSaleItem',
  'nonInventorySaleItem',
  'discountItem',
  'invoice',
  'customerPayment',
  'creditMemo',
  'customerRefund',
  'deposit',
] as const;
export type WrittenRecordType = (typeof WRITTEN_RECORD_TYPES)[number];

const REQUIRED: Record<WrittenRecordType, string[]> = {
  customer: ['externalId', 'entityId', 'companyName', 'comments'],
  serviceSaleItem: ['externalId', 'itemId', 'displayName', 'incomeAccount'],
  nonInventorySaleItem: ['externalId', 'itemId', 'displayName', 'incomeAccount'],
  discountItem: ['externalId', 'itemId', 'displayName'],
  invoice: ['externalId', 'entity', 'tranDate', 'memo', 'item.item', 'item.quantity', 'item.rate', 'item.amount', 'item.description'],
  customerPayment: ['externalId', 'customer', 'payment', 'tranDate', 'memo', 'undepFunds', 'apply.doc', 'apply.apply', 'apply.amount'],
  creditMemo: ['externalId', 'entity', 'tranDate', 'memo', 'item.item', 'item.amount', 'apply.doc', 'apply.apply', 'apply.amount'],
  customerRefund: ['externalId', 'customer', 'account', 'tranDate', 'memo', 'apply.doc', 'apply.apply', 'apply.amount'],
  deposit: [
    'externalId', 'account', 'tranDate', 'memo', 'payment.id', 'payment.deposit', 'payment.paymentAmount',
    'other.account', 'other.amount', 'cashback.account', 'cashback.amount',
  ],
};

/** One problem per missing record type or field, with what it stops; empty when the account takes everything. */
export function missingRequiredFields(profile: AccountProfile): string[] {
  const out: string[] = [];
  for (const type of WRITTEN_RECORD_TYPES) {
    const shape = profile.records.get(type);
    if (!shape) {
      out.push(`${type}: the account does not expose this record type to the integration's role`);
      continue;
    }
    for (const path of REQUIRED[type]) {
      if (!fieldAt(shape, path.split('.'))) out.push(`${type}: the account has no field ${path}`);
    }
    if ((type === 'customerPayment' || type === 'customerRefund') && !shape.has('paymentOption') && !shape.has('paymentMethod')) {
      out.push(`${type}: the account has neither paymentOption nor paymentMethod for the Stripe payment method`);
    }
  }
  return out;
}
