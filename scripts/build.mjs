#!/usr/bin/env node
// Builds dist/ with TypeScript, then sets the run bit on the CLI (package.json "bin").
//
// Why the chmod: npm sets a bin's mode when it links it, and on a fresh clone (npm install, npm link,
// npm install -g .) that happens before `prepare` has compiled the file; tsc then writes it 0644 and running
// it gives "Permission denied". So the build itself makes the bin executable.
//
//   node scripts/build.mjs [tsc args…]   `npm run build`: TypeScript is required.
//   node scripts/build.mjs --prepare     `prepare` (npm ci / npm install): builds when TypeScript is installed;
//                                        without it (npm ci --omit=dev in a production image) it uses the
//                                        dist/ already there, and fails with a clear message when there is none.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const bins = Object.values(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {}));
const prepare = process.argv.includes('--prepare');
const tscArgs = process.argv.slice(2).filter((a) => a !== '--prepare');

// npm runs `prepare` even for `npm install --package-lock-only`, which installs nothing: nothing to build.
if (prepare && process.env.npm_config_package_lock_only === 'true') process.exit(0);

let tsc;
try {
  tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  tsc = undefined;
}

if (tsc) {
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', ...tscArgs], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
} else if (!prepare) {
  console.error('stripe-netsuite build: TypeScript is not installed; run `npm ci` (with dev dependencies) first.');
  process.exit(1);
} else {
  const missing = bins.filter((b) => !fs.existsSync(path.join(root, b)));
  if (missing.length > 0) {
    console.error(
      `stripe-netsuite prepare: TypeScript is not installed (dev dependencies omitted?) and there is no built ${missing.join(', ')}.\n` +
        '  Build first where dev dependencies are installed (`npm ci && npm run build`), then copy dist/ here\n' +
        '  before `npm ci --omit=dev`; or run `npm ci` without --omit=dev.',
    );
    process.exit(1);
  }
  console.error('stripe-netsuite prepare: TypeScript not installed (production install); using the existing dist/.');
}

for (const b of bins) {
  const file = path.join(root, b);
  if (fs.existsSync(file)) fs.chmodSync(file, fs.statSync(file).mode | 0o111);
}
