/// <reference lib="dom" />
// The HTML report in a real headless browser (Debian's chromium, driven by playwright-core): layout facts at
// 1,024 px, navigation, collapsing, filters, and screenshots that are written to disk and checked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Plan } from '../../src/plan/build-plan.js';
import { renderPlan } from '../../src/report/render-plan.js';
import { samplePlan } from './sample-plan.js';
import { testSettings } from '../plan/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';

/** The sample plan and 180 more operations over 60 days, some with long unbroken ids and text. */
function largePlan(): Plan {
  const plan = samplePlan();
  const base = plan.operations.find((op) => op.key === 'customerPayment:ch_1')!;
  for (let i = 0; i < 180; i++) {
    const day = `2026-01-${String((i % 28) + 1).padStart(2, '0')}`;
    const id = i % 17 === 0 ? `ch_${'X'.repeat(60)}${i}` : `ch_big${i}`;
    plan.operations.push({
      ...structuredClone(base),
      key: `customerPayment:${id}`,
      pass: i % 3 === 0 ? 'refunds' : 'payments',
      externalId: id,
      stripeId: id,
      summary: {
        customer: `cus_${i % 9}`,
        date: i % 2 ? day : `2026-02-${String((i % 28) + 1).padStart(2, '0')}`,
        currency: i % 5 === 0 ? 'jpy' : 'usd',
        amount: i === 7 ? 123_456_789 : 1000 + i * 37,
        description: i % 11 === 0 ? `Long${'y'.repeat(150)}` : `Payment ${i}`,
      },
      ...(i % 13 === 0 ? { blocked: `charge ${id}: no NetSuite currency is configured for USD; fix: add "usd" (the NetSuite currency's internal id) to netsuite.currencies` } : {}),
    });
  }
  // Deposits with the bodies the deposits pass writes, so the tie-outs and their chart have figures: ten in USD,
  // the last one short of its payout (blocked, as the pass blocks a deposit that does not tie).
  const deposit = plan.operations.find((op) => op.key === 'deposit:po_1')!;
  for (let i = 0; i < 10; i++) {
    const gross = 250_000 + i * 12_345;
    const fee = 7_250 + i * 31;
    const payout = gross - fee + (i === 9 ? 1_000 : 0);
    plan.operations.push({
      ...structuredClone(deposit),
      key: `deposit:po_usd${i}`,
      externalId: `po_usd${i}`,
      stripeId: `po_usd${i}`,
      body: {
        account: { id: '1' },
        currency: { id: '1' },
        tranDate: `2026-02-${String(i + 1).padStart(2, '0')}`,
        payment: { items: [{ id: { $refId: `customerPayment:ch_big${i}` }, deposit: true, paymentAmount: gross / 100 }] },
        cashback: { items: [{ account: { id: '7' }, amount: fee / 100, memo: `Stripe: po_usd${i} processing fees (1 transaction)` }] },
      },
      summary: { date: `2026-02-${String(i + 1).padStart(2, '0')}`, currency: 'usd', amount: payout, description: `deposit of payout po_usd${i}` },
      ...(i === 9 ? { blocked: `deposit for payout po_usd9 is not proved: deposit lines sum to less than the payout` } : {}),
    });
  }
  return plan;
}

