// The record types the sandbox serves and their fields (REST API Browser names, reference §5).
// Input names match case-insensitively; output uses these camelCase names.

/** Records sharing one internal-id sequence, as NetSuite numbers entities, items and transactions. */
export type Family = 'entity' | 'item' | 'transaction' | 'account' | 'currency' | 'subsidiary' | 'paymentMethod';

export type TypeName =
  | 'customer'
  | 'invoice'
  | 'customerPayment'
  | 'creditMemo'
  | 'customerRefund'
  | 'deposit'
  | 'journalEntry'
  | 'subsidiary'
  | 'currency'
  | 'account'
  | 'serviceSaleItem'
  | 'nonInventorySaleItem'
  | 'otherChargeSaleItem'
  | 'discountItem'
  | 'paymentMethod';

export type FieldKind =
  | { k: 'text' }
  | { k: 'bool' }
  | { k: 'number' }
  | { k: 'int' }
  /** Amount in the record's currency: integer minor units inside, decimal number outside. */
  | { k: 'money' }
  /** A unit price, kept as an exact decimal string (may have more decimals than the currency). */
  | { k: 'rate' }
  | { k: 'date' }
  | { k: 'datetime' }
  /** Reference to a record of one of `to`; `bare` when NetSuite writes it as a plain id (deposit payment line). */
  | { k: 'ref'; to: TypeName[]; bare?: boolean }
  | { k: 'enum'; values: Record<string, string> }
  | { k: 'multi'; to: TypeName[] }
  /** A sublist; `key` names the fields that identify a line for PATCH merges. */
  | { k: 'sublist'; lines: FieldDef[]; key: string[] }
  /** A body-level subrecord such as an address (`addressBookAddress`). */
  | { k: 'subrecord'; fields: FieldDef[] };

export interface FieldDef {
  name: string;
  kind: FieldKind;
  readOnly?: boolean;
}

export interface TypeDef {
  name: TypeName;
  family: Family;
  /** Transaction label for refName ("Invoice #12") and SuiteQL `type` code. */
  label?: string;
  tranType?: string;
  fields: FieldDef[];
  byLower: Map<string, FieldDef>;
}

const text = { k: 'text' } as const;
const bool = { k: 'bool' } as const;
const num = { k: 'number' } as const;
const int = { k: 'int' } as const;
const money = { k: 'money' } as const;
const rate = { k: 'rate' } as const;
const date = { k: 'date' } as const;
const datetime = { k: 'datetime' } as const;
const ref = (...to: TypeName[]): FieldKind => ({ k: 'ref', to });
const multi = (...to: TypeName[]): FieldKind => ({ k: 'multi', to });
const f = (name: string, kind: FieldKind, readOnly = false): FieldDef => ({ name, kind, ...(readOnly ? { readOnly } : {}) });
const ro = (name: string, kind: FieldKind): FieldDef => f(name, kind, true);

export const ITEM_TYPES: TypeName[] = ['serviceSaleItem', 'nonInventorySaleItem', 'otherChargeSaleItem', 'discountItem'];
export const TRANSACTION_TYPES: TypeName[] = [
  'invoice',
  'customerPayment',
  'creditMemo',
  'customerRefund',
  'deposit',
  'journalEntry',
];

const ACCT_TYPES = {
  Bank: 'Bank',
  AcctRec: 'Accounts Receivable',
  OthCurrAsset: 'Other Current Asset',
  FixedAsset: 'Fixed Asset',
  OthAsset: 'Other Asset',
  AcctPay: 'Accounts Payable',
  CredCard: 'Credit Card',
  OthCurrLiab: 'Other Current Liability',
  LongTermLiab: 'Long Term Liability',
  Equity: 'Equity',
  Income: 'Income',
  COGS: 'Cost of Goods Sold',
  Expense: 'Expense',
  OthIncome: 'Other Income',
  OthExpense: 'Other Expense',
  DeferRevenue: 'Deferred Revenue',
  DeferExpense: 'Deferred Expense',
  UnbilledRec: 'Unbilled Receivable',
  NonPosting: 'Non Posting',
};

const common = (): FieldDef[] => [ro('id', text), f('externalId', text), ro('dateCreated', datetime), ro('lastModifiedDate', datetime)];

const saleItemFields = (itemType: string): FieldDef[] => [
  ...common(),
  f('itemId', text),
  f('displayName', text),
  f('description', text),
  f('salesDescription', text),
  f('rate', rate),
  f('isTaxable', bool),
  f('isInactive', bool),
  f('includeChildren', bool),
  f('incomeAccount', ref('account')),
  f('deferredRevenueAccount', ref('account')),
  f('subsidiary', multi('subsidiary')),
  ro('itemType', { k: 'enum', values: { [itemType]: itemType } }),
];

const itemLine: FieldDef[] = [
  f('line', int),
  f('item', ref(...ITEM_TYPES)),
  f('quantity', num),
  f('rate', rate),
  f('amount', money),
  f('description', text),
  f('isTaxable', bool),
  f('revRecStartDate', date),
  f('revRecEndDate', date),
  ro('itemType', text),
  ro('account', ref('account')),
];

