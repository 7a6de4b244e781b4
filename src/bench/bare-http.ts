// What this machine's HTTP round trip alone allows: the connector's transport (http-request.ts on the NetSuite
// client's keep-alive agents) sends a create-sized POST to a server that does nothing but hold each
// answer for the latency (bare-http-server.ts, in its own process), `concurrency` at a time. Neither end plans,
// signs, validates or records anything, so its share of concurrency × 1000 / latency is the most a sync could
// reach here; at 5 ms, timer slack and the loopback round trip alone cost a visible part of every 5 ms.
import { httpRequest, keepAliveAgents } from '../netsuite/http-request.js';
import type { BareServerMessage, BareServerRequest } from './bare-http-server.js';
import { askChild, forkBenchChild } from './bench-child.js';

export interface BareHttpResult {
  requests: number;
  wallMs: number;
  requestsPerSecond: number;
  /** requestsPerSecond / (concurrency × 1000 / latency). */
  shareOfCeiling: number;
  clientCpuMsPerRequest: number;
  serverCpuMsPerRequest: number;
}

const SERVER = new URL('./bare-http-server.js', import.meta.url);
const WARM_UP = 200;
/** Fewer timed requests measure the start more than the round trip. */
export const MIN_BARE_REQUESTS = 1000;

/** A body and headers the size of a customer create (about 0.5 KB each). */
const BODY = JSON.stringify({
  externalId: 'stripe-netsuite:customer:cus_PbVqm8XlTmAUEW',
  companyName: 'Bare Round Trip Ltd',
  email: 'accounts@example.com',
  subsidiary: { id: '1' },
  currency: { id: '1' },
  terms: { id: '2' },
  custentity_stripe_customer_id: 'cus_PbVqm8XlTmAUEW',
  addressBook: { items: [{ defaultBilling: true, addressBookAddress: { addr1: '1 Main Street', city: 'Springfield', zip: '12345', country: { id: 'US' } } }] },
});
const AUTHORIZATION =
  'OAuth realm="1234567_SB1", oauth_consumer_key="' + 'c'.repeat(64) + '", oauth_token="' + 't'.repeat(64) + '", ' +
  'oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", oauth_nonce="' + 'n'.repeat(20) + '", ' +
  'oauth_version="1.0", oauth_signature="' + 's'.repeat(44) + '"';

export async function measureBareHttp(o: { latencyMs: number; concurrency: number; requests: number }): Promise<BareHttpResult> {
  const child = forkBenchChild(SERVER, [String(o.latencyMs)]);
  const ask = <T extends BareServerMessage['type']>(m: BareServerRequest, expect: T) =>
    askChild<BareServerMessage, T>(child, 'the bare HTTP server', m, expect);
  const serverCpu = async () => (await ask({ type: 'cpu' }, 'cpu')).cpuMs;
  const agents = keepAliveAgents(o.concurrency);
  try {
    const { port } = await ask({ type: 'listen' }, 'listening');
    const url = `http://127.0.0.1:${port}/services/rest/record/v1/customer`;
    const send = () =>
      httpRequest(url, {
        method: 'POST',
        headers: { authorization: AUTHORIZATION, 'content-type': 'application/json', prefer: 'transient' },
        body: BODY,
        timeoutMs: 30_000,
        agents,
      });
    const round = async (requests: number) => {
      let sent = 0;
      await Promise.all(
        Array.from({ length: o.concurrency }, async () => {
          while (sent < requests) {
            sent++;
            const r = await send();
            if (r.statusCode !== 204) throw new Error(`the bare HTTP server answered ${r.statusCode}`);
          }
        }),
      );
    };
    // Untimed first: the sockets opened and both ends' code compiled, as they are by the time a sync is writing.
    await round(WARM_UP);
    const server0 = await serverCpu();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await round(o.requests);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const serverCpuMs = (await serverCpu()) - server0;
    const requestsPerSecond = (o.requests * 1000) / wallMs;
    return {
      requests: o.requests,
      wallMs,
      requestsPerSecond,
      shareOfCeiling: requestsPerSecond / ((o.concurrency * 1000) / o.latencyMs),
      clientCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / o.requests,
      serverCpuMsPerRequest: serverCpuMs / o.requests,
    };
  } finally {
    agents.http.destroy();
    agents.https.destroy();
    child.kill();
  }
}
