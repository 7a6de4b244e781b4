// Fits an operation's body to what the NetSuite account takes (its metadata catalog), in one place for every
// pass: a field the account lacks because a feature is off is dropped when that loses nothing (one subsidiary,
// one currency, no revenue recognition), and the operation is blocked, naming the field or the feature, when it
// would lose something. A posting dated in a closed accounting period follows `netsuite.closedPeriods`.
import { blockedReason } from './blocked-reason.js';
import {
  closedPeriodOf,
  FEATURE_NAMES,
  nextOpenPeriodStart,
  type AccountFeature,
  type AccountProfile,
  type FieldShape,
  type RecordShape,
} from '../account/account-profile.js';
import type { Settings } from '../config/settings.js';
import type { OperationDraft } from './plan-context.js';

/** Fields an account without the feature simply does not have: leaving them out changes nothing it records. */
const DROPPABLE: Record<string, AccountFeature> = {
  subsidiary: 'SUBSIDIARIES',
  exchangeRate: 'MULTICURRENCY',
  currencyList: 'MULTICURRENCYCUSTOMER',
  revRecStartDate: 'REVENUERECOGNITION',
  revRecEndDate: 'REVENUERECOGNITION',
};

/** What a missing field tells about the account, for the reason an operation is blocked. */
const GIVEN_BY: Record<string, AccountFeature> = {
  ...DROPPABLE,
  currency: 'MULTICURRENCY',
  paymentOption: 'PAYMENTINSTRUMENTS',
  postingPeriod: 'ACCOUNTINGPERIODS',
};

export interface FittedDraft {
  body: Record<string, unknown>;
  blocked?: string;
}

type Walk = { blocked?: string };

/** A value to leave out: NetSuite then uses the account's default (an address country it does not list). */
const OMIT = Symbol('omit');

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function featureText(f: AccountFeature): string {
  return `the ${FEATURE_NAMES[f]} feature (${f}) is off`;
}

export function fitToAccount(draft: OperationDraft, account: AccountProfile | undefined, settings: Settings): FittedDraft {
  if (!account) return { body: draft.body };
  const what = `${draft.stripeId}: ${draft.recordType}`;
  const shape = account.records.get(draft.recordType);
  if (!shape) {
    return { body: draft.body, blocked: `${what}: the NetSuite account does not expose ${draft.recordType} records to this role` };
  }
  const walk: Walk = {};
  const body = fitFields(draft.body, shape, [], account, draft, walk);
  if (walk.blocked) return { body: draft.body, blocked: `${what}: ${walk.blocked}` };
  return fitPostingDate(body, account, settings, what);
}

function fitFields(
  body: Record<string, unknown>,
  shape: RecordShape,
  path: string[],
  account: AccountProfile,
  draft: OperationDraft,
  walk: Walk,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (walk.blocked) break;
    const field = shape.get(name);
    const at = [...path, name];
    if (!field) {
      if (name === 'currency' && !account.features.has('MULTICURRENCY')) {
        const id = isObject(value) ? value.id : undefined;
        // A customer of a single-currency account is in the base currency: its base-currency transactions sync,
        // and only those in another currency are blocked (not the customer, and with it all of them).
        if (draft.recordType === 'customer' || (id !== undefined && id === account.baseCurrencyId)) continue;
        const code = draft.summary.currency?.toUpperCase() ?? `currency ${String(id)}`;
        walk.blocked = `in ${code}, but the NetSuite account has only its base currency: ${featureText('MULTICURRENCY')}`;
        break;
      }
      if (DROPPABLE[name]) continue;
      const feature = GIVEN_BY[name];
      walk.blocked = `the NetSuite account has no field ${at.join('.')}${feature ? ` (${featureText(feature)})` : ''}`;
      break;
    }
    const fitted = fitValue(value, field, at, account, draft, walk);
    if (fitted !== OMIT) out[name] = fitted;
  }
  return out;
}

function fitValue(
  value: unknown,
  field: FieldShape,
  path: string[],
  account: AccountProfile,
  draft: OperationDraft,
  walk: Walk,
): unknown {
  if (field.kind === 'sublist' && isObject(value) && Array.isArray(value.items)) {
    return {
      ...value,
      items: value.items.map((line: unknown) => (isObject(line) ? fitFields(line, field.lines, path, account, draft, walk) : line)),
    };
  }
  if (field.kind === 'subrecord' && isObject(value)) return fitFields(value, field.fields, path, account, draft, walk);
  if (field.kind === 'enum' && field.values && isObject(value) && typeof value.id === 'string' && !field.values.includes(value.id)) {
    if (path.at(-1) === 'country') return OMIT;
    walk.blocked = `the NetSuite account does not list ${JSON.stringify(value.id)} for ${path.join('.')}`;
  }
  return value;
}

function fitPostingDate(body: Record<string, unknown>, account: AccountProfile, settings: Settings, what: string): FittedDraft {
  const date = body.tranDate;
  if (typeof date !== 'string') return { body };
  const closed = closedPeriodOf(account, date);
  if (!closed) return { body };
  if ((settings.netsuite.closedPeriods ?? 'block') === 'block') {
    return {
      body,
      blocked: blockedReason(
        `${what}: dated ${date}`,
        `in the closed accounting period ${closed.name}`,
        'reopen the period in NetSuite, or set netsuite.closedPeriods to "nextOpenPeriod"',
      ),
    };
  }
  const next = nextOpenPeriodStart(account, date);
  if (!next) return { body, blocked: `${what}: dated ${date}, in the closed accounting period ${closed.name}, and no later period is open` };
  const memo = typeof body.memo === 'string' ? `${body.memo} ` : '';
  return { body: { ...body, tranDate: next.start, memo: `${memo}(Stripe date ${date}; period ${closed.name} is closed)` } };
}
