// The books' impact of hand-built operations: a dispute is a credit memo and a refund of the same money, two record
// types never added together; a non-posting discount nets against its line's income; an existing NetSuite item's
// account is said to be unknown rather than guessed; a deposit that does not add up says so.
import { expect } from 'chai';
import { buildBooks } from '../../src/books/books-model.js';
import { buildReportModel } from '../../src/report/plan-report-model.js';
import { booksTextLines, glLineText } from '../../src/report/render-books-text.js';
import { opKey, type Operation, type PassName, type RecordType } from '../../src/plan/operation.js';
import { testSettings } from '../plan/fixtures.js';

const ns = testSettings().netsuite;

function op(pass: PassName, recordType: RecordType, externalId: string, body: Record<string, unknown>, summary: Operation['summary'], extra: Partial<Operation> = {}): Operation {
  return { key: opKey(recordType, externalId), pass, action: 'create', recordType, externalId, stripeId: externalId, body, dependsOn: [], hash: 'h', summary, ...extra } as Operation;
}

const memo = op('refunds', 'creditMemo', 'du_1-memo', {
  entity: { $ref: 'customer:cus_A' },
  item: { items: [{ item: { $ref: 'serviceSaleItem:stripe_dispute_item' }, amount: 321.3 }] },
}, { customer: 'cus_A', currency: 'eur', amount: 32130, description: 'dispute memo' });
const refund = op('refunds', 'customerRefund', 'du_1', {
  customer: { $ref: 'customer:cus_A' },
  account: { id: '4' },
  apply: { items: [{ doc: { $ref: 'creditMemo:du_1-memo' }, apply: true, amount: 321.3 }] },
}, { customer: 'cus_A', currency: 'eur', amount: 32130, description: 'dispute' });
const invoice = op('invoices', 'invoice', 'in_1', {
  entity: { $ref: 'customer:cus_A' },
  account: { id: '5' },
  item: {
    items: [
      { item: { $ref: 'serviceSaleItem:price_1' }, amount: 100 },
      { item: { $ref: 'discountItem:coupon_X' }, amount: -20 },
      { item: { $ref: 'serviceSaleItem:stripe_tax' }, amount: 8 },
    ],
  },
}, { customer: 'cus_A', currency: 'usd', amount: 8800, description: 'invoice' });