describe('report: the HTML report in a browser', function () {
  this.timeout(120_000);
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let shots: string;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-chromium-'));
    shots = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-shots-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1024, height: 768 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // The report needs nothing from the network; any request is a failure.
    await context.route('**/*', (route) => route.abort());
    page = await context.newPage();
    const html = renderPlan(largePlan(), 'html', {
      generatedFor: 'ledger.sqlite',
      generatedAt: '2026-03-11T08:00:00Z',
      netsuiteAccount: '1234567_SB1',
      version: '9.9.9',
      books: testSettings().netsuite,
    });
    await page.setContent(html, { waitUntil: 'load' });
  });

  after(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    if (shots) fs.rmSync(shots, { recursive: true, force: true });
  });

  it('fits 1,024 px: no horizontal overflow', async () => {
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
    expect(widths.doc).to.be.at.most(1024);
    expect(widths.body).to.be.at.most(1024);
  });

  it('has a header with the account, dates, when and which version', async () => {
    const meta = await page.locator('dl.meta').innerText();
    expect(meta).to.contain('1234567_SB1');
    expect(meta).to.match(/2026-01-0\d to 2026-03-10 \(first and last operation date\)/);
    expect(meta).to.contain('2026-03-11T08:00:00Z');
    expect(meta).to.contain('stripe-netsuite 9.9.9');
  });

  it('formats amounts per currency: thousands separators and the currency\'s minor digits', async () => {
    expect(await page.locator('#op-customerPayment\\:ch_big7 td.num').last().innerText()).to.equal('1,234,567.89');
    expect(await page.locator('#op-invoice\\:in_3 td.num').last().innerText()).to.equal('1.234');
    expect(await page.locator('#op-invoice\\:in_2 td.num').last().innerText()).to.equal('1,500');
  });

  it('navigation links reach their sections', async () => {
    const links = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(links).to.include.members(['#summary', '#charts', '#pass-invoices', '#pass-payments', '#blocked']);
    for (const href of links) {
      await page.click(`nav.toc a[href="${href}"]`);
      const top = await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, href.slice(1));
      expect(top, href).to.be.within(0, 768);
      expect(await page.evaluate(() => location.hash)).to.equal(href);
    }
  });

  it('collapses and reopens a pass', async () => {
    const table = page.locator('#pass-payments table.operations');
    expect(await table.isVisible()).to.equal(true);
    await page.click('#pass-payments summary');
    expect(await table.isVisible()).to.equal(false);
    await page.click('#pass-payments summary');
    expect(await table.isVisible()).to.equal(true);
  });

  it('filters hide rows by action and by currency', async () => {
    const visible = (sel: string) => page.locator(sel).evaluateAll((rows) => rows.filter((r) => (r as HTMLElement).offsetParent !== null).length);
    const blocked = await visible('tr.op.blocked');
    expect(blocked).to.be.greaterThan(0);
    const create = await visible('tr.op.create');
    await page.uncheck('#f-create');
    expect(await visible('tr.op.create')).to.equal(0);
    expect(await visible('tr.op.blocked')).to.equal(blocked);
    await page.check('#f-create');
    expect(await visible('tr.op.create')).to.equal(create);
    await page.uncheck('#f-cur-jpy');
    expect(await visible('tr.op.cur-jpy')).to.equal(0);
    expect(await visible('tr.op.cur-usd')).to.be.greaterThan(0);
    await page.check('#f-cur-jpy');
  });

  it('groups blocked operations by cause, one fix each', async () => {
    const causes = page.locator('#blocked ul.causes > li');
    const texts = await causes.allInnerTexts();
    const usd = texts.filter((t) => t.includes('no NetSuite currency is configured for USD'));
    expect(usd).to.have.length(1);
    expect(usd[0]).to.contain('14 operation(s)');
    expect(usd[0]).to.contain('Fix: add "usd" (the NetSuite currency\'s internal id) to netsuite.currencies');
  });

  it('draws deposits against their payouts: a pair of bars per deposit, the one that does not tie in red', async () => {
    const chart = page.locator('figure#chart-deposits-usd');
    expect(await chart.locator('rect.payout').count()).to.equal(10);
    expect(await chart.locator('rect.net.ties').count()).to.equal(9);
    const off = chart.locator('rect.net.off');
    expect(await off.count()).to.equal(1);
    expect(await off.locator('title').textContent()).to.equal('po_usd9: deposit net USD 3,535.76, does not tie (off by USD 10.00)');
    expect(await chart.locator('figcaption').textContent()).to.equal('USD deposits against their payouts: 10 deposits, 1 deposit not tied');
    // Within the page at 1,024 px, and reached from the navigation's Charts link.
    const box = (await chart.boundingBox())!;
    expect(box.x + box.width).to.be.at.most(1024);
    expect(box.height).to.be.greaterThan(100);
    const shot = path.join(shots, 'chart-deposits-usd.png');
    await chart.screenshot({ path: shot });
    expect(fs.readFileSync(shot).length).to.be.greaterThan(3_000);
  });

  it('draws charts and screenshots that are not blank', async () => {
    expect(await page.locator('figure#chart-passes rect').count()).to.be.greaterThan(5);
    expect(await page.locator('figure#chart-daily-usd rect').count()).to.be.greaterThan(20);
    const full = path.join(shots, 'report-1024.png');
    await page.screenshot({ path: full, fullPage: true });
    const chart = path.join(shots, 'chart-daily-usd.png');
    await page.locator('figure#chart-daily-usd').screenshot({ path: chart });
    for (const [file, minWidth, minBytes] of [[full, 1024, 50_000], [chart, 500, 5_000]] as const) {
      const png = fs.readFileSync(file);
      expect(png.subarray(1, 4).toString('latin1'), file).to.equal('PNG');
      expect(png.readUInt32BE(16), `${file} width`).to.be.at.least(minWidth);
      expect(png.length, `${file} bytes`).to.be.greaterThan(minBytes);
    }
    // Not blank: the chart has many distinct colours (the bars), counted from the rendered pixels.
    // Decoded in a blank page: the report's own policy forbids images.
    const blank = await context.newPage();
    const colours = await blank.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return seen.size;
    }, fs.readFileSync(chart).toString('base64'));
    await blank.close();
    expect(colours).to.be.greaterThan(4);
  });
});
