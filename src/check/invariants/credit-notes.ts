// Voided credit notes (docs/accounting.md "Voided credit notes", deciding the reference's open question 11).
// Stripe voids only a note on an open invoice (https://docs.stripe.com/api/credit_notes/void), so a voided note
// leaves no credit in NetSuite: no credit memo, or its memo wholly applied to a reversing invoice `cn_…-void` of
// the same total, which is itself closed.
import type { InvariantContext } from '../invariant-context.js';
import { stripeUnits } from '../minor-units.js';

export async function checkCreditNotes(ctx: InvariantContext): Promise<void> {
  for (const cn of ctx.stripe.creditNotes.values()) {
    if (cn.status !== 'void' || cn.created < ctx.start) continue;
    const memo = await ctx.ns.byExternalId('creditMemo', cn.id);
    const reversal = await ctx.ns.byExternalId('invoice', `${cn.id}-void`);
    if (!memo) {
      ctx.record('CN1', cn.id, !reversal, reversal ? `a reversing invoice ${cn.id}-void without a credit memo` : '');
      continue;
    }
    const units = (v: unknown): number => stripeUnits((v as number | string | undefined) ?? 0, cn.currency);
    const memoTotal = units(memo.total);
    const ok =
      reversal !== undefined &&
      units(reversal.total) === memoTotal &&
      units(reversal.amountRemaining) === 0 &&
      units(memo.unapplied) === 0;
    ctx.record(
      'CN1',
      cn.id,
      ok,
      `credit memo total ${memoTotal}, unapplied ${units(memo.unapplied)}; reversing invoice ${reversal ? `total ${units(reversal.total)}, amountRemaining ${units(reversal.amountRemaining)}` : 'missing'} (minor units)`,
    );
  }
}
