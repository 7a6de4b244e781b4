// The feature list as startNetSuiteSandbox and `stripe-netsuite sandbox netsuite --features` take it.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURE_IDS, FeatureError, parseFeatureList, parseFeatures } from '../../src/sandbox/netsuite/features.js';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/cli/main.js');

describe('NetSuite sandbox: --features / features option', () => {
  it("'all' (the default) is every feature, 'none' is none, a list is those ids (any case)", () => {
    expect(parseFeatures(undefined).list()).to.deep.equal([...FEATURE_IDS]);
    expect(parseFeatureList('all').list()).to.deep.equal([...FEATURE_IDS]);
    expect(parseFeatureList('none').list()).to.deep.equal([]);
    expect(parseFeatureList('subsidiaries, MultiCurrency').list()).to.deep.equal(['SUBSIDIARIES', 'MULTICURRENCY']);
  });

  it('an unknown id or MULTICURRENCYCUSTOMER without MULTICURRENCY is refused', () => {
    expect(() => parseFeatureList('SUBSIDIARIES,ONEWORLD')).to.throw(FeatureError, /unknown NetSuite feature 'ONEWORLD'; valid ids: SUBSIDIARIES, MULTICURRENCY/);
    expect(() => parseFeatureList('MULTICURRENCYCUSTOMER')).to.throw(FeatureError, /requires MULTICURRENCY/);
  });

  it('the CLI exits 2 on an unknown id, naming it and the valid ids', () => {
    const r = spawnSync(process.execPath, [cli, 'sandbox', 'netsuite', '--account', 'X_SB1', '--features', 'SUBSIDIARIES,BOGUS'], { encoding: 'utf8', timeout: 30000 });
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/--features: unknown NetSuite feature 'BOGUS'; valid ids: SUBSIDIARIES, MULTICURRENCY, MULTICURRENCYCUSTOMER, PAYMENTINSTRUMENTS, ACCOUNTINGPERIODS, REVENUERECOGNITION/);
  });
});
