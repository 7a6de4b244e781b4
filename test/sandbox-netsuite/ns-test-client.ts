// Test-side NetSuite client: a minimal TBA signer on oauth-1.0a (HMAC-SHA256 via node:crypto) and fetch.
// Deliberately independent of src/netsuite so the sandbox is checked against the protocol, not our client.
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import OAuth from 'oauth-1.0a';
import { TEST_SECRETS } from '../support/sandboxes.js';

export interface TbaCreds {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}


export function tbaHeader(p: {
  method: string;
  url: string;
  realm: string;
  creds: TbaCreds;
  nonce?: string;
  timestamp?: number;
}): string {
  const oauth = new OAuth({
    consumer: { key: p.creds.consumerKey, secret: p.creds.consumerSecret },
    realm: p.realm,
    signature_method: 'HMAC-SHA256',
    hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
  });
  if (p.nonce !== undefined) oauth.getNonce = () => p.nonce!;
  if (p.timestamp !== undefined) oauth.getTimeStamp = () => p.timestamp!;
  return oauth.toHeader(oauth.authorize({ url: p.url, method: p.method }, { key: p.creds.tokenId, secret: p.creds.tokenSecret })).Authorization;
}

export interface NsResponse {
  status: number;
  headers: Headers;
  json: any;
}

export class NsTestClient {
  constructor(
    readonly baseUrl: string,
    readonly creds: TbaCreds = TEST_SECRETS.tba,
    readonly realm: string = TEST_SECRETS.accountId,
  ) {}

  /** `path` starts with /services/rest/…; the query must already be %20-encoded (never '+'). */
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<NsResponse> {
    const url = this.baseUrl + path;
    const res = await fetch(url, {
      method,
      headers: {
        Authorization: tbaHeader({ method, url, realm: this.realm, creds: this.creds }),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  }

  record(method: string, rest: string, body?: unknown, headers?: Record<string, string>): Promise<NsResponse> {
    return this.request(method, `/services/rest/record/v1/${rest}`, body, headers);
  }

  /** POST a record and return its internal id from Location (asserting 204). */
  async create(type: string, body: unknown): Promise<string> {
    const r = await this.record('POST', type, body);
    if (r.status !== 204) throw new Error(`create ${type} → ${r.status} ${JSON.stringify(r.json)}`);
    return r.headers.get('location')!.split('/').pop()!;
  }

  async get(type: string, id: string, query = ''): Promise<any> {
    const r = await this.record('GET', `${type}/${id}${query}`);
    if (r.status !== 200) throw new Error(`get ${type}/${id} → ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  }

  suiteql(q: string, params: unknown[] = [], limit = 1000, offset = 0): Promise<NsResponse> {
    return this.request('POST', `/services/rest/query/v1/suiteql?limit=${limit}&offset=${offset}`, { q, ...(params.length ? { params } : {}) }, {
      Prefer: 'transient',
    });
  }

  async sandbox(path: string, init?: RequestInit): Promise<any> {
    const r = await fetch(`${this.baseUrl}/_sandbox/${path}`, init);
    const text = await r.text();
    return text ? JSON.parse(text) : undefined;
  }
}

/** A raw HTTP request with a chosen Host header (fetch cannot set one), for the published vectors. */
export function rawRequest(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; json: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: target, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export const INVALID_LOGIN_BODY = {
  type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
  title: 'Unauthorized',
  status: 401,
  'o:errorDetails': [
    {
      detail:
        'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
      'o:errorCode': 'INVALID_LOGIN',
    },
  ],
};

/** Seed data every business test needs: a USD customer with EUR allowed, and a service item. */
export async function basicSetup(client: NsTestClient): Promise<{ customer: string; item: string; discount: string; taxItem: string }> {
  const customer = await client.create('customer', {
    companyName: 'Acme Corp',
    externalId: 'cus_ACME',
    subsidiary: { id: '1' },
    currencyList: { items: [{ currency: { id: '4' } }] },
  });
  const item = await client.create('serviceSaleItem', { itemId: 'Stripe Item', externalId: 'stripe_item', incomeAccount: { id: '6' } });
  const discount = await client.create('discountItem', { itemId: 'Stripe Discount', externalId: 'stripe_discount', account: { id: '12' } });
  const taxItem = await client.create('serviceSaleItem', { itemId: 'Stripe Tax', externalId: 'stripe_tax', incomeAccount: { id: '8' } });
  return { customer, item, discount, taxItem };
}
