// Every command and subcommand answers --help with its usage and exit 0, even with no configuration at all.
import { expect } from 'chai';
import { runCli, runCliMany, transcript, type CliResult } from './cli-process.js';

const COMMANDS: Array<{ args: string[]; mentions: string[] }> = [
  { args: [], mentions: ['sync', 'backfill', 'plan', 'schedule', 'status', 'explain', 'retry', 'sandbox', 'demo', 'bench'] },
  { args: ['sync'], mentions: ['--dry-run', '--format', '--out'] },
  { args: ['backfill'], mentions: ['--from', '--to'] },
  { args: ['plan'], mentions: ['--format', '--out'] },
  { args: ['schedule'], mentions: ['--cron'] },
  { args: ['status'], mentions: ['--json'] },
  { args: ['explain'], mentions: ['stripe-id'] },
  { args: ['retry'], mentions: ['keys'] },
  { args: ['sandbox'], mentions: ['stripe', 'netsuite', 'generate'] },
  { args: ['sandbox', 'stripe'], mentions: ['--world', '--now', '--port'] },
  { args: ['sandbox', 'netsuite'], mentions: ['--concurrency', '--latency-ms'] },
  { args: ['sandbox', 'generate'], mentions: ['--out', '--customers', '--months', '--seed'] },
  { args: ['demo'], mentions: ['--customers'] },
  { args: ['bench'], mentions: ['--customers', '--months', '--seed', '--latency-ms', '--concurrency', '--ledger-objects'] },
];

describe('cli: --help', function () {
  this.timeout(120_000);
  let results: CliResult[] = [];

  before(async () => {
    // An empty environment: help must never need configuration.
    results = await runCliMany(COMMANDS.map((c) => ({ args: [...c.args, '--help'], env: {} })));
  });

  COMMANDS.forEach((c, i) => {
    const name = ['stripe-netsuite', ...c.args].join(' ');
    it(`${name} --help prints its usage and exits 0`, () => {
      const r = results[i];
      expect(r.code, transcript(r)).to.equal(0);
      expect(r.stdout).to.include(`Usage: ${name}`);
      for (const m of c.mentions) expect(r.stdout, `${name} --help mentions ${m}`).to.include(m);
    });
  });

  it('an unknown command is a usage error: exit 2', async () => {
    const r = await runCli(['synk'], { env: {} });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.match(/unknown command 'synk'/);
  });

  it('an unknown option is a usage error: exit 2', async () => {
    const r = await runCli(['status', '--frobnicate'], { env: {} });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.match(/unknown option '--frobnicate'/);
  });
});
