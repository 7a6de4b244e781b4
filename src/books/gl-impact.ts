// The books' impact of a plan: the GL lines each operation will post, derived from its NetSuite body by the
// rules NetSuite applies when the record is saved (reference/stripe-connector.md §2 table;
// reference/netsuite-rest.md for each record's accounts). Pure: the plan's operations and the settings in,
// lines out. Money stays in integer minor units.
import type { NetSuiteSettings } from '../config/settings.js';
import { netSuiteToMinor } from '../accounting/money.js';
import type { Operation, PassName, RecordType } from '../plan/operation.js';
import { GLOBAL_ITEMS, type GlobalItemName } from '../plan/keys.js';
import { globalItemAccountOf } from '../plan/passes/items/item-refs.js';
import { accountNames } from './account-names.js';

export interface GlLine {
  /** NetSuite account internal id. */
  account: string;
  accountName: string;
  /** Lower-case ISO code. */
  currency: string;
  debitMinor: number;
  creditMinor: number;
}

export interface OperationGl {
  key: string;
  pass: PassName;
  recordType: RecordType;
  /** Blocked operations are never sent: their lines are shown apart and never counted as posting. */
  blocked: boolean;
  lines: GlLine[];
  /** What the plan cannot know about a line (an existing NetSuite item's own account); empty when it knows all. */
  unknown: string[];
}

type Body = Record<string, unknown>;
type Line = Record<string, unknown>;

const TRANSACTIONS = new Set<RecordType>(['invoice', 'creditMemo', 'customerPayment', 'customerRefund', 'deposit', 'journalEntry']);

function items(body: Body, name: string): Line[] {
  const s = body[name] as { items?: unknown } | undefined;
  return Array.isArray(s?.items) ? (s.items as Line[]) : [];
}

