// What NetSuite does when a record is saved: defaults, business rules (answered with its error bodies),
// derived amounts and the GL lines each transaction posts (reference stripe-connector.md §2 table).
import { minorToString, multiplyToMinor, toMinor } from './decimal.js';
import type { Features } from './features.js';
import { closedPeriod, invalidFieldValue, userError } from './ns-error.js';
import { typeDef, type TypeDef, type TypeName } from './record-schema.js';
import type { GlLine, SandboxStore, StoredRecord } from './sandbox-store.js';
import { BASE_CURRENCY, COMPANY_SUBSIDIARY, RECEIVABLES_ACCOUNT, UNDEPOSITED_FUNDS_ACCOUNT } from './seed-account.js';

type Fields = Record<string, unknown>;
type Line = Record<string, unknown>;

export interface SaveOutcome {
  fields: Fields;
  /** Transactions only: what this record applies to (payments → invoices, refunds → credits). */
  applications?: Array<{ dst: string; amount: number }>;
  /** Deposits only: the payments and refunds they take out of Undeposited Funds. */
  deposited?: string[];
  gl?: GlLine[];
}

const required = (label: string, path: string): never => {
  throw userError(`Please enter value(s) for: ${label}`, path);
};

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Whether a payment or refund sits in Undeposited Funds (`undepFunds` is the T/F enum; older state files hold booleans). */
export const isUndeposited = (f: Fields): boolean => f.undepFunds === 'T' || f.undepFunds === true;

/** Transactions that post to the GL and so need an open accounting period. */
const POSTING_TYPES = new Set<TypeName>(['invoice', 'creditMemo', 'customerPayment', 'customerRefund', 'deposit', 'journalEntry']);

function lines(fields: Fields, name: string): Line[] {
  return Array.isArray(fields[name]) ? (fields[name] as Line[]) : [];
}

/** A stored money value is already minor units; a fresh one from the request is a decimal string. */
function minor(v: unknown, precision: number, field: string, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return v;
  return toMinor(v, precision, field, path);
}

/** Normal-balance form of a signed amount: positive debits, negative becomes the other side. */
function post(lines: GlLine[], account: string, currency: string, signedDebit: number, entity?: string): void {
  if (signedDebit === 0) return;
  lines.push({
    account,
    currency,
    ...(entity ? { entity } : {}),
    debit: signedDebit > 0 ? signedDebit : 0,
    credit: signedDebit < 0 ? -signedDebit : 0,
  });
}

export class RecordRules {
  constructor(
    private readonly store: SandboxStore,
    private readonly nowSeconds: () => number,
    readonly features: Features,
  ) {}

  today(): string {
    return new Date(this.nowSeconds() * 1000).toISOString().slice(0, 10);
  }

