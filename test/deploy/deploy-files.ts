// Readers for the deployment files, shared by the deploy tests: the repository root, the Dockerfile's instructions
// by stage, and systemd units as INI-like sections.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist[-name]/test/deploy/deploy-files.js → the repository root */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The dist folder this test was built into (dist/ or dist-<name>/). */
export const DIST_DIR = fileURLToPath(new URL('../../', import.meta.url));

export function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8');
}

export interface DockerInstruction {
  keyword: string;
  args: string;
  line: number;
}

export interface DockerStage {
  /** The FROM line's image (ARGs not expanded). */
  from: string;
  name?: string;
  instructions: DockerInstruction[];
}

/** Splits a Dockerfile into stages of instructions: comments dropped, `\` continuations joined. */
export function parseDockerfile(text: string): { args: DockerInstruction[]; stages: DockerStage[] } {
  const instructions: DockerInstruction[] = [];
  let pending = '';
  let startLine = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return; // a comment inside a continuation
    if (!pending) startLine = i + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      return;
    }
    const whole = (pending + line).trim();
    pending = '';
    const m = /^(\S+)\s*(.*)$/s.exec(whole);
    if (m) instructions.push({ keyword: m[1].toUpperCase(), args: m[2], line: startLine });
  });
  const args: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      stages.push({ from: m?.[1] ?? ins.args, name: m?.[2], instructions: [] });
    } else if (stages.length === 0) {
      args.push(ins);
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return { args, stages };
}

/** A JSON-array (exec form) instruction's arguments, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.trim().startsWith('[')) return undefined;
  return JSON.parse(args) as string[];
}

/** COPY's sources and destination, with its --from (if any); flags other than --from are dropped. */
export function copyParts(args: string): { from?: string; sources: string[]; dest: string } {
  const words = execForm(args) ?? args.split(/\s+/).filter(Boolean);
  let from: string | undefined;
  const rest: string[] = [];
  for (const w of words) {
    if (w.startsWith('--from=')) from = w.slice('--from='.length);
    else if (!w.startsWith('--')) rest.push(w);
  }
  return { from, sources: rest.slice(0, -1), dest: rest[rest.length - 1] };
}

export type UnitFile = Map<string, Array<[string, string]>>;

/** A systemd unit as sections of key=value pairs (repeated keys kept in order); throws on a line that is neither. */
export function parseUnit(text: string): UnitFile {
  const sections: UnitFile = new Map();
  let current: Array<[string, string]> | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const section = /^\[([A-Za-z]+)\]$/.exec(line);
    if (section) {
      if (sections.has(section[1])) throw new Error(`line ${i + 1}: section [${section[1]}] twice`);
      current = [];
      sections.set(section[1], current);
      return;
    }
    const kv = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!kv) throw new Error(`line ${i + 1}: not a key=value line: ${line}`);
    if (!current) throw new Error(`line ${i + 1}: key outside a section`);
    current.push([kv[1], kv[2]]);
  });
  return sections;
}

export function unitValues(unit: UnitFile, section: string, key: string): string[] {
  return (unit.get(section) ?? []).filter(([k]) => k === key).map(([, v]) => v);
}
