// What the CLI writes besides reports: notices and errors on stderr, as text or (with --log-format json, or
// log.format "json") one JSON object per line, so a log collector never meets plain text. And the one rule for
// colours: FORCE_COLOR, NO_COLOR, TERM=dumb, and whether the stream is a terminal.
import { redactSecrets } from './redact.js';

export type LogFormat = 'text' | 'json';

let format: LogFormat = 'text';

/** The format chosen on the command line, known before commander parses (so its own errors follow it). */
export function logFormatFromArgv(argv: readonly string[]): LogFormat | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--log-format') return argv[i + 1] === 'json' ? 'json' : argv[i + 1] === 'text' ? 'text' : undefined;
    if (argv[i].startsWith('--log-format=')) {
      const v = argv[i].slice('--log-format='.length);
      return v === 'json' || v === 'text' ? v : undefined;
    }
  }
  return undefined;
}

export function setLogFormat(f: LogFormat): void {
  format = f;
}

export function logFormat(): LogFormat {
  return format;
}

/** A line on stderr: `stripe-netsuite: <text>`, or `{"event":…,…,"message":<text>,"at":…}` in JSON mode. */
export function notice(event: string, text: string, extra: Record<string, unknown> = {}): void {
  process.stderr.write(
    format === 'json'
      ? `${JSON.stringify({ event, ...extra, message: text, at: new Date().toISOString() })}\n`
      : `stripe-netsuite: ${text}\n`,
  );
}

/** A status line on stdout (a server's address, a file written): text, or one JSON object in JSON mode. */
export function stdoutLine(event: string, text: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(format === 'json' ? `${JSON.stringify({ event, ...extra, message: text, at: new Date().toISOString() })}\n` : `${text}\n`);
}

/** An error line on stderr, secrets redacted. */
export function errorLine(event: string, text: string, extra: Record<string, unknown> = {}): void {
  notice(event, redactSecrets(text), extra);
}

export type Env = Record<string, string | undefined>;

/**
 * Whether to colour what goes to `stream`: FORCE_COLOR (anything but 0/false) forces colour, as in Node; otherwise
 * NO_COLOR (non-empty) or TERM=dumb turn it off; otherwise colour only on a terminal.
 */
export function useColor(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    const f = force.trim().toLowerCase();
    if (f === '0' || f === 'false') return false;
    return true;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}
