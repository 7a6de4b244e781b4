// Wraps a command's action: maps errors to exit codes and prints them without secrets (as JSON lines with
// --log-format json).
import { ConfigError } from '../config/load-config.js';
import { LockHeldError } from '../ledger/run-lock.js';
import { StalePlanError } from '../run/sync-run.js';
import { EXIT } from './exit-codes.js';
import { errorLine } from './output.js';
import { redactSecrets } from './redact.js';

export function runCommand<A extends unknown[]>(action: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    let code: number;
    try {
      code = await action(...args);
    } catch (err) {
      if (err instanceof ConfigError) {
        errorLine('config_error', err.message, { problems: err.problems.map((p) => redactSecrets(p)) });
        code = EXIT.CONFIG;
      } else if (err instanceof StalePlanError) {
        errorLine('stale_plan', err.message, { changed: err.changed });
        code = EXIT.STALE_PLAN;
      } else if (err instanceof LockHeldError) {
        errorLine('locked', err.message);
        code = EXIT.LOCKED;
      } else {
        const message = err instanceof Error ? err.message : String(err);
        errorLine('run_failed', `run failed: ${message}`);
        if ((err as NodeJS.ErrnoException | undefined)?.code === 'ERR_DLOPEN_FAILED') {
          errorLine('native_module', `a native module (better-sqlite3) was built for another Node.js; rebuild it for ${process.version}: npm rebuild better-sqlite3`);
        }
        code = EXIT.FAILED;
      }
    }
    process.exitCode = code;
    if (code !== EXIT.OK) exitAfterFailure(code);
  };
}

/**
 * After a failure the command is over: nothing it started may keep the process alive (a server left
 * listening, a keep-alive socket, a timer), or cron waits forever. The process normally ends by itself at
 * once; if it is still alive a second later, say so and exit. The timer is unref'd: it never delays an exit.
 */
function exitAfterFailure(code: number): void {
  setTimeout(() => {
    process.stderr.write('stripe-netsuite: exiting after the failure (something it started was still open)\n');
    process.exit(code);
  }, 1000).unref();
}
