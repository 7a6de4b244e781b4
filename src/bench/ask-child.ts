// One request to a bench child process (the sandboxes, the bare round trip's server) over its IPC channel, answered
// by the child's next message, which must be of the expected type; a child that exits first fails the request.
import type { ChildProcess } from 'node:child_process';

export function askChild<M extends { type: string }, T extends M['type']>(
  child: ChildProcess,
  /** Names the child in errors. */
  name: string,
  m: { type: string },
  expect: T,
): Promise<Extract<M, { type: T }>> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (raw: unknown) => {
      const r = raw as M & { message?: string };
      cleanup();
      if (r.type === expect) resolve(r as Extract<M, { type: T }>);
      else reject(new Error(r.type === 'error' ? `${name}: ${r.message}` : `${name}: unexpected ${r.type}`));
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${name} exited (code ${code}) before answering ${m.type}`));
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(m);
  });
}
