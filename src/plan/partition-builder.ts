// Splits the ledger's objects into partitions the plan can be built from one at a time: objects that refer to
// each other (object-references.ts) end up in the same partition, whole groups are packed in the order of their
// first object, and a partition grows past the size only when one group alone is larger.

export class PartitionBuilder {
  private readonly parent = new Map<string, string>();
  private readonly ids: string[] = [];

  /** Adds a ledger object and the ids it refers to; objects must come in (created, id) order. */
  add(id: string, references: readonly string[]): void {
    this.ids.push(id);
    for (const ref of references) this.union(id, ref);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The partitions, each a list of object ids. */
  partitions(maxObjects: number): string[][] {
    const groupOf = new Map<string, string[]>();
    const groups: string[][] = [];
    for (const id of this.ids) {
      const root = this.find(id);
      let group = groupOf.get(root);
      if (!group) {
        group = [];
        groupOf.set(root, group);
        groups.push(group);
      }
      group.push(id);
    }
    const out: string[][] = [];
    let current: string[] = [];
    for (const group of groups) {
      if (current.length > 0 && current.length + group.length > maxObjects) {
        out.push(current);
        current = [];
      }
      for (const id of group) current.push(id);
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  private find(id: string): string {
    let x = id;
    for (;;) {
      const p = this.parent.get(x);
      if (p === undefined || p === x) return x;
      const grand = this.parent.get(p) ?? p;
      this.parent.set(x, grand); // path halving keeps later finds short
      x = grand;
    }
  }

  private union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}
