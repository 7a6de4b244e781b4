/**
 * One customer's life in the world, driven by its profile: sign-up, subscription (trial, renewals,
 * plan changes with prorations, failed and recovered payments), one-off invoices and what happens
 * to them (payment, void, revision, credit notes, refunds), disputes.
 */
import { Agenda } from './agenda.js';
import { addMonthsUtc, DAY, HOUR, shortDate } from './calendar.js';
import type { Currency, Price } from './catalog.js';
import type { GenContext } from './context.js';
import { issueCreditNote } from './credit-notes.js';
import { createCustomer, type CustomerState } from './customers.js';
import type { OneOff, Profile } from './customer-profiles.js';
import { disputeCharge } from './disputes.js';
import { collectInvoice, finalizeInvoice, markUncollectible, updateInvoice, voidInvoice, type InvoiceSpec, type InvoiceState } from './invoices.js';
import { failBankDebit, type ChargeState } from './payments.js';
import { payOutsideStripe } from './outside-payments.js';
import { refundCharge } from './refunds.js';
import { activeDiscount, advanceSubscription, createSubscription, setSubscriptionStatus, type SubscriptionState } from './subscriptions.js';

const SHIPPING: Record<Currency, number> = { usd: 1500, eur: 1200, gbp: 1000, jpy: 2000 };

/** "Pro plan (monthly, USD)" → "Pro plan". */
function productName(price: Price): string {
  const nick = price.nickname ?? '';
  const cut = nick.indexOf(' (');
  return cut > 0 ? nick.slice(0, cut) : nick;
}

