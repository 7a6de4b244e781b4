// Governance and failures against the NetSuite sandbox: a 429 storm, lost responses, token expiry.
// Every record must end up created exactly once, counted by SuiteQL and by externalId.
import crypto from 'node:crypto';
import { expect } from 'chai';
import type { NetSuiteSandbox, NetSuiteSandboxOptions } from '../../src/sandbox/netsuite/server.js';
import { NetSuiteClient } from '../../src/netsuite/netsuite-client.js';
import type { NetSuiteAuth } from '../../src/config/settings.js';
import { startNetSuite } from '../support/sandboxes.js';

const ACCOUNT = '7654321_SB1';
const TBA = { consumerKey: 'ck-res', consumerSecret: 'cs-res-SECRET', tokenId: 'tk-res', tokenSecret: 'ts-res-SECRET' };
const keys = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PRIVATE_PEM = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const OAUTH2 = { clientId: 'client-res', certificateId: 'cert-res' };
const AUTHS: Record<'tba' | 'oauth2', NetSuiteAuth> = {
  tba: { method: 'tba', ...TBA },
  oauth2: { method: 'oauth2', ...OAUTH2, privateKeyPem: PRIVATE_PEM, scope: 'rest_webservices' },
};
const ref = (id: string): { id: string } => ({ id });

async function sandboxWith(o: Partial<NetSuiteSandboxOptions>): Promise<NetSuiteSandbox> {
  return startNetSuite({
    accountId: ACCOUNT,
    credentials: { tba: TBA, oauth2: { ...OAUTH2, publicKeyPem: PUBLIC_PEM } },
    ...o,
  });
}

/** Each externalId resolves to one record, SuiteQL counts exactly `n`, and the ids are distinct. */
async function expectExactlyOnce(client: NetSuiteClient, table: string, recordType: string, prefix: string, n: number): Promise<string[]> {
  const [count] = await client.suiteql(`SELECT COUNT(*) AS n FROM ${table} WHERE externalid LIKE ?`, [`${prefix}%`]);
  expect(count.n).to.equal(String(n));
  const rows = await client.suiteql(`SELECT id, externalid FROM ${table} WHERE externalid LIKE ?`, [`${prefix}%`]);
  expect(new Set(rows.map((r) => r.externalid)).size).to.equal(n);
  const ids = await Promise.all(Array.from({ length: n }, (_, i) => client.getByExternalId(recordType, `${prefix}${i}`)));
  expect(ids.every((r) => r !== undefined)).to.equal(true);
  return ids.map((r) => String(r!.id));
}

