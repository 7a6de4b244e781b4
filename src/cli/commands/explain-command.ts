// explain <stripe-id>: everything the ledger knows about one Stripe object and the NetSuite records made for it,
// or why there are none.
import type { Command } from 'commander';
import { loadReadOnlyLedger, loadRunSettings } from '../cli-context.js';
import { logFormat } from '../output.js';
import { openLedger } from '../../ledger/open-ledger.js';
import { explainStripeObject } from '../../run/explain-object.js';
import { EXIT } from '../exit-codes.js';
import { runCommand } from '../run-command.js';

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description('show what the ledger knows about a Stripe object and the NetSuite records made for it, or why none were')
    .argument('<stripe-id>', 'a Stripe id such as in_…, ch_…, re_…, po_…')
    .option('--json', 'print JSON')
    .action(
      runCommand(async (stripeId: string, opts: { json?: boolean }) => {
        const settings = loadRunSettings(program);
        const ledger = openLedger(loadReadOnlyLedger());
        try {
          const e = await explainStripeObject(ledger, settings, stripeId);
          if (opts.json || logFormat() === 'json') {
            process.stdout.write(`${JSON.stringify(e, null, logFormat() === 'json' ? undefined : 2)}\n`);
          } else {
            const lines = [`${stripeId}`];
            if (!e.snapshot) {
              lines.push('  not in the ledger: it has not been extracted (outside the synced window, or no such id)');
            } else {
              const s = e.snapshot;
              lines.push(
                `  ${s.type}, created ${new Date(s.created * 1000).toISOString()}, status ${s.status ?? '—'}, ` +
                  `${s.final ? 'final' : 'may still change'}, content hash ${s.hash.slice(0, 12)}`,
              );
            }
            lines.push('', 'NetSuite records:');
            if (e.links.length === 0) lines.push('  none yet');
            for (const l of e.links) lines.push(`  ${l.recordType} ${l.internalId} (externalId ${l.externalId}) from ${l.opKey}`);
            lines.push('', 'Operations:');
            if (e.operations.length === 0) lines.push(`  none planned: ${e.reasonForNone ?? 'nothing to do'}`);
            for (const op of e.operations) {
              lines.push(`  ${op.state.padEnd(8)} ${op.action} ${op.key}${op.detail ? ` — ${op.detail}` : ''}`);
            }
            process.stdout.write(`${lines.join('\n')}\n`);
          }
          return e.snapshot ? EXIT.OK : EXIT.PARTIAL;
        } finally {
          await ledger.close();
        }
      }),
    );
}
