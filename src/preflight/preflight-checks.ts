// `preflight`: the configuration checked against the NetSuite account before anything posts. Each check names the
// config key as it is written, says ok or what is wrong, and how to fix it.
import { FEATURE_NAMES, fieldAt, type AccountFeature, type AccountProfile } from '../account/account-profile.js';
import { configuredAccountIds } from '../books/account-names.js';
import { missingRequiredFields } from '../account/required-fields.js';
import type { Settings } from '../config/settings.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { NetSuiteError } from '../netsuite/errors.js';
import type { NetSuiteClient } from '../netsuite/netsuite-client.js';
import { loadAccountProfile } from '../run/load-account-profile.js';

export interface PreflightCheck {
  /** The config key (`netsuite.bankAccounts.usd`) or the area (`credentials`, `schema.customerPayment`). */
  key: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

export interface PreflightOptions {
  now: number;
  /** The dates a run will post, YYYY-MM-DD inclusive: every accounting period they touch must be open. */
  range: { from: string; to: string };
}

type AccountRow = { id: string; accttype: string; sspecacct: string; currency: string; isinactive: string; fullname: string };

/** Account types each configured account may have (account.md `acctType`). */
const ACCOUNT_KINDS: Record<string, { types: string[]; what: string }> = {
  receivables: { types: ['AcctRec'], what: 'an Accounts Receivable account' },
  income: { types: ['Income', 'OthIncome'], what: 'an income account' },
  processingFees: { types: ['Expense', 'OthExpense', 'COGS'], what: 'an expense account' },
  stripeFees: { types: ['Expense', 'OthExpense', 'COGS'], what: 'an expense account' },
  applicationFees: { types: ['Expense', 'OthExpense', 'COGS'], what: 'an expense account' },
  disputeFees: { types: ['Expense', 'OthExpense', 'COGS'], what: 'an expense account' },
  badDebt: { types: ['Expense', 'OthExpense'], what: 'an expense account' },
  taxPayable: { types: ['OthCurrLiab'], what: 'an Other Current Liability account' },
  refunds: { types: ['Income', 'OthIncome', 'Expense', 'OthExpense'], what: 'an income or expense account' },
  disputeReversals: { types: ['Income', 'OthIncome', 'Expense', 'OthExpense'], what: 'an income or expense account' },
  feeRefunds: { types: ['Expense', 'OthExpense', 'Income', 'OthIncome', 'COGS'], what: 'an expense or income account' },
  discounts: { types: ['Income', 'OthIncome', 'Expense', 'OthExpense'], what: 'an income or expense account' },
  customerBalance: { types: ['OthCurrLiab', 'AcctRec', 'OthCurrAsset'], what: 'a liability (customer credits) account' },
  fxRounding: { types: ['Expense', 'OthExpense', 'Income', 'OthIncome'], what: 'an income or expense account' },
  paidOutsideStripe: { types: ['Bank', 'OthCurrAsset'], what: 'a bank or clearing (Other Current Asset) account' },
};

function featureOff(f: AccountFeature): string {
  return `the ${FEATURE_NAMES[f]} feature (${f}) is off`;
}

export async function runPreflight(
  ledger: Ledger,
  client: Pick<NetSuiteClient, 'metadataCatalog' | 'suiteql' | 'get'>,
  settings: Settings,
  o: PreflightOptions,
): Promise<PreflightCheck[]> {
  const checks: PreflightCheck[] = [];
  const ns = settings.netsuite;
  let account: AccountProfile;
  try {
    account = await loadAccountProfile(ledger, client, { now: o.now, refresh: true, accountIds: configuredAccountIds(ns) });
  } catch (err) {
    if (err instanceof NetSuiteError && err.kind === 'auth') {
      checks.push({
        key: 'credentials',
        ok: false,
        detail: `NetSuite refused the login: ${err.message}`,
        fix: 'check NETSUITE_ACCOUNT_ID and the NETSUITE_* token variables, and that the role has REST Web Services and Log in using Access Tokens / OAuth 2.0',
      });
      return checks;
    }
    throw err;
  }
  checks.push({ key: 'credentials', ok: true, detail: 'NetSuite accepted the login and the role can read record metadata' });

  // Schema: every record type and field the connector cannot do without.
  const missing = missingRequiredFields(account);
  for (const m of missing) {
    checks.push({ key: `schema.${m.split(':')[0]}`, ok: false, detail: m, fix: 'give the integration role permission on this record, or enable the form/feature that exposes the field' });
  }
  if (!missing.length) checks.push({ key: 'schema', ok: true, detail: 'every record type and field the connector writes is exposed to the role' });

  // Features: what the account has, and what the configuration relies on.
  const on = [...account.features].sort();
  checks.push({ key: 'features', ok: true, detail: on.length ? `enabled: ${on.join(', ')}` : 'none of the modelled features is enabled' });

  // Currencies.
  const currencies = await client.suiteql('SELECT id, symbol, isbasecurrency, isinactive FROM currency');
  const byId = new Map(currencies.map((c) => [c.id, c]));
  for (const [code, id] of Object.entries(ns.currencies)) {
    const key = `netsuite.currencies.${code}`;
    const c = byId.get(id);
    if (!c && !account.features.has('MULTICURRENCY')) checks.push({ key, ok: false, detail: `currency ${id} does not exist: the account has only its base currency (${featureOff('MULTICURRENCY')}), so ${code.toUpperCase()} transactions will be blocked`, fix: 'enable Multiple Currencies, or remove the mapping' });
    else if (!c) checks.push({ key, ok: false, detail: `currency ${id} does not exist`, fix: `set it to the internal id of ${code.toUpperCase()} (Lists > Accounting > Currencies)` });
    else if (c.symbol.toUpperCase() !== code.toUpperCase()) checks.push({ key, ok: false, detail: `currency ${id} is ${c.symbol}, not ${code.toUpperCase()}`, fix: `set it to the internal id of ${code.toUpperCase()}` });
    else if (!account.features.has('MULTICURRENCY') && c.isbasecurrency !== 'T') checks.push({ key, ok: false, detail: `${code.toUpperCase()} is not the base currency and ${featureOff('MULTICURRENCY')}: ${code.toUpperCase()} transactions will be blocked`, fix: 'enable Multiple Currencies, or remove the mapping' });
    else checks.push({ key, ok: true, detail: `currency ${id} is ${c.symbol}` });
  }

  // Accounts.
  const ids = new Set<string>([...Object.values(ns.bankAccounts), ...Object.values(ns.accounts)]);
  const rows = await client.suiteql(
    `SELECT id, accttype, sspecacct, currency, isinactive, fullname FROM account WHERE id IN (${[...ids].map(() => '?').join(', ')})`,
    [...ids],
  );
  const accounts = new Map((rows as AccountRow[]).map((r) => [r.id, r]));
  const accountCheck = (key: string, id: string, test: (a: AccountRow) => string | undefined, fix: string): void => {
    const a = accounts.get(id);
    if (!a) return void checks.push({ key, ok: false, detail: `account ${id} does not exist`, fix });
    if (a.isinactive === 'T') return void checks.push({ key, ok: false, detail: `account ${id} (${a.fullname}) is inactive`, fix });
    const why = test(a);
    const is = a.sspecacct === 'UndepFunds' ? 'the Undeposited Funds account' : a.accttype;
    checks.push(why ? { key, ok: false, detail: `account ${id} (${a.fullname}) ${why}`, fix } : { key, ok: true, detail: `account ${id} (${a.fullname}) is ${is}` });
  };
  for (const [code, id] of Object.entries(ns.bankAccounts)) {
    const want = ns.currencies[code];
    accountCheck(
      `netsuite.bankAccounts.${code}`,
      id,
      (a) =>
        a.accttype !== 'Bank'
          ? `is ${a.accttype}, not Bank`
          : account.features.has('MULTICURRENCY') && want && a.currency && a.currency !== want
            ? `is in currency ${a.currency}, not ${code.toUpperCase()} (${want})`
            : undefined,
      `set it to the internal id of the ${code.toUpperCase()} bank account Stripe pays out to`,
    );
  }
  accountCheck(
    'netsuite.accounts.undepositedFunds',
    ns.accounts.undepositedFunds,
    (a) => (a.sspecacct === 'UndepFunds' ? undefined : 'is not the Undeposited Funds account'),
    'set it to the internal id of the Undeposited Funds account',
  );
  for (const [name, kind] of Object.entries(ACCOUNT_KINDS)) {
    const id = (ns.accounts as unknown as Record<string, string>)[name];
    if ((name === 'discounts') && (ns.discountItems ?? 'nonPosting') === 'nonPosting') {
      checks.push({ key: 'netsuite.accounts.discounts', ok: true, detail: 'not used: discount items are non-posting (netsuite.discountItems)' });
      continue;
    }
    if (name === 'fxRounding' && id === undefined) {
      checks.push({ key: 'netsuite.accounts.fxRounding', ok: true, detail: 'not set: a foreign-currency deposit that needs an FX-rounding line is held until it is' });
      continue;
    }
    if (name === 'paidOutsideStripe' && id === undefined) {
      checks.push({ key: 'netsuite.accounts.paidOutsideStripe', ok: true, detail: 'not set: a credit memo for an invoice paid outside Stripe is held until it is' });
      continue;
    }
    accountCheck(`netsuite.accounts.${name}`, id, (a) => (kind.types.includes(a.accttype) ? undefined : `is ${a.accttype}, not ${kind.what}`), `set it to the internal id of ${kind.what}`);
  }

  // Subsidiary and payment method.
  if (account.features.has('SUBSIDIARIES')) {
    const rows2 = await client.suiteql('SELECT id, name, isinactive FROM subsidiary WHERE id = ?', [ns.subsidiaryId]);
    checks.push(
      rows2[0] && rows2[0].isinactive !== 'T'
        ? { key: 'netsuite.subsidiaryId', ok: true, detail: `subsidiary ${ns.subsidiaryId} is ${rows2[0].name}` }
        : { key: 'netsuite.subsidiaryId', ok: false, detail: `subsidiary ${ns.subsidiaryId} does not exist or is inactive`, fix: 'set it to the internal id of the subsidiary Stripe sells through' },
    );
  } else {
    checks.push({ key: 'netsuite.subsidiaryId', ok: true, detail: `not sent: ${featureOff('SUBSIDIARIES')} (one company)` });
  }
  try {
    await client.get('paymentMethod', ns.paymentMethodId);
    checks.push({ key: 'netsuite.paymentMethodId', ok: true, detail: `payment method ${ns.paymentMethodId} exists` });
  } catch (err) {
    if (!(err instanceof NetSuiteError) || err.kind !== 'not_found') throw err;
    checks.push({ key: 'netsuite.paymentMethodId', ok: false, detail: `payment method ${ns.paymentMethodId} does not exist`, fix: 'create a "Stripe" payment method and set its internal id' });
  }

  // Mapped items.
  const itemIds = [...new Set(Object.values(settings.items.mapping))];
  if (itemIds.length) {
    const items = await client.suiteql(`SELECT id, itemtype, isinactive FROM item WHERE id IN (${itemIds.map(() => '?').join(', ')})`, itemIds);
    const found = new Map(items.map((i) => [i.id, i]));
    for (const [stripeId, id] of Object.entries(settings.items.mapping)) {
      const it = found.get(id);
      checks.push(
        it && it.isinactive !== 'T'
          ? { key: `items.mapping.${stripeId}`, ok: true, detail: `item ${id} is a ${it.itemtype} item` }
          : { key: `items.mapping.${stripeId}`, ok: false, detail: `item ${id} does not exist or is inactive`, fix: 'set it to the internal id of an active sale item' },
      );
    }
  }

  // The customer-match field, the one custom field the connector relies on.
  const match = settings.features.customerMatch;
  if (match && !fieldAt(account.records.get('customer'), [match.netsuiteField])) {
    checks.push({ key: 'features.customerMatch.netsuiteField', ok: false, detail: `the customer record has no field ${match.netsuiteField}`, fix: 'create the custom entity field, or name an existing one' });
  } else {
    checks.push({ key: 'custom fields', ok: true, detail: match ? `customer field ${match.netsuiteField} exists; the connector writes no custom fields` : 'the connector writes no custom fields' });
  }

  // Accounting periods of the range a run will post.
  if (account.features.has('ACCOUNTINGPERIODS')) {
    const touched = account.periods.filter((p) => p.end >= o.range.from && p.start <= o.range.to);
    const closed = touched.filter((p) => p.closed);
    const policy = ns.closedPeriods ?? 'block';
    if (!touched.length) {
      checks.push({ key: 'accounting periods', ok: false, detail: `no accounting period covers ${o.range.from} … ${o.range.to}`, fix: 'set up the fiscal calendar\'s periods for these dates' });
    } else if (closed.length) {
      checks.push({
        key: 'accounting periods',
        ok: policy === 'nextOpenPeriod',
        detail: `closed in ${o.range.from} … ${o.range.to}: ${closed.map((p) => p.name).join(', ')}${policy === 'nextOpenPeriod' ? ' (postings move to the next open period: netsuite.closedPeriods)' : ''}`,
        ...(policy === 'block' ? { fix: 'reopen them, or set netsuite.closedPeriods to "nextOpenPeriod"' } : {}),
      });
    } else {
      checks.push({ key: 'accounting periods', ok: true, detail: `open for ${o.range.from} … ${o.range.to} (${touched.length} ${touched.length === 1 ? 'period' : 'periods'})` });
    }
  } else {
    checks.push({ key: 'accounting periods', ok: true, detail: `no check: ${featureOff('ACCOUNTINGPERIODS')}` });
  }
  return checks;
}
