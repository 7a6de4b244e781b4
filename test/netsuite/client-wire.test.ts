import { expect } from 'chai';
import { NetSuiteClient } from '../../src/netsuite/netsuite-client.js';
import { NetSuiteError } from '../../src/netsuite/errors.js';
import { startCaptureServer, type CaptureServer, type Captured, type Reply } from './capture-server.js';
import { expectedSignature, parseOAuthHeader } from './rfc5849-verify.js';

const CREDS = { consumerKey: 'ck-wire', consumerSecret: 'cs-SECRET-wire', tokenId: 'tk-wire', tokenSecret: 'ts-SECRET-wire' };
const REALM = '1234567_SB1';

function verify(server: CaptureServer, r: Captured): void {
  const p = parseOAuthHeader(String(r.headers.authorization));
  expect(p.realm).to.equal(REALM);
  expect(p.oauth_signature).to.equal(
    expectedSignature(r.method, server.base, r.url, p, CREDS.consumerSecret, CREDS.tokenSecret),
    `signature of ${r.method} ${r.url}`,
  );
}

describe('NetSuite client on the wire (TBA, local capture server)', () => {
  let server: CaptureServer;
  let script: (r: Captured) => Reply | Promise<Reply>;
  let client: NetSuiteClient;
  const loc = (path: string): Record<string, string> => ({ location: `${server.base}/services/rest/record/v1/${path}` });

  beforeEach(async () => {
    script = () => ({ status: 500 });
    server = await startCaptureServer((r) => script(r));
    client = new NetSuiteClient({
      baseUrl: server.base,
      accountId: REALM,
      auth: { method: 'tba', ...CREDS },
      concurrency: 3,
      baseDelayMs: 5,
      maxAttempts: 5,
      suiteqlPageSize: 2,
    });
  });
  afterEach(async () => {
    client.close();
    await server.close();
  });

  it('sends the eid: URL it signed', async () => {
    script = () => ({ status: 200, body: { id: '77', externalId: 'cus_ABC-1' } });
    const rec = await client.getByExternalId('customer', 'cus_ABC-1');
    expect(rec?.id).to.equal('77');
    expect(server.requests[0].url).to.equal('/services/rest/record/v1/customer/eid:cus_ABC-1');
    verify(server, server.requests[0]);
  });

  it('sends the !transform URL it signed and takes the id from Location', async () => {
    script = () => ({ status: 204, headers: loc('customerPayment/901') });
    const r = await client.transform('invoice', '60', 'customerPayment', { payment: 12.5 });
    expect(r.internalId).to.equal('901');
    const req = server.requests[0];
    expect(req.method).to.equal('POST');
    expect(req.url).to.equal('/services/rest/record/v1/invoice/60/!transform/customerPayment');
    expect(JSON.parse(req.body)).to.deep.equal({ payment: 12.5 });
    verify(server, req);
  });

  it('sends a JSON body as UTF-8 with its exact byte length, names itself, and reads a non-ASCII response whole', async () => {
    script = () => ({ status: 200, body: { id: '5', companyName: 'Müller & Søn — 東京' } });
    const rec = await client.get('customer', '5');
    expect(rec.companyName).to.equal('Müller & Søn — 東京');
    await client.update('customer', '5', { companyName: 'Zoë Ltd ✓' });
    const req = server.requests[1];
    expect(req.headers['user-agent']).to.equal('stripe-netsuite');
    expect(req.headers['content-type']).to.equal('application/json');
    expect(Number(req.headers['content-length'])).to.equal(Buffer.byteLength(req.body, 'utf8'));
    expect(JSON.parse(req.body)).to.deep.equal({ companyName: 'Zoë Ltd ✓' });
  });

  it('sends a q= with spaces as %20 (never +), signed as sent', async () => {
    script = () => ({ status: 200, body: { items: [{ id: '5', links: [] }], hasMore: false, totalResults: 1 } });
    const page = await client.list('customer', { q: 'email IS "a@b.com"', limit: 5 });
    expect(page).to.deep.equal({ items: [{ id: '5' }], hasMore: false, totalResults: 1 });
    const req = server.requests[0];
    expect(req.url).to.equal('/services/rest/record/v1/customer?q=email%20IS%20%22a%40b.com%22&limit=5');
    expect(req.url).not.to.include('+');
    verify(server, req);
  });

  it("characters WHATWG would re-encode (' ( ) ! *) are encoded before signing", async () => {
    script = () => ({ status: 200, body: { items: [], hasMore: false, totalResults: 0 } });
    await client.list('customer', { q: `companyName START_WITH "O'Brien (UK)!*"` });
    const req = server.requests[0];
    expect(req.url).to.equal(
      '/services/rest/record/v1/customer?q=companyName%20START_WITH%20%22O%27Brien%20%28UK%29%21%2A%22',
    );
    verify(server, req);
  });

  it('get with fields and expandSubResources', async () => {
    script = () => ({ status: 200, body: { id: '9', companyName: 'X' } });
    await client.get('customer', '9', { expandSubResources: true, fields: ['companyName', 'email'] });
    expect(server.requests[0].url).to.equal(
      '/services/rest/record/v1/customer/9?expandSubResources=true&fields=companyName%2Cemail',
    );
    verify(server, server.requests[0]);
  });

  it('SuiteQL reads every page with Prefer: transient, the query in the body, limit/offset signed', async () => {
    const rows = [{ id: '1' }, { id: '2' }, { id: '3' }];
    script = (r) => {
      const offset = Number(/offset=(\d+)/.exec(r.url)?.[1]);
      const items = rows.slice(offset, offset + 2).map((x) => ({ links: [], ...x, name: `n${x.id}` }));
      return { status: 200, body: { items, count: items.length, offset, totalResults: 3, hasMore: offset + 2 < 3 } };
    };
    const out = await client.suiteql('SELECT id, name FROM customer WHERE email = ?', ['a@b.com']);
    expect(out).to.deep.equal([{ id: '1', name: 'n1' }, { id: '2', name: 'n2' }, { id: '3', name: 'n3' }]);
    expect(server.requests.map((r) => r.url)).to.deep.equal([
      '/services/rest/query/v1/suiteql?limit=2&offset=0',
      '/services/rest/query/v1/suiteql?limit=2&offset=2',
    ]);
    for (const r of server.requests) {
      expect(r.headers.prefer).to.equal('transient');
      expect(JSON.parse(r.body)).to.deep.equal({ q: 'SELECT id, name FROM customer WHERE email = ?', params: ['a@b.com'] });
      verify(server, r);
    }
  });

  it('retries 429 and 5xx with a fresh nonce each attempt', async () => {
    let n = 0;
    script = () => {
      n++;
      if (n === 1) return { status: 429, body: { status: 429, 'o:errorDetails': [{ detail: 'Concurrent request limit exceeded. Request blocked.', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }] } };
      if (n === 2) return { status: 503, body: { status: 503, 'o:errorDetails': [{ detail: 'busy', 'o:errorCode': 'UNEXPECTED_ERROR' }] } };
      return { status: 200, body: { id: '3' } };
    };
    const rec = await client.get('invoice', '3');
    expect(rec.id).to.equal('3');
    expect(server.requests).to.have.length(3);
    expect(client.stats).to.deep.equal({ requests: 3, retries: 2 });
    const nonces = server.requests.map((r) => parseOAuthHeader(String(r.headers.authorization)).oauth_nonce);
    expect(new Set(nonces).size).to.equal(3);
    server.requests.forEach((r) => verify(server, r));
  });

  it('a create whose response is lost is looked up by externalId before any retry: no duplicate', async () => {
    const store = new Map<string, string>();
    script = (r) => {
      if (r.method === 'POST') {
        const eid = JSON.parse(r.body).externalId as string;
        store.set(eid, '501');
        return { status: 204, drop: true }; // created, then the connection dies
      }
      const eid = /eid:([^?]+)/.exec(r.url)![1];
      return store.has(eid) ? { status: 200, body: { id: store.get(eid) } } : { status: 404, body: { 'o:errorDetails': [{ detail: 'Record does not exist.', 'o:errorCode': 'NONEXISTENT_ID' }] } };
    };
    const r = await client.createWithExternalId('customer', { externalId: 'cus_LOST', companyName: 'Lost Ltd' });
    expect(r).to.deep.equal({ internalId: '501', created: false });
    expect(server.requests.map((x) => `${x.method} ${x.url}`)).to.deep.equal([
      'POST /services/rest/record/v1/customer',
      'GET /services/rest/record/v1/customer/eid:cus_LOST',
    ]);
  });

  it('a 500 on create that did not create is looked up, then the POST is sent again', async () => {
    let posts = 0;
    script = (r) => {
      if (r.method === 'POST') {
        posts++;
        return posts === 1
          ? { status: 500, body: { 'o:errorDetails': [{ detail: 'An unexpected error occurred. Error ID: x', 'o:errorCode': 'UNEXPECTED_ERROR' }] } }
          : { status: 204, headers: loc('invoice/88') };
      }
      return { status: 404, body: { 'o:errorDetails': [{ detail: 'Record does not exist.', 'o:errorCode': 'NONEXISTENT_ID' }] } };
    };
    const r = await client.createWithExternalId('invoice', { externalId: 'in_500', entity: { id: '1' } });
    expect(r).to.deep.equal({ internalId: '88', created: true });
    expect(server.requests.map((x) => x.method)).to.deep.equal(['POST', 'GET', 'POST']);
  });

  it('a POST refused because the externalId exists resolves to the existing record', async () => {
    script = (r) =>
      r.method === 'POST'
        ? { status: 400, body: { status: 400, 'o:errorDetails': [{ detail: 'A record with this external ID already exists.', 'o:errorCode': 'DUP_RCRD' }] } }
        : { status: 200, body: { id: '42' } };
    expect(await client.createWithExternalId('customer', { externalId: 'cus_DUP' })).to.deep.equal({ internalId: '42', created: false });
  });

  it('a create without externalId and an unknown outcome is not retried (it could duplicate)', async () => {
    script = () => ({ status: 502, body: { 'o:errorDetails': [{ detail: 'bad gateway', 'o:errorCode': 'UNEXPECTED_ERROR' }] } });
    const err = await client.create('customer', { companyName: 'No Key' }).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(NetSuiteError);
    expect((err as NetSuiteError).outcomeUnknown).to.equal(true);
    expect((err as NetSuiteError).kind).to.equal('server');
    expect(server.requests).to.have.length(1);
  });

  it('upsert PUTs eid: and replaces the sublists it sends; update passes replace=', async () => {
    script = () => ({ status: 204 });
    await client.upsert('invoice', 'in_U1', { memo: 'Stripe: in_U1', item: { items: [{ item: { id: '3' }, amount: 10 }] } });
    await client.update('invoice', '12', { memo: 'm' }, { replace: ['item', 'apply'] });
    await client.delete('invoice', '12');
    expect(server.requests.map((x) => `${x.method} ${x.url}`)).to.deep.equal([
      'PUT /services/rest/record/v1/invoice/eid:in_U1?replace=item',
      'PATCH /services/rest/record/v1/invoice/12?replace=item%2Capply',
      'DELETE /services/rest/record/v1/invoice/12',
    ]);
    server.requests.forEach((r) => verify(server, r));
  });

  it('error messages name the record, externalId and field, and never carry credentials', async () => {
    script = () => ({
      status: 400,
      body: {
        type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1',
        title: 'Bad Request',
        status: 400,
        'o:errorDetails': [
          {
            detail: 'Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item',
            'o:errorCode': 'INVALID_CONTENT',
            'o:errorPath': 'item.items[0].item',
          },
        ],
      },
    });
    const err = (await client
      .createWithExternalId('invoice', { externalId: 'in_BAD', item: { items: [{ item: { id: '9999' } }] } })
      .catch((e: unknown) => e)) as NetSuiteError;
    expect(err).to.be.instanceOf(NetSuiteError);
    expect(err).to.include({ status: 400, code: 'INVALID_CONTENT', field: 'item', recordType: 'invoice', externalId: 'in_BAD', kind: 'validation', retryable: false });
    expect(err.message).to.include('invoice').and.include('in_BAD').and.include("field 'item'");
    const everything = `${err.message} ${err.stack} ${JSON.stringify(err)}`;
    for (const secret of [CREDS.consumerSecret, CREDS.tokenSecret, 'oauth_signature', 'Authorization', 'OAuth realm']) {
      expect(everything).not.to.include(secret);
    }
  });

  it('a 401 INVALID_LOGIN is an auth error, not retried, with no credentials in it', async () => {
    script = () => ({ status: 401, body: { title: 'Unauthorized', status: 401, 'o:errorDetails': [{ detail: 'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.', 'o:errorCode': 'INVALID_LOGIN' }] } });
    const err = (await client.get('customer', '1').catch((e: unknown) => e)) as NetSuiteError;
    expect(err).to.include({ kind: 'auth', code: 'INVALID_LOGIN', status: 401, retryable: false });
    expect(server.requests).to.have.length(1);
    expect(`${err.message}${err.stack}`).not.to.include(CREDS.tokenSecret).and.not.include(CREDS.consumerSecret).and.not.include(CREDS.tokenId);
  });

  it('network failure on a GET is retried; a refused connection is an outcome-known network error', async () => {
    let n = 0;
    script = () => (++n === 1 ? { status: 0, drop: true } : { status: 200, body: { id: '1' } });
    expect((await client.get('customer', '1')).id).to.equal('1');
    expect(n).to.equal(2);
    const dead = new NetSuiteClient({ baseUrl: 'http://127.0.0.1:1', accountId: REALM, auth: { method: 'tba', ...CREDS }, concurrency: 1, maxAttempts: 2, baseDelayMs: 1 });
    const err = (await dead.create('customer', { companyName: 'x' }).catch((e: unknown) => e)) as NetSuiteError;
    dead.close();
    expect(err).to.include({ kind: 'network', code: 'ECONNREFUSED', outcomeUnknown: false, status: 0 });
    expect(dead.stats.requests).to.equal(2);
  });

  it('honours Retry-After on a 429', async () => {
    let n = 0;
    script = () => (++n === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: { 'o:errorDetails': [{ detail: 'x', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }] } } : { status: 200, body: { id: '1' } });
    const t0 = Date.now();
    await client.get('customer', '1');
    expect(Date.now() - t0).to.be.at.least(950);
  });

  it('a create that times out is looked up by externalId before any retry', async () => {
    const timed = new NetSuiteClient({ baseUrl: server.base, accountId: REALM, auth: { method: 'tba', ...CREDS }, concurrency: 2, baseDelayMs: 1, timeoutMs: 300 });
    let created = false;
    script = (r) => {
      if (r.method === 'POST') {
        created = true;
        return new Promise<Reply>(() => undefined); // NetSuite is still working on it when the client gives up
      }
      return created ? { status: 200, body: { id: '808' } } : { status: 404, body: {} };
    };
    const r = await timed.createWithExternalId('invoice', { externalId: 'in_SLOW' });
    timed.close();
    expect(r).to.deep.equal({ internalId: '808', created: false });
    expect(server.requests.map((x) => x.method)).to.deep.equal(['POST', 'GET']);
  });

  it('never has more requests in flight than its concurrency', async () => {
    let inFlight = 0;
    let max = 0;
    server.requests.length = 0;
    script = async () => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return { status: 200, body: { id: '1' } };
    };
    await Promise.all(Array.from({ length: 12 }, () => client.get('customer', '1')));
    expect(max).to.equal(3);
  });
});
