// The committed src/sandbox/netsuite/reference/record-schemas.json is exactly what
// scripts/generate-netsuite-schemas.mjs makes from ../shared/reference/netsuite-schemas (the REST API Browser
// tables). CI has ../shared beside the checkout, so there it really compares; without it only the JSON is checked.
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const committed = path.join(root, 'src/sandbox/netsuite/reference/record-schemas.json');
const shared = path.resolve(root, '../shared/reference/netsuite-schemas');

describe('NetSuite sandbox: generated record schemas', () => {
  it('the committed JSON loads and holds every record the sandbox serves from the tables', () => {
    const json = JSON.parse(fs.readFileSync(committed, 'utf8')) as { records: string[]; definitions: Record<string, unknown>; enums: Record<string, string[]> };
    for (const r of json.records) expect(json.definitions, r).to.have.property(r);
    expect(json.records).to.include.members(['customer', 'invoice', 'creditMemo', 'customerPayment', 'customerRefund', 'deposit', 'journalEntry', 'accountingPeriod']);
    // Repeated enum lists (country codes) are stored once.
    const lists = Object.values(json.enums).map((v) => JSON.stringify(v));
    expect(new Set(lists).size).to.equal(lists.length);
  });

  it('equals what the generator makes from ../shared/reference/netsuite-schemas (when that folder is beside the checkout)', async function () {
    if (!fs.existsSync(shared)) {
      // Nothing to compare against here; the test above already checked the JSON itself.
      return;
    }
    const gen = (await import(pathToFileURL(path.join(root, 'scripts/generate-netsuite-schemas.mjs')).href)) as { render(dir: string): string };
    const fresh = gen.render(shared);
    expect(fresh === fs.readFileSync(committed, 'utf8'), 'record-schemas.json is stale: run npm run generate:schemas').to.equal(true);
  });
});