describe("books: the books' impact of operations", () => {
  it('posts a dispute as a credit memo and a refund, never counted as one 642.60 amount', () => {
    const books = buildBooks([memo, refund], ns);
    expect(books.linesOf.get(memo.key)).to.deep.equal([
      { account: '10', accountName: 'Refunds (accounts.refunds)', currency: 'eur', debitMinor: 32130, creditMinor: 0 },
      { account: '5', accountName: 'Accounts Receivable (accounts.receivables)', currency: 'eur', debitMinor: 0, creditMinor: 32130 },
    ]);
    expect(books.linesOf.get(refund.key)).to.deep.equal([
      { account: '5', accountName: 'Accounts Receivable (accounts.receivables)', currency: 'eur', debitMinor: 32130, creditMinor: 0 },
      { account: '4', accountName: 'Undeposited Funds (accounts.undepositedFunds)', currency: 'eur', debitMinor: 0, creditMinor: 32130 },
    ]);
    expect(books.glImpact.total.currencies).to.deep.equal([
      { currency: 'eur', debitMinor: 64260, creditMinor: 64260, debit: '642.60', credit: '642.60', balanced: true },
    ]);
    // A/R nets to zero for the customer: the memo credits it, the refund pays it out.
    expect(books.tieOuts.customers).to.deep.equal([
      { customer: 'cus_A', currency: 'eur', beforeMinor: null, changeMinor: 0, afterMinor: null, before: null, change: '0.00', after: null },
    ]);
    const model = buildReportModel({ operations: [memo, refund] }, { books: ns });
    expect(model.willPost.map((t) => [t.recordType, t.amount])).to.deep.equal([
      ['creditMemo', '321.30'],
      ['customerRefund', '321.30'],
    ]);
    expect(model.glImpact!.byRecordType.map((r) => r.recordType)).to.deep.equal(['creditMemo', 'customerRefund']);
  });

  it('nets a non-posting discount against the income of its line and posts tax to the tax item account', () => {
    const books = buildBooks([invoice], ns);
    expect(books.linesOf.get(invoice.key)!.map((l) => [l.account, l.debitMinor, l.creditMinor])).to.deep.equal([
      ['6', 0, 10000],
      ['6', 2000, 0],
      ['8', 0, 800],
      ['5', 8800, 0],
    ]);
    expect(books.glImpact.total.accounts.map((a) => [a.account, a.debit, a.credit])).to.deep.equal([
      ['5', '88.00', '0.00'],
      ['6', '20.00', '100.00'],
      ['8', '0.00', '8.00'],
    ]);
    // A posting discount posts to the discounts account instead.
    const posting = buildBooks([invoice], { ...ns, discountItems: 'posting' });
    expect(posting.linesOf.get(invoice.key)!.find((l) => l.debitMinor === 2000)!.account).to.equal('12');
  });

  it("says which lines it cannot state (an existing item's own account) and leaves them out of the totals", () => {
    const mapped = op('invoices', 'invoice', 'in_2', { entity: { id: '7' }, item: { items: [{ item: { id: '555' }, amount: 10 }] } }, { currency: 'usd', amount: 1000, description: 'x' });
    const books = buildBooks([mapped], ns);
    expect(books.glImpact.unknown).to.deep.equal(['invoice:in_2 line 1: NetSuite item 555 is not made by the connector: its account is its own']);
    expect(books.glImpact.total.currencies[0].balanced).to.equal(false);
  });

  it('ties a deposit out against its payout, and shows one that does not tie with its blocked reason', () => {
    const body = {
      account: { id: '1' },
      payment: { items: [
        { id: { $refId: 'customerPayment:ch_1' }, deposit: true, paymentAmount: 100 },
        { id: { $refId: 'customerRefund:re_1' }, deposit: true, paymentAmount: 20 },
      ] },
      cashback: { items: [{ account: { id: '7' }, amount: 3.2, memo: 'Stripe: po_1 processing fees (1 transaction)' }] },
      other: { items: [{ account: { id: '11' }, amount: 5, memo: 'Stripe: du_1 dispute won: funds reinstated' }] },
    };
    const ok = op('deposits', 'deposit', 'po_1', body, { currency: 'usd', amount: 8180, description: 'deposit' });
    const off = op('deposits', 'deposit', 'po_2', body, { currency: 'usd', amount: 9000, description: 'deposit' }, { blocked: 'deposit for payout po_2 is not proved' });
    const books = buildBooks([ok, off], ns);
    const [a, b] = books.tieOuts.deposits;
    expect(a).to.include({ payout: 'po_1', grossPayments: '100.00', refunds: '20.00', net: '81.80', payoutAmount: '81.80', ties: true, bankAccount: '1', blocked: null });
    expect(a.fees.map((f) => [f.amount, f.memo])).to.deep.equal([['3.20', 'Stripe: po_1 processing fees (1 transaction)']]);
    expect(a.other.map((o) => [o.account, o.amount])).to.deep.equal([['11', '5.00']]);
    expect(b).to.include({ ties: false, blocked: 'deposit for payout po_2 is not proved' });
    // GL of the deposit: bank debit net, fees debit, undeposited funds out (payment) and in (refund), other credit.
    expect(books.linesOf.get(ok.key)!.map((l) => [l.account, l.debitMinor, l.creditMinor])).to.deep.equal([
      ['4', 0, 10000],
      ['4', 2000, 0],
      ['11', 0, 500],
      ['7', 320, 0],
      ['1', 8180, 0],
    ]);
    // The blocked one is kept apart.
    expect(books.glImpact.blocked.currencies[0]).to.include({ debit: '105.00', credit: '105.00', balanced: true });
  });

  it('reads as an accountant writes it: debits first, thousands separators, balanced per currency', () => {
    const big = op('invoices', 'invoice', 'in_big', {
      entity: { $ref: 'customer:cus_A' },
      account: { id: '5' },
      item: { items: [{ item: { $ref: 'serviceSaleItem:price_1' }, amount: 1234567.89 }] },
    }, { customer: 'cus_A', currency: 'usd', amount: 123456789, description: 'invoice' });
    const model = buildReportModel({ operations: [big] }, { books: ns });
    const gl = glLineText(model.passes.flatMap((p) => p.operations).find((o) => o.key === big.key)!);
    expect(gl).to.equal('Dr 5 Accounts Receivable (accounts.receivables) USD 1,234,567.89; Cr 6 Income (accounts.income) USD 1,234,567.89');
    const text = booksTextLines(model);
    expect(text).to.include('  USD  debits 1,234,567.89 = credits 1,234,567.89 (balanced)');
    expect(text.find((l) => l.startsWith('  USD  5 '))).to.match(/debit +1,234,567\.89  credit +0\.00$/);
  });
});
