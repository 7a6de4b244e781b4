// Extraction test wiring: the Stripe sandbox over a world (started by test/support/sandboxes.ts), the official SDK
// through our client, a real SQLite ledger.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExtractSettings, Settings } from '../../src/config/settings.js';
import { openLedger, type Ledger } from '../../src/ledger/open-ledger.js';
import { createStripeClient, type StripeClient } from '../../src/extract/stripe-client.js';
import type { StripeSandbox, StripeFaults, StripeSandboxOptions } from '../../src/sandbox/stripe/server.js';
import { startStripe, TEST_SECRETS } from '../support/sandboxes.js';

export function testSettings(extract: Partial<ExtractSettings> = {}): Settings {
  const file = path.resolve(process.cwd(), 'config/stripe-netsuite.json');
  const s = JSON.parse(fs.readFileSync(file, 'utf8')) as Settings;
  s.extract = { ...s.extract, requestsPerSecond: 1000, ...extract };
  return s;
}

export interface Harness {
  sandbox: StripeSandbox;
  ledger: Ledger;
  client: StripeClient;
  settings: Settings;
  close(): Promise<void>;
}

export function tempLedger(): { ledger: Ledger; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-test-'));
  return { ledger: openLedger(path.join(dir, 'ledger.sqlite')), dir };
}

export async function startHarness(o: {
  world: object[];
  now: number;
  extract?: Partial<ExtractSettings>;
  faults?: StripeFaults;
  accountApiVersion?: StripeSandboxOptions['accountApiVersion'];
}): Promise<Harness> {
  const sandbox = await startStripe({
    world: o.world, now: o.now, apiKey: TEST_SECRETS.stripeApiKey, faults: o.faults, accountApiVersion: o.accountApiVersion,
  });
  const { ledger, dir } = tempLedger();
  const settings = testSettings(o.extract);
  const client = createStripeClient(
    { stripeApiKey: TEST_SECRETS.stripeApiKey, stripeApiBase: sandbox.url },
    { requestsPerSecond: settings.extract.requestsPerSecond, retry: { maxAttempts: 14, baseDelayMs: 2, maxDelayMs: 20 } },
  );
  return {
    sandbox,
    ledger,
    client,
    settings,
    close: async () => {
      await ledger.close();
      await sandbox.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** id → content hash of every snapshot in the ledger. */
export function ledgerHashes(ledger: Ledger): Map<string, string> {
  const rows = ledger.sqlite.prepare('SELECT id, hash FROM stripe_objects ORDER BY id').all() as Array<{ id: string; hash: string }>;
  return new Map(rows.map((r) => [r.id, r.hash]));
}

export interface StoredRow {
  object: Record<string, unknown>;
  final: boolean;
  payout: string | null;
  updatedAt: number;
}

export function stored(ledger: Ledger, id: string): StoredRow | undefined {
  const row = ledger.sqlite.prepare('SELECT json, final, payout, updated_at FROM stripe_objects WHERE id = ?').get(id) as
    | { json: string; final: number; payout: string | null; updated_at: number }
    | undefined;
  return row
    ? { object: JSON.parse(row.json) as Record<string, unknown>, final: row.final === 1, payout: row.payout, updatedAt: row.updated_at }
    : undefined;
}

/** The sandbox's request log from index `from` on, paths URL-decoded. */
export function requestsSince(sandbox: StripeSandbox, from: number): string[] {
  return sandbox.requestLog.slice(from).map((r) => `${r.method} ${decodeURIComponent(r.path)}`);
}
