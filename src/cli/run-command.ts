// Wraps a command's action: maps errors to exit codes and prints them without secrets (as JSON lines with
// --log-format json).
import { ConfigError } from '../config/load-config.js';
import { LockHeldError } from '../ledger/run-lock.js';
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
      } else if (err instanceof LockHeldError) {
        errorLine('locked', err.message);
        code = EXIT.LOCKED;
      } else {
        const message = err instanceof Error ? err.message : String(err);
        errorLine('run_failed', `run failed: ${message}`);
        code = EXIT.FAILED;
      }
    }
    process.exitCode = code;
  };
}
