// The image's runtime stage, reproduced without Docker (no engine runs here): the files the Dockerfile's runtime
// stage copies are laid out in a temp dir as in /app, the production install runs there, and the CLI starts from it
// as the container's entrypoint would, as an unprivileged user (uid 10001, as USER in the Dockerfile) when the tests
// run as root, with the ledger in a directory of its own like the /data volume and the install dir not writable.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { copyParts, DIST_DIR, execForm, parseDockerfile, readRepoFile, REPO_ROOT } from './deploy-files.js';

const RUNTIME_UID = 10001;

const FAKE_SECRETS = {
  STRIPE_API_KEY: 'sk_test_deploy',
  NETSUITE_ACCOUNT_ID: '1234567_SB1',
  NETSUITE_AUTH: 'tba',
  NETSUITE_CONSUMER_KEY: 'ck',
  NETSUITE_CONSUMER_SECRET: 'cs',
  NETSUITE_TOKEN_ID: 'tk',
  NETSUITE_TOKEN_SECRET: 'ts',
};

describe('deployment: the image runtime stage, reproduced in a temp dir', function () {
  this.timeout(600_000); // the install compiles better-sqlite3: about a minute on an idle machine, more under load
  const { stages } = parseDockerfile(readRepoFile('Dockerfile'));
  const runtime = stages[stages.length - 1];
  const imageEnv: Record<string, string> = {};
  let root = '';
  let app = '';
  let data = '';
  let scratch = '';
  let asRuntimeUser = false;

  /** The container's environment: the image's ENV, with /data and /config moved under the temp dir. */
  const containerEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: scratch, TMPDIR: scratch, NO_COLOR: '1' };
    for (const [k, v] of Object.entries(imageEnv)) {
      env[k] = v.replace(/^\/data\//, `${data}/`).replace(/^\/config\//, `${root}/config-not-mounted/`);
    }
    return { ...env, ...extra };
  };

  /** ENTRYPOINT minus tini: node /app/dist/src/cli/main.js <args>, from WORKDIR, as the image's user. */
  const cli = (args: string[], extra: Record<string, string> = {}): SpawnSyncReturns<string> => {
    const entry = execForm(runtime.instructions.filter((i) => i.keyword === 'ENTRYPOINT').at(-1)!.args)!;
    const node = entry.slice(entry.indexOf('node'));
    const command = [process.execPath, node[1].replace(/^\/app\//, `${app}/`), ...args];
    const argv = asRuntimeUser
      ? ['setpriv', [`--reuid=${RUNTIME_UID}`, `--regid=${RUNTIME_UID}`, '--clear-groups', ...command]]
      : [command[0], command.slice(1)];
    return spawnSync(argv[0] as string, argv[1] as string[], {
      cwd: app,
      env: containerEnv(extra),
      encoding: 'utf8',
      timeout: 120_000,
    });
  };

  before(function () {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-image-'));
    fs.chmodSync(root, 0o755);
    app = path.join(root, 'app');
    data = path.join(root, 'data');
    scratch = path.join(root, 'tmp');
    fs.mkdirSync(app);
    fs.mkdirSync(data, { mode: 0o700 });
    fs.mkdirSync(scratch, { mode: 0o700 });
    asRuntimeUser = process.getuid?.() === 0 && !spawnSync('setpriv', ['--version']).error;
    if (asRuntimeUser) {
      fs.chownSync(data, RUNTIME_UID, RUNTIME_UID);
      fs.chownSync(scratch, RUNTIME_UID, RUNTIME_UID);
    }

    // The runtime stage's COPY lines, in order: from the build context (the repository) or from the build stage
    // (/build/dist/src: this test's own dist/src, built by the same `tsc -p tsconfig.json`).
    for (const ins of runtime.instructions) {
      if (ins.keyword === 'ENV') {
        for (const m of ins.args.matchAll(/(\w+)=(\S+)/g)) imageEnv[m[1]] = m[2];
      }
      if (ins.keyword !== 'COPY') continue;
      const { from, sources, dest } = copyParts(ins.args);
      for (const src of sources) {
        const source = from === 'build' ? path.join(DIST_DIR, path.relative('/build/dist', src)) : path.join(REPO_ROOT, src);
        const target = dest.endsWith('/') ? path.join(app, dest, path.basename(src)) : path.join(app, dest);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.cpSync(source, target, { recursive: true });
      }
    }
    expect(fs.existsSync(path.join(app, 'dist/src/cli/main.js'))).to.equal(true);

    // The runtime stage's `npm ci --omit=dev`. Until `prepare` stops needing TypeScript when dist/ is built (a
    // change being made beside this one), the install runs with --ignore-scripts and then builds better-sqlite3
    // itself: the same packages, the same native build, without `prepare`. Drop this branch once that is merged.
    const pkg = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    const prepareNeedsTsc = pkg.scripts?.prepare === 'npm run build';
    const npm = (args: string[]) => {
      const r = spawnSync('npm', args, {
        cwd: app,
        env: { ...process.env, NODE_ENV: 'production' },
        encoding: 'utf8',
        timeout: 540_000,
      });
      expect(r.status, `npm ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).to.equal(0);
    };
    if (prepareNeedsTsc) {
      console.warn('    (prepare still runs tsc: installing with --ignore-scripts + npm rebuild better-sqlite3)');
      npm(['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline']);
      npm(['rebuild', 'better-sqlite3']);
    } else {
      npm(['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline']);
    }
    fs.writeFileSync(path.join(root, 'installed'), ''); // what the image's layers hold ends here
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('installs the production dependencies only, with better-sqlite3 built', () => {
    const modules = path.join(app, 'node_modules');
    // (@types/node does come along: stripe names it as an optional peer. Types only, never loaded.)
    for (const dev of ['typescript', 'mocha', 'chai', 'yaml', '@types/better-sqlite3']) {
      expect(fs.existsSync(path.join(modules, dev)), `${dev} is a dev dependency`).to.equal(false);
    }
    expect(fs.existsSync(path.join(modules, 'better-sqlite3/build/Release/better_sqlite3.node'))).to.equal(true);
  });

  it('starts: --version prints the package version', () => {
    const r = cli(['--version']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout.trim()).to.equal(JSON.parse(readRepoFile('package.json')).version);
  });

  it('sandbox generate writes a world file into the data volume', () => {
    const out = path.join(data, 'world.ndjson');
    const r = cli(['sandbox', 'generate', '--out', out, '--customers', '3', '--months', '1', '--seed', '1']);
    expect(r.status, r.stderr).to.equal(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.length).to.be.greaterThan(10);
    JSON.parse(lines[0]);
  });

  it('the default command (sync) with no config mounted exits 2 naming the file: nothing is baked in', () => {
    const cmd = execForm(runtime.instructions.filter((i) => i.keyword === 'CMD').at(-1)!.args)!;
    const r = cli(cmd, FAKE_SECRETS);
    expect(r.status, r.stderr).to.equal(2);
    expect(r.stderr).to.include(`${root}/config-not-mounted/stripe-netsuite.json`);
  });

  it('opens and migrates the ledger at LEDGER_PATH in the volume, owner-only, as the image user', () => {
    // A dry run from what the ledger holds creates it; NetSuite is unreachable here, so the plan is not fitted to it.
    const r = cli(['--config', path.join(app, 'config/stripe-netsuite.json'), 'plan', '--no-extract'], { ...FAKE_SECRETS, NETSUITE_BASE_URL: 'http://127.0.0.1:9' });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stderr).to.match(/new ledger/i);
    const ledger = path.join(data, 'ledger.sqlite');
    const st = fs.statSync(ledger);
    expect(st.mode & 0o777).to.equal(0o600);
    if (asRuntimeUser) expect(st.uid).to.equal(RUNTIME_UID);
  });

  it('runs a whole sync through both built-in sandboxes (demo) from the production install', () => {
    const keep = path.join(scratch, 'demo');
    const r = cli(['demo', '--customers', '4', '--months', '1', '--keep', keep]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).to.equal(0);
    expect(`${r.stdout}${r.stderr}`).to.match(/0 failed/);
  });

  it('writes nothing into the install directory (the container root filesystem is read-only)', function () {
    if (!asRuntimeUser) this.skip(); // as root every file is writable: only the unprivileged run proves it
    const found = spawnSync('find', [app, '-newer', path.join(root, 'installed'), '-print'], { encoding: 'utf8' });
    const changed = found.stdout.split('\n').filter(Boolean);
    expect(changed).to.deep.equal([]);
  });
});
