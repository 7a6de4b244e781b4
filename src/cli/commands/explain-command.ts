// explain <stripe-id>: everything the ledger knows about one Stripe object and the NetSuite records made for it,
// or why there are none.
import type { Command } from 'commander';
import { loadReadOnlyLedger, loadRunSettings } from '../cli-context.js';
import { logFormat } from '../output.js';
import { openLedger } from '../../ledger/open-ledger.js';
import { explainStripeObject, type Explanation } from '../../run/explain-object.js';
import { netsuiteBaseUrlFor } from '../../config/load-config.js';
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
          // Record links need only the account's address, which is no secret (NETSUITE_BASE_URL or NETSUITE_ACCOUNT_ID).
          const accountId = process.env.NETSUITE_ACCOUNT_ID?.trim();
          const netsuiteBaseUrl = process.env.NETSUITE_BASE_URL?.trim() || (accountId ? netsuiteBaseUrlFor(accountId) : undefined);
          const e = await explainStripeObject(ledger, settings, stripeId, netsuiteBaseUrl ? { netsuiteBaseUrl } : {});
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
            if (e.details) {
              const d = e.details;
              if (d.amount) lines.push(`  amount ${d.amount}`);
              if (d.customer) lines.push(`  customer ${d.customer}`);
              for (const x of d.dates) lines.push(`  ${x.what} ${x.at}`);
            }
            if (e.stripeDashboardUrl) lines.push(`  Stripe dashboard: ${e.stripeDashboardUrl}`);
            const record = (l: Explanation['links'][number]) =>
              `${l.recordType} ${l.internalId} (externalId ${l.externalId}) from ${l.opKey}${l.url ? `\n      ${l.url}` : ''}`;
            lines.push('', 'NetSuite records:');
            if (e.links.length === 0) lines.push('  none yet');
            for (const l of e.links) lines.push(`  ${record(l)}`);
            if (e.related.length > 0) {
              lines.push('', 'Related:');
              for (const r of e.related) {
                lines.push(`  ${r.relation}: ${r.stripeId}${r.type ? ` (${r.type})` : ' (not in the ledger)'}`);
                for (const l of r.netsuite) lines.push(`    ${record(l)}`);
              }
            }
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
