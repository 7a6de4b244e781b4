// The part of the NetSuite client that apply uses; NetSuiteClient (src/netsuite) implements it.
export interface NetSuiteWriter {
  createWithExternalId(
    recordType: string,
    body: Record<string, unknown> & { externalId: string },
  ): Promise<{ internalId: string; created: boolean }>;
  getByExternalId(recordType: string, externalId: string): Promise<Record<string, unknown> | undefined>;
  get(recordType: string, id: string, o?: { fields?: string[]; expandSubResources?: boolean }): Promise<Record<string, unknown>>;
  update(recordType: string, id: string, body: Record<string, unknown>): Promise<void>;
  suiteql(query: string, params?: Array<string | number>): Promise<Array<Record<string, string>>>;
}
