// The other end of bare-http.ts, in a process of its own as the sandboxes are: a node:http server that does nothing
// but hold each request's answer for the latency (from the end of its body, as the NetSuite sandbox does) and
// answer as NetSuite answers a create (204 with the record's Location). IPC (bench-child.ts): `listen` is answered with
// its port once listening, `cpu` with its CPU time so far (ms); it exits when the parent goes away.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type BareServerRequest = { type: 'listen' } | { type: 'cpu' };
export type BareServerMessage = { type: 'listening'; port: number } | { type: 'cpu'; cpuMs: number };

const latencyMs = Number(process.argv[2]);
let next = 1;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    setTimeout(() => {
      res.writeHead(204, { Location: `http://${req.headers.host}/services/rest/record/v1/customer/${next++}` });
      res.end();
    }, latencyMs);
  });
});
server.keepAliveTimeout = 60_000;
process.on('message', (m: BareServerRequest) => {
  if (m.type === 'listen') {
    server.listen(0, '127.0.0.1', () => {
      process.send!({ type: 'listening', port: (server.address() as AddressInfo).port } satisfies BareServerMessage);
    });
  } else {
    const c = process.cpuUsage();
    process.send!({ type: 'cpu', cpuMs: (c.user + c.system) / 1000 } satisfies BareServerMessage);
  }
});
process.on('disconnect', () => process.exit(0));
