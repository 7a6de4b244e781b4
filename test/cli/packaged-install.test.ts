// The bin the way the README runs it: `npx stripe-netsuite …` in the checkout, from the package as a user
// installs it (npm pack, then npm install --omit=dev elsewhere), and the production-image recipe (built dist/
// copied beside package*.json, then npm ci --omit=dev). Each install compiles better-sqlite3 from source, so
// this file takes a few minutes; CI runs it with the rest of the suite.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/test/cli/ → the project root */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
const BIN = path.join(ROOT, PKG.bin['stripe-netsuite']);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a shell, not of the `npm test` that runs mocha: no npm_package_*, npm_lifecycle_*, INIT_CWD… */
function shellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|npm_config_prefix$|INIT_CWD$)/.test(k)) continue;
    env[k] = v;
  }
  // The Node that runs these tests runs the children (CI runs the suite on several Nodes).
  env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${env.PATH ?? ''}`;
  env.NO_COLOR = '1';
  return env;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = 600_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: shellEnv(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const show = (r: Run): string => `exit ${r.code}\nstdout:\n${r.stdout.slice(-3000)}\nstderr:\n${r.stderr.slice(-3000)}`;

async function exercise(cwd: string, npx: (args: string[]) => Promise<Run>): Promise<void> {
  const version = await npx(['--version']);
  expect(version.code, show(version)).to.equal(0);
  expect(version.stdout.trim(), 'prints the package version, not npm\'s').to.equal(PKG.version);

  const help = await npx(['--help']);
  expect(help.code, show(help)).to.equal(0);
  expect(help.stdout).to.include('Usage: stripe-netsuite');
  for (const c of ['preflight', 'sync', 'backfill', 'sandbox', 'demo']) expect(help.stdout).to.include(c);

  const world = path.join(cwd, 'world.ndjson');
  const gen = await npx(['sandbox', 'generate', '--out', world, '--customers', '3', '--months', '1', '--seed', '1']);
  expect(gen.code, show(gen)).to.equal(0);
  expect(fs.statSync(world).size).to.be.greaterThan(0);
}

describe('cli: the bin as installed (npx, npm pack + install --omit=dev, npm ci --omit=dev)', function () {
  this.timeout(900_000);
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-netsuite-pkg-'));
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the built bin has its run bit and runs by itself (no `node` in front)', async () => {
    expect(fs.statSync(BIN).mode & 0o111, `${BIN} is executable`).to.equal(0o111);
    const r = await run(BIN, ['--version'], ROOT);
    expect(r.code, show(r)).to.equal(0);
    expect(r.stdout.trim()).to.equal(PKG.version);
  });

  it('npx stripe-netsuite in the checkout: --version is ours, --help, sandbox generate', async () => {
    await exercise(tmp, (args) => run('npx', ['stripe-netsuite', ...args], ROOT));
  });

  it('npm pack, then npm install --omit=dev of the tarball elsewhere: npx and node_modules/.bin work', async () => {
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT);
    expect(packed.code, show(packed)).to.equal(0);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string; mode: number }> }>;
    const files = info.files.map((f) => f.path);
    expect(files.filter((f) => f.endsWith('.map')), 'no source maps pointing at unshipped sources').to.deep.equal([]);
    expect(files).to.include.members(['docs/accounting.md', 'docs/netsuite-accounts.md', 'schema.sql', 'config/stripe-netsuite.json', '.env.example']);
    expect(files.filter((f) => f.startsWith('dist/test/') || f.startsWith('src/')), 'no tests or TypeScript sources').to.deep.equal([]);

    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    // The app approves better-sqlite3's install script (it compiles the binding), as the README says.
    fs.writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'app', version: '1.0.0', private: true, allowScripts: { 'better-sqlite3': true } }, null, 2),
    );
    const inst = await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', path.join(tmp, info.filename)], app);
    expect(inst.code, show(inst)).to.equal(0);
    // A tarball is a non-registry source, so npm 11 also lists our `prepare` (a no-op there: the tarball holds
    // the built dist/); better-sqlite3, approved, must not be listed.
    expect(inst.stderr, 'no install-script warning for the approved better-sqlite3').to.not.match(/install-scripts\s+better-sqlite3@/);
    expect(fs.existsSync(path.join(app, 'node_modules/typescript')), 'no dev dependencies').to.equal(false);

    await exercise(app, (args) => run('npx', ['stripe-netsuite', ...args], app));
    const direct = await run(path.join(app, 'node_modules/.bin/stripe-netsuite'), ['--version'], app);
    expect(direct.code, show(direct)).to.equal(0);
    expect(direct.stdout.trim()).to.equal(PKG.version);
  });

  it('the production recipe: built dist/, schema.sql, config/, package*.json, then npm ci --omit=dev', async () => {
    const image = path.join(tmp, 'image');
    fs.mkdirSync(image);
    for (const f of ['dist/src', 'schema.sql', 'config', 'package.json', 'package-lock.json']) {
      fs.cpSync(path.join(ROOT, f), path.join(image, f), { recursive: true });
    }
    const ci = await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], image);
    expect(ci.code, show(ci)).to.equal(0);
    expect(ci.stderr).to.not.include('not yet covered by allowScripts');
    expect(fs.existsSync(path.join(image, 'node_modules/typescript'))).to.equal(false);
    const r = await run(process.execPath, ['dist/src/cli/main.js', '--version'], image);
    expect(r.code, show(r)).to.equal(0);
    expect(r.stdout.trim()).to.equal(PKG.version);
    await exercise(image, (args) => run(process.execPath, ['dist/src/cli/main.js', ...args], image));
  });

  it('prepare without TypeScript and without dist/ fails with a message saying what to do', async () => {
    const bare = path.join(tmp, 'bare');
    fs.mkdirSync(bare);
    for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(ROOT, f), path.join(bare, f));
    const r = await run('npm', ['run', 'prepare'], bare);
    expect(r.code, show(r)).to.not.equal(0);
    expect(r.stderr).to.include('no built dist/src/cli/main.js');
    expect(r.stderr).to.include('npm run build');
  });
});
