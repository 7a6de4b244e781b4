// Configuration and usage errors: every problem at once, by name, exit 2, and never a secret value in the output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { runCli, runCliMany, transcript, type CliResult } from './cli-process.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../src/config/load-config.js';

// Recognisable values: if any of them shows up in stdout or stderr, a secret (or a rejected value) leaked.
const TOKEN_SECRET = 'TOKSECRET-zq81-do-not-print';
const CONSUMER_SECRET = 'CONSECRET-k4m2-do-not-print';
const BAD_ACCOUNT = 'acct-XQ7788-sb1';
const BAD_STRIPE_KEY = 'pk_live_PUBLISHABLEzz9911';

const BROKEN_ENV: Record<string, string> = {
  // STRIPE_API_KEY malformed, NETSUITE_ACCOUNT_ID invalid, NETSUITE_CONSUMER_KEY and NETSUITE_TOKEN_ID missing,
  // NETSUITE_BASE_URL not http(s).
  STRIPE_API_KEY: BAD_STRIPE_KEY,
  NETSUITE_ACCOUNT_ID: BAD_ACCOUNT,
  NETSUITE_BASE_URL: 'ftp://netsuite.example.com',
  NETSUITE_CONSUMER_SECRET: CONSUMER_SECRET,
  NETSUITE_TOKEN_SECRET: TOKEN_SECRET,
};

const GOOD_ENV: Record<string, string> = {
  STRIPE_API_KEY: 'sk_test_configvalidation',
  STRIPE_API_BASE: 'http://127.0.0.1:9',
  NETSUITE_ACCOUNT_ID: '1234567_SB1',
  NETSUITE_BASE_URL: 'http://127.0.0.1:9',
  NETSUITE_CONSUMER_KEY: 'ck-config-test',
  NETSUITE_CONSUMER_SECRET: CONSUMER_SECRET,
  NETSUITE_TOKEN_ID: 'tk-config-test',
  NETSUITE_TOKEN_SECRET: TOKEN_SECRET,
};

function expectNoLeak(r: CliResult): void {
  const all = r.stdout + r.stderr;
  for (const v of [TOKEN_SECRET, CONSUMER_SECRET, BAD_ACCOUNT, BAD_STRIPE_KEY]) {
    expect(all, `output must not contain ${v.slice(0, 9)}…\n${transcript(r)}`).to.not.include(v);
  }
}

