import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { blockedGroups, causeOf } from '../../src/report/blocked-groups.js';
import { buildReportModel } from '../../src/report/plan-report-model.js';
import { unmappedCurrency } from '../../src/plan/blocked-reason.js';
import { SettingsSchema } from '../../src/config/schema.js';
import { samplePlan } from './sample-plan.js';

describe('report: blocked operations grouped by cause', () => {
  it('finds the root cause through "is blocked (…)" and drops the objects it names', () => {
    const own = unmappedCurrency('invoice in_1', 'chf');
    expect(causeOf(own)).to.deep.equal({
      cause: 'no NetSuite currency is configured for CHF',
      fix: 'add "chf" (the NetSuite currency\'s internal id) to netsuite.currencies',
    });
    const dependent = `charge ch_1: invoice:in_1 is blocked (${own})`;
    const deposit = `deposit for payout po_1 (USD 5.00) is not proved: txn_1 (charge ch_1): its record customerPayment:ch_1 is blocked (${dependent}); txn_2: other`;
    expect(causeOf(dependent)).to.deep.equal(causeOf(own));
    expect(causeOf(deposit)).to.deep.equal(causeOf(own));
    // A reason without a fix stays whole.
    expect(causeOf('invoice in_9 is not in the ledger')).to.deep.equal({ cause: 'invoice in_9 is not in the ledger' });
  });

  it('groups a plan\'s blocked operations, largest group first, one fix each', () => {
    const plan = samplePlan();
    const base = plan.operations[3];
    for (const id of ['in_a', 'in_b', 'in_c']) {
      plan.operations.push({ ...base, key: `invoice:${id}`, externalId: id, stripeId: id, blocked: unmappedCurrency(`invoice ${id}`, 'chf') });
    }
    plan.operations.push({ ...base, key: 'customerPayment:ch_z', externalId: 'ch_z', stripeId: 'ch_z', blocked: `charge ch_z: invoice:in_a is blocked (${unmappedCurrency('invoice in_a', 'chf')})` });
    const groups = blockedGroups(buildReportModel(plan));
    expect(groups.map((g) => [g.cause, g.operations.length])).to.deep.equal([
      ['no NetSuite currency is configured for CHF', 4],
      ['customer cus_X is not in the ledger', 1],
      ['invoice in_9 is not in the ledger', 1],
    ]);
    expect(groups[0].fix).to.contain('netsuite.currencies');
  });

  it('every config key a blocked reason names exists in the configuration schema (src/config/schema.ts)', () => {
    const netsuite = (SettingsSchema.shape as unknown as { netsuite: { shape: Record<string, unknown> } }).netsuite;
    const keys = new Set(Object.keys(netsuite.shape));
    const root = fileURLToPath(new URL('../../../src/plan', import.meta.url));
    const named = new Set<string>();
    for (const file of fs.readdirSync(root, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      const src = fs.readFileSync(path.join(root, file), 'utf8');
      // Keys named inside string literals and templates (what a person reads), not property access in code.
      for (const lit of src.match(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g) ?? []) {
        for (const m of lit.matchAll(/(\w+\.)?netsuite\.([A-Za-z]+)/g)) {
          expect(m[1], `${file}: "${m[0]}" (say netsuite.${m[2]})`).to.equal(undefined);
          named.add(m[2]);
        }
      }
    }
    expect(named.size).to.be.greaterThan(2);
    for (const key of named) expect(keys.has(key), `netsuite.${key} named in src/plan`).to.equal(true);
  });
});
