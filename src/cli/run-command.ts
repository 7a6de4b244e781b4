// Wraps a command's action: maps errors to exit codes and prints them without secrets.
import { ConfigError } from '../config/load-config.js';
import { LockHeldError } from '../ledger/run-lock.js';
import { EXIT } from './exit-codes.js';
import { redactSecrets } from './redact.js';

export function runCommand<A extends unknown[]>(action: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    let code: number;
    try {
      code = await action(...args);
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`stripe-netsuite: ${redactSecrets(err.message)}\n`);
        code = EXIT.CONFIG;
      } else if (err instanceof LockHeldError) {
        process.stderr.write(`stripe-netsuite: ${redactSecrets(err.message)}\n`);
        code = EXIT.LOCKED;
      } else {
        const message = err instanceof Error ? err.message : String(err);
        process.stderr.write(`stripe-netsuite: run failed: ${redactSecrets(message)}\n`);
        code = EXIT.FAILED;
      }
    }
    process.exitCode = code;
  };
}
