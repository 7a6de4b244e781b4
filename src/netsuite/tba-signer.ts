// Token-based authentication (OAuth 1.0a, HMAC-SHA256) for NetSuite REST: signs exactly the URL that is
// sent. The query string is part of the signature, the JSON body and the realm are not (reference §1.2).
import crypto from 'node:crypto';
import OAuth from 'oauth-1.0a';

export interface TbaCredentials {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/** Fixed nonce/timestamp, only for reproducing published test vectors. */
export interface TbaFixedInputs {
  nonce?: string;
  timestamp?: number;
}

const NONCE_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Random bytes drawn a pool at a time: one call to the system's generator per ~60 requests, not one each. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function randomByte(): number {
  if (poolAt === pool.length) {
    crypto.randomFillSync(pool);
    poolAt = 0;
  }
  return pool[poolAt++];
}

/** A nonce of `length` alphanumeric characters from crypto's generator (rejection sampling, so unbiased). */
export function generateNonce(length = 32): string {
  let out = '';
  while (out.length < length) {
    const b = randomByte();
    // 248 = 4 × 62: bytes above it would favour the first characters of the alphabet.
    if (b < 248) out += NONCE_ALPHABET[b % 62];
  }
  return out;
}

export class TbaSigner {
  private readonly oauth: OAuth;

  constructor(
    /** The account id exactly as NetSuite shows it (`1234567_SB1`, uppercase SB): it is the realm. */
    readonly realm: string,
    private readonly credentials: TbaCredentials,
  ) {
    this.oauth = new OAuth({
      consumer: { key: credentials.consumerKey, secret: credentials.consumerSecret },
      realm,
      signature_method: 'HMAC-SHA256',
      hash_function: (base, key) => crypto.createHmac('sha256', key).update(base).digest('base64'),
    });
  }

  /** The oauth_* parameters (with oauth_signature) for one request. A fresh nonce and timestamp every call. */
  sign(method: string, url: string, fixed: TbaFixedInputs = {}): OAuth.Authorization {
    if (url.includes('+')) {
      // oauth-1.0a signs '+' as a literal plus while NetSuite decodes it as a space (reference §1.7).
      throw new Error('TBA: URLs must encode spaces as %20, never "+"');
    }
    const nonce = fixed.nonce ?? generateNonce();
    const timestamp = fixed.timestamp ?? Math.floor(Date.now() / 1000);
    // A per-call view so concurrent requests never share nonce/timestamp state.
    const signer = Object.create(this.oauth) as OAuth;
    signer.getNonce = () => nonce;
    signer.getTimeStamp = () => timestamp;
    // No `data`: the body is never part of the signature.
    return signer.authorize(
      { url, method: method.toUpperCase() },
      { key: this.credentials.tokenId, secret: this.credentials.tokenSecret },
    );
  }

  /** The Authorization header value for one request. */
  authorization(method: string, url: string, fixed: TbaFixedInputs = {}): string {
    return this.oauth.toHeader(this.sign(method, url, fixed)).Authorization;
  }
}
