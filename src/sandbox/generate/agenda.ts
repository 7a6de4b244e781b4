/**
 * A customer's to-do list in time order. Every delayed step (a retry, a refund a week later) is its
 * own entry, so steps of different invoices interleave as they would in time, and the customer's
 * credit balance is always read at the right moment.
 */
export class Agenda {
  private entries: { at: number; seq: number; run: (at: number) => void }[] = [];
  private seq = 0;

  constructor(private readonly until: number) {}

  /** Schedules `run` at `at`; steps at or after the end of the world never happen. */
  at(at: number, run: (at: number) => void): void {
    if (at >= this.until) return;
    const entry = { at, seq: this.seq++, run };
    // Few entries per customer: insertion into a sorted array is cheaper than a heap here.
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1].at > at) i--;
    this.entries.splice(i, 0, entry);
  }

  runAll(): void {
    while (this.entries.length) {
      const entry = this.entries.shift()!;
      entry.run(entry.at);
    }
  }
}