export function simulateCustomer(ctx: GenContext, profile: Profile, start: number): CustomerState | null {
  const { rng, catalog } = ctx;
  const created = start + Math.floor(profile.createdAfterDays * DAY) + rng.int(0, HOUR - 1);
  if (created >= ctx.windowEnd) return null;
  const cust = createCustomer(ctx, { created, currency: profile.currency, identity: profile.identity, withShipping: profile.withShipping, withPhone: profile.withPhone });
  const agenda = new Agenda(ctx.windowEnd);
  const taxRate = profile.tax ? catalog.taxRate(cust.taxRegion) : null;
  const paidSubscriptionCharges: ChargeState[] = [];

  /** Refunds and disputes land on the first (and second) successful subscription payments. */
  const afterSubscriptionPayment = (ch: ChargeState, at: number): void => {
    paidSubscriptionCharges.push(ch);
    const n = paidSubscriptionCharges.length;
    if (profile.refund && n === 1) {
      const kind = profile.refund;
      agenda.at(at + rng.int(7, 15) * DAY, (t) => {
        const left = ch.current.amount - ch.current.amount_refunded;
        refundCharge(ctx, ch, kind === 'full' ? left : Math.max(1, Math.floor(ch.current.amount * 0.4)), t);
      });
    }
    if (profile.dispute && n === (profile.refund ? 2 : 1)) {
      const outcome = profile.dispute;
      agenda.at(at + rng.int(8, 12) * DAY, (t) => disputeCharge(ctx, ch, t, outcome));
    }
  };

  const payWithCard = (inv: InvoiceState, at: number, after?: (ch: ChargeState, at: number) => void): void => {
    agenda.at(at, (t) => {
      if (inv.current.status !== 'open') return;
      const ch = collectInvoice(ctx, inv, t, 'card_ok');
      after?.(ch, t);
    });
  };

  if (profile.plan) {
    const plan = profile.plan;
    const months = plan.interval === 'year' ? 12 : 1;
    let canceled = false;

    const changePlan = (sub: SubscriptionState, t: number, periodStart: number, periodEnd: number): void => {
      const old = sub.price;
      const next = catalog.plan(profile.change!.to, plan.interval, cust.currency);
      const left = periodEnd - t;
      const span = periodEnd - periodStart;
      const credit = -Math.round((old.unit_amount * left) / span);
      const debit = Math.round((next.unit_amount * left) / span);
      const when = shortDate(t);
      const item = { id: sub.id, item: sub.itemId };
      const inv = finalizeInvoice(ctx, {
        customer: cust,
        at: t,
        lines: [
          { price: old, quantity: 1, amount: credit, description: `Unused time on ${productName(old)} after ${when}`, period: { start: t, end: periodEnd }, proration: true, subscription: item },
          { price: next, quantity: 1, amount: debit, description: `Remaining time on ${productName(next)} after ${when}`, period: { start: t, end: periodEnd }, proration: true, subscription: item },
        ],
        billingReason: 'subscription_update',
        collection: 'charge_automatically',
        discount: activeDiscount(sub, t),
        taxRate,
        subscription: sub.id,
      });
      advanceSubscription(ctx, sub, t, { periodStart, periodEnd, latestInvoice: inv.current.id, price: next });
      payWithCard(inv, t + 5, afterSubscriptionPayment);
    };

    const failThenResolve = (sub: SubscriptionState, inv: InvoiceState, at: number): void => {
      agenda.at(at, (t1) => {
        collectInvoice(ctx, inv, t1, 'card_declined', t1 + 3 * DAY);
        setSubscriptionStatus(ctx, sub, t1, 'past_due');
        agenda.at(t1 + 3 * DAY, (t2) => {
          collectInvoice(ctx, inv, t2, 'card_declined', t2 + 4 * DAY);
          agenda.at(t2 + 4 * DAY, (t3) => {
            if (profile.renewalFailure === 'recovered') {
              const ch = collectInvoice(ctx, inv, t3, 'card_ok');
              setSubscriptionStatus(ctx, sub, t3, 'active');
              afterSubscriptionPayment(ch, t3);
              return;
            }
            collectInvoice(ctx, inv, t3, 'card_declined', null);
            agenda.at(t3 + 7 * DAY, (t4) => {
              markUncollectible(ctx, inv, t4);
              setSubscriptionStatus(ctx, sub, t4, 'canceled');
              canceled = true;
            });
          });
        });
      });
    };

    const bankDebitThenCard = (sub: SubscriptionState, inv: InvoiceState, at: number): void => {
      agenda.at(at, (t1) => {
        const debit = collectInvoice(ctx, inv, t1, 'ach_processing');
        agenda.at(t1 + 4 * DAY, (t2) => {
          failBankDebit(ctx, inv.payment!, debit, t2);
          updateInvoice(ctx, inv, { next_payment_attempt: t2 + DAY }, t2, 'invoice.payment_failed');
          setSubscriptionStatus(ctx, sub, t2, 'past_due');
          agenda.at(t2 + DAY, (t3) => {
            const ch = collectInvoice(ctx, inv, t3, 'card_ok');
            setSubscriptionStatus(ctx, sub, t3, 'active');
            afterSubscriptionPayment(ch, t3);
          });
        });
      });
    };

    /** Invoices one billing period starting at `at`; `cycle` 0 is the first paid period. */
    const bill = (sub: SubscriptionState, at: number, reason: 'subscription_create' | 'subscription_cycle', cycle: number, previousStart: number | null): void => {
      if (canceled) return;
      const periodEnd = addMonthsUtc(at, months);
      const inv = finalizeInvoice(ctx, {
        customer: cust,
        at,
        lines: [{ price: sub.price, quantity: 1, description: `1 × ${productName(sub.price)}`, period: { start: at, end: periodEnd }, subscription: { id: sub.id, item: sub.itemId } }],
        billingReason: reason,
        collection: 'charge_automatically',
        discount: activeDiscount(sub, at),
        taxRate,
        subscription: sub.id,
        periodStart: previousStart ?? at,
      });
      advanceSubscription(ctx, sub, at, { periodStart: at, periodEnd, latestInvoice: inv.current.id, status: sub.current.status === 'trialing' ? 'active' : undefined });
      if (inv.current.status === 'open') {
        const payAt = reason === 'subscription_create' ? at + 5 : at + HOUR;
        if (cycle === 0 && profile.achFailure) bankDebitThenCard(sub, inv, payAt);
        else if (cycle === 1 && profile.renewalFailure) failThenResolve(sub, inv, payAt);
        else payWithCard(inv, payAt, afterSubscriptionPayment);
      }
      if (cycle === 0 && profile.change) {
        const changeAt = at + profile.change.afterDays * DAY + rng.int(0, 8 * HOUR);
        if (changeAt < periodEnd) agenda.at(changeAt, (t) => changePlan(sub, t, at, periodEnd));
      }
      agenda.at(periodEnd, (t) => bill(sub, t, 'subscription_cycle', cycle + 1, at));
    };

    agenda.at(created + 600, (t) => {
      const price = catalog.plan(plan.tier, plan.interval, cust.currency);
      const trialEnd = profile.trial ? t + 14 * DAY : null;
      const sub = createSubscription(ctx, cust, price, t, trialEnd ?? addMonthsUtc(t, months), {
        trialEnd,
        coupon: profile.coupon ? catalog.coupon(profile.coupon) : null,
        taxRate,
      });
      if (!trialEnd) {
        bill(sub, t, 'subscription_create', 0, null);
        return;
      }
      // A trial starts with an invoice whose every line is zero.
      const inv = finalizeInvoice(ctx, {
        customer: cust,
        at: t,
        lines: [{ price, quantity: 1, amount: 0, description: `Trial period for ${productName(price)}`, period: { start: t, end: trialEnd }, subscription: { id: sub.id, item: sub.itemId } }],
        billingReason: 'subscription_create',
        collection: 'charge_automatically',
        discount: activeDiscount(sub, t),
        taxRate,
        subscription: sub.id,
      });
      advanceSubscription(ctx, sub, t, { periodStart: t, periodEnd: trialEnd, latestInvoice: inv.current.id });
      agenda.at(trialEnd, (t2) => bill(sub, t2, 'subscription_cycle', 0, t));
    });
  }

  for (const o of profile.oneOffs) {
    agenda.at(created + Math.floor(o.afterDays * DAY) + rng.int(600, 8 * HOUR), (t) => oneOffInvoice(o, t));
  }

  function oneOffInvoice(o: OneOff, t: number): void {
    const creditNote = o.outcome.startsWith('cn_');
    const needsOpen = o.outcome === 'cn_pre' || o.outcome === 'void' || o.outcome === 'revise' || o.outcome === 'open' || o.outcome.includes('outside');
    const collection = needsOpen ? 'send_invoice' : o.collection;
    const spec: InvoiceSpec = {
      customer: cust,
      at: t,
      lines: o.items.map((kind) => {
        const price = catalog.oneTime(kind, cust.currency);
        return { price, quantity: kind === 'consulting' ? rng.int(2, 10) : kind === 'hardware' ? rng.int(1, 3) : 1, description: productName(price), period: { start: t, end: t } };
      }),
      billingReason: 'manual',
      collection,
      daysUntilDue: 30,
      // Credit notes are only issued on invoices without tax and discounts (see credit-notes.ts).
      invoiceCoupon: o.fixedCoupon && cust.currency === 'usd' && !creditNote ? catalog.coupon('fixed10usd') : null,
      taxRate: creditNote ? null : taxRate,
      shipping: o.shipping ? SHIPPING[cust.currency] : 0,
    };
    const inv = finalizeInvoice(ctx, spec);
    const firstLine = inv.lines[0];
    const payAt = t + (collection === 'send_invoice' ? rng.int(2, 20) * DAY : 5);
    switch (o.outcome) {
      case 'paid':
        payWithCard(inv, payAt);
        break;
      case 'open':
        break;
      case 'void':
        if (inv.usedBalance) payWithCard(inv, payAt);
        else agenda.at(t + 3 * DAY, (t2) => { if (inv.current.status === 'open') voidInvoice(ctx, inv, t2); });
        break;
      case 'revise':
        if (inv.usedBalance) {
          payWithCard(inv, payAt);
          break;
        }
        agenda.at(t + 2 * DAY, (t2) => {
          if (inv.current.status !== 'open') return;
          const revised = finalizeInvoice(ctx, {
            ...spec,
            at: t2,
            lines: spec.lines.map((l) => ({ ...l, quantity: Math.max(1, l.quantity - 1), period: { start: t2, end: t2 } })),
            fromInvoice: inv.current.id,
          });
          voidInvoice(ctx, inv, t2, revised.current.id);
          payWithCard(revised, t2 + 8 * DAY);
        });
        break;
      case 'cn_pre':
        agenda.at(t + DAY, (t2) => {
          const amount = Math.min(Math.floor(firstLine.amount / 2), inv.current.amount_remaining);
          if (inv.current.status === 'open' && amount > 0) {
            issueCreditNote(ctx, inv, t2, 'pre_payment', [{ kind: 'invoice_line', line: firstLine, amount, quantity: 1 }], 'order_change');
          }
        });
        payWithCard(inv, t + 10 * DAY);
        break;
      case 'cn_refund':
        payWithCard(inv, payAt, (ch, tp) => agenda.at(tp + 7 * DAY, (t3) => {
          const amount = Math.min(firstLine.amount, ch.current.amount - ch.current.amount_refunded);
          if (amount > 0) issueCreditNote(ctx, inv, t3, 'refund', [{ kind: 'invoice_line', line: firstLine, amount, quantity: amount === firstLine.amount ? firstLine.quantity : 1 }], 'product_unsatisfactory');
        }));
        break;
      case 'cn_oob':
        payWithCard(inv, payAt, (_ch, tp) => agenda.at(tp + 9 * DAY, (t3) => {
          issueCreditNote(ctx, inv, t3, 'out_of_band', [{ kind: 'custom', description: 'Goodwill credit', amount: Math.max(1, Math.floor(inv.current.total / 10)) }], null);
        }));
        break;
      case 'cn_credit':
        payWithCard(inv, payAt, (_ch, tp) => agenda.at(tp + 5 * DAY, (t3) => {
          issueCreditNote(ctx, inv, t3, 'customer_balance', [{ kind: 'invoice_line', line: firstLine, amount: Math.max(1, Math.floor(Math.min(firstLine.amount, inv.current.total) / 4)), quantity: 1 }], 'order_change');
        }));
        break;
      case 'refund_partial':
        payWithCard(inv, payAt, (ch, tp) => agenda.at(tp + 6 * DAY, (t3) => {
          refundCharge(ctx, ch, Math.max(1, Math.floor(ch.current.amount * 0.3)), t3, { refundFee: true });
        }));
        break;
      case 'paid_outside':
        agenda.at(payAt, (t2) => { if (inv.current.status === 'open') payOutsideStripe(ctx, inv, inv.current.amount_remaining, t2); });
        break;
      case 'paid_outside_partial':
      case 'open_partly_outside':
        agenda.at(payAt, (t2) => {
          const part = Math.floor(inv.current.amount_remaining * 0.4);
          if (inv.current.status === 'open' && part > 0) payOutsideStripe(ctx, inv, part, t2);
        });
        if (o.outcome === 'paid_outside_partial') payWithCard(inv, payAt + 3 * DAY);
        break;
      case 'refund_full':
        payWithCard(inv, payAt, (ch, tp) => agenda.at(tp + 6 * DAY, (t3) => {
          refundCharge(ctx, ch, ch.current.amount - ch.current.amount_refunded, t3);
        }));
        break;
    }
  }

  agenda.runAll();
  return cust;
}
