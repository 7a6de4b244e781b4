// The plan fits every body to the NetSuite account's metadata catalog (src/plan/fit-to-account.ts). Field names and
// shapes below follow Oracle's REST record schemas (../shared/reference/netsuite-schemas: customer.md,
// invoice.md, customerPayment.md); what an account without a feature lacks follows netsuite-rest.md §5.
import { expect } from 'chai';
import { featuresOf, type AccountingPeriod, type AccountProfile } from '../../src/account/account-profile.js';
import { parseMetadataCatalog } from '../../src/account/parse-metadata-catalog.js';
import { customerKey, invoiceKey, paymentKey } from '../../src/plan/keys.js';
import { world, customer, invoice, DAY, T0 } from './fixtures.js';
import { paidInvoicePayment, stripeCharge } from './fixtures-payments.js';
import { opByKey, plan } from './plan-helpers.js';

type Field = string | [string, Record<string, unknown>];
const ref = { type: 'object', 'x-ns-record': 'record', properties: { id: { type: 'string' }, refName: { type: 'string' } } };
const enumObject = (values?: string[]) => ({ type: 'object', properties: { id: { type: 'string', ...(values ? { enum: values } : {}) }, refName: { type: 'string' } } });
const sublist = (name: string, lines: Field[]) => ({ $ref: `#/definitions/${name}Collection`, lines, name });

/** A metadata-catalog document (JSON Schema) as the account serves it, sublists as `$ref`s into `definitions`. */
function catalog(fields: Array<Field | ReturnType<typeof sublist>>): unknown {
  const definitions: Record<string, unknown> = {};
  const props = (list: Array<Field | ReturnType<typeof sublist>>): Record<string, unknown> =>
    Object.fromEntries(
      list.map((f) => {
        if (typeof f === 'string') return [f, { type: 'string' }];
        if (Array.isArray(f)) return f;
        definitions[`${f.name}Collection`] = { type: 'object', properties: { items: { type: 'array', items: { $ref: `#/definitions/${f.name}Element` } } } };
        definitions[`${f.name}Element`] = { type: 'object', properties: props(f.lines) };
        return [f.name.split('-')[1], { $ref: f.$ref }];
      }),
    );
  return { type: 'object', properties: props(fields), definitions };
}

const common: Field[] = ['externalId', 'memo', 'tranDate'];
function account(o: { features: Set<string>; periods?: AccountingPeriod[] }): AccountProfile {
  const on = (f: string, ...fields: Field[]): Field[] => (o.features.has(f) ? fields : []);
  const docs: Record<string, unknown> = {
    customer: catalog([
      'externalId', 'entityId', 'companyName', 'firstName', 'lastName', 'comments', 'email', 'phone', ['isPerson', { type: 'boolean' }],
      ...on('SUBSIDIARIES', ['subsidiary', ref]), ...on('MULTICURRENCY', ['currency', ref]),
      ...(o.features.has('MULTICURRENCYCUSTOMER') ? [sublist('customer-currencyList', [['currency', ref]])] : []),
      sublist('customer-addressBook', [['defaultBilling', { type: 'boolean' }], ['defaultShipping', { type: 'boolean' }], ['addressBookAddress', { type: 'object', properties: { ...Object.fromEntries(['addressee', 'addrPhone', 'addr1', 'addr2', 'city', 'state', 'zip'].map((f) => [f, { type: 'string' }])), country: enumObject(['US', 'DE']) } }]]),
    ]),
    serviceSaleItem: catalog(['externalId', 'itemId', 'displayName', 'description', ['incomeAccount', ref], ...(o.features.has('SUBSIDIARIES') ? [sublist('serviceSaleItem-subsidiary', ['id'])] : [])]),
    invoice: catalog([
      ...common, ['entity', ref], ['account', ref], ...on('SUBSIDIARIES', ['subsidiary', ref]), ...on('MULTICURRENCY', ['currency', ref], 'exchangeRate'),
      ...on('ACCOUNTINGPERIODS', ['postingPeriod', ref]),
      sublist('invoice-item', [['item', ref], 'quantity', 'rate', 'amount', 'description', ...on('REVENUERECOGNITION', 'revRecStartDate', 'revRecEndDate')]),
    ]),
    customerPayment: catalog([
      ...common, ['customer', ref], 'payment', ['undepFunds', enumObject()], ['account', ref], ...on('MULTICURRENCY', ['currency', ref], 'exchangeRate'),
      o.features.has('PAYMENTINSTRUMENTS') ? ['paymentOption', ref] : ['paymentMethod', ref],
      sublist('customerPayment-apply', [['doc', ref], ['apply', { type: 'boolean' }], 'amount']),
    ]),
  };
  const records = new Map(Object.entries(docs).map(([type, doc]) => [type, parseMetadataCatalog(type, doc)]));
  return { records, features: featuresOf(records), baseCurrencyId: '1', periods: o.periods ?? [] };
}
const ALL = new Set(['SUBSIDIARIES', 'MULTICURRENCY', 'MULTICURRENCYCUSTOMER', 'PAYMENTINSTRUMENTS', 'ACCOUNTINGPERIODS', 'REVENUERECOGNITION']);
const NONE = new Set<string>();

const address = { line1: '1 Market Street', line2: null, city: 'San Francisco', state: 'CA', postal_code: '94105', country: 'US' };
function paidWorld(profile: AccountProfile, currency = 'usd', configure?: Parameters<typeof world>[0]) {
  const w = world(configure).put(
    customer('cus_1', { name: 'Acme', address }),
    invoice({ id: 'in_1', customer: 'cus_1', status: 'paid', currency, lines: [{ amount: 1000, price: 'price_a', period: { start: T0, end: T0 + 30 * DAY } }] }),
    stripeCharge('ch_1', { amount: 1000, currency }),
    paidInvoicePayment('inpay_1', 'in_1', 'pi_ch_1', 1000),
  );
  return { ...w, account: profile };
}

