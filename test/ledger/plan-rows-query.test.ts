// The deposits pass reads a payout's balance transactions by the payout index, not by scanning every balance
// transaction through the type index (issue 14).
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { balanceTransactionsOfPayouts, balanceTransactionsOfPayoutsSql } from '../../src/ledger/plan-rows.js';
import { upsertSnapshots } from '../../src/ledger/snapshots.js';

describe('ledger: the balance transactions of payouts', () => {
  it('are a payout index lookup (EXPLAIN QUERY PLAN) and return just those payouts\' transactions', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-rows-'));
    const ledger = openLedger(path.join(dir, 'ledger.sqlite'));
    try {
      const txn = (i: number, payout: string | null) => ({
        object: { id: `txn_${i}`, object: 'balance_transaction', created: 1000 + i, amount: 100 * i },
        options: { final: true, payout, now: 2000 },
      });
      // Many payouts of a few transactions each, among many other balance transactions (what the ledger analyses).
      const many = Array.from({ length: 2000 }, (_, i) => txn(10 + i, i % 2 ? `po_${i % 200}` : null));
      upsertSnapshots(ledger, [txn(1, 'po_a'), txn(2, 'po_a'), txn(3, 'po_b'), txn(4, null), ...many]);
      ledger.sqlite.exec('ANALYZE');
      const plan = (ledger.sqlite.prepare(`EXPLAIN QUERY PLAN ${balanceTransactionsOfPayoutsSql(2)}`).all('po_a', 'po_b') as Array<{ detail: string }>)
        .map((r) => r.detail);
      expect(plan.join('; ')).to.match(/USING INDEX stripe_objects_payout \(payout=\?\)/);
      expect(balanceTransactionsOfPayouts(ledger, ['po_a']).map((r) => r.id)).to.deep.equal(['txn_1', 'txn_2']);
    } finally {
      await ledger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
