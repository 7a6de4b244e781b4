// The graph walker on its own, with a visitor in memory: readiness, FIFO among ready nodes, admission, stop, halt.
import { expect } from 'chai';
import { walkGraph, type NodeResult, type NodeVisitor, type NodeWork, type WalkNode } from '../../src/apply/walker.js';

interface Node extends WalkNode {
  fail?: string;
  halt?: boolean;
}

const node = (key: string, dependsOn: string[] = [], extra: Partial<Node> = {}): Node => ({ key, dependsOn, ...extra });

function visitor(o: { log: string[]; latencyMs?: number; outside?: Record<string, NodeResult | 'done'> }): NodeVisitor<Node, NodeResult> & {
  inFlight: number;
  maxInFlight: number;
} {
  const v = {
    inFlight: 0,
    maxInFlight: 0,
    doneOutside: (key: string) => o.outside?.[key] === 'done',
    settledOutside: (key: string) => {
      const r = o.outside?.[key];
      return r === 'done' ? undefined : r;
    },
    blockedUpfront: () => undefined,
    gate: () => undefined,
    admit: (n: Node): NodeWork<NodeResult> => ({
      run: async () => {
        o.log.push(`run ${n.key}`);
        v.inFlight++;
        v.maxInFlight = Math.max(v.maxInFlight, v.inFlight);
        await new Promise((r) => setTimeout(r, o.latencyMs ?? 0));
        v.inFlight--;
        return n.fail ? { status: 'failed', error: n.fail } : { status: 'done', internalId: n.key, created: true };
      },
      complete: (r) => ({ result: r, ...(n.halt ? { haltRun: `halted by ${n.key}` } : {}) }),
      withdraw: (reason) => ({ status: 'skipped', reason }),
    }),
    settled: (n: Node, r: NodeResult) => o.log.push(`settled ${n.key} ${r.status}`),
  };
  return v;
}

describe('apply: the graph walker', () => {
  it('runs ready nodes first in, first out, and a node only once its prerequisites are done', async () => {
    const log: string[] = [];
    const nodes = [node('c', ['a']), node('a'), node('b'), node('d', ['c', 'b'])];
    const walked = await walkGraph(nodes, visitor({ log }), { concurrency: 1 });
    expect(log.filter((l) => l.startsWith('run'))).to.deep.equal(['run a', 'run b', 'run c', 'run d']);
    expect([...walked.results.values()].every((r) => r.status === 'done')).to.equal(true);
    expect(walked.stopped).to.equal(false);
  });

  it('runs at most `concurrency` nodes at once', async () => {
    const log: string[] = [];
    const v = visitor({ log, latencyMs: 5 });
    await walkGraph(Array.from({ length: 10 }, (_, i) => node(`n${i}`)), v, { concurrency: 4 });
    expect(v.maxInFlight).to.equal(4);
  });

  it('prerequisites outside the graph: done, settled otherwise earlier (named), or unknown', async () => {
    const log: string[] = [];
    const outside: Record<string, NodeResult | 'done'> = { x: 'done', y: { status: 'failed', error: 'boom' } };
    const walked = await walkGraph([node('a', ['x']), node('b', ['y']), node('c', ['z'])], visitor({ log, outside }), { concurrency: 2 });
    expect(walked.results.get('a')?.status).to.equal('done');
    expect(walked.results.get('b')).to.deep.equal({ status: 'blocked', reason: 'waiting on y (failed: boom)' });
    expect(walked.results.get('c')).to.deep.equal({ status: 'blocked', reason: 'needs z, which is neither in NetSuite nor in this plan' });
  });

  it('settles every node once, each before its dependents are looked at', async () => {
    const log: string[] = [];
    await walkGraph([node('a', [], { fail: 'no' }), node('b', ['a']), node('c', ['b'])], visitor({ log }), { concurrency: 1 });
    expect(log).to.deep.equal(['run a', 'settled a failed', 'settled b blocked', 'settled c blocked']);
  });

  it('a halting node stops the walk: admitted nodes are withdrawn, later ones skipped, with its reason', async () => {
    const log: string[] = [];
    const walked = await walkGraph([node('a', [], { halt: true }), node('b'), node('c'), node('d')], visitor({ log, latencyMs: 2 }), {
      concurrency: 1,
    });
    expect(walked.halted).to.equal('halted by a');
    expect(log.filter((l) => l.startsWith('run'))).to.deep.equal(['run a']);
    for (const k of ['b', 'c', 'd']) expect(walked.results.get(k)).to.deep.equal({ status: 'skipped', reason: 'halted by a' });
  });

  it('an empty graph settles at once', async () => {
    const walked = await walkGraph([], visitor({ log: [] }), { concurrency: 1 });
    expect(walked.results.size).to.equal(0);
  });
});
