// Row types of schema.sql, for kysely. Keep in step with schema.sql.
import type { Generated } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface StripeObjectTable {
  id: string;
  type: string;
  created: number;
  hash: string;
  json: string;
  final: number;
  payout: string | null;
  first_seen: number;
  updated_at: number;
}

export interface LinkTable {
  op_key: string;
  record_type: string;
  external_id: string;
  internal_id: string;
  stripe_id: string;
  body_hash: string;
  run_id: number | null;
  created_at: number;
}

export type OutboxStatus = 'planned' | 'sending' | 'done' | 'failed' | 'blocked';

export interface OutboxTable {
  op_key: string;
  run_id: number;
  pass: string;
  seq: number;
  action: string;
  record_type: string;
  external_id: string;
  stripe_id: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  op_json: string;
  updated_at: number;
}

export interface CursorTable {
  name: string;
  value: string;
  updated_at: number;
}

export type RunStatus = 'running' | 'success' | 'partial' | 'failed' | 'interrupted';

export interface RunTable {
  id: Generated<number>;
  kind: string;
  started_at: number;
  finished_at: number | null;
  status: RunStatus;
  summary_json: string | null;
}

export interface LockTable {
  name: string;
  owner: string;
  pid: number;
  acquired_at: number;
  heartbeat_at: number;
}

export interface NetSuiteRecordSchemaTable {
  record_type: string;
  schema_json: string;
  fetched_at: number;
}

export interface ReadFailureTable {
  id: Generated<number>;
  run_id: number;
  type: string;
  stripe_id: string | null;
  error: string;
  at: number;
}

export interface InvalidObjectTable {
  stripe_id: string;
  type: string;
  problem: string;
  at: number;
}

export interface PlanDirtyTable {
  id: string;
  version: number;
}

export interface PlanRefTable {
  id: string;
  ref: string;
}

export interface PlanPendingTable {
  id: string;
}

export interface PlanParkedTable {
  unit: number;
  side: string;
  ids: string;
  operations: string;
}

export interface PlanParkedMemberTable {
  id: string;
  unit: number;
}

export interface PlanWaitTable {
  key: string;
  unit: number;
}

export interface LedgerSchema {
  plan_dirty: PlanDirtyTable;
  plan_refs: PlanRefTable;
  plan_pending: PlanPendingTable;
  plan_parked: PlanParkedTable;
  plan_parked_members: PlanParkedMemberTable;
  plan_waits: PlanWaitTable;
  meta: MetaTable;
  stripe_objects: StripeObjectTable;
  links: LinkTable;
  outbox: OutboxTable;
  cursors: CursorTable;
  runs: RunTable;
  locks: LockTable;
  netsuite_record_schemas: NetSuiteRecordSchemaTable;
  read_failures: ReadFailureTable;
  invalid_objects: InvalidObjectTable;
}
