// Every deposit is read back once it is posted and its total compared with its payout (I17). NetSuite converts
// foreign-currency lines itself and answers 204 whatever it made of them, so the posted total is the only proof.
import type { Operation } from '../plan/operation.js';
import { minorToDecimalString, netSuiteToMinor } from '../accounting/money.js';
import type { NetSuiteWriter } from './netsuite-writer.js';

/** The deposit exists (`internalId`) but does not prove its payout, or could not be read back. */
export class DepositReadBackError extends Error {
  constructor(
    message: string,
    readonly internalId: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DepositReadBackError';
  }
}

/** Throws DepositReadBackError unless the posted deposit's total equals the payout amount the plan proved. */
export async function readBackDeposit(client: NetSuiteWriter, op: Operation, internalId: string): Promise<void> {
  const { amount, currency } = op.summary;
  if (amount === undefined || currency === undefined) return;
  const money = (n: number): string => `${minorToDecimalString(n, currency)} ${currency.toUpperCase()}`;
  let total: unknown;
  try {
    total = (await client.get('deposit', internalId, { fields: ['total'] })).total;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DepositReadBackError(`deposit ${op.externalId} (internal id ${internalId}) was posted but could not be read back to compare with payout ${op.stripeId}: ${why}`, internalId, err);
  }
  const posted = typeof total === 'number' || typeof total === 'string' ? netSuiteToMinor(total, currency) : undefined;
  if (posted === amount) return;
  throw new DepositReadBackError(
    posted === undefined
      ? `deposit ${op.externalId} (internal id ${internalId}) was read back without a total; payout ${op.stripeId} is ${money(amount)}`
      : `deposit ${op.externalId} (internal id ${internalId}) posted ${money(posted)} but payout ${op.stripeId} is ${money(amount)} ` +
          `(off by ${money(amount - posted)}): NetSuite converted its lines differently; correct the deposit in NetSuite`,
    internalId,
  );
}
