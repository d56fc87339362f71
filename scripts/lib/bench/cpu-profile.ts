import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Reads a V8 CPU profile (`node --cpu-prof`, a .cpuprofile file) and answers where the time went: self time per
 * function and per module (a package of node_modules, a project folder, or node's own code), largest first.
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  /** 0-based, as are the columns. */
  readonly lineNumber: number;
  readonly columnNumber?: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  /** Share of all sampled time, 0–1. */
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly functions: readonly SelfTime[];
  readonly modules: readonly SelfTime[];
  /** Self time charged to the innermost function of the project's own code on the stack (its callees' time included). */
  readonly projectCallers: readonly SelfTime[];
}

/** `node_modules/@smithy/x` → `@smithy/x`; `<root>/local/engine/a.ts` → `local/engine`; `node:internal/…` → `node (internal)`. */
export function moduleOf(url: string, root: string): string {
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file.slice(file.lastIndexOf('node_modules/')));
  if (file.includes('node_modules/') && inModules) return inModules[1];
  if (file.startsWith('node:') || !path.isAbsolute(file)) return 'node (built-in)';
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? path.dirname(file) : path.dirname(relative);
}

const fileOf = (url: string) => (url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url);

/** `name file` (no line: tsx's transformed lines are not the source's). */
function frameName(frame: CallFrame, root: string): string {
  const file = fileOf(frame.url);
  const where = file === '' ? '' : ` (${path.isAbsolute(file) ? path.relative(root, file) : file})`;
  return `${frame.functionName || '(anonymous)'}${where}`;
}

/** A frame of the project's own code: a file under `root`, not in node_modules. */
function isProjectFrame(frame: CallFrame, root: string): boolean {
  const file = fileOf(frame.url);
  return path.isAbsolute(file) && !file.includes('node_modules/') && !path.relative(root, file).startsWith('..');
}

/** V8's own entries ((idle), (garbage collector), (program)) and native bindings (fsync, rename) have no URL. */
function moduleOfFrame(frame: CallFrame, root: string): string {
  if (frame.url !== '') return moduleOf(frame.url, root);
  return frame.functionName.startsWith('(') ? frame.functionName : 'native bindings (fs, worker messages, …)';
}

/**
 * A frame of a bundle with a source map beside it (`<bundle>.js.map`: the commands run from bundles, run.cjs) as the
 * source it was built from: `local/runner.ts` rather than `.build/run/scripts-local/<hash>/local.js`.
 */
function sourceFrames(): (frame: CallFrame) => CallFrame {
  const maps = new Map<string, { map: SourceMap; dir: string } | undefined>();
  const mapOf = (file: string) => {
    if (!maps.has(file)) {
      try {
        maps.set(file, { map: new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]), dir: path.dirname(file) });
      } catch {
        maps.set(file, undefined); // no map: the frame stays as it is
      }
    }
    return maps.get(file);
  };
  return (frame) => {
    if (!frame.url.startsWith('file://') || !frame.url.endsWith('.js')) return frame;
    const found = mapOf(fileURLToPath(frame.url));
    const entry = found?.map.findEntry(frame.lineNumber, frame.columnNumber ?? 0);
    if (!found || !entry || !('originalSource' in entry) || !entry.originalSource) return frame;
    const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(found.dir, entry.originalSource);
    return { ...frame, url: pathToFileURL(source).href, lineNumber: entry.originalLine, columnNumber: entry.originalColumn };
  };
}

export function summarizeProfile(profile: CpuProfile, root: string, top = 10): ProfileSummary {
  const original = sourceFrames();
  const byId = new Map(profile.nodes.map((n) => [n.id, { ...n, callFrame: original(n.callFrame) }]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const projectFrames = new Map<number, string | undefined>();
  const projectFrameOf = (id: number): string | undefined => {
    if (projectFrames.has(id)) return projectFrames.get(id);
    const node = byId.get(id)!;
    const parent = parentOf.get(id);
    const found = isProjectFrame(node.callFrame, root) ? frameName(node.callFrame, root) : parent === undefined ? undefined : projectFrameOf(parent);
    projectFrames.set(id, found);
    return found;
  };
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  const owners = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalUs = 0;
  // Sample i was taken at startTime + deltas[0..i] and stands for the time until the next one (the last: until endTime).
  const at: number[] = [];
  for (let i = 0, t = profile.startTime; i < samples.length; i++) at.push((t += deltas[i] ?? 0));
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    const us = Math.max(0, (at[i + 1] ?? profile.endTime) - at[i]);
    if (!node) continue;
    totalUs += us;
    const fn = frameName(node.callFrame, root);
    functions.set(fn, (functions.get(fn) ?? 0) + us);
    const mod = moduleOfFrame(node.callFrame, root);
    modules.set(mod, (modules.get(mod) ?? 0) + us);
    const owner = projectFrameOf(node.id) ?? `${mod}, no project frame on the stack`;
    owners.set(owner, (owners.get(owner) ?? 0) + us);
  }
  const ranked = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: totalUs === 0 ? 0 : us / totalUs }));
  return { totalMs: totalUs / 1000, functions: ranked(functions), modules: ranked(modules), projectCallers: ranked(owners) };
}

/**
 * The main thread's profile in `dir` (node names it `CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile`, thread 0 the
 * main thread; each worker thread, e.g. a function's environment, writes its own), the newest if several.
 */
export function readMainThreadProfile(dir: string): { file: string; profile: CpuProfile } {
  const files = fs.readdirSync(dir).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (files.length === 0) throw new Error(`no main-thread .cpuprofile was written into ${dir}`);
  const file = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  return { file, profile: JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile };
}

/** The summary as lines for the terminal: `  12.3 %  1,234 ms  name`. */
export function profileLines(summary: ProfileSummary): string[] {
  const line = (t: SelfTime) => `    ${(t.share * 100).toFixed(1).padStart(5)} %  ${String(Math.round(t.ms)).padStart(6)} ms  ${t.name}`;
  return [
    `  ${Math.round(summary.totalMs)} ms sampled on the main thread. Self time by function:`,
    ...summary.functions.map(line),
    '  By module:',
    ...summary.modules.map(line),
    "  By the innermost frame of the project's own code (its callees included):",
    ...summary.projectCallers.map(line),
  ];
}
