// What the plan produces and apply consumes: one NetSuite write, described without any I/O.

/** The passes, in the order they run. Each depends only on earlier ones. */
export const PASSES = ['customers', 'items', 'invoices', 'payments', 'refunds', 'closures', 'deposits'] as const;
export type PassName = (typeof PASSES)[number];

/** NetSuite REST record type names (camelCase, as the REST API Browser spells them). */
export type RecordType =
  | 'customer'
  | 'serviceSaleItem'
  | 'nonInventorySaleItem'
  | 'otherChargeSaleItem'
  | 'discountItem'
  | 'invoice'
  | 'customerPayment'
  | 'creditMemo'
  | 'customerRefund'
  | 'deposit'
  | 'journalEntry';

/**
 * - create: POST a new record with `externalId`.
 * - link:   find an existing NetSuite record (by internal id from metadata, or by a match field) and link it;
 *           create it from `body` when `linkOrCreate` and nothing matches.
 * - close:  create the credit memo that closes an invoice (uncollectible, void, revised).
 * - apply:  PATCH a record this connector made earlier (e.g. apply a held credit memo once its invoice is paid).
 */
export type OperationAction = 'create' | 'link' | 'close' | 'apply';

/**
 * In `body`, a reference to a record made by another operation is written as `{ "$ref": opKey }`
 * (resolved by apply to `{ "id": internalId }`) or `{ "$refId": opKey }` (resolved to the bare internal id
 * as an integer, as the deposit payment sublist's int64 `id` wants). References to configured NetSuite records
 * (accounts, subsidiary, currencies) are plain `{ "id": "…" }`.
 */
export interface RefPlaceholder {
  $ref: string;
}
export interface RefIdPlaceholder {
  $refId: string;
}

export interface LinkSpec {
  /** An internal id given by Stripe metadata (`netsuite_customer_id`): must exist, else the op fails. */
  internalId?: string;
  /** A configured match: NetSuite field (SuiteQL column) whose value equals `value`, case- and space-insensitive. */
  match?: { field: string; value: string };
  /** Create from `body` when no match is found. */
  createIfMissing: boolean;
}

export interface OperationSummary {
  /** Human-facing customer label (Stripe customer id or name). */
  customer?: string;
  /** NetSuite date (YYYY-MM-DD) the record carries. */
  date?: string;
  currency?: string;
  /** Amount in the currency's minor unit (integer). Deposits: the payout amount. */
  amount?: number;
  description: string;
}

interface OperationBase {
  /** Unique and stable: `${recordType}:${externalId}`, plus `#apply…` for apply operations. */
  key: string;
  pass: PassName;
  recordType: RecordType;
  /** Begins with the Stripe id the record represents (DESIGN.md, Identity). */
  externalId: string;
  /** The Stripe object this operation comes from. */
  stripeId: string;
  /** NetSuite REST JSON body, with `$ref`/`$refId` placeholders. */
  body: Record<string, unknown>;
  /** Keys of operations that must be done first. Apply blocks this op if one of them failed or is blocked. */
  dependsOn: string[];
  /** Canonical hash of `body`, `action` and `link`, to tell a changed plan from an unchanged one. */
  hash: string;
  summary: OperationSummary;
  /** Set when the plan itself cannot produce a correct write; the op is never sent. */
  blocked?: string;
}

export interface CreateOperation extends OperationBase {
  action: 'create';
}

export interface LinkOperation extends OperationBase {
  action: 'link';
  link: LinkSpec;
}

export interface CloseOperation extends OperationBase {
  action: 'close';
}

export interface ApplyOperation extends OperationBase {
  action: 'apply';
  /** The key of the operation whose record is patched (also among `dependsOn`). */
  target: string;
}

/** One NetSuite write, discriminated by `action`: `link` only on link operations, `target` only on apply ones. */
export type Operation = CreateOperation | LinkOperation | CloseOperation | ApplyOperation;

export function opKey(recordType: RecordType, externalId: string, suffix?: string): string {
  return suffix ? `${recordType}:${externalId}#${suffix}` : `${recordType}:${externalId}`;
}
