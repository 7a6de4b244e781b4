// The config schema and the CLI around it, the way a user meets them: defaults, unknown keys, the published JSON
// Schema, the bundled example refused against a real account, init, --env-file, read-only commands without secrets,
// the ledger path, options checked before anything runs, JSON lines, colours.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { childEnv, CLI_MAIN, runCli, transcript, type CliResult } from './cli-process.js';
import { DEFAULT_CONFIG_FILE, loadConfig, loadSettings } from '../../src/config/load-config.js';
import { configJsonSchema, JSON_SCHEMA_FILE, renderConfigJsonSchema } from '../../src/config/schema.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { useColor } from '../../src/cli/output.js';
import { generatedWorld, startSandboxes, type Sandboxes } from '../support/sandboxes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const LOCAL_ENV: Record<string, string> = {
  STRIPE_API_KEY: 'sk_test_schemacli',
  STRIPE_API_BASE: 'http://127.0.0.1:9',
  NETSUITE_ACCOUNT_ID: '1234567_SB1',
  NETSUITE_BASE_URL: 'http://127.0.0.1:9',
  NETSUITE_CONSUMER_KEY: 'ck-schema',
  NETSUITE_CONSUMER_SECRET: 'cs-schema',
  NETSUITE_TOKEN_ID: 'tk-schema',
  NETSUITE_TOKEN_SECRET: 'ts-schema',
};

