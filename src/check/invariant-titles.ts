// Short titles of the invariants of reference/stripe-connector.md §2 that the checker verifies.
export const INVARIANT_TITLES: Record<string, string> = {
  I1: 'at most one NetSuite record per externalId and record type',
  I5: 'each finalized invoice has one NetSuite invoice: customer, currency, total = max(total, 0), lines sum to it',
  I6: 'paid invoice: amountRemaining 0',
  I7: 'open invoice: amountRemaining = amount_remaining + pre-payment credit notes',
  I8: 'uncollectible invoice: closed (amountRemaining 0) unless keepUnpaidInvoicesOpen',
  I9: 'void invoice: closed by a credit memo',
  I12: 'each succeeded charge: one customer payment, amount, currency, undeposited funds, date',
  I13: 'each refund: one customer refund of its amount (+ credit memo of equal total when invoiced)',
  I14: 'partial refund of a multi-line invoice: one line on the partial refund item',
  I15: 'each dispute with funds withdrawn: one customer refund of the dispute amount',
  I16: 'failed asynchronous payment: refund of the payment amount',
  I17: 'each paid automatic payout: one deposit, bank account, total = payout amount, arrival date',
  I18: 'deposit lines decompose the payout: payments − cash back + other = Σ net',
  I19: 'each paid-out charge, refund and dispute is in exactly one deposit',
  I20: 'NetSuite amount of each deposited record equals the Stripe amount',
  GL: "each record's GL lines as NetSuite posted them equal the plan's books' impact",
};
