// API key check as Stripe does it: `Authorization: Bearer <key>` or HTTP Basic with the key as
// the user name. A refused key is echoed as Stripe does: its first 8 characters (`sk_test_`) and
// its last 4, every character between them a `*` (e.g. `Invalid API Key provided:
// pk_test_***…***fyDZ` in flutter-stripe/flutter_stripe#2171).
import { StripeHttpError } from './stripe-error.js';

const MISSING =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth " +
  "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, " +
  'or we can help at https://support.stripe.com/.';

function keyFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^(Bearer|Basic)\s+(.+)$/i.exec(header.trim());
  if (!m) return undefined;
  if (m[1].toLowerCase() === 'bearer') return m[2].trim();
  const decoded = Buffer.from(m[2].trim(), 'base64').toString('utf8');
  const user = decoded.split(':')[0];
  return user === '' ? undefined : user;
}

/** `sk_test_` + one `*` per hidden character + the last 4. Keys of 12 characters or fewer show nothing. */
export function redactedKey(key: string): string {
  if (key.length <= 12) return '*'.repeat(key.length);
  return `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}

/** Throws Stripe's 401 unless the request carries an acceptable key. */
export function checkApiKey(authorization: string | undefined, expected: string | undefined): void {
  const key = keyFrom(authorization);
  const unauthorized = (message: string): StripeHttpError =>
    new StripeHttpError(401, { type: 'invalid_request_error', message }, { 'www-authenticate': 'Basic realm="Stripe"' });
  if (key === undefined) throw unauthorized(MISSING);
  const ok = expected !== undefined ? key === expected : /^(sk|rk)_test_\S+$/.test(key);
  if (!ok) throw unauthorized(`Invalid API Key provided: ${redactedKey(key)}`);
}
