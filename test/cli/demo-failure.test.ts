// demo exits, non-zero and promptly, when a step fails after a sandbox is already listening: nothing it
// started may keep the process alive (on Node 24 with a better-sqlite3 built for Node 20, the NetSuite
// sandbox's state file failed to open, the Stripe sandbox stayed up, and demo hung after "run failed").
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, transcript } from './cli-process.js';
import { EXIT } from '../../src/cli/exit-codes.js';

describe('cli: demo after a failure', function () {
  this.timeout(120_000);

  it('exits 3 ("run failed") within seconds when the NetSuite sandbox cannot open its state file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-netsuite-demo-fail-'));
    try {
      // Not an SQLite database: the NetSuite sandbox throws while the Stripe sandbox is already listening.
      fs.writeFileSync(path.join(dir, 'netsuite-sandbox.sqlite'), 'x'.repeat(4096));
      const started = Date.now();
      const r = await runCli(['demo', '--customers', '2', '--months', '1', '--keep', dir], { timeoutMs: 60_000 });
      expect(r.code, transcript(r)).to.equal(EXIT.FAILED);
      expect(r.stderr).to.include('run failed');
      expect(r.stderr, 'it ended by itself, not by the safety net').to.not.include('still open');
      expect(Date.now() - started).to.be.lessThan(30_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
