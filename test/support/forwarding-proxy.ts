// An HTTP proxy in front of a sandbox that breaks what a test asks it to: each request is forwarded, answered
// with a status of its own, or lost (before it reaches the sandbox, or after, with the response dropped).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What happens to one request: `lose-request` never reaches the target; `lose-response` does, and its answer is
 * dropped; `status` answers without the target; `rewrite` forwards and changes the answer's body.
 */
export type ProxyAction = 'forward' | 'lose-request' | 'lose-response' | { status: number } | { rewrite: (status: number, body: string) => string };

export interface ForwardingProxy {
  url: string;
  close(): Promise<void>;
}

export async function forwardingProxy(target: string, decide: (req: { method: string; url: string }) => ProxyAction): Promise<ForwardingProxy> {
  const server = http.createServer((req, res) => {
    const action = decide({ method: req.method ?? 'GET', url: req.url ?? '/' });
    if (typeof action === 'object' && 'status' in action) {
      req.resume();
      res.writeHead(action.status).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (action === 'lose-request') {
        res.socket?.destroy();
        return;
      }
      const out = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
        if (action === 'lose-response') {
          up.resume();
          up.on('end', () => res.socket?.destroy()); // the target did it; the client never hears
          return;
        }
        if (typeof action === 'object') {
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            const headers = { ...up.headers };
            delete headers['content-length'];
            res.writeHead(up.statusCode ?? 502, headers);
            res.end(action.rewrite(up.statusCode ?? 502, Buffer.concat(body).toString('utf8')));
          });
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