function refId(v: unknown): string | undefined {
  if (v && typeof v === 'object' && 'id' in v) return String((v as { id: unknown }).id);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** An amount of the body in minor units; absent stays absent. */
function minor(v: unknown, currency: string): number | undefined {
  if (typeof v === 'number' || typeof v === 'string') return netSuiteToMinor(v, currency);
  return undefined;
}

/** What an item line posts to: the item's income account, a posting discount's account, or (non-posting) none. */
type ItemPosting = { account: string } | { nonPosting: true } | { unknown: string };

export class GlImpact {
  private readonly names: Map<string, string>;
  private readonly byKey: Map<string, Operation>;

  constructor(
    private readonly ns: NetSuiteSettings,
    operations: readonly Operation[],
    netsuiteNames?: ReadonlyMap<string, string>,
  ) {
    this.names = accountNames(ns, netsuiteNames);
    this.byKey = new Map(operations.map((op) => [op.key, op]));
  }

  accountName(id: string): string {
    return this.names.get(id) ?? `account ${id}`;
  }

  /** The lines `op` posts; records that do not post (customers, items) and PATCHes of applications post none. */
  of(op: Operation): OperationGl {
    const out: OperationGl = { key: op.key, pass: op.pass, recordType: op.recordType, blocked: Boolean(op.blocked), lines: [], unknown: [] };
    // An `apply` PATCH changes what a record is applied to (or its exchange rate), never its amounts in its currency.
    if (op.action === 'apply' || !TRANSACTIONS.has(op.recordType)) return out;
    const currency = op.summary.currency?.toLowerCase();
    if (!currency) {
      out.unknown.push(`${op.key} carries no currency`);
      return out;
    }
    const post = (account: string, signedDebit: number) => {
      if (signedDebit === 0) return;
      out.lines.push({
        account,
        accountName: this.accountName(account),
        currency,
        debitMinor: signedDebit > 0 ? signedDebit : 0,
        creditMinor: signedDebit < 0 ? -signedDebit : 0,
      });
    };
    const a = this.ns.accounts;
    const b = op.body;
    switch (op.recordType) {
      case 'invoice':
      case 'creditMemo': {
        const sign = op.recordType === 'invoice' ? -1 : 1;
        let total = 0;
        let previous: string | undefined;
        items(b, 'item').forEach((line, i) => {
          const amount = minor(line.amount, currency) ?? 0;
          total += amount;
          const p = this.itemPosting(line.item);
          if ('unknown' in p) {
            out.unknown.push(`${op.key} line ${i + 1}: ${p.unknown}`);
            return;
          }
          // A non-posting discount nets against the revenue of the line it discounts.
          const account = 'nonPosting' in p ? previous : p.account;
          if (!('nonPosting' in p) && !this.isDiscount(line.item)) previous = p.account;
          if (account === undefined) {
            out.unknown.push(`${op.key} line ${i + 1}: a non-posting discount with no line before it`);
            return;
          }
          // Invoice: credit income (a negative line becomes a debit); credit memo: the reverse.
          post(account, sign * amount);
        });
        post(refId(b.account) ?? a.receivables, -sign * total);
        break;
      }
      case 'customerPayment': {
        const applied = items(b, 'apply').reduce((s, l) => s + (minor(l.amount, currency) ?? 0), 0);
        const payment = minor(b.payment, currency) ?? applied;
        post(this.cashAccount(b), payment);
        post(refId(b.arAcct) ?? a.receivables, -payment);
        break;
      }
      case 'customerRefund': {
        const total = items(b, 'apply').reduce((s, l) => s + (minor(l.amount, currency) ?? 0), 0);
        post(refId(b.arAcct) ?? a.receivables, total);
        post(this.cashAccount(b), -total);
        break;
      }
      case 'deposit': {
        let total = 0;
        for (const line of items(b, 'payment')) {
          if (line.deposit === false) continue;
          const given = minor(line.paymentAmount, currency);
          const source = sourceKey(line.id);
          if (given === undefined) {
            out.unknown.push(`${op.key}: a payment line without paymentAmount`);
            continue;
          }
          // A refund's line takes money out of the deposit, whatever the sign given.
          const signed = source?.startsWith('customerRefund:') ? -Math.abs(given) : given;
          total += signed;
          // The connector's payments and refunds sit in Undeposited Funds until their payout's deposit.
          post(a.undepositedFunds, -signed);
        }
        for (const line of items(b, 'other')) {
          const amount = minor(line.amount, currency) ?? 0;
          total += amount;
          post(refId(line.account) ?? '', -amount);
        }
        for (const line of items(b, 'cashback')) {
          const amount = minor(line.amount, currency) ?? 0;
          total -= amount;
          post(refId(line.account) ?? '', amount);
        }
        post(refId(b.account) ?? this.ns.bankAccounts[currency] ?? '', total);
        break;
      }
      case 'journalEntry':
        for (const line of items(b, 'line')) {
          post(refId(line.account) ?? '', (minor(line.debit, currency) ?? 0) - (minor(line.credit, currency) ?? 0));
        }
        break;
    }
    return out;
  }

  /** Undeposited Funds (`undepFunds` T, the connector's way) or the bank account given. */
  private cashAccount(b: Body): string {
    const undep = refId(b.undepFunds);
    if (undep === 'T' || b.undepFunds === true) return this.ns.accounts.undepositedFunds;
    return refId(b.account) ?? this.ns.accounts.undepositedFunds;
  }

  private isDiscount(ref: unknown): boolean {
    const key = placeholderKey(ref);
    return key !== undefined && key.startsWith('discountItem:');
  }

  private itemPosting(ref: unknown): ItemPosting {
    const key = placeholderKey(ref);
    if (key === undefined) {
      const id = refId(ref);
      return { unknown: `NetSuite item ${id ?? '?'} is not made by the connector: its account is its own` };
    }
    // An item this plan creates: its body says.
    const planned = this.byKey.get(key);
    if (planned) {
      if (planned.body.nonPosting === true) return { nonPosting: true };
      const account = refId(planned.body.incomeAccount) ?? refId(planned.body.account);
      if (account) return { account };
    }
    // Made by an earlier run: the same rule the items pass follows (item-refs.ts).
    const [recordType, externalId] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (recordType === 'discountItem') {
      return this.ns.discountItems === 'posting' ? { account: this.ns.accounts.discounts } : { nonPosting: true };
    }
    const global = (Object.keys(GLOBAL_ITEMS) as GlobalItemName[]).find(
      (n) => GLOBAL_ITEMS[n].externalId === externalId && GLOBAL_ITEMS[n].recordType === recordType,
    );
    return { account: global ? globalItemAccountOf(this.ns.accounts, global) : this.ns.accounts.income };
  }
}

function placeholderKey(ref: unknown): string | undefined {
  if (ref && typeof ref === 'object') {
    const o = ref as { $ref?: unknown; $refId?: unknown };
    if (typeof o.$ref === 'string') return o.$ref;
    if (typeof o.$refId === 'string') return o.$refId;
  }
  return undefined;
}

function sourceKey(ref: unknown): string | undefined {
  return placeholderKey(ref);
}