describe('plan: bodies fitted to the NetSuite account', () => {
  it('reads the features off the metadata catalog', () => {
    expect([...account({ features: ALL }).features].sort()).to.deep.equal([...ALL].sort());
    expect([...account({ features: NONE }).features]).to.deep.equal([]);
  });

  it('with every feature: subsidiary, currency, currency list, revenue dates and paymentOption are sent', () => {
    const ops = plan(paidWorld(account({ features: ALL })));
    const cust = opByKey(ops, customerKey('cus_1'));
    expect(cust.blocked).to.equal(undefined);
    expect(cust.body).to.include.keys('subsidiary', 'currencyList');
    const inv = opByKey(ops, invoiceKey('in_1'));
    expect(inv.body).to.deep.include({ subsidiary: { id: '1' }, currency: { id: '1' } });
    expect((inv.body.item as { items: Array<Record<string, unknown>> }).items[0]).to.include.keys('revRecStartDate', 'revRecEndDate');
    const pay = opByKey(ops, paymentKey('ch_1'));
    expect(pay.body).to.deep.include({ paymentOption: { id: '1' }, undepFunds: { id: 'T' } });
    expect(pay.body).to.not.have.property('paymentMethod');
  });

  it('with no feature: what the account lacks is left out, the payment method is paymentMethod, nothing is blocked', () => {
    const ops = plan(paidWorld(account({ features: NONE })));
    for (const op of ops) expect(op.blocked, op.key).to.equal(undefined);
    const cust = opByKey(ops, customerKey('cus_1'));
    expect(cust.body).to.not.have.any.keys('subsidiary', 'currencyList', 'currency');
    expect((cust.body.addressBook as { items: Array<{ addressBookAddress: unknown }> }).items[0].addressBookAddress).to.deep.include({ country: { id: 'US' } });
    const inv = opByKey(ops, invoiceKey('in_1'));
    expect(inv.body).to.not.have.any.keys('subsidiary', 'currency', 'exchangeRate');
    expect((inv.body.item as { items: Array<Record<string, unknown>> }).items[0]).to.not.have.any.keys('revRecStartDate', 'revRecEndDate');
    const pay = opByKey(ops, paymentKey('ch_1'));
    expect(pay.body).to.deep.include({ paymentMethod: { id: '1' }, undepFunds: { id: 'T' } });
    expect(pay.body).to.not.have.any.keys('paymentOption', 'currency', 'account');
  });

  it('a foreign-currency invoice on a single-currency account is blocked naming the currency and the feature, and so is its payment', () => {
    const ops = plan(paidWorld(account({ features: NONE }), 'eur'));
    const inv = opByKey(ops, invoiceKey('in_1'));
    expect(inv.blocked).to.match(/in_1: invoice: in EUR, but the NetSuite account has only its base currency: the Multiple Currencies feature \(MULTICURRENCY\) is off/);
    expect(opByKey(ops, paymentKey('ch_1')).blocked).to.match(/EUR|blocked/);
  });

  it('a field the account lacks that cannot be left out blocks the operation, naming the field', () => {
    const profile = account({ features: ALL });
    const shape = new Map(profile.records.get('customerPayment'));
    shape.delete('undepFunds');
    const records = new Map(profile.records).set('customerPayment', shape);
    const ops = plan(paidWorld({ ...profile, records }));
    expect(opByKey(ops, paymentKey('ch_1')).blocked).to.equal('ch_1: customerPayment: the NetSuite account has no field undepFunds');
  });

  it('an address country the account does not list is left to the account default', () => {
    const w = paidWorld(account({ features: ALL }));
    w.stripe.customers.set('cus_1', customer('cus_1', { name: 'Acme', address: { ...address, country: 'XK' } }));
    const ops = plan(w);
    const addr = (opByKey(ops, customerKey('cus_1')).body.addressBook as { items: Array<{ addressBookAddress: Record<string, unknown> }> }).items[0].addressBookAddress;
    expect(addr).to.not.have.property('country');
    expect(addr.addr1).to.equal('1 Market Street');
  });

  describe('closed accounting periods', () => {
    // The invoice and payment of the fixtures are dated 2025-03-01 in the account's time zone (T0).
    const periods: AccountingPeriod[] = [
      { id: '10', name: 'Mar 2025', start: '2025-03-01', end: '2025-03-31', closed: true },
      { id: '11', name: 'Apr 2025', start: '2025-04-01', end: '2025-04-30', closed: false },
    ];
    it('blocks a posting dated in a closed period by default, naming the period and the setting', () => {
      const ops = plan(paidWorld(account({ features: ALL, periods })));
      expect(opByKey(ops, invoiceKey('in_1')).blocked).to.match(/dated 2025-03-0\d: in the closed accounting period Mar 2025; fix: reopen the period in NetSuite, or set netsuite.closedPeriods to "nextOpenPeriod"$/);
    });
    it('with closedPeriods "nextOpenPeriod", posts on the first day of the next open period with the Stripe date in the memo', () => {
      const ops = plan(paidWorld(account({ features: ALL, periods }), 'usd', (s) => (s.netsuite.closedPeriods = 'nextOpenPeriod')));
      const inv = opByKey(ops, invoiceKey('in_1'));
      expect(inv.blocked).to.equal(undefined);
      expect(inv.body.tranDate).to.equal('2025-04-01');
      expect(inv.summary.date).to.equal('2025-04-01');
      expect(inv.body.memo).to.match(/^Stripe: in_1 .*\(Stripe date 2025-03-0\d; period Mar 2025 is closed\)$/);
    });
  });
});