  nowIso(): string {
    return new Date(this.nowSeconds() * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  precision(currencyId: string): number {
    const c = this.store.get('currency', currencyId);
    return c ? Number(c.f.currencyPrecision ?? 2) : 2;
  }

  private must(family: StoredRecord['family'], id: unknown): StoredRecord {
    const r = this.store.get(family, String(id));
    if (!r) throw new Error(`sandbox invariant: ${family} ${String(id)} missing`);
    return r;
  }

  /** Defaults, checks and derived values for a record about to be saved. */
  prepare(td: TypeDef, input: Fields, id: string, isNew: boolean): SaveOutcome {
    const fields: Fields = { ...input, id };
    const now = this.nowIso();
    if (isNew) fields.dateCreated = now;
    fields.lastModifiedDate = now;
    const eid = fields.externalId;
    if (present(eid) && !/^[A-Za-z0-9_-]+$/.test(String(eid))) throw invalidFieldValue(eid, 'externalId', 'externalId');
    if (eid === '') delete fields.externalId;
    if (present(eid)) {
      const other = this.store.byExternalId(td.name, String(eid));
      if (other && other.id !== id) throw userError('This record already exists.', 'externalId');
    }
    switch (td.name) {
      case 'accountingPeriod':
        if (!present(fields.periodName)) required('Period Name', 'periodName');
        if (!present(fields.startDate)) required('Start Date', 'startDate');
        if (!present(fields.endDate)) required('End Date', 'endDate');
        if (String(fields.endDate) < String(fields.startDate)) throw invalidFieldValue(fields.endDate, 'endDate', 'endDate');
        fields.closed ??= false;
        fields.isQuarter ??= false;
        fields.isYear ??= false;
        fields.isAdjust ??= false;
        fields.isPosting ??= !fields.isQuarter && !fields.isYear;
        return { fields };
      case 'subsidiary':
        if (!present(fields.name)) required('Name', 'name');
        fields.currency ??= '1';
        return { fields };
      case 'currency':
        if (!present(fields.name)) required('Name', 'name');
        if (!present(fields.symbol)) required('ISO Code', 'symbol');
        fields.currencyPrecision ??= 2;
        if (![0, 1, 2, 3].includes(Number(fields.currencyPrecision))) throw invalidFieldValue(fields.currencyPrecision, 'currencyPrecision', 'currencyPrecision');
        fields.exchangeRate ??= 1;
        return { fields };
      case 'account':
        if (!present(fields.acctName)) required('Name', 'acctName');
        if (!present(fields.acctType)) required('Type', 'acctType');
        fields.subsidiary ??= ['1'];
        if (fields.acctType === 'Bank') fields.currency ??= '1';
        return { fields };
      case 'paymentMethod':
        if (!present(fields.name)) required('Name', 'name');
        return { fields };
      case 'serviceSaleItem':
      case 'nonInventorySaleItem':
      case 'otherChargeSaleItem':
        if (!present(fields.itemId)) required('Item Name/Number', 'itemId');
        if (!present(fields.incomeAccount)) required('Income Account', 'incomeAccount');
        fields.subsidiary ??= ['1'];
        fields.itemType = { serviceSaleItem: 'Service', nonInventorySaleItem: 'NonInvtPart', otherChargeSaleItem: 'OthCharge' }[td.name];
        return { fields };
      case 'discountItem':
        if (!present(fields.itemId)) required('Item Name/Number', 'itemId');
        // A non-posting discount has no GL account; a posting one needs it. Both together are contradictory,
        // and the sandbox refuses rather than guess which one NetSuite keeps.
        if (fields.nonPosting === true && present(fields.account)) {
          throw userError('A non-posting discount item cannot have an account.', 'account');
        }
        // Non-posting: no account of its own; on a transaction it reduces the revenue of the line it discounts (below).
        if (fields.nonPosting !== true && !present(fields.account)) required('Account', 'account');
        if (present(fields.rate) && !/^-?\d+(\.\d+)?%?$/.test(String(fields.rate).trim())) throw invalidFieldValue(fields.rate, 'rate', 'rate');
        fields.subsidiary ??= ['1'];
        fields.itemType = 'Discount';
        return { fields };
      case 'customer':
        return { fields: this.customer(fields, id) };
      case 'invoice':
      case 'creditMemo':
        return this.salesTransaction(td.name, fields, id, isNew);
      case 'customerPayment':
        return this.payment(fields, id, isNew);
      case 'customerRefund':
        return this.refund(fields, id, isNew);
      case 'deposit':
        return this.deposit(fields, id, isNew);
      case 'journalEntry':
        return this.journal(fields, id, isNew);
    }
  }

  private customer(fields: Fields, id: string): Fields {
    // Without OneWorld there is one implicit company: subsidiary 1, kept internally and never shown.
    if (!this.features.has('SUBSIDIARIES')) fields.subsidiary = COMPANY_SUBSIDIARY;
    if (!present(fields.subsidiary)) required('Subsidiary', 'subsidiary');
    const sub = this.must('subsidiary', fields.subsidiary);
    if (!this.features.has('MULTICURRENCY')) fields.currency = BASE_CURRENCY;
    fields.currency ??= sub.f.currency;
    fields.isPerson ??= false;
    if (fields.isPerson) {
      if (!present(fields.firstName) && !present(fields.lastName)) required('Name', 'lastName');
    } else if (!present(fields.companyName)) {
      throw userError('You must enter a value for Company Name.', 'companyName');
    }
    if (!present(fields.entityId)) {
      fields.entityId = fields.isPerson
        ? [fields.firstName, fields.lastName].filter(present).join(' ')
        : String(fields.companyName);
    }
    const same = this.store.customerIdsByEntityId(String(fields.entityId));
    if (same.some((other) => other !== id)) throw userError('This entity already exists.', 'entityId');
    const list = this.features.has('MULTICURRENCYCUSTOMER') ? lines(fields, 'currencyList').filter((l) => present(l.currency)) : [];
    if (!list.some((l) => String(l.currency) === String(fields.currency))) list.unshift({ currency: fields.currency });
    fields.currencyList = list.map((l) => ({ currency: l.currency }));
    return fields;
  }

  /** Defaults shared by transactions: date, number, currency of the customer, exchange rate. */
  private tranCommon(type: TypeName, fields: Fields, isNew: boolean, customerId?: string): number {
    fields.tranDate ??= this.today();
    if (isNew && !present(fields.tranId)) fields.tranId = this.store.nextTranId(type);
    if (POSTING_TYPES.has(type)) this.postingPeriod(fields);
    if (!this.features.has('SUBSIDIARIES')) fields.subsidiary = COMPANY_SUBSIDIARY;
    // A single currency: every transaction is in the base currency at rate 1.
    if (!this.features.has('MULTICURRENCY')) {
      fields.currency = BASE_CURRENCY;
      fields.exchangeRate = 1;
    }
    if (customerId) {
      const customer = this.must('entity', customerId);
      fields.subsidiary ??= customer.f.subsidiary;
      fields.currency ??= customer.f.currency;
      const allowed = lines(customer.f, 'currencyList').map((l) => String(l.currency));
      allowed.push(String(customer.f.currency));
      if (!allowed.includes(String(fields.currency))) throw invalidFieldValue(fields.currency, 'currency', 'currency');
    } else {
      fields.subsidiary ??= '1';
      fields.currency ??= this.must('subsidiary', fields.subsidiary).f.currency;
    }
    fields.exchangeRate ??= this.must('currency', fields.currency).f.exchangeRate ?? 1;
    return this.precision(String(fields.currency));
  }

  /**
   * With Accounting Periods, a posting transaction's date must fall in an open period (NetSuite: "The accounting
   * period you selected is closed"); `postingPeriod` defaults to the period of `tranDate`. Without the feature
   * there are no periods and no date is refused.
   */
  private postingPeriod(fields: Fields): void {
    if (!this.features.has('ACCOUNTINGPERIODS')) return;
    const date = String(fields.tranDate);
    const byDate = this.store.periodOf(date);
    if (!byDate) throw userError(`No accounting period covers ${date}.`, 'tranDate');
    if (byDate.f.closed === true) throw closedPeriod(String(byDate.f.periodName), 'tranDate');
    if (present(fields.postingPeriod)) {
      const chosen = this.must('accountingPeriod', fields.postingPeriod);
      if (chosen.f.closed === true) throw closedPeriod(String(chosen.f.periodName), 'postingPeriod');
    } else {
      fields.postingPeriod = byDate.id;
    }
  }

  private receivablesAccount(fields: Fields, name: string): string {
    fields[name] ??= RECEIVABLES_ACCOUNT;
    const acct = this.must('account', fields[name]);
    if (acct.f.acctType !== 'AcctRec') throw invalidFieldValue(fields[name], name, name);
    return String(fields[name]);
  }

  /** Resolves `account`/`undepFunds` of a payment or refund; returns whether it sits in Undeposited Funds. */
  private cashAccount(fields: Fields): void {
    const undep = this.undepositedFundsAccount();
    // customerPayment.undepFunds is the T/F enum (customerPayment.md); a refund has no such field and sits in
    // Undeposited Funds when its account is that account. Either way the record keeps 'T' or 'F' internally.
    if (fields.undepFunds === 'T' || fields.undepFunds === true) {
      // Undeposited Funds or a bank account, not both (the UI's radio; issue 11): a bank account beside it is refused.
      if (present(fields.account) && String(fields.account) !== undep) {
        throw userError('A payment goes either to Undeposited Funds or to a bank account: do not set both undepFunds and account.', 'account');
      }
      fields.account = undep;
      fields.undepFunds = 'T';
    } else if (fields.undepFunds === 'F' || fields.undepFunds === false) {
      if (!present(fields.account)) required('Account', 'account');
      fields.undepFunds = String(fields.account) === undep ? 'T' : 'F';
    } else {
      fields.account ??= undep;
      fields.undepFunds = String(fields.account) === undep ? 'T' : 'F';
    }
    const acct = this.must('account', fields.account);
    if (acct.f.acctType === 'AcctRec' || !['Bank', 'OthCurrAsset', 'CredCard'].includes(String(acct.f.acctType))) {
      throw invalidFieldValue(fields.account, 'account', 'account');
    }
  }

  private undepositedFundsAccount(): string {
    return UNDEPOSITED_FUNDS_ACCOUNT;
  }

  private salesTransaction(type: 'invoice' | 'creditMemo', fields: Fields, id: string, isNew: boolean): SaveOutcome {
    if (!present(fields.entity)) required('Customer', 'entity');
    const entity = String(fields.entity);
    const precision = this.tranCommon(type, fields, isNew, entity);
    const currency = String(fields.currency);
    const ar = this.receivablesAccount(fields, 'account');
    const items = lines(fields, 'item');
    if (items.length === 0) throw userError('You must enter at least one line item for this transaction.', 'item');
    let subtotal = 0;
    let discount = 0;
    let previous = 0;
    let previousAccount: string | undefined;
    const gl: GlLine[] = [];
    items.forEach((line, i) => {
      const path = `item.items[${i}]`;
      if (!present(line.item)) required('Item', `${path}.item`);
      const item = this.must('item', line.item);
      const isDiscount = item.type === 'discountItem';
      let amount = minor(line.amount, precision, 'amount', `${path}.amount`);
      if (amount === undefined) {
        const rate = present(line.rate) ? String(line.rate) : present(item.f.rate) ? String(item.f.rate) : undefined;
        if (rate === undefined) required('Amount', `${path}.amount`);
        if (isDiscount) {
          const pct = /^(-?\d+(?:\.\d+)?)%$/.exec(String(rate).trim());
          // A percentage discounts the line before it: previous (minor units) × pct / 100, rounded once.
          amount = pct
            ? -Math.abs(multiplyToMinor(String(previous), pct[1], -2))
            : -Math.abs(toMinor(rate, precision, 'rate', `${path}.rate`));
        } else {
          const qty = line.quantity ?? 1;
          amount = multiplyToMinor(String(qty), String(rate), precision);
        }
      }
      if (!isDiscount) line.quantity ??= 1;
      line.amount = amount;
      line.itemType = { serviceSaleItem: 'Service', nonInventorySaleItem: 'NonInvtPart', otherChargeSaleItem: 'OthCharge', discountItem: 'Discount' }[item.type as string];
      // A non-posting discount posts to the income account of the line it discounts, netting against its revenue.
      const nonPosting = isDiscount && item.f.nonPosting === true;
      if (nonPosting && previousAccount === undefined) {
        throw userError('A non-posting discount must follow the item line it discounts.', `${path}.item`);
      }
      line.account = String(nonPosting ? previousAccount : isDiscount ? item.f.account : item.f.incomeAccount);
      if (!isDiscount) previousAccount = String(line.account);
      if (isDiscount) discount += amount;
      else subtotal += amount;
      previous = amount;
      // Invoice: credit income (a discount's negative amount becomes a debit); credit memo: the reverse.
      post(gl, String(line.account), currency, type === 'invoice' ? -amount : amount);
    });
    const total = subtotal + discount;
    if (total < 0) throw userError('The total of this transaction cannot be negative.', 'item');
    fields.subtotal = subtotal;
    fields.discountTotal = discount;
    fields.total = total;
    post(gl, ar, currency, type === 'invoice' ? total : -total, entity);
    if (type === 'invoice') {
      const applied = this.sumTo(id);
      if (total < applied) throw userError('The total of this invoice cannot be less than the amount already applied to it.', 'item');
      fields.taxTotal ??= 0;
      return { fields, gl, applications: [] };
    }
    const applications = this.applyLines(fields, id, entity, currency, precision, total - this.sumTo(id), 'invoice');
    return { fields, gl, applications };
  }

  private sumTo(id: string, excludeSrc?: string): number {
    return this.store.applicationsTo(id).reduce((s, a) => (a.src === excludeSrc ? s : s + a.amount), 0);
  }

  private sumFrom(id: string): number {
    return this.store.applicationsFrom(id).reduce((s, a) => s + a.amount, 0);
  }

  /** What is still open on a document for source `src` to apply against. */
  private available(doc: StoredRecord, src: string): number {
    switch (doc.type) {
      case 'invoice':
        return Number(doc.f.total) - this.sumTo(doc.id, src);
      case 'creditMemo':
        return Number(doc.f.total) - this.sumFrom(doc.id) - this.sumTo(doc.id, src);
      case 'customerPayment':
        return Number(doc.f.payment) - this.sumFrom(doc.id) - this.sumTo(doc.id, src);
      default:
        return 0;
    }
  }

  /**
   * Validates the `apply` sublist of a payment, credit memo or refund. `cap` is what the source can apply
   * (Infinity for a refund, whose total is what it applies). Lines with no amount take what is open.
   */
  private applyLines(
    fields: Fields,
    src: string,
    customer: string,
    currency: string,
    precision: number,
    cap: number,
    capLabel: string,
  ): Array<{ dst: string; amount: number }> {
    const out: Array<{ dst: string; amount: number }> = [];
    const kept: Line[] = [];
    let applied = 0;
    lines(fields, 'apply').forEach((line, i) => {
      const path = `apply.items[${i}]`;
      if (line.apply === false) return;
      if (!present(line.doc)) required('Doc', `${path}.doc`);
      const doc = this.must('transaction', line.doc);
      const docCustomer = String(doc.f.entity ?? doc.f.customer);
      if (docCustomer !== customer || String(doc.f.currency) !== currency || out.some((o) => o.dst === doc.id)) {
        throw invalidFieldValue(doc.id, 'doc', `${path}.doc`);
      }
      const open = this.available(doc, src);
      let amount = minor(line.amount, precision, 'amount', `${path}.amount`);
      if (amount === undefined) amount = Math.max(0, Math.min(open, cap - applied));
      if (amount < 0) throw invalidFieldValue(line.amount, 'amount', `${path}.amount`);
      if (amount === 0) return;
      if (amount > open) {
        throw userError(`The amount applied (${amount}) exceeds the amount remaining (${open}) on ${this.refName(doc)}.`, `${path}.amount`);
      }
      applied += amount;
      if (applied > cap) throw userError(`The total amount applied exceeds the ${capLabel} amount.`, 'apply');
      out.push({ dst: doc.id, amount });
      kept.push({ ...line, apply: true, amount });
    });
    fields.apply = kept;
    return out;
  }

  private payment(fields: Fields, id: string, isNew: boolean): SaveOutcome {
    if (!present(fields.customer)) required('Customer', 'customer');
    const customer = String(fields.customer);
    const precision = this.tranCommon('customerPayment', fields, isNew, customer);
    const currency = String(fields.currency);
    const ar = this.receivablesAccount(fields, 'arAcct');
    this.cashAccount(fields);
    let payment = minor(fields.payment, precision, 'payment', 'payment');
    const refunded = this.sumTo(id);
    const applications = this.applyLines(
      fields,
      id,
      customer,
      currency,
      precision,
      payment === undefined ? Infinity : payment - refunded,
      'payment',
    );
    if (payment === undefined) payment = applications.reduce((s, a) => s + a.amount, 0);
    if (payment <= 0) required('Payment Amount', 'payment');
    const wasDeposited = this.store.depositOf(id) !== undefined;
    if (wasDeposited && payment !== Number(this.store.get('transaction', id)?.f.payment)) {
      throw userError('This payment has been deposited; its amount cannot change.', 'payment');
    }
    if (payment < refunded) throw userError('The payment amount cannot be less than the amount already refunded from it.', 'payment');
    fields.payment = payment;
    fields.total = payment;
    const gl: GlLine[] = [];
    post(gl, String(fields.account), currency, payment);
    post(gl, ar, currency, -payment, customer);
    return { fields, gl, applications };
  }

  private refund(fields: Fields, id: string, isNew: boolean): SaveOutcome {
    if (!present(fields.customer)) required('Customer', 'customer');
    const customer = String(fields.customer);
    const precision = this.tranCommon('customerRefund', fields, isNew, customer);
    const currency = String(fields.currency);
    const ar = this.receivablesAccount(fields, 'arAcct');
    this.cashAccount(fields);
    const applications = this.applyLines(fields, id, customer, currency, precision, Infinity, 'refund');
    const total = applications.reduce((s, a) => s + a.amount, 0);
    if (total <= 0) throw userError('You must enter at least one line item for this transaction.', 'apply');
    if (this.store.depositOf(id) && total !== Number(fields.total)) {
      throw userError('This refund has been deposited; its amount cannot change.', 'apply');
    }
    fields.total = total;
    const gl: GlLine[] = [];
    post(gl, ar, currency, total, customer);
    post(gl, String(fields.account), currency, -total);
    return { fields, gl, applications };
  }

  private deposit(fields: Fields, id: string, isNew: boolean): SaveOutcome {
    if (!present(fields.account)) required('Account', 'account');
    const bank = this.must('account', fields.account);
    if (bank.f.acctType !== 'Bank') throw invalidFieldValue(fields.account, 'account', 'account');
    if (present(fields.currency) && present(bank.f.currency) && String(fields.currency) !== String(bank.f.currency)) {
      throw invalidFieldValue(fields.currency, 'currency', 'currency');
    }
    fields.currency ??= bank.f.currency ?? BASE_CURRENCY;
    const precision = this.tranCommon('deposit', fields, isNew);
    const currency = String(fields.currency);
    const gl: GlLine[] = [];
    const deposited: string[] = [];
    let total = 0;
    const keptPayments: Line[] = [];
    lines(fields, 'payment').forEach((line, i) => {
      const path = `payment.items[${i}]`;
      if (line.deposit === false) return;
      if (!present(line.id)) required('Id', `${path}.id`);
      const tx = this.must('transaction', line.id);
      const elsewhere = this.store.depositOf(tx.id);
      // A foreign-currency payment can go into a deposit in the subsidiary's base currency, at the amount its
      // exchange rate gives (as NetSuite shows it on Make Deposits); any other currency mix is refused.
      const foreign = String(tx.f.currency) !== currency;
      const baseCurrency = String(this.must('subsidiary', fields.subsidiary ?? tx.f.subsidiary ?? COMPANY_SUBSIDIARY).f.currency);
      if (
        !isUndeposited(tx.f) ||
        (elsewhere !== undefined && elsewhere !== id) ||
        (foreign && currency !== baseCurrency) ||
        deposited.includes(tx.id)
      ) {
        throw invalidFieldValue(tx.id, 'id', `${path}.id`);
      }
      const inTxCurrency = tx.type === 'customerPayment' ? Number(tx.f.payment) : -Number(tx.f.total);
      // NetSuite converts a foreign-currency line itself: the record's amount × its exchange rate, rounded half away
      // from zero to the deposit currency's precision, line by line (exact decimals, never a float product).
      const txPrecision = this.precision(String(tx.f.currency));
      const computed = foreign
        ? multiplyToMinor(minorToString(inTxCurrency, txPrecision), String(tx.f.exchangeRate ?? 1), precision)
        : inTxCurrency;
      // deposit.md, deposit-paymentElement: `paymentAmount` is writable. When given it is the amount the line
      // deposits, in the deposit's currency (a refund's line takes money out: its sign follows the refund).
      const given = minor(line.paymentAmount, precision, 'paymentAmount', `${path}.paymentAmount`);
      if (given !== undefined && given <= 0 && tx.type === 'customerPayment') throw invalidFieldValue(line.paymentAmount, 'paymentAmount', `${path}.paymentAmount`);
      // A foreign line posts NetSuite's own conversion, whatever paymentAmount says: issue 13 saw a deposit post
      // 44.64 for a 44.65 payout (42.00 EUR at 1.1234 less a 0.77 EUR refund) with no error. So the connector must
      // compute each line the same way and read the deposit back.
      const signed = foreign || given === undefined ? computed : tx.type === 'customerPayment' ? given : -Math.abs(given);
      deposited.push(tx.id);
      total += signed;
      post(gl, String(tx.f.account), currency, -signed);
      keptPayments.push({
        ...line,
        id: tx.id,
        deposit: true,
        paymentAmount: signed,
        transactionAmount: signed,
        type: tx.type === 'customerPayment' ? 'CustPymt' : 'CustRfnd',
        docNumber: tx.f.tranId,
        docDate: tx.f.tranDate,
        entity: tx.f.customer,
        currency: tx.f.currency,
      });
    });
    fields.payment = keptPayments;
    lines(fields, 'other').forEach((line, i) => {
      const path = `other.items[${i}]`;
      if (!present(line.account)) required('Account', `${path}.account`);
      const amount = minor(line.amount, precision, 'amount', `${path}.amount`);
      if (amount === undefined) required('Amount', `${path}.amount`);
      line.amount = amount;
      total += amount!;
      post(gl, String(line.account), currency, -amount!, present(line.entity) ? String(line.entity) : undefined);
    });
    lines(fields, 'cashback').forEach((line, i) => {
      const path = `cashback.items[${i}]`;
      if (!present(line.account)) required('Account', `${path}.account`);
      const amount = minor(line.amount, precision, 'amount', `${path}.amount`);
      if (amount === undefined) required('Amount', `${path}.amount`);
      line.amount = amount;
      total -= amount!;
      post(gl, String(line.account), currency, amount!);
    });
    if (keptPayments.length + lines(fields, 'other').length + lines(fields, 'cashback').length === 0) {
      throw userError('You must enter at least one line item for this transaction.', 'payment');
    }
    fields.total = total;
    post(gl, bank.id, currency, total);
    return { fields, gl, deposited };
  }

  private journal(fields: Fields, _id: string, isNew: boolean): SaveOutcome {
    const precision = this.tranCommon('journalEntry', fields, isNew);
    const currency = String(fields.currency);
    fields.approved ??= true;
    const gl: GlLine[] = [];
    let debits = 0;
    let credits = 0;
    const jl = lines(fields, 'line');
    if (jl.length === 0) throw userError('You must enter at least one line item for this transaction.', 'line');
    jl.forEach((line, i) => {
      const path = `line.items[${i}]`;
      if (!present(line.account)) required('Account', `${path}.account`);
      const debit = minor(line.debit, precision, 'debit', `${path}.debit`) ?? 0;
      const credit = minor(line.credit, precision, 'credit', `${path}.credit`) ?? 0;
      if (debit < 0) throw invalidFieldValue(line.debit, 'debit', `${path}.debit`);
      if (credit < 0) throw invalidFieldValue(line.credit, 'credit', `${path}.credit`);
      if (debit === 0 && credit === 0) required('Debit or Credit', `${path}.debit`);
      if (debit !== 0) line.debit = debit;
      else delete line.debit;
      if (credit !== 0) line.credit = credit;
      else delete line.credit;
      debits += debit;
      credits += credit;
      post(gl, String(line.account), currency, debit - credit, present(line.entity) ? String(line.entity) : undefined);
    });
    if (debits !== credits) throw userError('The transaction is not in balance: the total of debits must equal the total of credits.', 'line');
    fields.total = debits;
    return { fields, gl };
  }

  /** Recomputes the amounts that depend on other records (paid, remaining, status, deposited). */
  refreshDerived(id: string): void {
    const rec = this.store.get('transaction', id);
    if (!rec) return;
    const f = rec.f;
    const before = JSON.stringify(f);
    switch (rec.type) {
      case 'invoice': {
        const paid = this.sumTo(id);
        f.amountPaid = paid;
        f.amountRemaining = Number(f.total) - paid;
        f.status = f.amountRemaining === 0 ? 'B' : 'A';
        break;
      }
      case 'creditMemo': {
        const applied = this.sumFrom(id) + this.sumTo(id);
        f.applied = applied;
        f.unapplied = Number(f.total) - applied;
        f.status = f.unapplied === 0 ? 'B' : 'A';
        break;
      }
      case 'customerPayment': {
        const applied = this.sumFrom(id) + this.sumTo(id);
        f.applied = applied;
        f.unapplied = Number(f.payment) - applied;
        f.status = this.store.depositOf(id) || !isUndeposited(f) ? 'C' : 'B';
        break;
      }
      case 'customerRefund':
        f.status = this.store.depositOf(id) || !isUndeposited(f) ? 'C' : 'B';
        break;
      default:
        return;
    }
    if (JSON.stringify(f) !== before) this.store.update(rec);
  }

  refName(rec: StoredRecord): string {
    const f = rec.f;
    switch (rec.family) {
      case 'transaction':
        return `${typeDef(rec.type).label ?? rec.type} #${String(f.tranId ?? rec.id)}`;
      case 'entity':
        return String(f.entityId ?? rec.id);
      case 'item':
        return String(f.itemId ?? rec.id);
      case 'account':
        return present(f.acctNumber) ? `${String(f.acctNumber)} ${String(f.acctName)}` : String(f.acctName ?? rec.id);
      default:
        return String(f.name ?? rec.id);
    }
  }
}
