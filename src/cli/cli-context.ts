// What every command does before it runs: the global options, the configuration (announced: which file, and a
// ledger about to be created), and the log format for the rest of the process.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, loadLedgerPath, loadSettings } from '../config/load-config.js';
import type { RuntimeConfig, Settings } from '../config/settings.js';
import { notice, setLogFormat, type LogFormat } from './output.js';

export interface GlobalOptions {
  config?: string;
  logFormat?: LogFormat;
  envFile?: string;
}

export function globalOptions(program: Command): GlobalOptions {
  return program.opts<GlobalOptions>();
}

/** The whole configuration (file and secrets), for the commands that talk to Stripe or NetSuite. */
export function loadRunConfig(program: Command): { config: RuntimeConfig; logFormat: LogFormat } {
  const g = globalOptions(program);
  const config = loadConfig(process.env, g.config);
  const logFormat = g.logFormat ?? config.settings.log.format;
  setLogFormat(logFormat);
  announceConfig(config.configFile);
  const ledgerPath = config.secrets.ledgerPath;
  if (ledgerPath !== ':memory:' && !fs.existsSync(ledgerPath)) {
    notice('ledger_created', `creating a new ledger at ${path.resolve(ledgerPath)} (none was there: this run starts from nothing)`, {
      ledgerPath: path.resolve(ledgerPath),
    });
  }
  return { config, logFormat };
}

/** The config file alone, no secrets (explain plans from the ledger with it). */
export function loadRunSettings(program: Command): Settings {
  const g = globalOptions(program);
  const { settings, configFile } = loadSettings(process.env, g.config);
  setLogFormat(g.logFormat ?? settings.log.format);
  announceConfig(configFile);
  return settings;
}

/** LEDGER_PATH alone, for status and retry: they need no config file and no secret. */
export function loadReadOnlyLedger(): string {
  const ledgerPath = loadLedgerPath(process.env);
  notice('ledger', `ledger ${path.resolve(ledgerPath)} (read-only command: no config file or secrets needed)`, {
    ledgerPath: path.resolve(ledgerPath),
  });
  return ledgerPath;
}

function announceConfig(configFile: string): void {
  notice('config', `config ${configFile}`, { configFile });
}
