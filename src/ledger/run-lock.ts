// One writer at a time. The lock is a row in the ledger, so two processes (cron overlap, a manual run during a
// scheduled one) can never both post. A holder that died is detected by its pid (same host) or a stale heartbeat.
import os from 'node:os';
import type { Ledger } from './open-ledger.js';

export class LockHeldError extends Error {
  constructor(readonly holder: { owner: string; pid: number; acquired_at: number }) {
    super(
      `another run holds the ledger lock (${holder.owner}, pid ${holder.pid}, since ${new Date(holder.acquired_at * 1000).toISOString()})`,
    );
    this.name = 'LockHeldError';
  }
}

const STALE_AFTER_SECONDS = 15 * 60;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RunLock {
  heartbeat(): void;
  release(): void;
}

export function acquireRunLock(ledger: Ledger, name = 'run'): RunLock {
  const owner = `${os.hostname()}:${process.pid}`;
  const now = () => Math.floor(Date.now() / 1000);
  const tryAcquire = ledger.sqlite.transaction(() => {
    const held = ledger.sqlite.prepare('SELECT owner, pid, acquired_at, heartbeat_at FROM locks WHERE name = ?').get(name) as
      | { owner: string; pid: number; acquired_at: number; heartbeat_at: number }
      | undefined;
    if (held) {
      const sameHost = held.owner.startsWith(`${os.hostname()}:`);
      const dead = sameHost ? !processAlive(held.pid) : now() - held.heartbeat_at > STALE_AFTER_SECONDS;
      if (!dead && held.owner !== owner) throw new LockHeldError(held);
      ledger.sqlite.prepare('DELETE FROM locks WHERE name = ?').run(name);
    }
    ledger.sqlite
      .prepare('INSERT INTO locks (name, owner, pid, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)')
      .run(name, owner, process.pid, now(), now());
  });
  tryAcquire.immediate();
  return {
    heartbeat: () => {
      ledger.sqlite.prepare('UPDATE locks SET heartbeat_at = ? WHERE name = ? AND owner = ?').run(now(), name, owner);
    },
    release: () => {
      ledger.sqlite.prepare('DELETE FROM locks WHERE name = ? AND owner = ?').run(name, owner);
    },
  };
}
