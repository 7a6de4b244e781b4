// The links a plan reads, with the keys it looked up and did not find: what a partition planned with only blocked
// operations waits for (a link for one of them may unblock it; ledger/parked-partitions.ts).
/** Only `get` and `has` read the links (the plan uses nothing else, as with LinksAsOf). */
export class LinkLookups extends Map<string, string> {
  private misses = new Set<string>();

  constructor(private readonly links: ReadonlyMap<string, string>) {
    super();
  }

  override get(key: string): string | undefined {
    const found = this.links.get(key);
    if (found === undefined) this.misses.add(key);
    return found;
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The keys looked up and missing since the last call. */
  takeMisses(): string[] {
    const out = [...this.misses];
    this.misses = new Set();
    return out;
  }
}
