// Credentials for a NetSuite sandbox that lives only as long as one measurement: random, never shown.
import crypto from 'node:crypto';

export function throwAwayTba(): { consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string } {
  const secret = () => crypto.randomBytes(16).toString('hex');
  return { consumerKey: secret(), consumerSecret: secret(), tokenId: secret(), tokenSecret: secret() };
}
