// Customer matching (#8): full-value equality, case- and whitespace-insensitive, customers only, first match wins.
import type { NetSuiteWriter } from './netsuite-writer.js';

/** Spaces removed and lowercased, exactly as the SuiteQL expression below treats the NetSuite side. */
export function normalizeMatchValue(value: string): string {
  return value.split(' ').join('').toLowerCase();
}

export async function findMatchingCustomer(
  client: NetSuiteWriter,
  field: string,
  value: string,
): Promise<string | undefined> {
  if (!/^[a-z_][a-z0-9_]*$/i.test(field)) throw new Error(`customer match field "${field}" is not a field name`);
  const rows = await client.suiteql(
    `SELECT id FROM customer WHERE LOWER(REPLACE(${field}, ' ', '')) = ? ORDER BY id`,
    [normalizeMatchValue(value)],
  );
  return rows[0]?.id;
}
