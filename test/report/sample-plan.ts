// A hand-built plan over every pass and three currency exponents (usd 2, jpy 0, kwd 3), with blocked operations
// and hostile user text, shared by the report tests.
import type { Plan } from '../../src/plan/build-plan.js';
import { opKey, type LinkSpec, type Operation, type OperationAction, type PassName, type RecordType } from '../../src/plan/operation.js';

export const HOSTILE_DESCRIPTION = 'Setup <script>alert("x")</script> | *bold* & `tick`\n\x1b[31mred, then more text';

interface Spec {
  pass: PassName;
  action: OperationAction;
  recordType: RecordType;
  externalId: string;
  stripeId: string;
  keySuffix?: string;
  target?: string;
  link?: LinkSpec;
  customer?: string;
  date?: string;
  currency?: string;
  amount?: number;
  description: string;
  dependsOn?: string[];
  blocked?: string;
}

function op(s: Spec): Operation {
  const head = { recordType: s.recordType, externalId: s.externalId, stripeId: s.stripeId };
  const variant =
    s.action === 'apply'
      ? { action: s.action, ...head, target: s.target ?? '' }
      : s.action === 'link'
        ? { action: s.action, ...head, link: s.link ?? { createIfMissing: false } }
        : { action: s.action, ...head };
  return {
    key: opKey(s.recordType, s.externalId, s.keySuffix),
    pass: s.pass,
    ...variant,
    body: { externalId: s.externalId, memo: `Stripe: ${s.stripeId}`, ...(s.customer ? { entity: { $ref: `customer:${s.customer}` } } : {}) },
    dependsOn: s.dependsOn ?? [],
    hash: `hash-${s.externalId}`,
    summary: {
      ...(s.customer !== undefined ? { customer: s.customer } : {}),
      ...(s.date !== undefined ? { date: s.date } : {}),
      ...(s.currency !== undefined ? { currency: s.currency } : {}),
      ...(s.amount !== undefined ? { amount: s.amount } : {}),
      description: s.description,
    },
    ...(s.blocked ? { blocked: s.blocked } : {}),
  };
}

/** 13 operations: 8 create, 1 link, 1 close, 1 apply, 2 blocked. */
export function samplePlan(): Plan {
  return {
    operations: [
      op({ pass: 'customers', action: 'create', recordType: 'customer', externalId: 'cus_A', stripeId: 'cus_A', customer: 'cus_A', description: 'Acme Inc' }),
      op({ pass: 'customers', action: 'link', recordType: 'customer', externalId: 'cus_B', stripeId: 'cus_B', link: { internalId: '812', createIfMissing: false }, customer: 'cus_B', description: 'Globex (netsuite_customer_id 812)' }),
      op({ pass: 'items', action: 'create', recordType: 'serviceSaleItem', externalId: 'price_1', stripeId: 'price_1', description: 'Pro plan' }),
      op({ pass: 'invoices', action: 'create', recordType: 'invoice', externalId: 'in_1', stripeId: 'in_1', customer: 'cus_A', date: '2026-03-01', currency: 'usd', amount: 12000, description: HOSTILE_DESCRIPTION, dependsOn: ['customer:cus_A', 'serviceSaleItem:price_1'] }),
      op({ pass: 'invoices', action: 'create', recordType: 'invoice', externalId: 'in_2', stripeId: 'in_2', customer: 'cus_B', date: '2026-03-02', currency: 'jpy', amount: 1500, description: 'Tokyo seats' }),
      op({ pass: 'invoices', action: 'create', recordType: 'invoice', externalId: 'in_3', stripeId: 'in_3', customer: 'cus_B', date: '2026-03-03', currency: 'KWD', amount: 1234, description: 'Kuwait seats' }),
      op({ pass: 'invoices', action: 'create', recordType: 'invoice', externalId: 'in_4', stripeId: 'in_4', customer: 'cus_X', date: '2026-03-04', currency: 'usd', amount: 500, description: 'Orphan', blocked: 'customer cus_X is not in the ledger' }),
      op({ pass: 'payments', action: 'create', recordType: 'customerPayment', externalId: 'ch_1', stripeId: 'ch_1', customer: 'cus_A', date: '2026-03-05', currency: 'usd', amount: 12000, description: 'Payment for in_1', dependsOn: ['invoice:in_1'] }),
      op({ pass: 'payments', action: 'create', recordType: 'customerPayment', externalId: 'ch_2', stripeId: 'ch_2', customer: 'cus_B', date: '2026-03-06', currency: 'kwd', amount: 5, description: 'Payment for in_9', blocked: 'invoice in_9 is not in the ledger' }),
      op({ pass: 'refunds', action: 'create', recordType: 'customerRefund', externalId: 're_1', stripeId: 're_1', customer: 'cus_A', date: '2026-03-07', currency: 'usd', amount: 2000, description: 'Partial refund of ch_1' }),
      op({ pass: 'closures', action: 'close', recordType: 'creditMemo', externalId: 'in_5-close', stripeId: 'in_5', customer: 'cus_A', date: '2026-03-08', currency: 'usd', amount: 3000, description: 'in_5 marked uncollectible' }),
      op({ pass: 'closures', action: 'apply', recordType: 'creditMemo', externalId: 'in_6-balance', keySuffix: 'apply', target: 'creditMemo:in_6-balance', stripeId: 'in_6', customer: 'cus_A', date: '2026-03-09', currency: 'usd', amount: 250, description: 'Apply balance credit to in_6' }),
      op({ pass: 'deposits', action: 'create', recordType: 'deposit', externalId: 'po_1', stripeId: 'po_1', date: '2026-03-10', currency: 'jpy', amount: 1500, description: 'Payout po_1' }),
    ],
  };
}
