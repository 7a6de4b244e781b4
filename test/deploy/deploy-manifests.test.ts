// The deployment files keep their promises (docs/deploy.md): read and parsed here, since no Docker engine, cluster
// or systemd runs in the test environment. The image's install and start steps are run in runtime-image.test.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';
import {
  copyParts,
  execForm,
  parseDockerfile,
  parseUnit,
  readRepoFile,
  REPO_ROOT,
  unitValues,
  type DockerStage,
} from './deploy-files.js';

const SECRET_VARIABLES = [
  'STRIPE_API_KEY',
  'NETSUITE_CONSUMER_KEY',
  'NETSUITE_CONSUMER_SECRET',
  'NETSUITE_TOKEN_ID',
  'NETSUITE_TOKEN_SECRET',
  'NETSUITE_CLIENT_ID',
  'NETSUITE_CERTIFICATE_ID',
  'NETSUITE_PRIVATE_KEY',
];

/** Anything that looks like a credential value: Stripe keys, PEM blocks, 64-hex NetSuite tokens. */
const SECRET_LOOKING = /(sk|rk)_(live|test)_[A-Za-z0-9]{6,}|-----BEGIN [A-Z ]*PRIVATE KEY-----|\b[0-9a-f]{64}\b/;

describe('deployment: Dockerfile', () => {
  const text = readRepoFile('Dockerfile');
  const { args, stages } = parseDockerfile(text);
  const runtime = stages[stages.length - 1];
  const build = stages[0];
  const all = (stage: DockerStage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);

  it('is multi-stage on a Node 24 image: a build stage, then a runtime stage that copies only dist/src from it', () => {
    expect(stages.length).to.be.at.least(2);
    const nodeImage = args.find((a) => a.keyword === 'ARG' && a.args.startsWith('NODE_IMAGE='))?.args.split('=')[1];
    expect(nodeImage).to.match(/^node:24[.-]/);
    for (const s of stages) expect(s.from).to.equal('${NODE_IMAGE}');
    expect(build.name).to.equal('build');
    const fromBuild = all(runtime, 'COPY').map((c) => copyParts(c.args)).filter((c) => c.from === 'build');
    expect(fromBuild).to.have.length(1);
    expect(fromBuild[0].sources).to.deep.equal(['/build/dist/src']);
  });

  it('the build stage installs with npm ci and builds with npm run build', () => {
    const runs = all(build, 'RUN').map((r) => r.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).to.equal(true);
    expect(runs.some((r) => /\bnpm run build\b/.test(r))).to.equal(true);
  });

  it('the runtime stage copies dist, schema.sql, config and the package files, then runs npm ci --omit=dev', () => {
    const copies = all(runtime, 'COPY').map((c) => copyParts(c.args));
    const sources = copies.filter((c) => !c.from).flatMap((c) => c.sources);
    expect(sources).to.include.members(['package.json', 'package-lock.json', 'schema.sql', 'config']);
    const install = all(runtime, 'RUN').find((r) => /\bnpm ci\b/.test(r.args));
    expect(install, 'npm ci in the runtime stage').to.not.equal(undefined);
    expect(install!.args).to.match(/\bnpm ci --omit=dev\b/);
    // dist/ must be in place before the install: `prepare` skips the TypeScript build when it finds it.
    const distCopy = all(runtime, 'COPY').find((c) => copyParts(c.args).from === 'build')!;
    expect(distCopy.line).to.be.below(install!.line);
    // The toolchain better-sqlite3 may compile with does not stay in the image.
    expect(install!.args).to.match(/apt-get purge[^&]*\bg\+\+/);
  });

  it('copies no secret, .env or ledger into any stage', () => {
    for (const stage of stages) {
      for (const c of all(stage, 'COPY').concat(all(stage, 'ADD'))) {
        for (const src of copyParts(c.args).sources) {
          expect(src, `line ${c.line}`).to.not.match(/(^|\/)\.env|\.pem$|\.key$|secret|\.sqlite|^\.$|^\*/i);
        }
      }
      expect(all(stage, 'ADD'), 'ADD fetches or unpacks: COPY only').to.have.length(0);
    }
    expect(text).to.not.match(SECRET_LOOKING);
    for (const env of all(runtime, 'ENV').concat(all(runtime, 'ARG'))) {
      for (const name of SECRET_VARIABLES) expect(env.args, `line ${env.line}`).to.not.include(name);
    }
  });

  it('runs as a numeric non-root user, keeps the ledger on the /data volume and reads no baked-in config', () => {
    const users = all(runtime, 'USER');
    expect(users).to.have.length.at.least(1);
    const user = users[users.length - 1].args.split(':')[0];
    expect(user).to.match(/^\d+$/, 'numeric, so Kubernetes runAsNonRoot can verify it');
    expect(Number(user)).to.be.greaterThan(0);
    const volume = all(runtime, 'VOLUME').map((v) => execForm(v.args) ?? v.args.split(/\s+/)).flat();
    expect(volume).to.include('/data');
    const env = all(runtime, 'ENV').map((e) => e.args).join(' ');
    expect(env).to.match(/\bLEDGER_PATH=\/data\/ledger\.sqlite\b/);
    // The shipped config/ holds the built-in sandbox's ids: the image points at a file you mount instead.
    expect(env).to.match(/\bSTRIPE_NETSUITE_CONFIG=\/config\/stripe-netsuite\.json\b/);
    // /data belongs to that user before the volume is created from it.
    expect(all(runtime, 'RUN').some((r) => new RegExp(`chown ${user}(:\\d+)? /data`).test(r.args))).to.equal(true);
  });

  it('starts the CLI directly (node, under tini for signals) and runs sync by default', () => {
    const entry = execForm(all(runtime, 'ENTRYPOINT').at(-1)!.args)!;
    expect(entry).to.deep.equal(['/usr/bin/tini', '--', 'node', '/app/dist/src/cli/main.js']);
    const cmd = execForm(all(runtime, 'CMD').at(-1)!.args)!;
    expect(cmd.at(-1)).to.equal('sync');
    expect(all(runtime, 'WORKDIR').at(-1)!.args).to.equal('/app');
  });

  it('.dockerignore is an allow-list that admits exactly what the Dockerfile copies, and never a secret', () => {
    const ignore = readRepoFile('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignore[0]).to.equal('*');
    const allowed = ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    const copied = stages.flatMap((s) =>
      all(s, 'COPY')
        .map((c) => copyParts(c.args))
        .filter((c) => !c.from)
        .flatMap((c) => c.sources),
    );
    expect([...new Set(copied)].sort()).to.deep.equal([...allowed].sort());
    for (const pattern of ['**/.env', '**/*.sqlite', '**/*.pem']) expect(ignore).to.include(pattern);
    for (const src of copied) expect(fs.existsSync(path.join(REPO_ROOT, src)), src).to.equal(true);
  });
});

describe('deployment: Kubernetes CronJob', () => {
  const docs = parseAllDocuments(readRepoFile('deploy/kubernetes/cronjob.yaml'));
  const objects = docs.map((d) => {
    expect(d.errors, d.errors.map((e) => e.message).join('; ')).to.have.length(0);
    return d.toJS() as Record<string, any>;
  });
  const cronJob = objects.find((o) => o.kind === 'CronJob')!;
  const pvc = objects.find((o) => o.kind === 'PersistentVolumeClaim')!;
  const job = cronJob?.spec?.jobTemplate?.spec;
  const pod = job?.template?.spec;
  const container = pod?.containers?.[0];

  it('parses as YAML into a PersistentVolumeClaim and a batch/v1 CronJob', () => {
    expect(objects.map((o) => `${o.apiVersion}/${o.kind}`)).to.deep.equal(['v1/PersistentVolumeClaim', 'batch/v1/CronJob']);
    expect(pod.containers).to.have.length(1);
  });

  it('never runs two syncs at once, and skips a run that could not start in time', () => {
    expect(cronJob.spec.concurrencyPolicy).to.equal('Forbid');
    expect(cronJob.spec.startingDeadlineSeconds).to.be.a('number').within(60, 900);
    expect(cronJob.spec.schedule).to.be.a('string');
  });

  it('retries only what a retry can fix: exit 1, 2 and 4 fail the Job at once', () => {
    expect(job.backoffLimit).to.be.a('number').within(0, 3);
    expect(pod.restartPolicy).to.equal('Never');
    const failJob = job.podFailurePolicy.rules.find((r: any) => r.action === 'FailJob');
    expect(failJob.onExitCodes).to.deep.equal({ containerName: container.name, operator: 'In', values: [1, 2, 4] });
    expect(pod.hostname, 'a fixed hostname defeats the ledger lock’s pid check').to.equal(undefined);
  });

  it('keeps the ledger on a ReadWriteOnce claim mounted at the ledger path', () => {
    expect(pvc.spec.accessModes).to.deep.equal(['ReadWriteOnce']);
    const ledgerVolume = pod.volumes.find((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name);
    expect(ledgerVolume).to.not.equal(undefined);
    const mount = container.volumeMounts.find((m: any) => m.name === ledgerVolume.name);
    expect(mount.readOnly ?? false).to.equal(false);
    const ledgerPath = container.env.find((e: any) => e.name === 'LEDGER_PATH').value as string;
    expect(path.posix.dirname(ledgerPath)).to.equal(mount.mountPath);
    expect(ledgerPath).to.equal('/data/ledger.sqlite');
  });

  it('takes the config from a ConfigMap mounted read-only and passed with --config, and runs sync', () => {
    const configVolume = pod.volumes.find((v: any) => v.configMap);
    const mount = container.volumeMounts.find((m: any) => m.name === configVolume.name);
    expect(mount.readOnly).to.equal(true);
    const args: string[] = container.args;
    const file = args[args.indexOf('--config') + 1];
    expect(path.posix.dirname(file)).to.equal(mount.mountPath);
    expect(args.at(-1)).to.equal('sync');
    expect(args).to.include('--log-format');
  });

  it('takes secrets from a Secret via env, with no secret value inline', () => {
    expect(container.envFrom.map((e: any) => e.secretRef?.name)).to.include('stripe-netsuite-secrets');
    for (const e of container.env) expect(SECRET_VARIABLES, `${e.name} inline`).to.not.include(e.name);
    expect(objects.some((o) => o.kind === 'Secret')).to.equal(false);
    expect(readRepoFile('deploy/kubernetes/cronjob.yaml')).to.not.match(SECRET_LOOKING);
  });

  it('runs as non-root with a read-only root filesystem; only the ledger and /tmp are writable', () => {
    expect(pod.securityContext.runAsNonRoot).to.equal(true);
    expect(pod.securityContext.runAsUser).to.be.greaterThan(0);
    expect(pod.securityContext.fsGroup).to.be.a('number');
    expect(container.securityContext.readOnlyRootFilesystem).to.equal(true);
    expect(container.securityContext.allowPrivilegeEscalation).to.equal(false);
    expect(container.securityContext.capabilities.drop).to.deep.equal(['ALL']);
    const writable = container.volumeMounts.filter((m: any) => !m.readOnly).map((m: any) => m.mountPath).sort();
    expect(writable).to.deep.equal(['/data', '/tmp']);
    expect(pod.automountServiceAccountToken).to.equal(false);
  });

  it('sets resource requests and a memory limit', () => {
    expect(container.resources.requests.memory).to.match(/^\d+(Mi|Gi)$/);
    expect(container.resources.requests.cpu).to.be.a('string');
    expect(container.resources.limits.memory).to.match(/^\d+(Mi|Gi)$/);
  });
});

describe('deployment: systemd units', () => {
  const service = parseUnit(readRepoFile('deploy/systemd/stripe-netsuite.service'));
  const timer = parseUnit(readRepoFile('deploy/systemd/stripe-netsuite.timer'));
  const one = (unit: typeof service, section: string, key: string) => {
    const v = unitValues(unit, section, key);
    expect(v, `${section}.${key}`).to.have.length(1);
    return v[0];
  };

  it('parse as sections of key=value lines', () => {
    expect([...service.keys()]).to.deep.equal(['Unit', 'Service']);
    expect([...timer.keys()]).to.deep.equal(['Unit', 'Timer', 'Install']);
  });

  it('the service is a oneshot sync as a dedicated user, secrets from an EnvironmentFile, the ledger in StateDirectory', () => {
    expect(one(service, 'Service', 'Type')).to.equal('oneshot');
    expect(one(service, 'Service', 'User')).to.equal('stripe-netsuite');
    expect(unitValues(service, 'Service', 'DynamicUser')).to.deep.equal([]);
    expect(one(service, 'Service', 'EnvironmentFile')).to.match(/^\/etc\/stripe-netsuite\//);
    const state = one(service, 'Service', 'StateDirectory');
    const env = unitValues(service, 'Service', 'Environment');
    expect(env).to.include(`LEDGER_PATH=/var/lib/${state}/ledger.sqlite`);
    for (const e of env) for (const name of SECRET_VARIABLES) expect(e).to.not.include(name);
    const exec = one(service, 'Service', 'ExecStart').split(/\s+/);
    expect(exec.at(-1)).to.equal('sync');
    expect(exec[exec.indexOf('--config') + 1]).to.match(/^\/etc\/stripe-netsuite\/.+\.json$/);
    expect(exec).to.include('--log-format');
    expect(unitValues(service, 'Unit', 'After')).to.include('network-online.target');
  });

  it('the service is hardened, but leaves V8 its JIT', () => {
    for (const [key, value] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      ['PrivateDevices', 'yes'],
      ['RestrictSUIDSGID', 'yes'],
      ['CapabilityBoundingSet', ''],
      ['UMask', '0077'],
    ]) {
      expect(one(service, 'Service', key), key).to.equal(value);
    }
    expect(unitValues(service, 'Service', 'MemoryDenyWriteExecute')).to.deep.equal([]);
    expect(unitValues(service, 'Service', 'ReadWritePaths'), 'StateDirectory is the only writable path').to.deep.equal([]);
  });

  it('the timer is persistent and starts the service', () => {
    expect(one(timer, 'Timer', 'Persistent')).to.equal('true');
    expect(one(timer, 'Timer', 'OnCalendar')).to.be.a('string').and.not.equal('');
    expect(one(timer, 'Timer', 'Unit')).to.equal('stripe-netsuite.service');
    expect(one(timer, 'Install', 'WantedBy')).to.equal('timers.target');
  });

  it('systemd-analyze verify finds no unknown key or section (where systemd-analyze is installed)', function () {
    const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (probe.error) this.skip();
    // verify checks the ExecStart binary exists: point a copy at this node.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-systemd-'));
    try {
      for (const name of ['stripe-netsuite.service', 'stripe-netsuite.timer']) {
        const text = readRepoFile(`deploy/systemd/${name}`).replace('ExecStart=/usr/bin/node', `ExecStart=${process.execPath}`);
        fs.writeFileSync(path.join(dir, name), text);
      }
      const r = spawnSync(
        'systemd-analyze',
        ['verify', path.join(dir, 'stripe-netsuite.service'), path.join(dir, 'stripe-netsuite.timer')],
        { encoding: 'utf8' },
      );
      const complaints = `${r.stdout}\n${r.stderr}`
        .split('\n')
        .filter((l) => /stripe-netsuite\.(service|timer)/.test(l) && !/Failed to (connect|create|set up)|bus/i.test(l));
      expect(complaints, complaints.join('\n')).to.deep.equal([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
