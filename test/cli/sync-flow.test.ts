// The operator's day against both sandboxes, through the built CLI: read the dry-run plan (twice: the same
// bytes), save it as a page, sync with a wrong currency mapping (exit 1, the failures listed and explained),
// look at status and explain, fix the mapping, retry, sync again (exit 0), and a last sync that changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli, transcript, type CliResult } from './cli-process.js';
import type { LedgerStatus } from '../../src/ledger/ledger-status.js';
import type { PlanJson } from '../../src/report/render-json.js';
import { generatedWorld, startSandboxes, type Sandboxes } from '../support/sandboxes.js';

// 12 customers over 3 months (Jan–Mar 2026, in the past for the CLI's wall clock); its paid invoices are in
// usd, eur, gbp and jpy.
/** `  key (stripeId): error` lines a sync prints for operations it did not do. */
function listedFailures(stderr: string): Array<{ key: string; stripeId: string; error: string }> {
  return [...stderr.matchAll(/^  (\S+) \((\S+)\): (.*)$/gm)].map((m) => ({ key: m[1], stripeId: m[2], error: m[3] }));
}

const WORLD = generatedWorld({ customers: 12, months: 3, seed: 7 });
const BAD_JPY_ID = '999';

/** The latest snapshot of every object in a world, by id (events carry the later ones). */
function latestObjects(items: object[]): Map<string, Record<string, unknown>> {
  const latest = new Map<string, Record<string, unknown>>();
  for (const item of items as Array<Record<string, unknown>>) {
    const o = (item.object === 'event' ? (item.data as { object: Record<string, unknown> }).object : item);
    if (typeof o.id === 'string') latest.set(o.id, o);
  }
  return latest;
}

