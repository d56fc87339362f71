import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT, type AppConfig } from './config';

/**
 * What a synth output was made from, recorded next to it (`<outdir>/synth-inputs.json`) by the synth itself, so
 * that whoever runs the output later (the local runner) can tell exactly, and cheaply, whether it is older than
 * its inputs: the configuration as synth used it, and a hash of every source file synth reads.
 */

export const SYNTH_INPUTS_FILE = 'synth-inputs.json';

/**
 * Everything synth reads besides the configuration: the app, its stacks, the ASL builders, the Lambda handlers
 * (bundled by esbuild), the installed dependency versions and the compiler settings. A test checks that every
 * local file main.ts and the handlers import lies under one of these.
 */
export const SOURCE_PATHS: readonly string[] = ['main.ts', 'contracts', 'stacks', 'definitions', 'lambdas', 'package-lock.json', 'tsconfig.json'];

/** Bumped when what is recorded changes, so that older records count as stale. */
const FORMAT = 1;

export interface SynthInputs {
  /** The configuration synth used: config.json (or $SFN_CONFIG) with its defaults and AWS_REGION applied. */
  readonly config: unknown;
  /** sha256 of each source file, by its path from the project root (with `/`). */
  readonly sources: Readonly<Record<string, string>>;
}

/** The inputs of a synth with `config`, as they are now in the project at `root`. */
export function currentSynthInputs(config: AppConfig, root: string = PROJECT_ROOT): SynthInputs {
  const sources: Record<string, string> = {};
  const visit = (relative: string) => {
    const full = path.join(root, relative);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      return; // an optional input that is absent (tsconfig.json, say) is recorded as absent
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) visit(`${relative}/${name}`);
    } else {
      sources[relative] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
    }
  };
  for (const source of SOURCE_PATHS) visit(source);
  return { config, sources };
}

/** Removes the record, before a synth starts rewriting the folder: a synth that fails leaves no record behind. */
export function forgetSynthInputs(outdir: string): void {
  fs.rmSync(path.join(outdir, SYNTH_INPUTS_FILE), { force: true });
}

/** Writes the record once synth has succeeded (beside, then renamed: a reader sees all of it or none). */
export function recordSynthInputs(outdir: string, inputs: SynthInputs): void {
  const file = path.join(outdir, SYNTH_INPUTS_FILE);
  const partial = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(partial, `${JSON.stringify({ format: FORMAT, ...inputs }, null, 2)}\n`);
  fs.renameSync(partial, file);
}

export type RecordedInputs = { readonly ok: true; readonly inputs: SynthInputs } | { readonly ok: false; readonly why: string };

/** The record in `outdir`, or why there is none that can be used. */
export function readSynthInputs(outdir: string): RecordedInputs {
  const file = path.join(outdir, SYNTH_INPUTS_FILE);
  if (!fs.existsSync(file)) return { ok: false, why: `it has no ${SYNTH_INPUTS_FILE} (the record of what it was synthesized from)` };
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: unknown; config?: unknown; sources?: unknown };
    if (parsed.format !== FORMAT || typeof parsed.sources !== 'object' || parsed.sources === null) {
      return { ok: false, why: `its ${SYNTH_INPUTS_FILE} was written by another version of this project` };
    }
    return { ok: true, inputs: { config: parsed.config, sources: parsed.sources as Record<string, string> } };
  } catch (err) {
    return { ok: false, why: `its ${SYNTH_INPUTS_FILE} cannot be read (${(err as Error).message})` };
  }
}

/**
 * What differs between a recorded synth and the inputs now, one phrase each, e.g.
 * `config stepfunc.waitDurationSeconds: 2 → 25` or `stacks/app.ts changed`. Empty: the output is current.
 */
export function synthInputChanges(recorded: SynthInputs, current: SynthInputs): string[] {
  const changes: string[] = [];
  const before = flatten(recorded.config);
  const after = flatten(current.config);
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [was, now] = [before.get(key), after.get(key)];
    if (was !== now) changes.push(`config ${key}: ${was ?? '(unset)'} → ${now ?? '(unset)'}`);
  }
  for (const file of [...new Set([...Object.keys(recorded.sources), ...Object.keys(current.sources)])].sort()) {
    const [was, now] = [recorded.sources[file], current.sources[file]];
    if (was === now) continue;
    changes.push(`${file} ${was === undefined ? 'added' : now === undefined ? 'removed' : 'changed'}`);
  }
  return changes;
}

/** `{a: {b: 1}, c: [1]}` → `a.b` → `1`, `c` → `[1]` (values as JSON, arrays whole). */
function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    if (Object.keys(value).length === 0 && prefix) into.set(prefix, '{}');
  } else if (value !== undefined) {
    into.set(prefix || '(whole)', JSON.stringify(value));
  }
  return into;
}
