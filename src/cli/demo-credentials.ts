// Credentials the demo's own sandboxes accept. They open nothing but those local sandboxes.
export const DEMO_CREDENTIALS = {
  stripeApiKey: 'sk_test_stripenetsuitedemo',
  accountId: '1234567_SB1',
  tba: {
    consumerKey: 'demo-consumer-key',
    consumerSecret: 'demo-consumer-secret',
    tokenId: 'demo-token-id',
    tokenSecret: 'demo-token-secret',
  },
} as const;
