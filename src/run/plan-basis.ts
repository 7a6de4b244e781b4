// What a plan was built from, fingerprinted: a saved plan (`plan --out FILE.json`) is applied only while each part
// is unchanged, and a stale one is refused naming the parts that changed.
import { createHash } from 'node:crypto';
import type { Settings } from '../config/settings.js';
import { accountDigest, type AccountProfile } from '../account/account-profile.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { readContentVersion } from '../ledger/content-version.js';
import { canonicalJson } from '../stripe-objects/canonical-json.js';

export interface PlanBasis {
  /** The ledger's content version: bumped when a snapshot or a link changes (content-version.ts). */
  ledgerContent: string;
  /** Hash of every link (operation key → NetSuite internal id). */
  links: string;
  /** Hash of the settings (no secrets: those are not in settings). */
  settings: string;
  /** Hash of the NetSuite account's profile (fields, features, base currency, periods); '' when it was not read. */
  account: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export function planBasis(ledger: Ledger, settings: Settings, account: AccountProfile | undefined): PlanBasis {
  const h = createHash('sha256');
  const rows = ledger.sqlite.prepare('SELECT op_key, internal_id FROM links ORDER BY op_key').iterate() as IterableIterator<{ op_key: string; internal_id: string }>;
  for (const r of rows) h.update(`${r.op_key}\u0000${r.internal_id}\n`);
  return {
    ledgerContent: readContentVersion(ledger.sqlite),
    links: h.digest('hex'),
    settings: sha(canonicalJson(settings)),
    account: account ? sha(accountDigest(account)) : '',
  };
}

const WHAT: Record<keyof PlanBasis, string> = {
  ledgerContent: 'the ledger content (Stripe snapshots or links)',
  links: 'the links (records made in NetSuite since)',
  settings: 'the settings',
  account: "the NetSuite account's fields, features or periods",
};

/** What changed between the saved basis and now, in words; empty when nothing did. */
export function basisChanges(saved: PlanBasis, now: PlanBasis): string[] {
  // A new link bumps the content version too, so a link recorded since names both.
  return (Object.keys(WHAT) as Array<keyof PlanBasis>).filter((k) => saved[k] !== now[k]).map((k) => WHAT[k]);
}
