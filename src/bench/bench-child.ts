// A bench's child process (the sandboxes, the bare round trip's server): forked apart from the connector being
// measured, and asked over its IPC channel.
import { fork, type ChildProcess } from 'node:child_process';

/**
 * Forks `module` with `args`, its stderr shared. No execArgv and no NODE_OPTIONS: flags meant for the connector
 * (profiling, heap limits) are not the child's.
 */
export function forkBenchChild(module: URL, args: string[] = []): ChildProcess {
  const { NODE_OPTIONS: _connectorFlags, ...env } = process.env;
  return fork(module, args, { execArgv: [], env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

/** One request, answered by the child's next message, which must be of the expected type; a child that exits first
 *  fails the request. */
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