describe('cli: configuration and usage validation', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-cli-config-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  // status, explain and retry read only the ledger: they need no secret (config-schema-cli.test.ts), so the five
  // environment problems do not concern them; a ledger that is not there is their exit 2.
  const COMMANDS = [
    ['sync'],
    ['sync', '--dry-run'],
    ['plan', '--format', 'json'],
    ['backfill', '--from', '2026-01-01', '--to', '2026-02-01'],
    ['schedule', '--cron', '* * * * *'],
    ['preflight'],
  ];
  const READ_ONLY = [['status'], ['explain', 'in_123'], ['retry']];
  describe('every command, with five environment problems at once', () => {
    let results: CliResult[] = [];
    let readOnly: CliResult[] = [];
    const ledgerOf = (i: number) => path.join(dir, `broken-env-${i}.sqlite`);
    before(async () => {
      results = await runCliMany(
        COMMANDS.map((args, i) => ({ args, env: { ...BROKEN_ENV, LEDGER_PATH: ledgerOf(i) }, cwd: dir })),
      );
      readOnly = await runCliMany(
        READ_ONLY.map((args, i) => ({ args, env: { ...BROKEN_ENV, LEDGER_PATH: ledgerOf(100 + i) }, cwd: dir })),
      );
    });

    COMMANDS.forEach((args, i) => {
      it(`${args.join(' ')}: every problem reported, by name, exit 2, no secret printed, nothing attempted`, () => {
        const r = results[i];
        expect(r.code, transcript(r)).to.equal(2);
        expect(r.stderr).to.include('invalid configuration');
        expect(r.stderr).to.include('STRIPE_API_KEY does not look like a Stripe secret or restricted key');
        expect(r.stderr).to.include('NETSUITE_ACCOUNT_ID must look like 1234567 or 1234567_SB1');
        expect(r.stderr).to.include('NETSUITE_BASE_URL is not an http(s) URL');
        expect(r.stderr).to.include('NETSUITE_CONSUMER_KEY is not set');
        expect(r.stderr).to.include('NETSUITE_TOKEN_ID is not set');
        expect(r.stdout).to.equal('');
        expectNoLeak(r);
        // Nothing was attempted: not even the ledger was created.
        expect(fs.existsSync(ledgerOf(i)), 'no ledger file created').to.equal(false);
      });
    });

    READ_ONLY.forEach((args, i) => {
      it(`${args.join(' ')}: no secret demanded; the missing ledger is exit 2, by name, nothing created`, () => {
        const r = readOnly[i];
        expect(r.code, transcript(r)).to.equal(2);
        expect(r.stderr).to.include(`LEDGER_PATH ${ledgerOf(100 + i)}: no ledger there`);
        expect(r.stderr).to.not.include('is not set');
        expect(r.stdout).to.equal('');
        expectNoLeak(r);
        expect(fs.existsSync(ledgerOf(100 + i)), 'no ledger file created').to.equal(false);
      });
    });
  });

  it('a missing variable is named even when everything else is fine', async () => {
    const env = { ...GOOD_ENV };
    delete (env as Record<string, string | undefined>).STRIPE_API_KEY;
    const r = await runCli(['plan'], { env: { ...env, LEDGER_PATH: path.join(dir, 'l1.sqlite') }, cwd: dir });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.include('STRIPE_API_KEY is not set');
    expect(r.stderr.match(/^\s+- /gm) ?? [], 'exactly one problem listed').to.have.length(1);
    expectNoLeak(r);
  });

  it('NETSUITE_AUTH=oauth2 without its variables names each of them', async () => {
    const r = await runCli(['plan'], {
      env: { ...GOOD_ENV, NETSUITE_AUTH: 'oauth2', LEDGER_PATH: path.join(dir, 'l2.sqlite') },
      cwd: dir,
    });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.include('NETSUITE_CLIENT_ID is not set');
    expect(r.stderr).to.include('NETSUITE_CERTIFICATE_ID is not set');
    expect(r.stderr).to.include('NETSUITE_PRIVATE_KEY or NETSUITE_PRIVATE_KEY_FILE is not set');
    expectNoLeak(r);
  });

  it('an unparseable NETSUITE_PRIVATE_KEY is a config error naming the variable (exit 2), not an OpenSSL message later', async () => {
    const damaged = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDdamaged\n-----END PRIVATE KEY-----';
    const r = await runCli(['sync'], {
      env: {
        ...GOOD_ENV,
        NETSUITE_AUTH: 'oauth2',
        NETSUITE_CLIENT_ID: 'client-id',
        NETSUITE_CERTIFICATE_ID: 'cert-id',
        NETSUITE_PRIVATE_KEY: damaged,
        LEDGER_PATH: path.join(dir, 'l-key.sqlite'),
      },
      cwd: dir,
    });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.include('NETSUITE_PRIVATE_KEY cannot be parsed as a PEM private key');
    expect(r.stderr).to.not.match(/^error:1E08010C/m);
    expect(r.stderr).to.not.include('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDdamaged');
    expectNoLeak(r);
  });

  it('a broken config file (unknown time zone, missing account, bad concurrency) → exit 2 naming each key', async () => {
    const settings = JSON.parse(fs.readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as {
      netsuite: { timeZone: string; concurrency: unknown; accounts: Record<string, string> };
      apply: { partitionObjects?: unknown };
    };
    settings.netsuite.timeZone = 'Mars/Olympus_Mons';
    settings.netsuite.concurrency = 0;
    settings.apply.partitionObjects = 'many';
    delete settings.netsuite.accounts.receivables;
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify(settings));
    const r = await runCli(['--config', file, 'sync'], { env: { ...GOOD_ENV, LEDGER_PATH: path.join(dir, 'l3.sqlite') }, cwd: dir });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.include('netsuite.timeZone is not a known IANA time zone');
    expect(r.stderr).to.include('netsuite.accounts.receivables is missing from the config file');
    expect(r.stderr).to.include('netsuite.concurrency must be a positive integer');
    expect(r.stderr).to.include('apply.partitionObjects must be a positive integer');
    expectNoLeak(r);
  });

  it('a config file without the optional apply.partitionObjects plans 2,000 objects at a time', () => {
    const settings = JSON.parse(fs.readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as { apply: { partitionObjects?: number } };
    delete settings.apply.partitionObjects;
    const file = path.join(dir, 'no-partitions.json');
    fs.writeFileSync(file, JSON.stringify(settings));
    const config = loadConfig({ ...GOOD_ENV, LEDGER_PATH: path.join(dir, 'l5.sqlite') }, file);
    expect(config.settings.apply.partitionObjects).to.equal(2000);
  });

  it('the config file named by STRIPE_NETSUITE_CONFIG is the one validated', async () => {
    const file = path.join(dir, 'no-such-config.json');
    const r = await runCli(['plan'], {
      env: { ...GOOD_ENV, STRIPE_NETSUITE_CONFIG: file, LEDGER_PATH: path.join(dir, 'l4.sqlite') },
      cwd: dir,
    });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.include(`config file ${file}`);
    expect(r.stderr).to.match(/ENOENT|no such file/);
  });

  it('a config file that is not JSON → exit 2 naming the file', async () => {
    const file = path.join(dir, 'not-json.json');
    fs.writeFileSync(file, '{ "netsuite": { "timeZone": ');
    const r = await runCli(['--config', file, 'plan'], { env: { ...GOOD_ENV, LEDGER_PATH: path.join(dir, 'l5.sqlite') }, cwd: dir });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.include(`config file ${file}`);
    expectNoLeak(r);
  });

  describe('backfill dates', () => {
    it('--from 2026-13-01 (no month 13) → exit 2 naming --from and the value', async () => {
      const r = await runCli(['backfill', '--from', '2026-13-01', '--to', '2026-12-01'], { env: GOOD_ENV, cwd: dir });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include('--from must be a date like 2026-01-31');
      expect(r.stderr).to.include('"2026-13-01"');
    });

    it('--to that is not a date → exit 2 naming --to', async () => {
      const r = await runCli(['backfill', '--from', '2026-01-01', '--to', 'next tuesday'], { env: GOOD_ENV, cwd: dir });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include('--to must be a date');
    });

    it('--to before --from → exit 2: "--to must be after --from"', async () => {
      const r = await runCli(['backfill', '--from', '2026-03-01', '--to', '2026-02-01'], {
        env: { ...GOOD_ENV, LEDGER_PATH: path.join(dir, 'l6.sqlite') },
        cwd: dir,
      });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include('--to must be after --from');
      expect(fs.existsSync(path.join(dir, 'l6.sqlite')), 'nothing attempted').to.equal(false);
    });

    it('--to equal to --from (an empty range) → exit 2', async () => {
      const r = await runCli(['backfill', '--from', '2026-03-01', '--to', '2026-03-01'], { env: GOOD_ENV, cwd: dir });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include('--to must be after --from');
    });

    it('a day that does not exist in its month (2026-02-31) → exit 2, not silently 2026-03-03', async () => {
      // No STRIPE_API_KEY: if the date were wrongly accepted this fails fast on configuration instead of syncing.
      const r = await runCli(['backfill', '--from', '2026-02-31', '--to', '2026-04-01', '--dry-run'], { env: {}, cwd: dir });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include('--from must be a date');
    });

    it('--from missing → exit 2 naming the required option', async () => {
      const r = await runCli(['backfill', '--to', '2026-04-01'], { env: GOOD_ENV, cwd: dir });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include("required option '--from <date>' not specified");
    });
  });
});
