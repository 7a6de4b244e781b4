// Reads a generated world the way the sandbox serves it: first snapshot = the plain item, later
// snapshots = events' data.object, the latest one wins.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

export interface WorldView {
  items: Obj[];
  events: Obj[];
  /** Every snapshot of an id, in world order (the plain item first). */
  snapshots: Map<string, Obj[]>;
  /** The snapshot served at the end of the world. */
  latest: Map<string, Obj>;
  /** Latest snapshots of every object of a type. */
  ofType(type: string): Obj[];
  eventsOfType(type: string): Obj[];
}

export function viewWorld(items: object[]): WorldView {
  const snapshots = new Map<string, Obj[]>();
  const events: Obj[] = [];
  for (const raw of items) {
    const item = raw as Obj;
    const obj = item.object === 'event' ? item.data.object : item;
    if (item.object === 'event') events.push(item);
    const list = snapshots.get(obj.id);
    if (list) list.push(obj);
    else snapshots.set(obj.id, [obj]);
  }
  const latest = new Map<string, Obj>();
  for (const [id, list] of snapshots) latest.set(id, list[list.length - 1]);
  const byType = new Map<string, Obj[]>();
  for (const obj of latest.values()) {
    const list = byType.get(obj.object);
    if (list) list.push(obj);
    else byType.set(obj.object, [obj]);
  }
  return {
    items: items as Obj[],
    events,
    snapshots,
    latest,
    ofType: (type) => byType.get(type) ?? [],
    eventsOfType: (type) => events.filter((e) => e.type === type),
  };
}

export const sum = (values: number[]): number => values.reduce((s, v) => s + v, 0);
