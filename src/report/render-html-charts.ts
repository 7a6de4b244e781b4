// Inline SVG charts for the HTML report, drawn by our code (no library, no network). Sums stay integer minor
// units; only pixel positions are fractions.
import { REPORT_ACTIONS, type ReportAction, type ReportModel } from './plan-report-model.js';
import { groupedAmount } from './format-money.js';
import { esc } from './escape-html.js';

const ACTION_COLOURS: Record<ReportAction, string> = {
  create: '#1a7f37',
  link: '#0969da',
  close: '#8250df',
  apply: '#9a6700',
  blocked: '#cf222e',
};

const PASS_COLOURS = ['#0969da', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#1b7c83', '#bf3989', '#57606a', '#953800', '#6639ba'];

const WIDTH = 960;

/** Operations per pass, one bar each, split by action: where the work and the blocked items are. */
export function passStatusChart(model: ReportModel): string {
  const passes = model.passes.filter((p) => p.operations.length > 0);
  if (passes.length === 0) return '';
  const left = 170;
  const row = 22;
  const top = 24;
  const height = top + passes.length * row + 8;
  const max = Math.max(...passes.map((p) => p.operations.length));
  const scale = (WIDTH - left - 60) / max;
  const parts: string[] = [];
  parts.push(legend(REPORT_ACTIONS.filter((a) => model.counts[a] > 0).map((a) => [a, ACTION_COLOURS[a]]), left));
  passes.forEach((p, i) => {
    const y = top + i * row;
    parts.push(`<text x="${left - 6}" y="${y + 14}" text-anchor="end">${esc(p.name)}</text>`);
    let x = left;
    for (const a of REPORT_ACTIONS) {
      const n = p.counts[a];
      if (n === 0) continue;
      const w = n * scale;
      parts.push(`<rect x="${fx(x)}" y="${y + 3}" width="${fx(w)}" height="${row - 6}" fill="${ACTION_COLOURS[a]}"><title>${esc(`${p.name}: ${n} ${a}`)}</title></rect>`);
      x += w;
    }
    parts.push(`<text x="${fx(x + 6)}" y="${y + 14}">${p.operations.length}</text>`);
  });
  return figure(
    'chart-passes',
    'Operations per pass, by action',
    WIDTH,
    height,
    parts,
  );
}

/**
 * Amounts that will post in one currency, per day (per month over a quarter), one bar per pass. Each bar is one
 * pass's own sum: record types are never added together.
 */
export function dailyAmountsChart(model: ReportModel, currency: string): string {
  const byPass = new Map<string, Map<string, number>>();
  const days = new Set<string>();
  for (const p of model.passes) {
    for (const op of p.operations) {
      if (op.blocked || op.currency !== currency || op.amountMinor === undefined || !op.date) continue;
      const day = op.date.slice(0, 10);
      days.add(day);
      const m = byPass.get(p.name) ?? new Map<string, number>();
      m.set(day, (m.get(day) ?? 0) + op.amountMinor);
      byPass.set(p.name, m);
    }
  }
  if (days.size === 0) return '';
  const sorted = [...days].sort();
  const all = dayRange(sorted[0], sorted[sorted.length - 1]);
  const monthly = all.length > 92;
  const slots = monthly ? [...new Set(all.map((d) => d.slice(0, 7)))] : all;
  const slotOf = (day: string) => (monthly ? day.slice(0, 7) : day);
  const passes = [...byPass.keys()];
  const values = new Map<string, number[]>();
  for (const pass of passes) {
    const v = slots.map(() => 0);
    for (const [day, amount] of byPass.get(pass)!) {
      const i = slots.indexOf(slotOf(day));
      v[i] += amount;
      if (!Number.isSafeInteger(v[i])) throw new Error(`daily total in ${currency} exceeds safe integer range`);
    }
    values.set(pass, v);
  }
  const plot = amountPlot([...values.values()].flat(), slots, currency);
  const barW = Math.max(1, (plot.slotW * 0.8) / passes.length);
  const parts: string[] = [legend(passes.map((p, i) => [p, PASS_COLOURS[i % PASS_COLOURS.length]]), plot.left), ...plot.frame];
  passes.forEach((pass, pi) => {
    values.get(pass)!.forEach((v, si) => {
      if (v === 0) return;
      const title = `${slots[si]} ${pass}: ${currency.toUpperCase()} ${groupedAmount(v, currency)}`;
      parts.push(plot.bar(plot.slotX(si) + pi * barW, barW, v, `fill="${PASS_COLOURS[pi % PASS_COLOURS.length]}"`, title));
    });
  });
  return figure(
    `chart-daily-${currency.replace(/[^a-z0-9]/g, '')}`,
    `${currency.toUpperCase()} that will post, per ${monthly ? 'month' : 'day'} and pass (each bar one pass's own total)`,
    WIDTH,
    plot.height,
    parts,
  );
}

const PAYOUT_COLOUR = '#57606a';
const TIES_COLOUR = '#1a7f37';
const OFF_COLOUR = '#cf222e';
/** More deposits than this in one currency are drawn per arrival day, so the bars stay wider than a pixel. */
const MAX_DEPOSIT_BARS = 60;

/**
 * Each deposit of one currency against its payout: the payout amount beside the deposit's net (gross payments −
 * refunds − fees + other lines, as the tie-out restates it from the body that will be sent), green when they tie,
 * red when they do not. With many deposits, sums per arrival day (each side summed on its own, integers).
 */
export function depositsAgainstPayoutsChart(model: ReportModel, currency: string): string {
  const deposits = (model.tieOuts?.deposits ?? []).filter((d) => d.currency === currency);
  if (deposits.length === 0) return '';
  const dateOf = new Map(model.passes.flatMap((p) => p.operations).map((op) => [op.key, op.date ?? '']));
  const ordered = [...deposits].sort((a, b) => {
    const da = dateOf.get(a.key) ?? '';
    const db = dateOf.get(b.key) ?? '';
    return da < db ? -1 : da > db ? 1 : a.payout < b.payout ? -1 : a.payout > b.payout ? 1 : 0;
  });
  const perDay = ordered.length > MAX_DEPOSIT_BARS;
  const slots: Array<{ label: string; payout: number; net: number; ties: boolean; count: number }> = [];
  for (const d of ordered) {
    const label = perDay ? dateOf.get(d.key) || '(no date)' : d.payout;
    const last = slots[slots.length - 1];
    if (perDay && last?.label === label) {
      last.payout += d.payoutMinor;
      last.net += d.netMinor;
      last.ties &&= d.ties;
      last.count += 1;
      if (!Number.isSafeInteger(last.payout) || !Number.isSafeInteger(last.net)) throw new Error(`deposit total in ${currency} exceeds safe integer range`);
    } else {
      slots.push({ label, payout: d.payoutMinor, net: d.netMinor, ties: d.ties, count: 1 });
    }
  }
  const plot = amountPlot(
    slots.flatMap((s) => [s.payout, s.net]),
    slots.map((s) => s.label),
    currency,
  );
  const barW = Math.max(1, plot.slotW * 0.4);
  const money = (v: number) => `${currency.toUpperCase()} ${groupedAmount(v, currency)}`;
  const parts: string[] = [
    legend([['payout', PAYOUT_COLOUR], ['deposit net, ties', TIES_COLOUR], ['deposit net, does not tie', OFF_COLOUR]], plot.left),
    ...plot.frame,
  ];
  slots.forEach((s, i) => {
    const x = plot.slotX(i);
    const what = perDay ? `${s.label} (${s.count} deposit${s.count === 1 ? '' : 's'})` : s.label;
    const tie = s.ties ? 'ties' : `does not tie (off by ${money(s.payout - s.net)})`;
    parts.push(plot.bar(x, barW, s.payout, `class="payout" fill="${PAYOUT_COLOUR}"`, `${what}: payout ${money(s.payout)}`));
    parts.push(
      plot.bar(x + barW, barW, s.net, `class="${s.ties ? 'net ties' : 'net off'}" fill="${s.ties ? TIES_COLOUR : OFF_COLOUR}"`, `${what}: deposit net ${money(s.net)}, ${tie}`),
    );
  });
  const off = slots.filter((s) => !s.ties).length;
  return figure(
    `chart-deposits-${currency.replace(/[^a-z0-9]/g, '')}`,
    `${currency.toUpperCase()} deposits against their payouts${perDay ? ', per arrival day' : ''}: ` +
      `${deposits.length} deposit${deposits.length === 1 ? '' : 's'}, ${off === 0 ? 'all tie' : `${off} ${perDay ? 'day' : 'deposit'}${off === 1 ? '' : 's'} not tied`}`,
    WIDTH,
    plot.height,
    parts,
  );
}

/**
 * The frame both amount charts share: a value axis from the lowest to the highest amount (0 always shown), grid
 * lines with their amounts, and the first, middle and last slot labelled under the plot.
 */
function amountPlot(values: number[], slotLabels: string[], currency: string) {
  const hi = Math.max(0, ...values);
  const lo = Math.min(0, ...values);
  const left = 90;
  const top = 24;
  const plotH = 170;
  const span = hi - lo || 1;
  const y = (v: number) => top + ((hi - v) / span) * plotH;
  const slotW = (WIDTH - left - 10) / slotLabels.length;
  const frame: string[] = [];
  for (const tick of [hi, Math.round((hi + lo) / 2), lo, 0].filter((v, i, a) => a.indexOf(v) === i)) {
    frame.push(`<line x1="${left}" x2="${WIDTH - 10}" y1="${fx(y(tick))}" y2="${fx(y(tick))}" stroke="#d0d7de"/>`);
    frame.push(`<text x="${left - 6}" y="${fx(y(tick) + 4)}" text-anchor="end">${esc(groupedAmount(tick, currency))}</text>`);
  }
  for (const i of [0, Math.floor((slotLabels.length - 1) / 2), slotLabels.length - 1].filter((v, i, a) => a.indexOf(v) === i)) {
    frame.push(`<text x="${fx(left + (i + 0.5) * slotW)}" y="${top + plotH + 18}" text-anchor="middle">${esc(slotLabels[i])}</text>`);
  }
  return {
    left,
    height: top + plotH + 28,
    slotW,
    frame,
    /** Where slot i's first bar starts (a tenth of the slot is left free on each side). */
    slotX: (i: number) => left + i * slotW + slotW * 0.1,
    /** A bar from 0 to v (at least half a pixel tall, so a tiny amount still shows), with its tooltip. */
    bar: (x: number, width: number, v: number, attributes: string, title: string) =>
      `<rect ${attributes} x="${fx(x)}" y="${fx(y(Math.max(v, 0)))}" width="${fx(width)}" height="${fx(Math.max(Math.abs(y(v) - y(0)), 0.5))}">` +
      `<title>${esc(title)}</title></rect>`,
  };
}

function legend(entries: Array<[string, string]>, left: number): string {
  let x = left;
  const out: string[] = [];
  for (const [label, colour] of entries) {
    out.push(`<rect x="${x}" y="4" width="10" height="10" fill="${colour}"/><text x="${x + 14}" y="13">${esc(label)}</text>`);
    x += 24 + label.length * 7;
  }
  return out.join('');
}

function figure(id: string, caption: string, width: number, height: number, parts: string[]): string {
  return (
    `<figure id="${esc(id)}"><svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(caption)}">` +
    `<title>${esc(caption)}</title>${parts.join('')}</svg><figcaption>${esc(caption)}</figcaption></figure>`
  );
}

/** Every calendar day from `from` to `to` inclusive (YYYY-MM-DD, UTC). */
function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && out.length < 5000; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function fx(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