for (const method of ['tba', 'oauth2'] as const) {
  describe(`NetSuite client resilience against the sandbox (${method})`, () => {
    it('a 429 storm (sandbox concurrency 2, client 6) ends with every record created exactly once', async () => {
      const sandbox = await sandboxWith({ concurrency: 2, latencyMs: 15 });
      const client = new NetSuiteClient({ baseUrl: sandbox.url, accountId: ACCOUNT, auth: AUTHS[method], concurrency: 6, baseDelayMs: 10, maxAttempts: 12 });
      try {
        const n = 40;
        const results = await Promise.all(
          Array.from({ length: n }, (_, i) =>
            client.createWithExternalId('customer', { externalId: `storm-${i}`, companyName: `Storm ${i}`, subsidiary: ref('1') }),
          ),
        );
        const s = sandbox.stats();
        expect(s.rejected429).to.be.greaterThan(0);
        expect(s.maxInFlight).to.be.at.most(2);
        expect(client.stats.retries).to.be.at.least(s.rejected429);
        expect(results.every((r) => r.created)).to.equal(true);
        const ids = await expectExactlyOnce(client, 'customer', 'customer', 'storm-', n);
        expect(ids.sort()).to.deep.equal(results.map((r) => r.internalId).sort());
      } finally {
        client.close();
        await sandbox.close();
      }
    });

    it('lost responses (rate 0.3) on creates, transforms and upserts: each record exactly once', async () => {
      const sandbox = await sandboxWith({ concurrency: 5 });
      const client = new NetSuiteClient({ baseUrl: sandbox.url, accountId: ACCOUNT, auth: AUTHS[method], concurrency: 5, baseDelayMs: 5, maxAttempts: 12 });
      try {
        // Set-up without faults: one customer and item.
        const cust = await client.createWithExternalId('customer', { externalId: 'cus_LOST', companyName: 'Lost Responses Inc', subsidiary: ref('1') });
        const item = await client.createWithExternalId('serviceSaleItem', { externalId: 'item_LOST', itemId: 'Lost Item', incomeAccount: ref('6') });
        sandbox.setFaults({ lostResponseRate: 0.3, seed: method === 'tba' ? 7 : 11 });
        const n = 25;
        const customers = await Promise.all(
          Array.from({ length: n }, (_, i) =>
            client.createWithExternalId('customer', { externalId: `lost-${i}`, companyName: `Lost ${i}`, subsidiary: ref('1') }),
          ),
        );
        const invoices = await Promise.all(
          Array.from({ length: n }, (_, i) =>
            client.createWithExternalId('invoice', {
              externalId: `in_lost-${i}`,
              entity: ref(cust.internalId),
              tranDate: '2026-02-01',
              item: { items: [{ item: ref(item.internalId), quantity: 1, rate: 10 + i }] },
            }),
          ),
        );
        const payments = await Promise.all(
          invoices.map((inv, i) =>
            client.transform('invoice', inv.internalId, 'customerPayment', { externalId: `ch_lost-${i}`, tranDate: '2026-02-02', undepFunds: { id: 'T' } }),
          ),
        );
        // Upserts re-sent after a lost response must not append a second line.
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            client.upsert('journalEntry', `je_lost-${i}`, {
              subsidiary: ref('1'),
              tranDate: '2026-02-03',
              line: { items: [{ account: ref('7'), debit: 1 }, { account: ref('4'), credit: 1 }] },
            }),
          ),
        );
        const s = sandbox.stats();
        expect(s.lostResponses).to.be.greaterThan(10);
        // Lost creates were resolved by a lookup (the record was there), never by a blind second POST.
        const resolvedByLookup = [...customers, ...invoices].filter((r) => !r.created).length;
        expect(resolvedByLookup).to.be.greaterThan(0);
        expect(s.byMethod.GET ?? 0).to.be.at.least(resolvedByLookup);
        sandbox.setFaults({ lostResponseRate: 0 });

        await expectExactlyOnce(client, 'customer', 'customer', 'lost-', n);
        await expectExactlyOnce(client, 'transaction', 'invoice', 'in_lost-', n);
        const payIds = await expectExactlyOnce(client, 'transaction', 'customerPayment', 'ch_lost-', n);
        expect(payIds.sort()).to.deep.equal(payments.map((p) => p.internalId).sort());
        await expectExactlyOnce(client, 'transaction', 'journalEntry', 'je_lost-', 10);
        // Every invoice is paid exactly once: nothing remains, nothing was overpaid.
        const open = await client.suiteql(
          "SELECT id, foreignamountremaining FROM transaction WHERE externalid LIKE 'in_lost-%' AND foreignamountremaining <> '0'",
        );
        expect(open).to.deep.equal([]);
        for (let i = 0; i < 10; i++) {
          const je = await client.getByExternalId('journalEntry', `je_lost-${i}`, { expandSubResources: true });
          expect((je!.line as { items: unknown[] }).items).to.have.length(2);
        }
      } finally {
        client.close();
        await sandbox.close();
      }
    });
  });
}

describe('NetSuite client: OAuth 2.0 token expiry against the sandbox', () => {
  it('a token that expires mid-run is replaced and the run continues', async () => {
    let now = Math.floor(Date.now() / 1000);
    const sandbox = await sandboxWith({ tokenLifetimeSeconds: 2, clock: () => now });
    const client = new NetSuiteClient({ baseUrl: sandbox.url, accountId: ACCOUNT, auth: AUTHS.oauth2, concurrency: 2, baseDelayMs: 1 });
    try {
      await client.createWithExternalId('customer', { externalId: 'tok-0', companyName: 'Token 0', subsidiary: ref('1') });
      expect(client.tokenRequests).to.equal(1);
      // The sandbox's clock moves past the token's expiry; the client's cache still believes it valid
      // (it renews at 90% of the lifetime by its own clock), so the server's 401 is what triggers renewal.
      now += 5;
      const r = await client.createWithExternalId('customer', { externalId: 'tok-1', companyName: 'Token 1', subsidiary: ref('1') });
      expect(r.created).to.equal(true);
      expect(client.tokenRequests).to.equal(2);
      const audit = sandbox.loginAudit().filter((a) => a.reason === 'token expired');
      expect(audit).to.have.length(1);
      const [row] = await client.suiteql("SELECT COUNT(*) AS n FROM customer WHERE externalid LIKE 'tok-%'");
      expect(row.n).to.equal('2');
    } finally {
      client.close();
      await sandbox.close();
    }
  });
});
