// Runs the built CLI as a child process with a controlled environment, the way cron or a shell would.
// Asynchronous on purpose: the sandboxes these tests talk to live in the test process and must keep serving.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** dist-<name>/test/cli/cli-process.js → dist-<name>/src/cli/main.js */
export const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The whole environment of the child besides PATH: nothing leaks in from the test runner's own. */
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
}

export function childEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1', ...env };
}

export function startCli(args: string[], o: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, [CLI_MAIN, ...args], {
    cwd: o.cwd,
    env: childEnv(o.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a started child's output until it exits; kills it (and fails) past the timeout. */
export function waitForExit(child: ChildProcess, timeoutMs = 60_000): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function runCli(args: string[], o: CliOptions = {}): Promise<CliResult> {
  return waitForExit(startCli(args, o), o.timeoutMs);
}

/** For assertion messages: everything the CLI said. */
export function transcript(r: CliResult): string {
  return `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

/**
 * Runs many independent invocations a few at a time and keeps the results in order: each CLI start costs
 * a second or two of module loading, so a suite of them in series would be slow for no reason.
 */
export async function runCliMany(
  invocations: Array<{ args: string[] } & CliOptions>,
  parallel = 6,
): Promise<CliResult[]> {
  const results: CliResult[] = new Array(invocations.length);
  let next = 0;
  const worker = async () => {
    while (next < invocations.length) {
      const i = next++;
      const { args, ...o } = invocations[i];
      results[i] = await runCli(args, o);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, invocations.length) }, worker));
  return results;
}
