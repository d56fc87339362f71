import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureBundles } from './bundles';
import { parsePrices } from './cost';
import { expressTable, functionProfilesTable, languagesTable, standardTable, type CostRow } from './cost-report';
import { measureLanguages } from './languages';
import { launchTable, measureLaunch } from './launch';
import { measureLatency } from './local-runs';
import { iamOverheadTable, measureIamLocal, measureIamServe } from './iam-overhead';
import { machineDescription } from './processes';
import { profileLines, readMainThreadProfile, summarizeProfile } from './cpu-profile';
import { measureAgainstAnchor } from './cdk-anchor';
import { anchorTable, bundlesTable, latencyTable, serveTable, SERVE_SECTION, spliceReport, synthTable, testsTable, throughputTable } from './report';
import { measureServe, servePlan } from './serve';
import { measureServeMemory, serveMemoryTable } from './serve-memory';
import { engineRatioTable, measureEngineRatio } from './engine-ratio';
import { synthDefaultApp } from './serve-process';
import { measureSynth, measureTests } from './synth-and-tests';
import { renderMarkdown, renderText, type Table } from './table';
import { measureThroughput } from './throughput';
import { engineTable, measureEngine } from './engine';
import { defaultOutDir, PROJECT_ROOT } from '../project';
import { STACK_FACTS } from '../stack-facts';
import type { BenchOptions } from './options';

// What `npm run bench` measures (scripts/bench.ts checks its command line first, without loading any of this).

