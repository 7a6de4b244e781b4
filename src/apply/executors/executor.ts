// What an executor gets and gives back. An executor performs one action's requests for one operation, with its
// body already resolved (`$ref`s replaced by internal ids); the outbox is the caller's (apply-plan.ts).
import type { NetSuiteWriter } from '../netsuite-writer.js';

export interface ExecutorContext {
  client: NetSuiteWriter;
  /** The outbox row was left `sending`: an earlier attempt's outcome is unknown, so never write twice. */
  unsure: boolean;
  /** Internal id of a record made by an operation (or already linked), or undefined. */
  internalIdOf(key: string): string | undefined;
}

/** The record the operation ends with, and whether this attempt made it; the outbox records it `done`. */
export interface Executed {
  internalId: string;
  created: boolean;
}
