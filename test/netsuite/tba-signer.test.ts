import crypto from 'node:crypto';
import { expect } from 'chai';
import OAuth from 'oauth-1.0a';
import { generateNonce, TbaSigner } from '../../src/netsuite/tba-signer.js';
import { queryString, recordTypeSegment, externalIdSegment } from '../../src/netsuite/rest-urls.js';

// Reference §1.1 / §7.3.
const ORACLE = {
  consumerKey: 'ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4',
  consumerSecret: 'd26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5',
  tokenId: '2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc',
  tokenSecret: 'c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295',
};
const FIXED = { nonce: 'fjaLirsIcCGVZWzBX0pg', timestamp: 1508242306 };

function headerParams(h: string): Record<string, string> {
  expect(h.startsWith('OAuth ')).to.equal(true);
  const out: Record<string, string> = {};
  for (const m of h.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) out[m[1]] = decodeURIComponent(m[2]);
  return out;
}

describe('TBA signer: reference §7.3 vectors', () => {
  const vectors: Array<[string, string, string, string]> = [
    ['V1', 'GET', 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40', '123456'],
    ['V2', 'POST', 'https://123456.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit=10&offset=0', '123456'],
    ['V3', 'GET', 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/eid:cus_ABC', '1234567_SB1'],
    ['V4', 'POST', 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/invoice/60/!transform/customerPayment', '123456'],
  ];
  const expected: Record<string, string> = {
    V1: 'B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=',
    V2: 'hxjABHU9/fx9suvhTNYoRa6DBLAY6w721nAek71w1GM=',
    V3: 'zgopOt7h+fSmAvz4IhqGZW3vXDPVjiAAuXdUhYx0B0g=',
    V4: 'yZ8/2yPPkYCxiVoTC8+9EaN8XzQ9ltOnBqBMIvq4/bE=',
  };
  for (const [name, method, url, realm] of vectors) {
    it(`${name}: ${method} ${url.slice(url.indexOf('/services'))}`, () => {
      const signer = new TbaSigner(realm, ORACLE);
      expect(signer.sign(method, url, FIXED).oauth_signature).to.equal(expected[name]);
      const p = headerParams(signer.authorization(method, url, FIXED));
      expect(p.oauth_signature).to.equal(expected[name]);
      expect(p.realm).to.equal(realm);
      expect(p.oauth_signature_method).to.equal('HMAC-SHA256');
      expect(p.oauth_version).to.equal('1.0');
      expect(p.oauth_token).to.equal(ORACLE.tokenId);
      expect(p.oauth_consumer_key).to.equal(ORACLE.consumerKey);
    });
  }

  it('V1 header is exactly Oracle\'s (signature percent-encoded in the header)', () => {
    const h = new TbaSigner('123456', ORACLE).authorization('GET', vectors[0][2], FIXED);
    expect(h).to.include('oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"');
    expect(h.startsWith('OAuth realm="123456", ')).to.equal(true);
    // Query params are signed but never put in the header (reference §1.2).
    const h2 = new TbaSigner('123456', ORACLE).authorization('POST', vectors[1][2], FIXED);
    expect(h2).not.to.match(/limit|offset/);
  });

  const simple = { consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'tk', tokenSecret: 'ts' };
  const v5url =
    'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer?q=email%20IS%20%22a%40b.com%22&limit=5';
  it('V5: a q= with %20 signs as 85BQg…', () => {
    const s = new TbaSigner('1234567_SB1', simple);
    expect(s.sign('GET', v5url, { nonce: 'abc123def456', timestamp: 1700000000 }).oauth_signature).to.equal(
      '85BQg+s84p42iciAkrrbhVwOm0Pk1oBJCwRAzbg5HL0=',
    );
  });

  it('V5: the "+" form (which oauth-1.0a would sign as 6WExemm3…) is refused', () => {
    const s = new TbaSigner('1234567_SB1', simple);
    expect(() => s.sign('GET', v5url.replace(/%20/g, '+'), { nonce: 'abc123def456', timestamp: 1700000000 })).to.throw(
      /%20/,
    );
  });
});

describe('TBA signer: nonce and timestamp', () => {
  it('every signature gets a fresh alphanumeric nonce of 20+ characters and the current time', () => {
    const s = new TbaSigner('123456', ORACLE);
    const url = 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/customer/1';
    const seen = new Set<string>();
    const before = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 200; i++) {
      const a = s.sign('GET', url);
      expect(a.oauth_nonce).to.match(/^[A-Za-z0-9]{20,}$/);
      expect(a.oauth_timestamp).to.be.within(before, before + 5);
      seen.add(a.oauth_nonce);
    }
    expect(seen.size).to.equal(200);
  });

  it('generateNonce uses the whole alphabet', () => {
    const all = new Set(generateNonce(5000));
    expect(all.size).to.equal(62);
  });
});

describe('TBA signer: the same signature and header as the oauth-1.0a package', () => {
  // The signer builds the base string itself (for speed); this holds it to the package it replaced, over URLs as
  // the client builds them: record paths, eid: segments, and queries of every kind the client sends.
  const rand = (n: number) => Math.floor(Math.random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)];
  const text = () =>
    Array.from({ length: 1 + rand(12) }, () => pick([...Array.from('aZ09 _-.~!*\'()@:/?&=#%"é€😀'), 'cus_', 'in_'])).join('');
  const urls = (): string => {
    const base = pick(['https://123456.suitetalk.api.netsuite.com', 'http://127.0.0.1:8123', 'https://1234567-sb1.suitetalk.api.netsuite.com']);
    const path = pick([
      `/services/rest/record/v1/${recordTypeSegment(pick(['customer', 'invoice', 'creditMemo']))}`,
      `/services/rest/record/v1/customer/${externalIdSegment(text())}`,
      `/services/rest/record/v1/invoice/${rand(1000)}/!transform/customerPayment`,
      '/services/rest/query/v1/suiteql',
    ]);
    const query = Array.from({ length: rand(4) }, () =>
      [pick(['q', 'limit', 'offset', 'fields', 'expandSubResources', 'replace', 'a', 'limit']), pick([text(), String(rand(100)), undefined, ''])] as [string, string | undefined],
    );
    return `${base}${path}${queryString(query)}`.replace(/\+/g, '%20');
  };
  const creds = () => ({ consumerKey: text(), consumerSecret: text(), tokenId: text(), tokenSecret: text() });

  it('over 2,000 random requests and credentials', () => {
    for (let i = 0; i < 2000; i++) {
      const c = creds();
      const realm = pick(['123456', '1234567_SB1', '']);
      const method = pick(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'get']);
      const url = urls();
      const fixed = { nonce: generateNonce(pick([20, 32])), timestamp: 1_700_000_000 + rand(1e6) };
      const oauth = new OAuth({
        consumer: { key: c.consumerKey, secret: c.consumerSecret },
        ...(realm ? { realm } : {}),
        signature_method: 'HMAC-SHA256',
        hash_function: (base, key) => crypto.createHmac('sha256', key).update(base).digest('base64'),
      });
      oauth.getNonce = () => fixed.nonce;
      oauth.getTimeStamp = () => fixed.timestamp;
      const theirs = oauth.authorize({ url, method: method.toUpperCase() }, { key: c.tokenId, secret: c.tokenSecret });
      const signer = new TbaSigner(realm, c);
      const ours = signer.sign(method, url, fixed);
      const ctx = `${method} ${url} ${JSON.stringify(c)}`;
      expect(ours.oauth_signature, ctx).to.equal(theirs.oauth_signature);
      expect(signer.authorization(method, url, fixed), ctx).to.equal(oauth.toHeader(theirs).Authorization);
    }
  });
});