function bundled(): Record<string, any> {
  return JSON.parse(fs.readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as Record<string, any>;
}

function expectAllJsonLines(r: CliResult): void {
  for (const [name, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
      expect(() => JSON.parse(line), `${name} line is not JSON: ${line}\n${transcript(r)}`).to.not.throw();
    }
  }
}

describe('config schema and CLI options', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-schema-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('the schema', () => {
    it('a config with only the required netsuite keys loads with the documented defaults', () => {
      const file = path.join(dir, 'minimal.json');
      fs.writeFileSync(file, JSON.stringify({ netsuite: bundled().netsuite }));
      const { settings } = loadSettings({}, file);
      expect(settings.features).to.deep.equal({
        syncTrialInvoices: false,
        keepUnpaidInvoicesOpen: false,
        globalCustomer: false,
        globalItem: false,
        globalDiscountItem: false,
        useRefundItem: false,
        useDisputeItem: false,
        useBadDebtItem: false,
        allowDuplicatePayments: false,
        customerMatch: null,
      });
      expect(settings.items).to.deep.equal({ mapping: {} });
      expect(settings.extract).to.deep.equal({
        startDate: null,
        overlapSeconds: 600,
        settleDelaySeconds: 60,
        requestsPerSecond: 20,
        requestTimeoutSeconds: 8,
        backfillChunkDays: 7,
      });
      expect(settings.apply).to.deep.equal({ maxAttempts: 6, partitionObjects: 2000 });
      expect(settings.schedule).to.deep.equal({ cron: '*/15 * * * *' });
      expect(settings.log).to.deep.equal({ format: 'text' });
      expect(settings.netsuite.discountItems).to.equal('nonPosting');
      expect(settings.netsuite.closedPeriods).to.equal('block');
    });

    it('$schema is accepted (the bundled config points at the published schema)', () => {
      expect(bundled().$schema).to.equal('./stripe-netsuite.schema.json');
      const config = loadConfig({ ...LOCAL_ENV, LEDGER_PATH: path.join(dir, 'x.sqlite') });
      expect(config.settings).to.not.have.property('$schema');
    });

    it('the published JSON Schema is what the schema generates (run scripts/generate-config-schema.mjs)', () => {
      const committed = fs.readFileSync(path.join(ROOT, JSON_SCHEMA_FILE), 'utf8');
      expect(committed, 'config/stripe-netsuite.schema.json is stale').to.equal(renderConfigJsonSchema(configJsonSchema()));
      const schema = JSON.parse(committed) as { properties: Record<string, unknown>; additionalProperties: boolean };
      expect(Object.keys(schema.properties)).to.include.members(['$schema', 'netsuite', 'features', 'extract']);
      expect(schema.additionalProperties).to.equal(false);
    });

    it('unknown keys: exit 2 naming the key path and the closest valid key, with every other problem', async () => {
      const s = bundled();
      s.netsuite.concurency = 3;
      s.features.syncTrialInvoice = true;
      s.netsuite.keepUnpaidInvoicesOpen = true;
      s.extract.overlapSeconds = -1;
      const file = path.join(dir, 'typos.json');
      fs.writeFileSync(file, JSON.stringify(s));
      const r = await runCli(['--config', file, 'plan'], { env: { ...LOCAL_ENV, LEDGER_PATH: path.join(dir, 't.sqlite') } });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include('netsuite.concurency is not a known key: did you mean netsuite.concurrency?');
      expect(r.stderr).to.include('features.syncTrialInvoice is not a known key: did you mean features.syncTrialInvoices?');
      expect(r.stderr).to.include('netsuite.keepUnpaidInvoicesOpen is not a known key: did you mean features.keepUnpaidInvoicesOpen?');
      expect(r.stderr).to.include('extract.overlapSeconds must be an integer ≥ 0');
      expect(fs.existsSync(path.join(dir, 't.sqlite')), 'nothing attempted').to.equal(false);
    });
  });

  describe('the bundled example config', () => {
    it('is refused against a NetSuite that is not the local sandbox: exit 2 saying what to do', async () => {
      const env = { ...LOCAL_ENV, LEDGER_PATH: path.join(dir, 'b.sqlite') };
      delete (env as Record<string, string | undefined>).NETSUITE_BASE_URL; // derived: the real account's URL
      const r = await runCli(['plan'], { env });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include('is the bundled example');
      expect(r.stderr).to.include('stripe-netsuite init');
      expect(r.stderr).to.include('--config');
      expect(fs.existsSync(path.join(dir, 'b.sqlite')), 'nothing attempted').to.equal(false);
      // An unchanged copy is the bundled example too.
      const copy = path.join(dir, 'copy.json');
      fs.copyFileSync(DEFAULT_CONFIG_FILE, copy);
      const r2 = await runCli(['--config', copy, 'sync'], {
        env: { ...LOCAL_ENV, NETSUITE_BASE_URL: 'https://1234567-sb1.suitetalk.api.netsuite.com', LEDGER_PATH: path.join(dir, 'b.sqlite') },
      });
      expect(r2.code, transcript(r2)).to.equal(2);
      expect(r2.stderr).to.include('is the bundled example');
    });
  });

  describe('init', () => {
    it('writes a starter config that fails by key until filled, validates once filled, and never overwrites', async () => {
      const out = path.join(dir, 'mine.json');
      const r = await runCli(['init', '--out', out], { env: {} });
      expect(r.code, transcript(r)).to.equal(0);
      expect(r.stderr).to.include(out);
      const starter = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, any>;
      expect(starter.$schema).to.match(/config\/stripe-netsuite\.schema\.json$/);
      expect(fs.existsSync(path.resolve(dir, starter.$schema as string)), 'the $schema reference resolves').to.equal(true);

      const unfilled = await runCli(['--config', out, 'plan'], { env: { ...LOCAL_ENV, LEDGER_PATH: path.join(dir, 'i.sqlite') } });
      expect(unfilled.code, transcript(unfilled)).to.equal(2);
      expect(unfilled.stderr).to.include('netsuite.subsidiaryId is still a placeholder');
      expect(unfilled.stderr).to.include('netsuite.currencies.usd is still a placeholder');
      expect(unfilled.stderr).to.include('netsuite.concurrency is still a placeholder');

      // Filled in (here with the sandbox's ids), it validates.
      const filled = { ...starter, netsuite: { ...bundled().netsuite } };
      fs.writeFileSync(out, JSON.stringify(filled, null, 2));
      expect(loadSettings({}, out).settings.netsuite.subsidiaryId).to.equal('1');

      const again = await runCli(['init', '--out', out], { env: {} });
      expect(again.code, transcript(again)).to.equal(2);
      expect(again.stderr).to.include('already exists');
      expect(JSON.parse(fs.readFileSync(out, 'utf8'))).to.deep.equal(filled);
    });
  });

  describe('ledger and read-only commands', () => {
    let ledgerPath: string;
    before(async () => {
      ledgerPath = path.join(dir, 'ro', 'ledger.sqlite');
      fs.mkdirSync(path.dirname(ledgerPath));
      const l = openLedger(ledgerPath);
      await l.close();
    });

    for (const args of [['status'], ['explain', 'in_123'], ['retry']]) {
      it(`${args[0]} needs only LEDGER_PATH: no Stripe or NetSuite secret`, async () => {
        const r = await runCli(args, { env: { LEDGER_PATH: ledgerPath } });
        expect(r.code, transcript(r)).to.be.oneOf([0, 1]);
        expect(r.stderr).to.not.include('is not set');
        expect(r.stderr).to.include(path.resolve(ledgerPath));
      });
    }

    it('--env-file FILE supplies the environment; a missing file names it and nothing runs', async () => {
      const envFile = path.join(dir, 'ro.env');
      fs.writeFileSync(envFile, `LEDGER_PATH=${ledgerPath}\n`);
      const r = await runCli(['--env-file', envFile, 'status', '--json'], { env: {} });
      expect(r.code, transcript(r)).to.be.oneOf([0, 1]);
      expect(JSON.parse(r.stdout)).to.have.property('outbox');
      const missing = path.join(dir, 'no-such.env');
      const r2 = await runCli(['--env-file', missing, 'status'], { env: { LEDGER_PATH: ledgerPath } });
      // `node main.js --env-file X`: Node itself (20 and 24 alike, seen here) reads --env-file wherever it appears
      // and exits 9 naming the file before our code runs. Either way the file is named and nothing runs.
      expect(r2.code, transcript(r2)).to.be.oneOf([2, 9]);
      expect(r2.stderr).to.include('no-such.env');
      expect(r2.stdout).to.equal('');
      // When Node leaves the option to the program (`node -- main.js …`), it is ours: exit 2 naming the file.
      const ours = spawnSync(process.execPath, ['--', CLI_MAIN, '--env-file', missing, 'status'], { env: childEnv({ LEDGER_PATH: ledgerPath }), encoding: 'utf8' });
      expect(ours.status, ours.stderr).to.equal(2);
      expect(ours.stderr).to.include('no-such.env');
    });

    it('LEDGER_PATH in a directory that does not exist: exit 2 naming it, for sync and status alike', async () => {
      const bad = path.join(dir, 'no-such-dir', 'ledger.sqlite');
      for (const args of [['sync'], ['status']]) {
        const r = await runCli(args, { env: { ...LOCAL_ENV, LEDGER_PATH: bad } });
        expect(r.code, transcript(r)).to.equal(2);
        expect(r.stderr).to.include(path.join(dir, 'no-such-dir'));
        expect(fs.existsSync(path.join(dir, 'no-such-dir')), 'no directory created').to.equal(false);
      }
    });

    it('status on a ledger file that does not exist: exit 2, no new empty ledger', async () => {
      const r = await runCli(['status'], { env: { LEDGER_PATH: path.join(dir, 'typo.sqlite') } });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include('typo.sqlite');
      expect(fs.existsSync(path.join(dir, 'typo.sqlite'))).to.equal(false);
    });
  });

  describe('against the sandboxes', () => {
    let w: Sandboxes;
    before(async () => {
      w = await startSandboxes(generatedWorld({ customers: 3, months: 1, seed: 11 }));
    });
    after(async () => w?.close());

    const requests = () => w.netsuite.stats().requests + w.stripe.requestLog.length;

    it('--log-format xml: exit 2 before any request reaches Stripe or NetSuite', async () => {
      const before = requests();
      const r = await runCli(['--log-format', 'xml', 'sync'], { env: w.env, cwd: w.dir });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include("'xml' is invalid");
      expect(requests(), 'no request').to.equal(before);
      expect(fs.existsSync(w.ledgerPath), 'no ledger').to.equal(false);
    });

    it('a run names its config file and announces the new ledger it creates; colour follows FORCE_COLOR and NO_COLOR', async () => {
      const forced = await runCli(['plan'], { env: { ...w.env, FORCE_COLOR: '1' }, cwd: w.dir });
      expect(forced.code, transcript(forced)).to.be.oneOf([0, 1]);
      expect(forced.stderr).to.include(`config ${DEFAULT_CONFIG_FILE}`);
      expect(forced.stderr).to.include(`creating a new ledger at ${w.ledgerPath}`);
      expect(forced.stdout, 'FORCE_COLOR colours a pipe').to.include('\x1b[');

      const plain = await runCli(['plan', '--no-extract'], { env: w.env, cwd: w.dir }); // NO_COLOR=1 from childEnv
      expect(plain.code, transcript(plain)).to.be.oneOf([0, 1]);
      expect(plain.stdout).to.not.include('\x1b[');
      expect(plain.stderr, 'an existing ledger is not announced').to.not.include('creating a new ledger');
      const zero = await runCli(['plan', '--no-extract'], { env: { ...w.env, FORCE_COLOR: '0' }, cwd: w.dir });
      expect(zero.stdout).to.not.include('\x1b[');
    });

    it('useColor: FORCE_COLOR forces, NO_COLOR and TERM=dumb turn off, otherwise only a terminal', () => {
      expect(useColor({ isTTY: true }, {})).to.equal(true);
      expect(useColor({ isTTY: false }, {})).to.equal(false);
      expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).to.equal(false);
      expect(useColor({ isTTY: true }, { NO_COLOR: '' })).to.equal(true);
      expect(useColor({ isTTY: true }, { TERM: 'dumb' })).to.equal(false);
      expect(useColor({ isTTY: false }, { FORCE_COLOR: '1' })).to.equal(true);
      expect(useColor({ isTTY: true }, { FORCE_COLOR: '0' })).to.equal(false);
    });

    it('--log-format json: every line on stdout and stderr is JSON, in a failing run and on a config error', async () => {
      // Refused credentials: the run fails (exit 3) after starting.
      const failing = await runCli(['--log-format', 'json', 'sync'], {
        env: { ...w.env, NETSUITE_TOKEN_SECRET: 'wrong-secret' },
        cwd: w.dir,
      });
      expect(failing.code, transcript(failing)).to.be.oneOf([1, 3]);
      expectAllJsonLines(failing);
      expect(failing.stderr).to.include('"event":"config"');

      const dry = await runCli(['--log-format', 'json', 'plan', '--no-extract'], { env: w.env, cwd: w.dir });
      expect(dry.code, transcript(dry)).to.be.oneOf([0, 1]);
      expectAllJsonLines(dry);

      const status = await runCli(['--log-format', 'json', 'status'], { env: { LEDGER_PATH: w.ledgerPath } });
      expectAllJsonLines(status);

      const file = path.join(w.dir, 'typo.json');
      fs.writeFileSync(file, JSON.stringify({ ...bundled(), zzTopLevel: 1 }));
      const broken = await runCli(['--log-format', 'json', '--config', file, 'sync'], { env: w.env, cwd: w.dir });
      expect(broken.code, transcript(broken)).to.equal(2);
      expectAllJsonLines(broken);
      const line = JSON.parse(broken.stderr.trim().split('\n').pop()!) as { event: string; problems: string[] };
      expect(line.event).to.equal('config_error');
      expect(line.problems).to.deep.equal(['zzTopLevel is not a known key']);

      const usage = await runCli(['--log-format', 'json', 'sync', '--bogus'], { env: w.env, cwd: w.dir });
      expect(usage.code, transcript(usage)).to.equal(2);
      expectAllJsonLines(usage);
    });

    it('--log-format json schedule: a bad --cron is a JSON line too (the SIGTERM test in schedule.test.ts checks a whole schedule)', async () => {
      const r = await runCli(['--log-format', 'json', 'schedule', '--cron', 'not a cron'], { env: w.env, cwd: w.dir });
      expect(r.code, transcript(r)).to.equal(2);
      expectAllJsonLines(r);
    });
  });
});
