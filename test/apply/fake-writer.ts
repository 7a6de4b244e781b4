// A NetSuiteWriter in memory for apply's unit tests: records every call, in order, and fails where told.
import type { NetSuiteWriter } from '../../src/apply/netsuite-writer.js';
import { NetSuiteError } from '../../src/netsuite/errors.js';

export class FakeWriter implements NetSuiteWriter {
  readonly calls: string[] = [];
  /** Records by `${recordType}:${externalId}` → internal id. */
  readonly records = new Map<string, string>();
  /** Internal ids `get` finds. */
  readonly ids = new Set<string>();
  /** externalId → what its create throws. */
  readonly failCreate = new Map<string, unknown>();
  /** Fields `get` returns for a record, by `${recordType}:${externalId}` (e.g. a deposit's posted `total`). */
  readonly fields = new Map<string, Record<string, unknown>>();
  /** Rows a SuiteQL query returns. */
  suiteqlRows: Array<Record<string, string>> = [];
  /** Requests out at once, and the most seen. */
  inFlight = 0;
  maxInFlight = 0;
  private nextId = 100;

  constructor(private readonly latencyMs = 0) {}

  private async request<T>(call: string, work: () => T): Promise<T> {
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, this.latencyMs));
      return work();
    } finally {
      this.inFlight--;
    }
  }

  createWithExternalId(recordType: string, body: Record<string, unknown> & { externalId: string }): Promise<{ internalId: string; created: boolean }> {
    return this.request(`create ${recordType} ${body.externalId}`, () => {
      const failure = this.failCreate.get(body.externalId);
      if (failure) throw failure;
      const id = String(this.nextId++);
      this.records.set(`${recordType}:${body.externalId}`, id);
      this.ids.add(id);
      return { internalId: id, created: true };
    });
  }

  getByExternalId(recordType: string, externalId: string): Promise<Record<string, unknown> | undefined> {
    return this.request(`lookup ${recordType} ${externalId}`, () => {
      const id = this.records.get(`${recordType}:${externalId}`);
      return id ? { id, externalId } : undefined;
    });
  }

  get(recordType: string, id: string): Promise<Record<string, unknown>> {
    return this.request(`get ${recordType} ${id}`, () => {
      if (!this.ids.has(id)) {
        throw new NetSuiteError({ status: 404, code: 'NONEXISTENT_ID', detail: `no ${recordType} ${id}`, recordType, internalId: id });
      }
      const key = [...this.records.entries()].find(([, v]) => v === id)?.[0];
      return { id, ...(key ? this.fields.get(key) : undefined) };
    });
  }

  update(recordType: string, id: string, body: Record<string, unknown>): Promise<void> {
    return this.request(`update ${recordType} ${id} ${JSON.stringify(body)}`, () => undefined);
  }

  suiteql(query: string, params: Array<string | number> = []): Promise<Array<Record<string, string>>> {
    return this.request(`suiteql ${params.join(',')}`, () => this.suiteqlRows);
  }
}

export function refusedLogin(): NetSuiteError {
  return new NetSuiteError({ status: 401, code: 'INVALID_LOGIN', detail: 'Invalid login attempt.' });
}
