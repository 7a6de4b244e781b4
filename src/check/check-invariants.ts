// The invariant checker: reads NetSuite over REST and verifies the accounting invariants of
// reference/stripe-connector.md §2 (I1, I5–I9, I12–I20; I28/I29 for #21) against the Stripe objects in the ledger.
// Deliberately independent of the code under test: it imports nothing from plan, accounting, run, apply or the
// ledger's plan helpers, and restates each rule (amounts, dates, scopes) from the references, so a bug there shows
// up here instead of being shared.
import type { RuntimeConfig } from '../config/settings.js';
import { createNetSuiteClient, type NetSuiteClient } from '../netsuite/netsuite-client.js';
import { summarize, type InvariantReport, type InvariantResult } from './invariant-report.js';
import { newContext } from './invariant-context.js';
import { netSuiteRecords } from './netsuite-records.js';
import { readStripeWorld } from './stripe-world.js';
import { checkInvoices } from './invariants/invoices.js';
import { checkPayments } from './invariants/payments.js';
import { checkDisputes, checkRefunds } from './invariants/refunds.js';
import { checkDeposits } from './invariants/deposits.js';
import { checkPayoutReversals } from './invariants/payout-reversals.js';
import { checkPaidOutsideStripe } from './invariants/paid-outside-stripe.js';

export async function checkInvariants(config: RuntimeConfig, o: { client?: NetSuiteClient } = {}): Promise<InvariantReport> {
  const stripe = await readStripeWorld(config.secrets.ledgerPath);
  const client = o.client ?? createNetSuiteClient(config.secrets, config.settings);
  const results: InvariantResult[] = [];
  const ctx = newContext(stripe, netSuiteRecords(client), config.settings, results);
  await checkInvoices(ctx);
  await checkPaidOutsideStripe(ctx);
  await checkPayments(ctx);
  await checkRefunds(ctx);
  await checkDisputes(ctx);
  await checkDeposits(ctx);
  await checkPayoutReversals(ctx);
  return summarize(results);
}
