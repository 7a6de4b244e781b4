// Three-decimal currencies (KWD, BHD, JOD, OMR, TND): Stripe takes payment, refund and dispute amounts whose last
// digit is 0 (https://docs.stripe.com/currencies#three-decimal); a world that breaks it is refused at load.
import { expect } from 'chai';
import { startStripe, stripeSdk } from '../support/sandboxes.js';

const T0 = Date.UTC(2026, 8, 15) / 1000;
const charge = (id: string, amount: number, currency: string) => ({ id, object: 'charge', created: T0, currency, amount, amount_refunded: 0, status: 'succeeded' });

describe('Stripe sandbox: three-decimal currencies', () => {
  it('serves KWD amounts in fils ending in 0, refuses a world with a KWD charge or refund that does not, and leaves other currencies alone', async () => {
    const sb = await startStripe({ world: [charge('ch_kwd', 12340, 'kwd'), charge('ch_usd', 12345, 'usd')], now: T0 + 60 });
    try {
      expect((await stripeSdk(sb).charges.retrieve('ch_kwd')).amount).to.equal(12340);
    } finally {
      await sb.close();
    }
    for (const bad of [charge('ch_bad', 12345, 'kwd'), { id: 're_bad', object: 'refund', created: T0, currency: 'bhd', amount: 5 }]) {
      const err = await startStripe({ world: [bad], now: T0 }).then(
        async (s) => {
          await s.close();
          return undefined;
        },
        (e: Error) => e,
      );
      expect(err?.message).to.include(`${bad.id}: amount ${bad.amount}`).and.include('three-decimal');
    }
  });
});
