// OAuth 2.0 client credentials: JWT assertion (PS256 and ES256) → Bearer token; expiry and bad assertions.
import { expect } from 'chai';
import { generateKeyPairSync, sign, constants, type KeyObject } from 'node:crypto';
import { publicKeyFromPrivatePem, type NetSuiteSandbox } from '../../src/sandbox/netsuite/server.js';
import { INVALID_LOGIN_BODY } from './ns-test-client.js';
import { startNetSuite } from '../support/sandboxes.js';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function jwt(alg: 'PS256' | 'ES256', key: KeyObject, header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const data = `${b64({ typ: 'JWT', alg, ...header })}.${b64(payload)}`;
  const sig =
    alg === 'PS256'
      ? sign('sha256', Buffer.from(data), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST })
      : sign('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' });
  return `${data}.${sig.toString('base64url')}`;
}

describe('NetSuite sandbox: OAuth 2.0 client credentials', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let now = 1_760_000_000;
  let sb: NetSuiteSandbox;
  let tokenUrl: string;
  before(async () => {
    sb = await startNetSuite({
      accountId: '1234567_SB1',
      credentials: { oauth2: { clientId: 'client-abc', certificateId: 'cert-1', publicKeyPem: publicKeyFromPrivatePem(rsaPem) } },
      clock: () => now,
      tokenLifetimeSeconds: 120,
    });
    tokenUrl = `${sb.url}/services/rest/auth/oauth2/v1/token`;
  });
  after(() => sb.close());

  const claims = (over: Record<string, unknown> = {}) => ({
    iss: 'client-abc',
    scope: ['restlets', 'rest_webservices'],
    aud: tokenUrl,
    iat: now,
    exp: now + 3600,
    jti: `j-${Math.random()}`,
    ...over,
  });

  async function token(assertion: string, grant = 'client_credentials') {
    const body = new URLSearchParams({
      grant_type: grant,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
    const r = await fetch(tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    return { status: r.status, json: (await r.json()) as any };
  }

  const getCurrency = (accessToken: string) =>
    fetch(`${sb.url}/services/rest/record/v1/currency/7`, { headers: { Authorization: `Bearer ${accessToken}` } });

  it('issues a Bearer token for a PS256 assertion; the token reads records until it expires', async () => {
    const r = await token(jwt('PS256', rsa.privateKey, { kid: 'cert-1' }, claims()));
    expect(r.status).to.equal(200);
    expect(r.json).to.include({ expires_in: 120, token_type: 'Bearer' });
    const ok = await getCurrency(r.json.access_token);
    expect(ok.status).to.equal(200);
    expect(await ok.json()).to.include({ symbol: 'KWD', currencyPrecision: 3 });

    now += 121;
    const expired = await getCurrency(r.json.access_token);
    expect(expired.status).to.equal(401);
    expect(await expired.json()).to.deep.equal(INVALID_LOGIN_BODY);
    expect(expired.headers.get('www-authenticate')).to.equal(
      'Bearer realm="1234567_SB1", error="invalid_token", error_description="Invalid login attempt."',
    );
    expect(sb.loginAudit().at(-1)).to.include({ scheme: 'oauth2', result: 'failure', reason: 'token expired' });
  });

  it('accepts ES256 when the certificate is an EC key', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const sb2 = await startNetSuite({
      accountId: '1234567_SB1',
      credentials: { oauth2: { clientId: 'c2', certificateId: 'ec-cert', publicKeyPem: publicKeyFromPrivatePem(pem) } },
      clock: () => now,
    });
    try {
      const url = `${sb2.url}/services/rest/auth/oauth2/v1/token`;
      const assertion = jwt('ES256', ec.privateKey, { kid: 'ec-cert' }, { iss: 'c2', scope: 'rest_webservices', aud: url, iat: now, exp: now + 600 });
      const r = await fetch(url, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }),
      });
      expect(r.status).to.equal(200);
      const { access_token } = (await r.json()) as { access_token: string };
      const rec = await fetch(`${sb2.url}/services/rest/record/v1/subsidiary/1`, { headers: { Authorization: `Bearer ${access_token}` } });
      expect(((await rec.json()) as { name: string }).name).to.equal('Stripe Sandbox Inc.');
    } finally {
      await sb2.close();
    }
  });

  const bad: Array<[string, () => string, string]> = [
    ['wrong kid', () => jwt('PS256', rsa.privateKey, { kid: 'other' }, claims()), 'unknown kid'],
    ['wrong iss', () => jwt('PS256', rsa.privateKey, { kid: 'cert-1' }, claims({ iss: 'someone' })), 'wrong iss'],
    ['wrong aud', () => jwt('PS256', rsa.privateKey, { kid: 'cert-1' }, claims({ aud: 'https://example.com/token' })), 'wrong aud'],
    ['exp more than an hour after iat', () => jwt('PS256', rsa.privateKey, { kid: 'cert-1' }, claims({ exp: now + 3601 })), 'exp more than 60 minutes after iat'],
    ['expired assertion', () => jwt('PS256', rsa.privateKey, { kid: 'cert-1' }, claims({ iat: now - 7200, exp: now - 3600 })), 'assertion expired'],
    ['signed by another key', () => jwt('PS256', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, { kid: 'cert-1' }, claims()), 'bad signature'],
    ['RS256 (not accepted)', () => jwt('PS256', rsa.privateKey, { kid: 'cert-1', alg: 'RS256' }, claims()), 'unsupported alg RS256'],
  ];
  for (const [name, make, reason] of bad) {
    it(`rejects ${name} with 400 invalid_grant`, async () => {
      const r = await token(make());
      expect(r.status).to.equal(400);
      expect(r.json).to.deep.equal({ error: 'invalid_grant' });
      expect(sb.loginAudit().at(-1)).to.include({ result: 'failure', reason });
    });
  }

  it('rejects another grant type and an unknown Bearer token', async () => {
    const r = await token(jwt('PS256', rsa.privateKey, { kid: 'cert-1' }, claims()), 'authorization_code');
    expect(r).to.deep.equal({ status: 400, json: { error: 'unsupported_grant_type' } });
    const unknown = await getCurrency('not-a-token');
    expect(unknown.status).to.equal(401);
    expect(await unknown.json()).to.deep.equal(INVALID_LOGIN_BODY);
  });
});