describe('cli: plan, sync, status, explain and retry against the sandboxes', function () {
  this.timeout(120_000);
  let w: Sandboxes;
  let brokenConfig: string;
  let fixedConfig: string;
  let objects: Map<string, Record<string, unknown>>;
  const cli = (args: string[]) => runCli(args, { env: w.env, cwd: w.dir, timeoutMs: 110_000 });
  const statusJson = async (config: string): Promise<{ r: CliResult; status: LedgerStatus }> => {
    const r = await cli(['--config', config, 'status', '--json']);
    return { r, status: JSON.parse(r.stdout) as LedgerStatus };
  };

  /** Every Stripe object whose records depend on JPY: JPY objects and the customers billed in JPY. */
  const isJpy = (stripeId: string): boolean => {
    const o = objects.get(stripeId);
    if (!o) return false;
    if (o.currency === 'jpy') return true;
    return o.object === 'customer' &&
      [...objects.values()].some((x) => x.object === 'invoice' && x.customer === stripeId && x.currency === 'jpy');
  };

  before(async () => {
    w = await startSandboxes(WORLD);
    objects = latestObjects(WORLD.world);
    // maxAttempts 1: an operation that failed once waits for `retry`, so the test can see retry matter.
    brokenConfig = w.writeConfig('broken-jpy.json', (s) => {
      s.netsuite.currencies.jpy = BAD_JPY_ID;
      s.apply.maxAttempts = 1;
    });
    fixedConfig = w.writeConfig('fixed.json', (s) => {
      s.apply.maxAttempts = 1;
    });
  });
  after(async () => w?.close());

  let planJson: PlanJson;
  let planExit: number | null;

  it('plan --format json twice prints byte-identical plans and writes nothing to NetSuite', async () => {
    const first = await cli(['--config', brokenConfig, 'plan', '--format', 'json']);
    const second = await cli(['--config', brokenConfig, 'plan', '--format', 'json']);
    expect(first.code, transcript(first)).to.be.oneOf([0, 1]);
    expect(second.code, transcript(second)).to.equal(first.code);
    expect(second.stdout, 'the same plan, byte for byte').to.equal(first.stdout);
    planJson = JSON.parse(first.stdout) as PlanJson;
    planExit = first.code;
    expect(planJson.operationCount).to.be.greaterThan(0);
    const keys = planJson.passes.flatMap((p) => p.operations.map((op) => op.key));
    expect(keys).to.have.length(planJson.operationCount);
    // The plan covers the world's paid invoices (in every currency) and its customers.
    for (const o of objects.values()) {
      if (o.object === 'invoice' && o.status === 'paid' && (o.total as number) > 0) {
        expect(keys, `plan has ${String(o.id)}`).to.include(`invoice:${String(o.id)}`);
      }
    }
    // A dry run is exit 0 when nothing is blocked, 1 when something is.
    expect(first.code).to.equal(planJson.counts.blocked > 0 ? 1 : 0);
    // A dry run reads the account (metadata catalog, SuiteQL) to fit the plan to it, and writes nothing.
    expect(w.netsuite.stats().recordWrites, 'no NetSuite write during a dry run').to.equal(0);
  });

  it('plan --out plan.html writes one self-contained page with the plan and prints nothing', async () => {
    const file = path.join(w.dir, 'plan.html');
    const r = await cli(['--config', brokenConfig, 'plan', '--out', file]);
    expect(r.code, transcript(r)).to.equal(planExit);
    expect(r.stdout).to.equal('');
    const html = fs.readFileSync(file, 'utf8');
    expect(html.trimStart().toLowerCase()).to.match(/^<!doctype html>/);
    expect(html).to.include('<style>');
    expect(html, 'no script').to.not.match(/<script/i);
    expect(html, 'no linked stylesheet or asset').to.not.match(/<link\b|\bsrc\s*=|@import|url\(/i);
    expect(html, 'no external URL').to.not.match(/https?:\/\//i);
    const anInvoice = planJson.passes.find((p) => p.name === 'invoices')!.operations[0];
    expect(html).to.include(anInvoice.externalId);
  });

  let failedKeys: string[] = [];
  let failedOps: Array<{ key: string; stripeId: string }> = [];

  it('sync with JPY mapped to a currency NetSuite does not have: exit 1, and exactly the JPY records fail, saying why', async () => {
    const r = await cli(['--config', brokenConfig, 'sync']);
    expect(r.code, transcript(r)).to.equal(1);
    expect(r.stderr).to.match(/run \d+ sync partial: /);
    const { status } = await statusJson(brokenConfig);
    const failed = status.problems.filter((p) => p.status === 'failed');
    failedKeys = failed.map((p) => p.key);
    failedOps = failed.map((p) => ({ key: p.key, stripeId: p.stripeId }));
    expect(failed.length, 'some operations failed').to.be.greaterThan(0);
    for (const p of failed) {
      // Why: NetSuite refused the currency id the config maps JPY to, and said so.
      expect(p.error ?? '', p.key).to.include(`Invalid Field Value ${BAD_JPY_ID} for the following field: currency`);
      // Which: JPY records only (and the connector's own catch-all customer when it is created in JPY).
      if (objects.has(p.stripeId)) expect(isJpy(p.stripeId), `${p.key} failed but is not a JPY record`).to.equal(true);
    }
    // Every JPY invoice is among them or waits on them; none reached NetSuite.
    const problemIds = new Set(status.problems.map((p) => p.stripeId));
    for (const o of objects.values()) {
      if (o.object === 'invoice' && o.currency === 'jpy' && o.status === 'paid') {
        expect(problemIds, `${String(o.id)} failed or blocked`).to.include(String(o.id));
        expect(await w.client.getByExternalId('invoice', String(o.id))).to.equal(undefined);
      }
    }
    // The run's own output lists the first 20 operations not done, each with its reason, and counts the rest.
    const problemKeys = new Set(status.problems.map((p) => p.key));
    const listed = listedFailures(r.stderr);
    const notDone = status.outbox.failed + status.outbox.blocked;
    expect(listed.length).to.equal(Math.min(20, notDone));
    for (const l of listed) expect(problemKeys, `${l.key} listed by sync`).to.include(l.key);
    if (notDone > 20) expect(r.stderr).to.include(`… and ${notDone - 20} more: see \`stripe-netsuite status\``);
    for (const p of status.problems.filter((x) => x.status === 'blocked')) {
      expect(isJpy(p.stripeId) || (p.error ?? '').includes('waiting on'), `${p.key} blocked: ${p.error}`).to.equal(true);
    }
    // Every paid non-JPY invoice is in NetSuite, found by its externalId.
    for (const o of objects.values()) {
      if (o.object !== 'invoice' || o.status !== 'paid' || o.currency === 'jpy' || (o.total as number) === 0) continue;
      const rec = await w.client.getByExternalId('invoice', String(o.id));
      expect(rec, `invoice ${String(o.id)} in NetSuite`).to.not.equal(undefined);
    }
  });

  it('status shows the run, the counts, and the failed operations; exit 1 while some failed', async () => {
    const r = await cli(['--config', brokenConfig, 'status']);
    expect(r.code, transcript(r)).to.equal(1);
    const { status } = await statusJson(brokenConfig);
    const run = status.runs[0];
    expect(run.kind).to.equal('sync');
    expect(run.status).to.equal('partial');
    expect(r.stdout).to.match(new RegExp(`#${run.id} sync\\s+partial\\s+started `));
    const c = status.outbox;
    expect(r.stdout).to.include(`Operations: ${c.done} done, ${c.planned} pending, ${c.sending} in flight/unknown, ${c.blocked} blocked, ${c.failed} failed`);
    expect(r.stdout).to.include(`Ledger: ${status.objects} Stripe objects, ${status.links} NetSuite records linked`);
    expect(c.done).to.be.greaterThan(0);
    expect(c.failed).to.equal(failedKeys.length);
    expect(c.sending, 'nothing left in an unknown state').to.equal(0);
    expect(status.links).to.equal(c.done);
    for (const k of failedKeys) expect(r.stdout).to.include(`failed  ${k} (`);
    // The plan runs before it are recorded too.
    expect(status.runs.map((x) => x.kind)).to.not.include('plan');
    expect(status.plans.length).to.be.greaterThan(0);
    expect(status.plans.every((x) => x.kind === 'plan')).to.equal(true);
    expect(r.stdout).to.match(/\nRecent plans \(dry runs, nothing written\):\n  #\d+ plan /);
  });

  it('explain <invoice id> shows its snapshot and the NetSuite record made for it', async () => {
    const invoice = [...objects.values()].find((o) => o.object === 'invoice' && o.status === 'paid' && o.currency === 'usd')!;
    const id = String(invoice.id);
    const r = await cli(['--config', brokenConfig, 'explain', id]);
    expect(r.code, transcript(r)).to.equal(0);
    const ns = await w.client.getByExternalId('invoice', id);
    expect(ns, 'invoice in NetSuite').to.not.equal(undefined);
    expect(r.stdout).to.match(new RegExp(`^${id}\\n  invoice, created `));
    expect(r.stdout).to.include('status paid, final');
    expect(r.stdout).to.include(`invoice ${String(ns!.id)} (externalId ${id}) from invoice:${id}`);
    expect(r.stdout).to.match(new RegExp(`done\\s+create invoice:${id}`));
  });

  it('explain <USD charge> gives its amount, customer, dates, the deposit it landed in, and links to both systems', async () => {
    const charges = [...objects.values()]
      .filter((o) => o.object === 'charge' && o.status === 'succeeded' && o.currency === 'usd')
      .sort((a, b) => (a.created as number) - (b.created as number));
    type Rel = { relation: string; stripeId: string; netsuite: Array<{ recordType: string; internalId: string; url?: string }> };
    let found: { charge: Record<string, unknown>; r: CliResult; e: { details: { amount: string; amountMinor: number; customer: string; dates: Array<{ what: string }> }; stripeDashboardUrl: string; related: Rel[] } } | undefined;
    for (const charge of charges.slice(0, 4)) {
      const r = await cli(['--config', brokenConfig, 'explain', String(charge.id), '--json']);
      expect(r.code, transcript(r)).to.equal(0);
      const e = JSON.parse(r.stdout) as NonNullable<typeof found>['e'];
      if (e.related.some((x) => x.relation === 'deposited in' && x.netsuite.length > 0)) {
        found = { charge, r, e };
        break;
      }
    }
    expect(found, 'one of the oldest USD charges was paid out and deposited').to.not.equal(undefined);
    const { charge, e } = found!;
    expect(e.details.amountMinor).to.equal(charge.amount);
    expect(e.details.amount).to.equal(`USD ${((charge.amount as number) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    expect(e.details.customer).to.equal(typeof charge.customer === 'string' ? charge.customer : (charge.customer as { id: string }).id);
    expect(e.details.dates.map((d) => d.what)).to.include('created');
    expect(e.stripeDashboardUrl).to.match(new RegExp(`^https://dashboard\\.stripe\\.com(/test)?/payments/${String(charge.id)}$`));
    const deposit = e.related.find((x) => x.relation === 'deposited in')!;
    const ns = await w.client.getByExternalId('deposit', deposit.stripeId);
    expect(ns, 'the deposit in NetSuite').to.not.equal(undefined);
    expect(deposit.netsuite[0].url).to.equal(`${w.env.NETSUITE_BASE_URL.replace(/\/+$/, '')}/services/rest/record/v1/deposit/${String(ns!.id)}`);
    // The text form says the same.
    const text = await cli(['--config', brokenConfig, 'explain', String(charge.id)]);
    expect(text.stdout).to.include(`  amount ${e.details.amount}`);
    expect(text.stdout).to.include(`  Stripe dashboard: ${e.stripeDashboardUrl}`);
    expect(text.stdout).to.include(`deposited in: ${deposit.stripeId} (payout)`);
    expect(text.stdout).to.include(deposit.netsuite[0].url!);
  });

  it('explain <JPY customer whose create failed> shows the failed operation and NetSuite\'s reason', async () => {
    const failedOp = failedOps.find((f) => objects.has(f.stripeId));
    expect(failedOp, 'a Stripe object whose operation failed').to.not.equal(undefined);
    const r = await cli(['--config', brokenConfig, 'explain', failedOp!.stripeId, '--json']);
    expect(r.code, transcript(r)).to.equal(0);
    const e = JSON.parse(r.stdout) as { snapshot: unknown; links: unknown[]; operations: Array<{ key: string; state: string; detail?: string }> };
    expect(e.snapshot).to.not.equal(null);
    expect(e.links).to.deep.equal([]);
    const op = e.operations.find((o) => o.key === failedOp!.key);
    expect(op, JSON.stringify(e.operations)).to.not.equal(undefined);
    expect(op!.state).to.equal('failed');
    expect(op!.detail ?? '').to.include(`Invalid Field Value ${BAD_JPY_ID} for the following field: currency`);
  });

  it('explain <JPY invoice> shows it waiting on what failed, and no NetSuite record', async () => {
    const invoice = [...objects.values()].find((o) => o.object === 'invoice' && o.status === 'paid' && o.currency === 'jpy')!;
    const id = String(invoice.id);
    const r = await cli(['--config', brokenConfig, 'explain', id]);
    expect(r.code, transcript(r)).to.equal(0);
    expect(r.stdout).to.include('NetSuite records:\n  none yet');
    const line = r.stdout.split('\n').find((l) => l.includes(`invoice:${id}`));
    expect(line, r.stdout).to.not.equal(undefined);
    // Either its own create failed on the currency, or it is blocked behind the customer that did.
    expect(line!).to.match(new RegExp(`(failed .*Invalid Field Value ${BAD_JPY_ID}|blocked .*(waiting on|needs) )`));
  });

  it('explain <unknown id> says it is not in the ledger, exit 1', async () => {
    const r = await cli(['--config', brokenConfig, 'explain', 'in_NoSuchInvoice0000']);
    expect(r.code, transcript(r)).to.equal(1);
    expect(r.stdout).to.include('not in the ledger');
    expect(r.stdout).to.include('none yet');
    expect(r.stdout).to.include('the object is not in the ledger');
  });

  it('after the mapping is fixed, sync without retry leaves the failed operations waiting for retry (maxAttempts 1)', async () => {
    const r = await cli(['--config', fixedConfig, 'sync']);
    expect(r.code, transcript(r)).to.equal(1);
    const listed = listedFailures(r.stderr);
    const waiting = listed.filter((l) => failedKeys.includes(l.key));
    expect(waiting.length, 'the failed operations are listed').to.be.greaterThan(0);
    // Each operation that failed in the previous run appears in the output (first 20 lines) or in status.
    for (const l of waiting) expect(l.error, l.key).to.match(/^failed 1 times \(last: .*\); run `stripe-netsuite retry`$/);
  });

  it('retry re-queues every failed and blocked operation', async () => {
    const before = (await statusJson(fixedConfig)).status.outbox;
    expect(before.failed).to.be.greaterThan(0);
    const r = await cli(['--config', fixedConfig, 'retry']);
    expect(r.code, transcript(r)).to.equal(0);
    const n = before.failed + before.blocked;
    expect(r.stdout).to.include(`re-queued ${n} operation${n === 1 ? '' : 's'}`);
    const after = (await statusJson(fixedConfig)).status.outbox;
    expect(after.failed).to.equal(0);
    expect(after.blocked).to.equal(0);
    expect(after.planned).to.equal(before.planned + n);
  });

  it('sync then posts them: exit 0, and the JPY invoices are in NetSuite', async () => {
    const r = await cli(['--config', fixedConfig, 'sync']);
    expect(r.code, transcript(r)).to.equal(0);
    expect(r.stderr).to.match(/run \d+ sync success: /);
    for (const k of failedKeys.filter((x) => x.startsWith('invoice:'))) {
      const rec = await w.client.getByExternalId('invoice', k.slice('invoice:'.length));
      expect(rec, k).to.not.equal(undefined);
      expect((rec!.currency as { id: string }).id).to.equal('5'); // JPY in the packaged mapping
    }
    const { r: s, status } = await statusJson(fixedConfig);
    expect(s.code, transcript(s)).to.equal(0);
    expect(status.runs[0].status).to.equal('success');
    expect(status.outbox.failed + status.outbox.blocked + status.outbox.planned + status.outbox.sending).to.equal(0);
    expect(status.oldestUnsynced).to.equal(null);
  });

  it('a sync with nothing new makes one NetSuite request (the login proof) and exits 0', async () => {
    const before = w.netsuite.stats().requests;
    const r = await cli(['--config', fixedConfig, '--log-format', 'json', 'sync']);
    expect(r.code, transcript(r)).to.equal(0);
    const line = JSON.parse(r.stderr.trim().split('\n').pop()!) as { status: string; operations: { planned: number }; netsuiteRequests: number };
    expect(line.status).to.equal('success');
    expect(line.operations.planned).to.equal(0);
    expect(line.netsuiteRequests).to.equal(1);
    expect(w.netsuite.stats().requests - before).to.equal(1);
  });
});
