// A stand-in for another run: takes the ledger's run lock, says so on stdout, and holds it until killed.
// Usage: node hold-lock.js <ledger path>
import { openLedger } from '../../src/ledger/open-ledger.js';
import { acquireRunLock } from '../../src/ledger/run-lock.js';

const ledger = openLedger(process.argv[2]);
acquireRunLock(ledger);
process.stdout.write(`locked ${process.pid}\n`);
setInterval(() => undefined, 60_000);
