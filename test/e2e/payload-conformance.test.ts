// Every write the connector sends, on generated worlds, against NetSuite sandboxes of different feature sets,
// conforms to Oracle's REST record schemas (reference-schema-check.ts: field exists for the record and sublist,
// types, enums, sublist, subrecord and reference shapes), carries no field of a feature the account does not have,
// and is never refused for a property the account lacks. What a single-currency account cannot take is blocked,
// naming the currency and the feature.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { startSandboxes } from '../support/sandboxes.js';
import { conformanceProblems, recordTypeOfWrite } from './reference-schema-check.js';

type Captured = { method: string; path: string; body: unknown; status: number };

/** Fields each feature gives (netsuite-rest.md §5; docs/netsuite-accounts.md): none may be sent without it. */
const GATED: Record<string, string[]> = {
  SUBSIDIARIES: ['subsidiary'],
  MULTICURRENCY: ['currency', 'exchangeRate'],
  MULTICURRENCYCUSTOMER: ['currencyList'],
  PAYMENTINSTRUMENTS: ['paymentOption'],
  REVENUERECOGNITION: ['revRecStartDate', 'revRecEndDate'],
};
const ALL = ['SUBSIDIARIES', 'MULTICURRENCY', 'MULTICURRENCYCUSTOMER', 'PAYMENTINSTRUMENTS', 'ACCOUNTINGPERIODS', 'REVENUERECOGNITION'];

function namesIn(v: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) for (const x of v) namesIn(x, into);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      into.add(k);
      namesIn(x, into);
    }
  }
  return into;
}

describe('payloads conform to the REST record schemas on every feature set', function () {
  this.timeout(300_000);

  for (const [label, features] of [
    ['all', ALL],
    ['none', []],
    ['OneWorld, single currency, no Payment Instruments', ['SUBSIDIARIES', 'ACCOUNTINGPERIODS', 'REVENUERECOGNITION']],
    ['multi-currency without subsidiaries or revenue recognition', ['MULTICURRENCY', 'MULTICURRENCYCUSTOMER', 'PAYMENTINSTRUMENTS']],
  ] as const) {
    for (const [seed, flags] of [
      [7, {}],
      [99, { globalItem: true, globalDiscountItem: true, useRefundItem: true, useBadDebtItem: true }],
    ] as const) {
      it(`features ${label}, seed ${seed}${Object.keys(flags).length ? ` (${Object.keys(flags).join(', ')})` : ''}`, async () => {
        const requests: Captured[] = [];
        const { items, summary } = generateWorld({ customers: 16, months: 3, seed });
        const h = await startSandboxes({
          world: items,
          now: summary.end + 3 * 86400,
          netsuite: {
            features: label === 'all' ? 'all' : label === 'none' ? 'none' : [...features],
            onRequest: (r) => requests.push(r),
          },
          configPatch: (s) => {
            Object.assign(s.features, flags);
            if (seed === 99) s.netsuite.discountItems = 'posting';
          },
        });
        try {
          const run = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
          const on = new Set<string>(features);
          const writes = requests.filter((r) => recordTypeOfWrite(r.method, r.path));
          expect(writes.length, 'the world makes NetSuite records').to.be.greaterThan(60);

          const problems = writes.flatMap((r) =>
            conformanceProblems(recordTypeOfWrite(r.method, r.path)!, r.body, { paymentInstruments: on.has('PAYMENTINSTRUMENTS') }).map(
              (p) => `${r.method} ${r.path}: ${p}`,
            ),
          );
          expect(problems, problems.slice(0, 10).join('\n')).to.deep.equal([]);

          for (const [feature, fields] of Object.entries(GATED)) {
            if (on.has(feature)) continue;
            const sent = writes.filter((r) => fields.some((f) => namesIn(r.body).has(f)));
            expect(sent.map((r) => r.path), `fields of ${feature} sent to an account without it`).to.deep.equal([]);
          }
          if (on.has('PAYMENTINSTRUMENTS')) {
            expect(writes.filter((r) => namesIn(r.body).has('paymentMethod') && !r.path.includes('/deposit')).map((r) => r.path)).to.deep.equal([]);
          }

          const refused = requests.filter((r) => r.status >= 400 && r.status < 500);
          expect(refused.map((r) => `${r.method} ${r.path} ${r.status}`), 'no request refused').to.deep.equal([]);

          if (on.has('MULTICURRENCY')) {
            expect(run.summary.failures, JSON.stringify(run.summary.failures.slice(0, 3))).to.deep.equal([]);
          } else {
            // Only what needs another currency is held, each saying which currency and which feature, or what it waits for.
            expect(run.summary.operations.done).to.be.greaterThan(60);
            for (const f of run.summary.failures) {
              expect(f.error, f.key).to.match(/in [A-Z]{3}, but the NetSuite account has only its base currency: the Multiple Currencies feature \(MULTICURRENCY\) is off|is blocked \(.*MULTICURRENCY/);
            }
          }
        } finally {
          await h.close();
        }
      });
    }
  }
});
