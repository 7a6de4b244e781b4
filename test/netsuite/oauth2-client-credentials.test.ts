import crypto from 'node:crypto';
import { expect } from 'chai';
import { NetSuiteClient } from '../../src/netsuite/netsuite-client.js';
import { buildClientAssertion, OAuth2TokenSource } from '../../src/netsuite/oauth2-client-credentials.js';
import { NetSuiteError } from '../../src/netsuite/errors.js';
import { startCaptureServer, type CaptureServer, type Captured, type Reply } from './capture-server.js';

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (k: crypto.KeyObject): string => k.export({ type: 'pkcs8', format: 'pem' }).toString();

function decode(jwt: string): { header: Record<string, unknown>; payload: Record<string, unknown>; input: string; sig: Buffer } {
  const [h, p, s] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()),
    input: `${h}.${p}`,
    sig: Buffer.from(s, 'base64url'),
  };
}

describe('OAuth 2.0 client credentials: the JWT assertion', () => {
  const tokenUrl = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';

  it('RSA keys sign PS256 with header {typ,alg,kid} and payload {iss,scope,aud,iat,exp,jti}', () => {
    const now = 1_700_000_000_000;
    const jwt = buildClientAssertion({ clientId: 'client-1', certificateId: 'cert-1', privateKeyPem: pem(rsa.privateKey) }, tokenUrl, now);
    const { header, payload, input, sig } = decode(jwt);
    expect(header).to.deep.equal({ typ: 'JWT', alg: 'PS256', kid: 'cert-1' });
    expect(payload).to.include({ iss: 'client-1', scope: 'rest_webservices', aud: tokenUrl, iat: 1_700_000_000, exp: 1_700_003_600 });
    expect(payload.jti).to.be.a('string').with.length.greaterThan(10);
    const ok = crypto.verify('sha256', Buffer.from(input), {
      key: rsa.publicKey,
      padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
      saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST,
    }, sig);
    expect(ok).to.equal(true);
    // Each assertion is unique.
    expect(decode(buildClientAssertion({ clientId: 'client-1', certificateId: 'cert-1', privateKeyPem: pem(rsa.privateKey) }, tokenUrl, now)).payload.jti).not.to.equal(payload.jti);
  });

  it('EC P-256 keys sign ES256 in the raw r||s form JWS requires', () => {
    const jwt = buildClientAssertion({ clientId: 'c', certificateId: 'k', privateKeyPem: pem(ec.privateKey) }, tokenUrl, Date.now());
    const { header, input, sig } = decode(jwt);
    expect(header.alg).to.equal('ES256');
    expect(sig.length).to.equal(64);
    expect(crypto.verify('sha256', Buffer.from(input), { key: ec.publicKey, dsaEncoding: 'ieee-p1363' }, sig)).to.equal(true);
  });
});

describe('OAuth 2.0 client credentials: tokens on the wire (local capture server)', () => {
  let server: CaptureServer;
  let issued = 0;
  let rejectNext = new Set<string>();
  let tokenReply: (r: Captured) => Reply;

  beforeEach(async () => {
    issued = 0;
    rejectNext = new Set();
    tokenReply = () => ({ status: 200, body: { access_token: `tok-${++issued}`, expires_in: 3600, token_type: 'Bearer' } });
    server = await startCaptureServer((r) => {
      if (r.url === '/services/rest/auth/oauth2/v1/token') return tokenReply(r);
      const token = String(r.headers.authorization).replace(/^Bearer /, '');
      if (rejectNext.has(token)) {
        return {
          status: 401,
          headers: { 'www-authenticate': 'Bearer realm="1234567_SB1", error="invalid_token", error_description="Invalid login attempt."' },
        };
      }
      return { status: 200, body: { id: '1', token } };
    });
  });
  afterEach(() => server.close());

  const auth = () => ({ method: 'oauth2' as const, clientId: 'client-1', certificateId: 'cert-1', privateKeyPem: pem(rsa.privateKey), scope: 'rest_webservices' });

  it('posts a form-encoded client_credentials grant and reuses the token until it nears expiry', async () => {
    const client = new NetSuiteClient({ baseUrl: server.base, accountId: '1234567_SB1', auth: auth(), concurrency: 4, baseDelayMs: 1 });
    await Promise.all(Array.from({ length: 10 }, () => client.get('customer', '1')));
    client.close();
    const tokenCalls = server.requests.filter((r) => r.url.endsWith('/token'));
    expect(tokenCalls).to.have.length(1);
    const form = new URLSearchParams(tokenCalls[0].body);
    expect(tokenCalls[0].headers['content-type']).to.equal('application/x-www-form-urlencoded');
    expect(form.get('grant_type')).to.equal('client_credentials');
    expect(form.get('client_assertion_type')).to.equal('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(decode(form.get('client_assertion')!).payload.aud).to.equal(`${server.base}/services/rest/auth/oauth2/v1/token`);
    const rest = server.requests.filter((r) => !r.url.endsWith('/token'));
    expect(rest.map((r) => r.headers.authorization)).to.deep.equal(Array(10).fill('Bearer tok-1'));
  });

  it('renews shortly before expiry (clock injected)', async () => {
    let now = 1_000_000;
    tokenReply = () => ({ status: 200, body: { access_token: `tok-${++issued}`, expires_in: 100 } });
    const src = new OAuth2TokenSource({ baseUrl: server.base, credentials: { clientId: 'c', certificateId: 'k', privateKeyPem: pem(rsa.privateKey) }, now: () => now });
    expect(await src.token()).to.equal('tok-1');
    now += 89_000;
    expect(await src.token()).to.equal('tok-1');
    now += 2_000; // within the last tenth of the lifetime
    expect(await src.token()).to.equal('tok-2');
  });

  it('a 401 invalid_token fetches a new token once and retries', async () => {
    const client = new NetSuiteClient({ baseUrl: server.base, accountId: '1234567_SB1', auth: auth(), concurrency: 2, baseDelayMs: 1 });
    expect((await client.get('customer', '1')).token).to.equal('tok-1');
    rejectNext.add('tok-1'); // the server has expired it
    expect((await client.get('customer', '1')).token).to.equal('tok-2');
    expect(client.tokenRequests).to.equal(2);
    // A token that is refused again after renewal is an auth error, not a loop.
    rejectNext.add('tok-2');
    rejectNext.add('tok-3');
    const err = (await client.get('customer', '1').catch((e: unknown) => e)) as NetSuiteError;
    client.close();
    expect(err).to.be.instanceOf(NetSuiteError);
    expect(err).to.include({ kind: 'auth', status: 401, code: 'INVALID_TOKEN' });
    expect(client.tokenRequests).to.equal(3);
    expect(`${err.message}${err.stack}`).not.to.include('tok-').and.not.include('PRIVATE KEY');
  });

  it('a refused assertion is an auth error without the key or the assertion in it', async () => {
    tokenReply = () => ({ status: 400, body: { error: 'invalid_grant' } });
    const client = new NetSuiteClient({ baseUrl: server.base, accountId: '1234567_SB1', auth: auth(), concurrency: 1, baseDelayMs: 1 });
    const err = (await client.get('customer', '1').catch((e: unknown) => e)) as NetSuiteError;
    client.close();
    expect(err).to.include({ kind: 'auth', code: 'INVALID_GRANT' });
    expect(server.requests.filter((r) => !r.url.endsWith('/token'))).to.have.length(0);
    expect(`${err.message}${err.stack}`).not.to.include('PRIVATE KEY').and.not.include('eyJ');
  });
});
