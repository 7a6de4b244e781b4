// Exit 3, "the run failed" (README, Exit codes): Stripe or NetSuite refusing the credentials, or a ledger that
// cannot be used. Cron must be able to tell these from a partial run (exit 1), and the secret must not be printed.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { runCli, transcript, type CliResult } from './cli-process.js';
import { generatedWorld, startSandboxes, type Sandboxes } from '../support/sandboxes.js';

const WRONG_STRIPE_KEY = 'sk_test_WRONGkey7781zz';
const WRONG_TOKEN_SECRET = 'WRONG-token-secret-5531';

function expectNotPrinted(r: CliResult, value: string): void {
  expect(r.stdout + r.stderr, `${value.slice(0, 8)}… printed`).to.not.include(value);
}

describe('cli: runs that cannot proceed exit 3', function () {
  this.timeout(120_000);
  let w: Sandboxes;

  before(async () => {
    w = await startSandboxes(generatedWorld({ customers: 3, months: 1, seed: 2 }));
  });
  after(async () => w?.close());

  it('Stripe refuses the API key: exit 3, saying so, without printing the key', async () => {
    const r = await runCli(['sync'], { env: { ...w.env, STRIPE_API_KEY: WRONG_STRIPE_KEY }, cwd: w.dir });
    expect(r.code, transcript(r)).to.equal(3);
    expect(r.stderr).to.match(/stripe/i);
    expect(r.stderr).to.match(/401|api key|authentication/i);
    expectNotPrinted(r, WRONG_STRIPE_KEY);
  });

  it('NetSuite refuses the login: exit 3, saying so, without printing the token secret', async () => {
    const r = await runCli(['sync'], { env: { ...w.env, NETSUITE_TOKEN_SECRET: WRONG_TOKEN_SECRET }, cwd: w.dir });
    expect(r.code, transcript(r)).to.equal(3);
    expect(r.stderr).to.include('INVALID_LOGIN');
    expectNotPrinted(r, WRONG_TOKEN_SECRET);
  });

  it('NetSuite refuses the login on a run with nothing to write: still exit 3 (credentials are proved every run)', async () => {
    const env = { ...w.env, LEDGER_PATH: path.join(w.dir, 'nothing-to-write.sqlite') };
    const first = await runCli(['sync'], { env, cwd: w.dir });
    expect(first.code, transcript(first)).to.equal(0);
    const r = await runCli(['sync'], { env: { ...env, NETSUITE_TOKEN_SECRET: WRONG_TOKEN_SECRET }, cwd: w.dir });
    expect(r.code, transcript(r)).to.equal(3);
    expect(r.stderr).to.match(/NetSuite refused the login \(.*INVALID_LOGIN/);
    expectNotPrinted(r, WRONG_TOKEN_SECRET);
  });

  it('NetSuite down (every request 503) with work to do: exit 3 within seconds, one line naming NetSuite, a handful of requests', async () => {
    let requests = 0;
    const down = http.createServer((req, res) => {
      requests++;
      req.resume();
      res.writeHead(503, { 'content-type': 'text/html' }).end('<html>Service Unavailable</html>');
    });
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    try {
      const started = Date.now();
      const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}`;
      const r = await runCli(['sync'], { env: { ...w.env, NETSUITE_BASE_URL: url, LEDGER_PATH: path.join(w.dir, 'down.sqlite') }, cwd: w.dir });
      expect(r.code, transcript(r)).to.equal(3);
      const lines = r.stderr.split('\n').filter((l) => /NetSuite unreachable/.test(l));
      expect(lines, transcript(r)).to.have.length(1);
      expect(lines[0]).to.match(/^stripe-netsuite: run failed: NetSuite unreachable: \d+ requests in a row failed \(last: .*503/);
      expect(requests, 'a down service costs a handful of requests').to.be.at.most(12);
      expect(Date.now() - started).to.be.below(60_000);
    } finally {
      await new Promise<void>((r) => down.close(() => r()));
    }
  });

  it('Stripe down (every request 503): exit 3 within a minute, one line naming Stripe, a handful of requests; status says so; the next run completes', async () => {
    let requests = 0;
    const down = http.createServer((req, res) => {
      requests++;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"type":"api_error","message":"down"}}');
    });
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    const env = { ...w.env, LEDGER_PATH: path.join(w.dir, 'stripe-down.sqlite') };
    try {
      const started = Date.now();
      const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}`;
      const r = await runCli(['sync'], { env: { ...env, STRIPE_API_BASE: url }, cwd: w.dir });
      expect(r.code, transcript(r)).to.equal(3);
      const lines = r.stderr.split('\n').filter((l) => /Stripe unreachable/.test(l));
      expect(lines, transcript(r)).to.have.length(1);
      expect(lines[0]).to.match(/^stripe-netsuite: run failed: Stripe unreachable: \d+ requests in a row failed \(last: .*503/);
      expect(requests, 'a down service costs a handful of requests').to.be.at.most(12);
      expect(Date.now() - started).to.be.below(60_000);
    } finally {
      await new Promise<void>((r) => down.close(() => r()));
    }
    const status = await runCli(['status'], { env, cwd: w.dir });
    expect(status.code, transcript(status)).to.equal(1);
    expect(status.stdout).to.match(/Stripe reads that failed in the last run \(1; the next run retries them\):\n  stripe: Stripe unreachable/);
    expect(status.stdout).to.match(/The last run \(#1\) was failed: Stripe unreachable/);
    expect(status.stdout).to.not.include('Every planned Stripe object is synced');

    const again = await runCli(['sync'], { env, cwd: w.dir });
    expect(again.code, transcript(again)).to.equal(0);
    const after = await runCli(['status', '--json'], { env, cwd: w.dir });
    expect(JSON.parse(after.stdout).readFailures, 'the retried reads are no longer listed').to.deep.equal({ count: 0, items: [] });
  });

  it('Stripe hangs (connections accepted, never answered): exit 3 after the request timeout, one line naming Stripe', async () => {
    let requests = 0;
    const hung = new Set<http.ServerResponse>();
    const hang = http.createServer((req, res) => {
      requests++;
      req.resume();
      hung.add(res);
    });
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    // The timeout is a setting (extract.requestTimeoutSeconds, default 8: 5 × 8 s + back-off < 1 min); 1 s keeps this test short.
    const config = w.writeConfig('hang.json', (s) => {
      s.extract.requestTimeoutSeconds = 1;
    });
    try {
      const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
      const env = { ...w.env, STRIPE_API_BASE: url, LEDGER_PATH: path.join(w.dir, 'stripe-hangs.sqlite') };
      const r = await runCli(['--config', config, 'sync'], { env, cwd: w.dir });
      expect(r.code, transcript(r)).to.equal(3);
      const lines = r.stderr.split('\n').filter((l) => /Stripe unreachable/.test(l));
      expect(lines, transcript(r)).to.have.length(1);
      expect(requests, 'a hung service costs a handful of requests').to.be.within(5, 12);
    } finally {
      for (const res of hung) res.destroy();
      await new Promise<void>((r) => hang.close(() => r()));
    }
  });

  // Was exit 3 ("run failed"): a LEDGER_PATH whose directory is not there is now a configuration error found before
  // anything runs (a mistyped path must not start a fresh ledger). An unusable ledger file is still exit 3 (below).
  it('a ledger path under a file, not a directory: exit 2 naming the problem, before anything runs', async () => {
    const blocker = path.join(w.dir, 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const before = w.netsuite.stats().requests + w.stripe.requestLog.length;
    const r = await runCli(['sync'], { env: { ...w.env, LEDGER_PATH: path.join(blocker, 'ledger.sqlite') }, cwd: w.dir });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.include(`${blocker} is not a directory`);
    expect(w.netsuite.stats().requests + w.stripe.requestLog.length, 'no request').to.equal(before);
  });

  it('a ledger file that is not SQLite: exit 3, and the file is left as it was', async () => {
    const file = path.join(w.dir, 'garbage.sqlite');
    const garbage = 'this is not a SQLite database, but it is somebody’s file\n'.repeat(100);
    fs.writeFileSync(file, garbage);
    const r = await runCli(['status'], { env: { ...w.env, LEDGER_PATH: file }, cwd: w.dir });
    expect(r.code, transcript(r)).to.equal(3);
    expect(r.stderr).to.match(/not a database/i);
    expect(fs.readFileSync(file, 'utf8')).to.equal(garbage);
  });
});
