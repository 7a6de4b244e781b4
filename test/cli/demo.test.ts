// The README's first command: demo generates a world, shows the plan as `plan` does (with the books' impact),
// applies it, shows that a second run writes nothing, and checks the invariants; exit 0 only if all of that holds.
import { expect } from 'chai';
import { runCli, transcript } from './cli-process.js';
import { EXIT } from '../../src/cli/exit-codes.js';

describe('cli: demo', function () {
  this.timeout(120_000);

  it('plans with the GL lines it will post, applies, writes nothing the second time, and every invariant holds: exit 0', async () => {
    const r = await runCli(['demo', '--customers', '4', '--months', '2', '--seed', '3'], { timeoutMs: 110_000 });
    expect(r.code, transcript(r)).to.equal(EXIT.OK);
    expect(r.stdout).to.match(/^Generated a Stripe world: 4 customers, 2 months, \d+ objects, \d+ events\.$/m);
    expect(r.stdout).to.include("Books' impact: the GL lines that will post, per account and currency:");
    expect(r.stdout).to.match(/^ {6}GL: Dr \d+ Accounts Receivable \(accounts\.receivables\) [A-Z]{3} [\d,.]+; Cr /m);
    const balances = r.stdout.match(/^ {2}[A-Z]{3} {2}debits [\d,.]+ [=≠] credits [\d,.]+ \((balanced|NOT BALANCED)\)$/gm) ?? [];
    expect(balances.length).to.be.greaterThan(0);
    expect(balances.every((l) => l.endsWith('(balanced)')), balances.join('\n')).to.equal(true);
    expect(r.stdout).to.match(/NetSuite writes in the second run: 0 \(1 request, the credential check included\)/);
    expect(r.stdout).to.match(/^Invariants: \d+ checks passed, 0 failed\.$/m);
  });
});