const applyLine = (...docTypes: TypeName[]): FieldDef[] => [
  f('doc', ref(...docTypes)),
  f('apply', bool),
  f('amount', money),
  f('line', int),
  f('applyDate', date),
  ro('type', text),
  ro('refNum', text),
  ro('total', money),
  ro('due', money),
];

const tranCommon = (): FieldDef[] => [
  ...common(),
  f('tranDate', date),
  f('tranId', text),
  f('memo', text),
  f('currency', ref('currency')),
  f('exchangeRate', num),
  f('subsidiary', ref('subsidiary')),
];

const DEFS: Array<Omit<TypeDef, 'byLower'>> = [
  {
    name: 'subsidiary',
    family: 'subsidiary',
    fields: [...common(), f('name', text), f('legalName', text), f('currency', ref('currency')), f('parent', ref('subsidiary')), f('isInactive', bool), f('country', text)],
  },
  {
    name: 'currency',
    family: 'currency',
    fields: [
      ...common(),
      f('name', text),
      f('symbol', text),
      f('displaySymbol', text),
      f('exchangeRate', num),
      f('isBaseCurrency', bool),
      f('isInactive', bool),
      f('currencyPrecision', int),
    ],
  },
  {
    name: 'account',
    family: 'account',
    fields: [
      ...common(),
      f('acctNumber', text),
      f('acctName', text),
      f('acctType', { k: 'enum', values: ACCT_TYPES }),
      f('sSpecAcct', { k: 'enum', values: { UndepFunds: 'Undeposited Funds', AcctRec: 'Accounts Receivable' } }),
      f('currency', ref('currency')),
      f('subsidiary', multi('subsidiary')),
      f('includeChildren', bool),
      f('isInactive', bool),
      f('isSummary', bool),
      f('parent', ref('account')),
      f('description', text),
    ],
  },
  { name: 'paymentMethod', family: 'paymentMethod', fields: [...common(), f('name', text), f('isInactive', bool), f('account', ref('account')), f('undepFunds', bool)] },
  { name: 'serviceSaleItem', family: 'item', fields: saleItemFields('Service') },
  { name: 'nonInventorySaleItem', family: 'item', fields: saleItemFields('NonInvtPart') },
  { name: 'otherChargeSaleItem', family: 'item', fields: saleItemFields('OthCharge') },
  {
    name: 'discountItem',
    family: 'item',
    fields: [
      ...common(),
      f('itemId', text),
      f('displayName', text),
      f('description', text),
      f('rate', text),
      f('account', ref('account')),
      f('isPreTax', bool),
      f('nonPosting', bool),
      f('isInactive', bool),
      f('includeChildren', bool),
      f('subsidiary', multi('subsidiary')),
      ro('itemType', { k: 'enum', values: { Discount: 'Discount' } }),
    ],
  },
  {
    name: 'customer',
    family: 'entity',
    fields: [
      ...common(),
      f('entityId', text),
      f('autoName', bool),
      f('companyName', text),
      f('firstName', text),
      f('lastName', text),
      f('middleName', text),
      f('salutation', text),
      f('isPerson', bool),
      f('email', text),
      f('altEmail', text),
      f('phone', text),
      f('comments', text),
      f('url', text),
      f('isInactive', bool),
      f('subsidiary', ref('subsidiary')),
      f('currency', ref('currency')),
      f('receivablesAccount', ref('account')),
      f('parent', ref('customer')),
      f('emailPreference', { k: 'enum', values: { PDF: 'PDF', HTML: 'HTML', DEFAULT: 'Default' } }),
      f('currencyList', { k: 'sublist', key: ['currency'], lines: [f('currency', ref('currency')), ro('balance', num)] }),
      f('addressBook', {
        k: 'sublist',
        key: [],
        lines: [
          f('defaultBilling', bool),
          f('defaultShipping', bool),
          f('label', text),
          f('addressBookAddress', {
            k: 'subrecord',
            fields: ['addressee', 'attention', 'addr1', 'addr2', 'addr3', 'city', 'state', 'zip', 'country', 'addrPhone'].map(
              (name) => f(name, text),
            ),
          }),
        ],
      }),
      ro('balance', num),
      ro('overdueBalance', num),
      ro('depositBalance', num),
    ],
  },
  {
    name: 'invoice',
    family: 'transaction',
    label: 'Invoice',
    tranType: 'CustInvc',
    fields: [
      ...tranCommon(),
      f('entity', ref('customer')),
      f('account', ref('account')),
      f('dueDate', date),
      f('startDate', date),
      f('endDate', date),
      f('otherRefNum', text),
      f('email', text),
      f('toBeEmailed', bool),
      f('toBePrinted', bool),
      f('createdFrom', ref('invoice')),
      f('item', { k: 'sublist', key: ['line'], lines: itemLine }),
      ro('subtotal', money),
      ro('discountTotal', money),
      ro('taxTotal', money),
      ro('total', money),
      ro('amountPaid', money),
      ro('amountRemaining', money),
      ro('status', { k: 'enum', values: { A: 'Open', B: 'Paid In Full' } }),
    ],
  },
  {
    name: 'creditMemo',
    family: 'transaction',
    label: 'Credit Memo',
    tranType: 'CustCred',
    fields: [
      ...tranCommon(),
      f('entity', ref('customer')),
      f('account', ref('account')),
      f('otherRefNum', text),
      f('toBeEmailed', bool),
      f('toBePrinted', bool),
      f('createdFrom', ref('invoice')),
      f('item', { k: 'sublist', key: ['line'], lines: itemLine }),
      f('apply', { k: 'sublist', key: ['doc'], lines: applyLine('invoice') }),
      ro('subtotal', money),
      ro('total', money),
      ro('applied', money),
      ro('unapplied', money),
      ro('status', { k: 'enum', values: { A: 'Open', B: 'Fully Applied' } }),
    ],
  },
  {
    name: 'customerPayment',
    family: 'transaction',
    label: 'Payment',
    tranType: 'CustPymt',
    fields: [
      ...tranCommon(),
      f('customer', ref('customer')),
      f('payment', money),
      f('account', ref('account')),
      f('arAcct', ref('account')),
      f('undepFunds', bool),
      f('paymentMethod', ref('paymentMethod')),
      f('paymentOption', ref('paymentMethod')),
      f('checkNumber', text),
      f('toBeEmailed', bool),
      f('autoApply', bool),
      f('apply', { k: 'sublist', key: ['doc'], lines: applyLine('invoice') }),
      ro('applied', money),
      ro('unapplied', money),
      ro('total', money),
      ro('status', { k: 'enum', values: { B: 'Not Deposited', C: 'Deposited' } }),
    ],
  },
  {
    name: 'customerRefund',
    family: 'transaction',
    label: 'Customer Refund',
    tranType: 'CustRfnd',
    fields: [
      ...tranCommon(),
      f('customer', ref('customer')),
      f('account', ref('account')),
      f('arAcct', ref('account')),
      f('undepFunds', bool),
      f('paymentMethod', ref('paymentMethod')),
      f('paymentOption', ref('paymentMethod')),
      f('checkNumber', text),
      f('toBePrinted', bool),
      f('apply', { k: 'sublist', key: ['doc'], lines: applyLine('creditMemo', 'customerPayment') }),
      ro('total', money),
      ro('status', { k: 'enum', values: { B: 'Not Deposited', C: 'Deposited' } }),
    ],
  },
  {
    name: 'deposit',
    family: 'transaction',
    label: 'Deposit',
    tranType: 'Deposit',
    fields: [
      ...tranCommon(),
      f('account', ref('account')),
      f('toBePrinted', bool),
      f('payment', {
        k: 'sublist',
        key: ['id'],
        lines: [
          f('id', { k: 'ref', to: ['customerPayment', 'customerRefund'], bare: true }),
          f('deposit', bool),
          ro('paymentAmount', money),
          ro('transactionAmount', money),
          ro('type', text),
          ro('docNumber', text),
          ro('docDate', date),
          ro('entity', ref('customer')),
          ro('currency', ref('currency')),
          f('memo', text),
        ],
      }),
      f('other', {
        k: 'sublist',
        key: ['line'],
        lines: [f('line', int), f('account', ref('account')), f('amount', money), f('entity', ref('customer')), f('paymentMethod', ref('paymentMethod')), f('memo', text), f('refNum', text)],
      }),
      f('cashback', {
        k: 'sublist',
        key: ['line'],
        lines: [f('line', int), f('account', ref('account')), f('amount', money), f('memo', text)],
      }),
      ro('total', money),
    ],
  },
  {
    name: 'journalEntry',
    family: 'transaction',
    label: 'Journal',
    tranType: 'Journal',
    fields: [
      ...tranCommon(),
      f('approved', bool),
      f('reversalDate', date),
      f('line', {
        k: 'sublist',
        key: ['line'],
        lines: [f('line', int), f('account', ref('account')), f('debit', money), f('credit', money), f('entity', ref('customer')), f('memo', text)],
      }),
      ro('total', money),
    ],
  },
];

export const TYPES = new Map<TypeName, TypeDef>(
  DEFS.map((d) => [d.name, { ...d, byLower: new Map(d.fields.map((fd) => [fd.name.toLowerCase(), fd])) }]),
);
const BY_LOWER = new Map<string, TypeDef>([...TYPES.values()].map((t) => [t.name.toLowerCase(), t]));

/** The type a URL segment names, case-insensitively. */
export function typeBySegment(segment: string): TypeDef | undefined {
  return BY_LOWER.get(segment.toLowerCase());
}

export function typeDef(name: TypeName): TypeDef {
  const t = TYPES.get(name);
  if (!t) throw new Error(`unknown type ${name}`);
  return t;
}

export function lineFieldsByLower(kind: Extract<FieldKind, { k: 'sublist' }>): Map<string, FieldDef> {
  return new Map(kind.lines.map((fd) => [fd.name.toLowerCase(), fd]));
}
