import { blockedReason } from '../../src/plan/blocked-reason.js';
import { expect } from 'chai';
import { netSuiteToMinor } from '../../src/accounting/money.js';
import { formatFromFile, parsePlanFormat, renderPlan, PLAN_FORMATS } from '../../src/report/render-plan.js';
import { OPERATION_COLUMNS } from '../../src/report/plan-report-model.js';
import type { PlanJson } from '../../src/report/render-json.js';
import { HOSTILE_DESCRIPTION, samplePlan } from './sample-plan.js';

const SUMMARY = 'Plan: 8 to create, 1 to link, 1 to close, 1 to apply, 2 blocked.';

/** Cells of a Markdown table row, honouring backslash escapes (an escaped pipe does not split). */
function markdownCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      cur += c + (line[i + 1] ?? '');
      i++;
    } else if (c === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells.slice(1, -1);
}

describe('report: renderPlan', () => {
  it('renders the same plan to identical bytes in every format (a fresh copy of the plan each time)', () => {
    for (const format of PLAN_FORMATS) {
      const a = renderPlan(samplePlan(), format, { generatedFor: 'ledger.sqlite' });
      const b = renderPlan(structuredClone(samplePlan()), format, { generatedFor: 'ledger.sqlite' });
      expect(a, format).to.equal(b);
      expect(a.length, format).to.be.greaterThan(200);
      // No clock inside by default.
      expect(a, format).to.not.match(/20\d\d-\d\d-\d\dT\d\d:/);
    }
    const json = renderPlan(samplePlan(), 'json', { includeBodies: true });
    expect(json).to.equal(renderPlan(structuredClone(samplePlan()), 'json', { includeBodies: true }));
  });

  it('shows a timestamp only when given one (CSV rows carry none)', () => {
    for (const format of PLAN_FORMATS.filter((f) => f !== 'csv')) {
      expect(renderPlan(samplePlan(), format, { generatedAt: '2026-03-11T08:00:00Z' }), format).to.contain(
        '2026-03-11T08:00:00Z',
      );
    }
  });

  describe('text', () => {
    const text = renderPlan(samplePlan(), 'text', { generatedFor: 'ledger.sqlite' });
    const lines = text.split('\n');

    it('ends with the summary line and correct counts', () => {
      expect(lines.filter((l) => l.startsWith('Plan: '))).to.deep.equal([SUMMARY]);
      expect(text.trimEnd().split('\n').at(-1)).to.equal(SUMMARY);
      expect(lines[0]).to.equal('stripe-netsuite plan for ledger.sqlite');
    });

    it('has one line per operation under headed columns, each id once, amounts in the currency\'s digits', () => {
      const in1 = lines.find((l) => / in_1 /.test(l))!;
      expect(in1).to.match(/^ {2}\+ create {3}invoice\s+in_1\s+cus_A\s+2026-03-01\s+USD 120\.00\s+Setup /);
      expect(in1.match(/in_1/g)).to.have.length(1);
      expect(lines.find((l) => / in_3 /.test(l))).to.match(/KWD 1\.234\s+Kuwait seats$/);
      expect(lines.find((l) => / in_2 /.test(l))).to.match(/JPY 1,500\s+Tokyo seats$/);
      expect(lines.find((l) => / cus_B /.test(l))).to.match(/^ {2}= link/);
      expect(lines.find((l) => l.includes('in_5-close'))).to.match(/^ {2}x close {4}creditMemo\s+in_5-close\s/);
      expect(lines.find((l) => l.includes('in_6-balance'))).to.match(/^ {2}~ apply {4}creditMemo\s+in_6-balance\s/);
      // Every pass is headed, and columns line up across passes.
      const heads = lines.filter((l) => l.startsWith('  Action '));
      expect(heads).to.have.length(7);
      expect(new Set(heads)).to.have.property('size', 1);
      const opLines = lines.slice(lines.findIndex((l) => l.startsWith('customers:'))).filter((l) => /^ {2}[+=x~!] /.test(l));
      expect(opLines).to.have.length(13);
      const dated = opLines.filter((l) => /\d{4}-\d\d-\d\d/.test(l));
      expect(new Set(dated.map((l) => l.search(/\d{4}-\d\d-\d\d/)))).to.deep.equal(new Set([heads[0].indexOf('Date')]));
      expect(heads[0]).to.match(/^ {2}Action {5}Record type\s+ID\s+Customer\s+Date\s+Amount {2}Description$/);
    });

    it('groups blocked operations by cause, one fix per cause', () => {
      const plan = samplePlan();
      const base = plan.operations[3];
      const reason = (what: string) => blockedReason(what, 'no NetSuite currency is configured for SEK', 'add "sek" to netsuite.currencies');
      plan.operations.push(
        { ...base, key: 'invoice:in_s1', externalId: 'in_s1', stripeId: 'in_s1', blocked: reason('invoice in_s1') },
        { ...base, key: 'invoice:in_s2', externalId: 'in_s2', stripeId: 'in_s2', blocked: `customer:cus_S is blocked (${reason('customer cus_S')})` },
      );
      const out = renderPlan(plan, 'text').split('\n');
      const at = out.indexOf('Blocked, by cause:');
      expect(at).to.be.greaterThan(0);
      expect(out.slice(at + 1, at + 4)).to.deep.equal([
        '  - no NetSuite currency is configured for SEK (2 operations)',
        '    fix: add "sek" to netsuite.currencies',
        '    invoice:in_s1, invoice:in_s2',
      ]);
      expect(out.filter((l) => l.startsWith('    fix: add "sek"'))).to.have.length(1);
    });

    it('fits the width it is given (the terminal\'s), 100 columns by default', () => {
      const longest = (t: string) => Math.max(...t.trimEnd().split('\n').map((l) => [...l].length));
      expect(longest(text)).to.be.at.most(100);
      for (const width of [72, 80, 132]) {
        const t = renderPlan(samplePlan(), 'text', { width });
        expect(longest(t), `width ${width}`).to.be.at.most(width);
        expect(t.trimEnd().split('\n').at(-1)).to.equal(SUMMARY);
      }
      // Narrow: the customer column gives way before the ids.
      const narrow = renderPlan(samplePlan(), 'text', { width: 80 }).split('\n');
      expect(narrow.find((l) => l.startsWith('  Action '))).to.not.contain('Customer');
      expect(narrow.find((l) => l.includes('in_6-balance'))).to.match(/creditMemo\s+in_6-balance\s+2026-03-09/);
    });

    it('puts a blocked operation on a "!" line with its reason on the next line', () => {
      const i = lines.findIndex((l) => / in_4 /.test(l));
      expect(lines[i]).to.match(/^ {2}! blocked {2}invoice\s+in_4\s+cus_X\s+2026-03-04\s+USD 5\.00/);
      expect(lines[i + 1]).to.equal('      blocked (would create): customer cus_X is not in the ledger');
      const j = lines.findIndex((l) => / ch_2 /.test(l));
      expect(lines[j]).to.match(/KWD 0\.005/);
      expect(lines[j + 1]).to.contain('invoice in_9 is not in the ledger');
    });

    it('prints totals per pass and overall, blocked apart', () => {
      const invoicesAt = lines.indexOf('invoices: 3 to create, 1 blocked');
      expect(invoicesAt).to.be.greaterThan(0);
      const section = lines.slice(invoicesAt, lines.indexOf('', invoicesAt));
      expect(section).to.include('  Will post: invoice JPY 1,500, invoice KWD 1.234, invoice USD 120.00');
      expect(section).to.include('  Blocked:   invoice USD 5.00');
      expect(lines).to.include('items: 1 to create');
      // Per record type: never an invoice added to the payment of it; the applying PATCH is not counted again.
      const totalsAt = lines.findIndex((l) => l.startsWith('Totals, all passes'));
      const totals = lines.slice(totalsAt + 1, lines.indexOf('', totalsAt)).join(' ').replace(/\s+/g, ' ');
      expect(totals).to.include(
        'Will post: creditMemo USD 30.00, customerPayment USD 120.00, customerRefund USD 20.00, deposit JPY 1,500, invoice JPY 1,500, invoice KWD 1.234, invoice USD 120.00',
      );
      expect(totals).to.include('Blocked: customerPayment KWD 0.005, invoice USD 5.00');
    });

    it('keeps user text from driving the terminal and uses no colour unless asked', () => {
      expect(text).to.not.contain('\x1b');
      const in1 = lines.find((l) => / in_1 /.test(l))!;
      expect(in1).to.contain('Setup <script>');
      expect(in1.endsWith('…')).to.equal(true); // cut to fit
      expect(in1).to.not.contain('more text');
      const coloured = renderPlan(samplePlan(), 'text', { color: true });
      expect(coloured).to.contain('\x1b[32m+ create \x1b[0m');
      expect(coloured).to.contain('\x1b[31m! blocked\x1b[0m');
      // The only escapes are ours: the description's ESC became a space.
      expect(coloured.replace(/\x1b\[\d+m/g, '')).to.not.contain('\x1b');
      const longer = renderPlan(
        { operations: [{ ...samplePlan().operations[3], summary: { description: 'a\x1b[31mb\nc' } }] },
        'text',
      );
      expect(longer).to.contain('a [31mb c');
    });

    it('marks a pass without operations as having no changes', () => {
      const plan = samplePlan();
      plan.operations = plan.operations.filter((o) => o.pass !== 'items');
      const t = renderPlan(plan, 'text');
      expect(t.split('\n')).to.include('items: no changes');
      const md = renderPlan(plan, 'markdown');
      expect(md).to.contain('## Pass: items\n\n_No changes._\n');
      expect(renderPlan(plan, 'html')).to.match(/<p class="empty">No changes in: [a-z, -]*\bitems\b/);
    });

    it('says "No changes" for an empty plan', () => {
      const empty = renderPlan({ operations: [] }, 'text');
      expect(empty).to.contain('No changes.');
      expect(empty.trimEnd().split('\n').at(-1)).to.equal(
        'Plan: 0 to create, 0 to link, 0 to close, 0 to apply, 0 blocked.',
      );
    });
  });

  describe('json', () => {
    const doc = JSON.parse(renderPlan(samplePlan(), 'json', { generatedFor: 'ledger.sqlite' })) as PlanJson;

    it('parses, with schema version, counts and totals', () => {
      // 2: totals are per record type and currency (`recordType`), applications not counted again.
      expect(doc.schemaVersion).to.equal(2);
      expect(doc.generatedFor).to.equal('ledger.sqlite');
      expect(doc.generatedAt).to.equal(null);
      expect(doc.counts).to.deep.equal({ create: 8, link: 1, close: 1, apply: 1, blocked: 2 });
      expect(doc.operationCount).to.equal(13);
      expect(doc.totals.willPost.map((t) => [t.recordType, t.currency, t.amountMinor, t.amount])).to.deep.equal([
        ['creditMemo', 'usd', 3000, '30.00'],
        ['customerPayment', 'usd', 12000, '120.00'],
        ['customerRefund', 'usd', 2000, '20.00'],
        ['deposit', 'jpy', 1500, '1500'],
        ['invoice', 'jpy', 1500, '1500'],
        ['invoice', 'kwd', 1234, '1.234'],
        ['invoice', 'usd', 12000, '120.00'],
      ]);
      expect(doc.totals.blocked.map((t) => [t.recordType, t.currency, t.amountMinor])).to.deep.equal([
        ['customerPayment', 'kwd', 5],
        ['invoice', 'usd', 500],
      ]);
      expect(doc.passes.map((p) => p.name)).to.deep.equal([
        'customers',
        'items',
        'invoices',
        'payments',
        'refunds',
        'closures',
        'deposits',
      ]);
    });

    it('gives every operation the agreed fields, and amounts round-trip', () => {
      const ops = doc.passes.flatMap((p) => p.operations);
      expect(ops).to.have.length(13);
      for (const op of ops) {
        expect(Object.keys(op)).to.deep.equal([
          'key',
          'action',
          'status',
          'recordType',
          'externalId',
          'stripeId',
          'target',
          'customer',
          'date',
          'currency',
          'amountMinor',
          'amount',
          'description',
          'dependsOn',
          'blocked',
          'gl',
        ]);
        if (op.amountMinor !== null) {
          expect(netSuiteToMinor(op.amount!, op.currency!), op.key).to.equal(op.amountMinor);
        } else {
          expect(op.amount).to.equal(null);
        }
      }
      const in1 = ops.find((o) => o.key === 'invoice:in_1')!;
      expect(in1).to.deep.include({
        action: 'create',
        status: 'create',
        recordType: 'invoice',
        externalId: 'in_1',
        stripeId: 'in_1',
        customer: 'cus_A',
        date: '2026-03-01',
        currency: 'usd',
        amountMinor: 12000,
        amount: '120.00',
        description: HOSTILE_DESCRIPTION,
        blocked: null,
      });
      expect(in1.dependsOn).to.deep.equal(['customer:cus_A', 'serviceSaleItem:price_1']);
      const ch2 = ops.find((o) => o.key === 'customerPayment:ch_2')!;
      expect(ch2).to.deep.include({ status: 'blocked', action: 'create', amount: '0.005', blocked: 'invoice in_9 is not in the ledger' });
    });

    it('includes NetSuite bodies, keys sorted, only when asked', () => {
      const withBodies = JSON.parse(renderPlan(samplePlan(), 'json', { includeBodies: true })) as PlanJson;
      const in1 = withBodies.passes.flatMap((p) => p.operations).find((o) => o.key === 'invoice:in_1')!;
      expect(in1.body).to.deep.equal({ entity: { $ref: 'customer:cus_A' }, externalId: 'in_1', memo: 'Stripe: in_1' });
      expect(Object.keys(in1.body!)).to.deep.equal(['entity', 'externalId', 'memo']);
      expect(doc.passes.flatMap((p) => p.operations).every((o) => !('body' in o))).to.equal(true);
    });
  });

  describe('markdown', () => {
    const md = renderPlan(samplePlan(), 'markdown', { generatedFor: 'ledger.sqlite' });
    const lines = md.split('\n');

    it('has a table per pass with the agreed columns, every row the same width', () => {
      const headers = lines.filter((l) => l.startsWith('| Action |'));
      expect(headers).to.have.length(7);
      for (const h of headers) expect(markdownCells(h)).to.deep.equal([...OPERATION_COLUMNS]);
      for (let i = 0; i < lines.length; i++) {
        if (!lines[i].startsWith('| Action |')) continue;
        const width = markdownCells(lines[i]).length;
        expect(markdownCells(lines[i + 1])).to.deep.equal(['---', '---', '---', '---', '---', '---', '---:', '---', '---']);
        for (let j = i + 2; lines[j].startsWith('|'); j++) expect(markdownCells(lines[j]), lines[j]).to.have.length(width);
      }
      const in1 = lines.find((l) => l.includes('`in_1`'))!;
      expect(markdownCells(in1).slice(0, 8)).to.deep.equal([
        'create',
        'invoice',
        '`in_1`',
        'cus\\_A',
        '2026-03-01',
        'USD',
        '120.00',
        '`in_1`',
      ]);
    });

    it('escapes user text: no raw HTML, no stray pipes, no broken rows', () => {
      expect(md).to.not.contain('<script>');
      const in1 = lines.find((l) => l.includes('`in_1`'))!;
      expect(markdownCells(in1)[8]).to.equal(
        'Setup &lt;script&gt;alert("x")&lt;/script&gt; \\| \\*bold\\* &amp; \\`tick\\`  \\[31mred, then more text',
      );
      expect(md).to.not.contain('\x1b');
    });

    it('summarises passes, totals per currency and the blocked operations', () => {
      expect(md).to.contain(`**${SUMMARY}**`);
      expect(lines).to.include('| invoices | 3 | 0 | 0 | 0 | 1 | invoice JPY 1,500, invoice KWD 1.234, invoice USD 120.00 | invoice USD 5.00 |');
      expect(lines).to.include('| invoice | KWD | 1.234 | 1 | 0.000 | 0 |');
      expect(lines).to.include('| customerPayment | KWD | 0.000 | 0 | 0.005 | 1 |');
      expect(lines).to.include('| invoice | USD | 120.00 | 1 | 5.00 | 1 |');
      expect(lines).to.include('| invoice | JPY | 1,500 | 1 | 0 | 0 |');
      const blockedAt = lines.indexOf('## Blocked operations');
      expect(blockedAt).to.be.greaterThan(0);
      const eachAt = lines.indexOf('### Each operation');
      expect(eachAt).to.be.greaterThan(blockedAt);
      const rows = lines.slice(eachAt + 4).filter((l) => l.startsWith('|'));
      expect(rows.map(markdownCells)).to.deep.equal([
        ['invoices', 'create', 'invoice', '`in_4`', '`in_4`', 'customer cus\\_X is not in the ledger'],
        ['payments', 'create', 'customerPayment', '`ch_2`', '`ch_2`', 'invoice in\\_9 is not in the ledger'],
      ]);
    });

    it('groups blocked operations by cause with one fix each, and writes amounts with thousands separators', () => {
      const reason = (what: string) => blockedReason(what, 'no NetSuite currency is configured for SEK', 'add "sek" to netsuite.currencies');
      const plan = samplePlan();
      const base = plan.operations[3];
      plan.operations.push(
        { ...base, key: 'invoice:in_big', externalId: 'in_big', stripeId: 'in_big', summary: { ...base.summary, amount: 123456789, currency: 'usd' } },
        { ...base, key: 'invoice:in_s1', externalId: 'in_s1', stripeId: 'in_s1', blocked: reason('invoice in_s1') },
        { ...base, key: 'invoice:in_s2', externalId: 'in_s2', stripeId: 'in_s2', blocked: `customer:cus_S is blocked (${reason('customer cus_S')})` },
      );
      const out = renderPlan(plan, 'markdown').split('\n');
      expect(out.find((l) => l.includes('`in_big`'))).to.contain('| 1,234,567.89 |');
      const at = out.indexOf('- **no NetSuite currency is configured for SEK** (2 operations)');
      expect(at, out.join('\n')).to.be.greaterThan(0);
      expect(out[at + 1]).to.equal('  - Fix: add "sek" to netsuite.currencies');
      expect(out[at + 2]).to.equal('  - `invoice:in_s1`, `invoice:in_s2`');
      expect(out.filter((l) => l.startsWith('  - Fix: add "sek"'))).to.have.length(1);
    });
  });

  describe('html', () => {
    const html = renderPlan(samplePlan(), 'html', { generatedFor: 'ledger <x>.sqlite' });

    it('is a self-contained page: no scripts, no external references', () => {
      expect(html.startsWith('<!DOCTYPE html>')).to.equal(true);
      expect(html).to.not.match(/<script/i);
      expect(html).to.not.match(/https?:|\/\/[a-z]/i);
      expect(html).to.not.match(/\ssrc=/i);
      // Links only within the page.
      expect(html.match(/\shref="[^"]*"/g)!.every((h) => h.startsWith(' href="#'))).to.equal(true);
      expect(html).to.not.match(/<link|@import|url\(/i);
      expect(html).to.contain('<style>');
      expect(html).to.contain('content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;');
    });

    it('escapes every piece of user text', () => {
      expect(html).to.contain('Setup &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; | *bold* &amp; `tick`  [31mred, then more text');
      expect(html).to.contain('<title>stripe-netsuite plan for ledger &lt;x&gt;.sqlite</title>');
      expect(html).to.not.contain('\x1b');
    });

    it('has the same tables: summary, currencies, one per pass with operations; blocked grouped by cause', () => {
      expect(html.match(/<table class="operations"/g)).to.have.length(7);
      expect(html).to.contain('<p class="summary">' + SUMMARY + '</p>');
      // The id once (external id = Stripe id here); amounts grouped, in the currency's minor digits.
      expect(html).to.contain(
        '<tr class="op create cur-usd" id="op-invoice:in_1"><td class="action">create</td><td>invoice</td><td><code>in_1</code></td>' +
          '<td><code>cus_A</code></td><td class="num">2026-03-01</td><td class="cur">USD</td><td class="num">120.00</td><td>',
      );
      expect(html).to.contain('<td class="cur">KWD</td><td class="num">1.234</td>');
      expect(html).to.contain('<span class="sub">Stripe <code>in_5</code></span>');
      expect(html).to.contain('<tr class="op blocked cur-usd" id="op-invoice:in_4"><td class="action">blocked (create)</td>');
      expect(html).to.contain(
        '<tr><td>invoice</td><td>USD</td><td class="num">120.00</td><td class="num">1</td><td class="num">5.00</td><td class="num">1</td></tr>',
      );
      expect(html).to.contain('<li><span class="reason">invoice in_9 is not in the ledger</span> — 1 operation(s)<br>');
      // Every row of an operation table has as many cells as its header.
      for (const table of html.split('<table class="operations"').slice(1)) {
        const body = table.slice(0, table.indexOf('</table>'));
        const rows = body.match(/<tr[^>]*>.*?<\/tr>/g)!;
        const width = (rows[0].match(/<th/g) ?? []).length;
        expect(width).to.equal(8);
        for (const r of rows.slice(1)) expect((r.match(/<td/g) ?? []).length).to.equal(width);
      }
    });
  });

  describe('csv', () => {
    const csv = renderPlan(samplePlan(), 'csv');
    /** RFC 4180 records: quoted fields may hold commas, quotes and line breaks. */
    function records(text: string): string[][] {
      const out: string[][] = [];
      let row: string[] = [];
      let cur = '';
      let quoted = false;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
          if (c === '"' && text[i + 1] === '"') (cur += '"'), i++;
          else if (c === '"') quoted = false;
          else cur += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') row.push(cur), (cur = '');
        else if (c === '\r' && text[i + 1] === '\n') {
          row.push(cur);
          out.push(row);
          (row = []), (cur = ''), i++;
        } else cur += c;
      }
      return out;
    }

    it('is one RFC 4180 record per operation under a header, CRLF-terminated', () => {
      expect(csv.endsWith('\r\n')).to.equal(true);
      const rows = records(csv);
      expect(rows[0]).to.deep.equal(['pass', 'action', 'status', 'record_type', 'external_id', 'stripe_id', 'customer', 'date', 'currency', 'amount', 'amount_minor', 'description', 'blocked_reason', 'depends_on']);
      expect(rows).to.have.length(14);
      for (const r of rows) expect(r).to.have.length(14);
      const in1 = rows.find((r) => r[4] === 'in_1')!;
      expect(in1.slice(0, 11)).to.deep.equal(['invoices', 'create', 'create', 'invoice', 'in_1', 'in_1', 'cus_A', '2026-03-01', 'USD', '120.00', '12000']);
      // The hostile description survives quoting: comma-free here, but quotes and a line break.
      expect(in1[11]).to.equal('Setup <script>alert("x")</script> | *bold* & `tick`\n [31mred, then more text');
      expect(in1[13]).to.equal('customer:cus_A serviceSaleItem:price_1');
      expect(rows.find((r) => r[4] === 'in_3')!.slice(8, 11)).to.deep.equal(['KWD', '1.234', '1234']);
      expect(rows.find((r) => r[4] === 'in_4')!.slice(2, 3).concat(rows.find((r) => r[4] === 'in_4')![12])).to.deep.equal(['blocked', 'customer cus_X is not in the ledger']);
    });

    it('keeps a spreadsheet from evaluating user text as a formula', () => {
      const plan = samplePlan();
      plan.operations[0].summary.description = '=HYPERLINK("http://x","y"),1';
      const rows = records(renderPlan(plan, 'csv'));
      expect(rows[1][11]).to.equal('\'=HYPERLINK("http://x","y"),1');
    });
  });

  it('infers the format from an --out file name', () => {
    expect(formatFromFile('plan.json')).to.equal('json');
    expect(formatFromFile('/tmp/review/PLAN.MD')).to.equal('markdown');
    expect(formatFromFile('plan.html')).to.equal('html');
    expect(formatFromFile('plan.htm')).to.equal('html');
    expect(formatFromFile('plan.txt')).to.equal('text');
    expect(formatFromFile('plan.CSV')).to.equal('csv');
    expect(formatFromFile('plan.out')).to.equal(undefined);
    expect(formatFromFile('plan')).to.equal(undefined);
    expect(parsePlanFormat('md')).to.equal('markdown');
    expect(parsePlanFormat('JSON')).to.equal('json');
    expect(() => parsePlanFormat('yaml')).to.throw(/unknown plan format "yaml"/);
  });
});