function gitDescription(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim() !== '';
    return `commit ${commit}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'no git commit';
  }
}

/** Runs the parts `options` asks for, prints their tables and writes the report; 1 when npm test failed. */
export async function runBench(options: BenchOptions): Promise<number> {
  const { quick } = options;
  const say = (line: string) => console.error(line);
  const machine = machineDescription();
  const started = Date.now();
  const prices = parsePrices(JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'prices.json'), 'utf8')));
  const tables: Table[] = [];
  const show = (table: Table) => {
    tables.push(table);
    console.log(`\n${renderText(table)}`);
  };
  say(`Benchmarking on ${machine}${quick ? ' (--quick)' : ''}…`);
  const flags = [quick && '--quick', options.only && `--only ${options.only}`].filter(Boolean);
  const command = `npm run bench${flags.length > 0 ? ` -- ${flags.join(' ')}` : ''}`;
  const existing = () => (fs.existsSync(options.out) ? fs.readFileSync(options.out, 'utf8') : undefined);
  const write = (text: string) => {
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, text);
  };

  const serve = async (): Promise<string> => {
    const serveStarted = Date.now();
    const profDir = options.cpuProf ? fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bench-prof-')) : undefined;
    const table = serveTable(await measureServe(servePlan(quick, profDir), say), machine);
    console.log(`\n${renderText(table)}`);
    if (profDir) {
      const { file, profile } = readMainThreadProfile(profDir);
      console.log(`\nCPU profile of the serving process with --data-dir: ${file}`);
      for (const line of profileLines(summarizeProfile(profile, PROJECT_ROOT))) console.log(line);
    }
    const header = `_Generated ${new Date().toISOString().slice(0, 10)} by \`${command}\` at ${gitDescription()}, the serve part in ${Math.round((Date.now() - serveStarted) / 1000)} s._`;
    return [header, renderMarkdown(table)].join('\n\n');
  };
  const serveMemory = async (): Promise<Table> => {
    const orders = options.orders ?? (quick ? 500 : 2000);
    const every = orders >= 10_000 ? Math.max(1000, Math.round(orders / 10)) : Math.max(1, Math.round(orders / 4));
    const synth = synthDefaultApp();
    try {
      const runs = [];
      for (const dataDir of options.memoryDataDir) runs.push(await measureServeMemory(synth, { orders, every, clients: 10, dataDir }, say));
      return serveMemoryTable(runs, machine);
    } finally {
      synth.remove();
    }
  };
  const iamOverhead = async (): Promise<Table> => {
    const runs = quick ? 5 : 20;
    const synth = synthDefaultApp();
    try {
      const local = await measureIamLocal(synth.outdir, runs, say);
      return iamOverheadTable(local, runs, await measureIamServe(synth, { orders: 500, clients: 20, turns: quick ? 1 : 3 }, say), machine);
    } finally {
      synth.remove();
    }
  };
  const engineRatio = async (outDir: string): Promise<Table> => {
    const runs = quick ? 5 : 20;
    return engineRatioTable(await measureEngineRatio(outDir, runs, 1000, say), machine);
  };
  if (options.only === 'engine-ratio') {
    const synth = synthDefaultApp();
    try {
      console.log(`\n${renderText(await engineRatio(synth.outdir))}`);
    } finally {
      synth.remove();
    }
    return 0;
  }
  if (options.only === 'iam') {
    console.log(`\n${renderText(await iamOverhead())}`);
    return 0;
  }
  if (options.only === 'serve-memory') {
    console.log(`\n${renderText(await serveMemory())}`);
    return 0;
  }
  if (options.only === 'serve') {
    write(spliceReport(existing(), await serve(), SERVE_SECTION));
    console.log(`\nWrote the serve part of ${path.relative(process.cwd(), options.out) || options.out} (${Math.round((Date.now() - started) / 1000)} s in all).`);
    return 0;
  }

  const outDir = defaultOutDir();
  const synth = await measureSynth(outDir, quick ? { directRuns: 3, coldRuns: 1, cdktfRuns: 1, cdktfWarmups: 0 } : { directRuns: 5, coldRuns: 3, cdktfRuns: 3, cdktfWarmups: 1 }, say);
  show(synthTable(synth, machine));
  show(anchorTable(await measureAgainstAnchor(PROJECT_ROOT, quick ? { runs: 3, cliRuns: 1 } : { runs: 7, cliRuns: 3 }, say), machine));

  const initRuns = quick ? 3 : 7;
  const bundles = await measureBundles(outDir, PROJECT_ROOT, initRuns, say);
  show(bundlesTable(bundles, initRuns, machine));

  const latencyRuns = quick ? 5 : 20;
  const latency = await measureLatency(outDir, latencyRuns, say);
  show(latencyTable(latency, latencyRuns, machine));
  show(launchTable(await measureLaunch(PROJECT_ROOT, quick ? 3 : 7, say), machine));
  show(await engineRatio(outDir));

  const throughput = await measureThroughput({ sizes: [1000, 2500], concurrencies: [1, 10, 40], runs: (items) => (quick ? 1 : items > 1000 ? 2 : 3) }, say);
  show(throughputTable(throughput, machine));

  show(engineTable(await measureEngine(quick, say), machine));
  const serveBlock = await serve();
  show(await serveMemory());
  show(await iamOverhead());

  const rows: CostRow[] = latency.map((l) => ({ label: STACK_FACTS[l.stackId].bench.label ?? l.stackId, stackId: l.stackId, counted: l.counted }));
  const thousand = throughput.find((t) => t.items === 1000 && t.maxConcurrency === 1);
  if (thousand) rows.push({ label: 'parallel-map (1,000 items)', stackId: 'parallel-map', counted: thousand.counted });
  // With stepfunc.waitDurationSeconds 0 the builder leaves WaitInMap out: one transition per item instead of two.
  const [noWait] = await measureThroughput({ sizes: [1000], concurrencies: [1], runs: () => 1, stepfunc: { waitDurationSeconds: 0 } }, say);
  rows.push({ label: 'parallel-map (1,000 items, waitDurationSeconds 0)', stackId: 'parallel-map', counted: noWait.counted });
  show(standardTable(rows, prices));
  show(expressTable(rows, prices));
  show(languagesTable(await measureLanguages(say), prices));
  show(functionProfilesTable(new Map(bundles.map((b) => [b.functionName, b.memoryMb]))));

  const tests = quick ? undefined : await measureTests(PROJECT_ROOT, say);
  show(testsTable(tests, machine));

  const header = [
    `_Generated ${new Date().toISOString().slice(0, 10)} by \`${command}\` at ${gitDescription()}, in ${Math.round((Date.now() - started) / 1000)} s._`,
    `_Machine: ${machine}. Timings are single-machine figures: compare them with each other, not with another machine._`,
  ].join('\n');
  write(spliceReport(spliceReport(existing(), [header, ...tables.map((t) => renderMarkdown(t))].join('\n\n')), serveBlock, SERVE_SECTION));
  console.log(`\nWrote ${path.relative(process.cwd(), options.out) || options.out} (${Math.round((Date.now() - started) / 1000)} s in all).`);
  return tests && !tests.ok ? 1 : 0;
}
