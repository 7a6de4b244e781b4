// TBA: the published signature vectors (reference §7.3) verified by the sandbox, and every failure as the exact 401.
import { expect } from 'chai';
import { percentEncode, verifyTba } from '../../src/sandbox/netsuite/tba-auth.js';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/server.js';
import { INVALID_LOGIN_BODY, rawRequest, tbaHeader } from './ns-test-client.js';
import { startNetSuite, TEST_SECRETS } from '../support/sandboxes.js';

const ORACLE = {
  consumerKey: 'ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4',
  consumerSecret: 'd26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5',
  tokenId: '2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc',
  tokenSecret: 'c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295',
};
const SIMPLE = { consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'tk', tokenSecret: 'ts' };

interface Vector {
  name: string;
  method: string;
  url: string;
  realm: string;
  creds: typeof ORACLE;
  nonce: string;
  timestamp: number;
  signature: string;
}

const VECTORS: Vector[] = [
  { name: 'V1', method: 'GET', url: 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40', realm: '123456', creds: ORACLE, nonce: 'fjaLirsIcCGVZWzBX0pg', timestamp: 1508242306, signature: 'B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=' },
  { name: 'V2', method: 'POST', url: 'https://123456.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit=10&offset=0', realm: '123456', creds: ORACLE, nonce: 'fjaLirsIcCGVZWzBX0pg', timestamp: 1508242306, signature: 'hxjABHU9/fx9suvhTNYoRa6DBLAY6w721nAek71w1GM=' },
  { name: 'V3', method: 'GET', url: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/eid:cus_ABC', realm: '1234567_SB1', creds: ORACLE, nonce: 'fjaLirsIcCGVZWzBX0pg', timestamp: 1508242306, signature: 'zgopOt7h+fSmAvz4IhqGZW3vXDPVjiAAuXdUhYx0B0g=' },
  { name: 'V4', method: 'POST', url: 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/invoice/60/!transform/customerPayment', realm: '123456', creds: ORACLE, nonce: 'fjaLirsIcCGVZWzBX0pg', timestamp: 1508242306, signature: 'yZ8/2yPPkYCxiVoTC8+9EaN8XzQ9ltOnBqBMIvq4/bE=' },
  { name: 'V5', method: 'GET', url: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer?q=email%20IS%20%22a%40b.com%22&limit=5', realm: '1234567_SB1', creds: SIMPLE, nonce: 'abc123def456', timestamp: 1700000000, signature: '85BQg+s84p42iciAkrrbhVwOm0Pk1oBJCwRAzbg5HL0=' },
];

/** The Authorization header built by hand around a published signature, so no signer of ours is involved. */
function headerWithSignature(v: Vector, signature: string): string {
  const p: Array<[string, string]> = [
    ['realm', v.realm],
    ['oauth_token', v.creds.tokenId],
    ['oauth_consumer_key', v.creds.consumerKey],
    ['oauth_nonce', v.nonce],
    ['oauth_timestamp', String(v.timestamp)],
    ['oauth_signature_method', 'HMAC-SHA256'],
    ['oauth_version', '1.0'],
    ['oauth_signature', signature],
  ];
  return 'OAuth ' + p.map(([k, val]) => `${k}="${percentEncode(val)}"`).join(', ');
}

function verify(v: Vector, url: string, signature: string, nonces = new Set<string>()) {
  const u = new URL(url);
  return verifyTba(
    { method: v.method, scheme: 'https', host: u.host, target: url.slice(url.indexOf(u.host) + u.host.length), authorization: headerWithSignature(v, signature) },
    {
      accountId: v.realm,
      credentials: v.creds,
      now: () => v.timestamp,
      claimNonce: (t, n, ts) => {
        const k = `${t}|${n}|${ts}`;
        if (nonces.has(k)) return false;
        nonces.add(k);
        return true;
      },
    },
  );
}

describe('NetSuite sandbox: TBA signature vectors (reference §7.3)', () => {
  for (const v of VECTORS) {
    it(`${v.name}: accepts the published signature ${v.signature.slice(0, 8)}…`, () => {
      expect(verify(v, v.url, v.signature)).to.deep.equal({ ok: true, tokenId: v.creds.tokenId });
    });
  }

  it('V5 with "+" for spaces: form-decodes like oauthlib (85BQg… valid, the oauth-1.0a "+" signature 6WEx… rejected)', () => {
    const v = VECTORS[4];
    const plusUrl = v.url.replace(/%20/g, '+');
    expect(verify(v, plusUrl, v.signature).ok).to.equal(true);
    expect(verify(v, plusUrl, '6WExemm3xAPwGQzcLIvcWinYzMvIHjLyB+RLKUrv2ww=')).to.deep.equal({ ok: false, reason: 'InvalidSignature' });
  });

  it('our test signer (oauth-1.0a) reproduces V1–V5 byte for byte', () => {
    for (const v of VECTORS) {
      const h = tbaHeader({ method: v.method, url: v.url, realm: v.realm, creds: v.creds, nonce: v.nonce, timestamp: v.timestamp });
      expect(decodeURIComponent(/oauth_signature="([^"]+)"/.exec(h)![1]), v.name).to.equal(v.signature);
    }
  });

  describe('over HTTP with the vector host (Host header as sent, X-Forwarded-Proto: https)', () => {
    const servers: NetSuiteSandbox[] = [];
    after(async () => {
      for (const s of servers) await s.close();
    });

    for (const v of VECTORS) {
      it(`${v.name}: passes authentication and reaches the resource`, async () => {
        const sb = await startNetSuite({ accountId: v.realm, credentials: { tba: v.creds }, clock: () => v.timestamp });
        servers.push(sb);
        const u = new URL(v.url);
        const headers = { Host: u.host, 'X-Forwarded-Proto': 'https', Authorization: headerWithSignature(v, v.signature) };
        const r = await rawRequest(sb.port, v.method, u.pathname + u.search, headers);
        expect(r.status, JSON.stringify(r.json)).to.not.equal(401);
        expect(sb.loginAudit().at(-1)).to.include({ scheme: 'tba', result: 'success' });
        // The same signed header again is a replay.
        const again = await rawRequest(sb.port, v.method, u.pathname + u.search, headers);
        expect(again.status).to.equal(401);
        expect(again.json).to.deep.equal(INVALID_LOGIN_BODY);
        expect(sb.loginAudit().at(-1)).to.include({ result: 'failure', reason: 'NonceUsed' });
      });
    }
  });
});

describe('NetSuite sandbox: TBA failures are the exact 401 INVALID_LOGIN', () => {
  let sb: NetSuiteSandbox;
  let now = 1_750_000_000;
  before(async () => {
    sb = await startNetSuite({ clock: () => now });
  });
  after(() => sb.close());

  async function send(authorization: string, path = '/services/rest/record/v1/currency/1') {
    const r = await fetch(sb.url + path, { headers: { Authorization: authorization } });
    return { status: r.status, json: await r.json(), www: r.headers.get('www-authenticate') };
  }
  const url = () => `${sb.url}/services/rest/record/v1/currency/1`;
  const sign = (over: Partial<Parameters<typeof tbaHeader>[0]> = {}) =>
    tbaHeader({ method: 'GET', url: url(), realm: '1234567_SB1', creds: TEST_SECRETS.tba, timestamp: now, ...over });

  it('a correctly signed request succeeds (currency 1 is USD)', async () => {
    const r = await send(sign({ nonce: 'okNonce0001' }));
    expect(r.status).to.equal(200);
    expect(r.json).to.include({ id: '1', symbol: 'USD', currencyPrecision: 2 });
  });

  const cases: Array<[string, () => string, string]> = [
    ['tampered signature', () => sign({ nonce: 'tamper00001' }).replace(/oauth_signature="[^"]+"/, 'oauth_signature="AAAA%2Fbogus%3D"'), 'InvalidSignature'],
    ['stale timestamp (301 s old)', () => sign({ nonce: 'stale000001', timestamp: now - 301 }), 'InvalidTimestamp'],
    ['future timestamp (301 s ahead)', () => sign({ nonce: 'future00001', timestamp: now + 301 }), 'InvalidTimestamp'],
    ['wrong realm case (1234567_sb1)', () => sign({ nonce: 'realm000001', realm: '1234567_sb1' }), 'InvalidAccount'],
    ['wrong token secret', () => sign({ nonce: 'secret00001', creds: { ...TEST_SECRETS.tba, tokenSecret: 'nope' } }), 'InvalidSignature'],
    ['unknown consumer key', () => sign({ nonce: 'consumer001', creds: { ...TEST_SECRETS.tba, consumerKey: 'other' } }), 'consumer_key_unknown'],
    ['unknown token', () => sign({ nonce: 'token000001', creds: { ...TEST_SECRETS.tba, tokenId: 'other' } }), 'token_rejected'],
    ['HMAC-SHA1', () => sign({ nonce: 'sha10000001' }).replace('HMAC-SHA256', 'HMAC-SHA1'), 'UnknownAlgorithm'],
    ['no Authorization scheme', () => 'Basic abc', 'MissingTokenPassportRequiredFields'],
  ];
  for (const [name, header, reason] of cases) {
    it(`${name} → 401 INVALID_LOGIN, audit reason ${reason}`, async () => {
      const r = await send(header());
      expect(r.status).to.equal(401);
      expect(r.json).to.deep.equal(INVALID_LOGIN_BODY);
      expect(sb.loginAudit().at(-1)).to.include({ result: 'failure', reason });
    });
  }

  it('a replayed nonce → 401 NonceUsed, while a fresh nonce at the same timestamp passes', async () => {
    const h = sign({ nonce: 'replay00001' });
    expect((await send(h)).status).to.equal(200);
    const again = await send(h);
    expect(again.status).to.equal(401);
    expect(again.json).to.deep.equal(INVALID_LOGIN_BODY);
    expect(sb.loginAudit().at(-1)).to.include({ reason: 'NonceUsed' });
    expect((await send(sign({ nonce: 'replay00002' }))).status).to.equal(200);
  });

  it('query parameters are signed: changing one after signing fails, signing it passes', async () => {
    const path = '/services/rest/record/v1/customer?limit=5&offset=0';
    const signed = tbaHeader({ method: 'GET', url: sb.url + path, realm: '1234567_SB1', creds: TEST_SECRETS.tba, timestamp: now, nonce: 'query000001' });
    expect((await send(signed, path)).status).to.equal(200);
    const bad = tbaHeader({ method: 'GET', url: sb.url + path, realm: '1234567_SB1', creds: TEST_SECRETS.tba, timestamp: now, nonce: 'query000002' });
    expect((await send(bad, path.replace('limit=5', 'limit=6'))).status).to.equal(401);
    expect(sb.loginAudit().at(-1)).to.include({ reason: 'InvalidSignature' });
  });
});
