// init: writes a starter config file for a real NetSuite account. Every value is a `<…>` placeholder that fails
// validation, by key, until it is filled in; everything else takes the defaults config/README.md documents.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, DEFAULT_CONFIG_FILE } from '../../config/load-config.js';
import { JSON_SCHEMA_FILE } from '../../config/schema.js';
import { EXIT } from '../exit-codes.js';
import { notice } from '../output.js';
import { runCommand } from '../run-command.js';

const id = (what: string) => `<internal id of ${what}>`;

export function starterConfig(schemaRef: string): Record<string, unknown> {
  return {
    $schema: schemaRef,
    netsuite: {
      subsidiaryId: id('the subsidiary (Setup > Company > Subsidiaries)'),
      timeZone: '<IANA time zone of the NetSuite account, e.g. America/New_York>',
      concurrency: "<your account's concurrency limit: 5 Standard, 15 Premium, 20 Enterprise/Ultimate>",
      currencies: { usd: id('the USD currency (Lists > Accounting > Currencies)') },
      bankAccounts: { usd: id('the bank account USD payouts are deposited to') },
      accounts: {
        undepositedFunds: id('Undeposited Funds'),
        receivables: id('the A/R account'),
        income: id('the income account of the items the connector creates'),
        processingFees: id('the expense account for processing fees'),
        stripeFees: id('the expense account for Stripe fees'),
        applicationFees: id('the expense account for application fees'),
        disputeFees: id('the expense account for dispute fees'),
        taxPayable: id('the tax payable account'),
        badDebt: id('the bad debt account'),
        refunds: id('the refunds account'),
        disputeReversals: id('the account for won disputes\' reinstated funds'),
        feeRefunds: id('the account for refunded Stripe fees'),
        discounts: id('the discounts account (used only with posting discount items)'),
        customerBalance: id('the customer balance account'),
        fxRounding: id('the account for FX-rounding lines of foreign-currency deposits'),
        paidOutsideStripe: id('the bank or clearing account that receives invoice payments made outside Stripe (cheques, wires)'),
      },
      paymentMethodId: id('the "Stripe" payment method (Setup > Accounting > Accounting Lists)'),
    },
  };
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('write a starter config file to fill in for your NetSuite account (never overwrites a file)')
    .option('--out <file>', 'where to write it', 'stripe-netsuite.json')
    .action(
      runCommand(async (opts: { out: string }) => {
        const out = path.resolve(opts.out);
        const dir = path.dirname(out);
        if (!fs.existsSync(dir)) throw new ConfigError([`--out ${opts.out}: the directory ${dir} does not exist`]);
        const schemaFile = path.resolve(path.dirname(DEFAULT_CONFIG_FILE), '..', JSON_SCHEMA_FILE);
        let ref = path.relative(dir, schemaFile).split(path.sep).join('/');
        if (!ref.startsWith('.')) ref = `./${ref}`;
        try {
          fs.writeFileSync(out, `${JSON.stringify(starterConfig(ref), null, 2)}\n`, { flag: 'wx', mode: 0o644 });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
            throw new ConfigError([`${out} already exists: not overwritten (choose another --out, or edit that file)`]);
          }
          throw err;
        }
        notice(
          'init',
          `wrote ${out}: replace every <…> placeholder with your account's values (config/README.md explains each key), ` +
            `then check it with \`stripe-netsuite --config ${opts.out} preflight\``,
          { file: out },
        );
        return EXIT.OK;
      }),
    );
}
