import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { useAslVerdictStore } from '../definitions/validate';
import { aslVerdictsOnDisk } from '../stacks/asl-verdicts';
import { measureBundles } from './lib/bench/bundles';
import { checkOutputFileOption, parseCommandLine, runCli, UsageError } from './lib/cli';
import { parsePrices } from './lib/bench/cost';
import { expressTable, functionProfilesTable, languagesTable, standardTable, type CostRow } from './lib/bench/cost-report';
import { measureLanguages } from './lib/bench/languages';
import { launchTable, measureLaunch } from './lib/bench/launch';
import { measureLatency } from './lib/bench/local-runs';
import { iamOverheadTable, measureIamLocal, measureIamServe } from './lib/bench/iam-overhead';
import { machineDescription } from './lib/bench/processes';
import { profileLines, readMainThreadProfile, summarizeProfile } from './lib/bench/cpu-profile';
import { measureAgainstAnchor } from './lib/bench/cdk-anchor';
import { anchorTable, bundlesTable, latencyTable, serveTable, SERVE_SECTION, spliceReport, synthTable, testsTable, throughputTable } from './lib/bench/report';
import { measureServe, servePlan } from './lib/bench/serve';
import { dataDirRuns, measureServeMemory, serveMemoryTable } from './lib/bench/serve-memory';
import { engineRatioTable, measureEngineRatio } from './lib/bench/engine-ratio';
import { synthDefaultApp } from './lib/bench/serve-process';
import { measureSynth, measureTests } from './lib/bench/synth-and-tests';
import { renderMarkdown, renderText, type Table } from './lib/bench/table';
import { measureThroughput } from './lib/bench/throughput';
import { engineTable, measureEngine } from './lib/bench/engine';
import { defaultOutDir, PROJECT_ROOT } from './lib/project';
import { STACK_FACTS } from './lib/stack-facts';

const USAGE = `Usage: npm run bench [-- --quick] [-- --only serve|serve-memory|iam|engine-ratio] [-- --orders N] [-- --memory-data-dir both|without|with] [-- --cpu-prof] [-- --out FILE]

Measures the project and prints a table per area, then writes them into docs/BENCHMARKS.md (between its
"bench:begin" and "bench:end" markers; the text around them is kept):

  synth        node run-main.cjs (1 warm-up + 5 runs), the same with the ASL validation cache emptied
               (3 runs), and npx cdktf synth (1 warm-up + 3 runs, telemetry and plugin cache off); wall time and
               peak memory
  anchor       the synth against an AWS CDK app of the parallel-map seed's shape (bench/cdk-anchor/, compiled
               once), in alternated turns (1 warm-up + 7): node app.js vs node run-main.cjs (and main.ts through
               tsx, as before), npx cdk synth vs npx cdktf synth (3 turns), a synth after a definition changed
               (a real edit of a state's comment; and the upper bound, nothing reused) vs a warm one (three
               times the turns, at least 12), and the handlers bundled alone / in one build / reused; time
               and memory as ratios
  tests        npm test, once (skipped with --quick)
  bundles      each Lambda bundle: bytes, zipped bytes, module initialisation time in a fresh node (7 runs)
  local        one execution per stack on the local runner (1 warm-up + 20 runs)
  launch       npm run local -- sfn-dynamodb end to end, the same through run.cjs and through tsx, --help both
               ways and node -e 0, in alternated turns (1 warm-up + 7): time and memory, ratios against tsx
  engine-ratio each stack's execution on the local runner against its definition on the engine alone with its Tasks
               answered in process (replayed from the local run), in alternated turns (1 warm-up + 20; --quick 5),
               and parallel-map over 1,000 items per item (5 turns; --quick 2): the ratios, against ≤ 2× and ≤ 1.5×;
               and the floor, each execution's Task calls sent again straight to the emulators (no engine, no IAM)
  throughput   parallel-map over 1,000 and 2,500 items at maxConcurrency 1, 10 and 40 (waits skipped), and
               1,000 items with stepfunc.waitDurationSeconds 0 (for the cost model)
  engine       the project's Step Functions engine alone: per-state overhead (1,000 Pass states), a 10,000-item
               inline Map with in-process task handlers at MaxConcurrency 0 and 40, and a 100,000-item
               Distributed Map read from the local S3 (JSON and CSV); time, peak heap and the target of each
  serve        skip-the-line served as by \`npm run local -- skip-the-line --serve\` (a child process), without and
               with --data-dir, at 1, 20 and 50 clients (3 runs each): POST /order (SigV4) and StartExecution
               through the edge (SDK v3) answered per second, p50/p95 latency, the time until every execution
               they started ended, and DescribeExecution per second; written into its own part of the report
  serve-memory skip-the-line served (a child process): its resident memory (worker threads included) idle and
               every 1,000 orders (--orders N: every N/10), 10 clients POSTing /order; 2,000 orders by default
               (--quick: 500), the long run with --only serve-memory --orders 100000
  iam          what authorization costs: each stack on two local stacks, --iam off and enforce, executions
               alternated (1 warm-up + 20 each): ms per execution, decisions per execution and ms per decision;
               and skip-the-line served twice (--iam off, enforce), 500 POST /order from 20 clients in
               alternated turns (3 each): orders per second answered and until their executions ended
  cost         state transitions per execution (from the local runs) and the price of one million executions,
               Standard and Express, from docs/prices.json

Options:
  --quick      fewer runs (synth 3, cdktf synth 1, anchor 3 turns and the CLIs 1, bundles 3, local 5, launch 3, throughput 1, serve 1 at 1 and 20 clients, iam 5 and 1 turn)
               and no npm test: about a minute
  --orders N   orders for serve-memory (default 2,000; 500 with --quick)
  --memory-data-dir both|without|with
               serve-memory's runs: without and with --data-dir (default both), or one of them (the 100,000-order
               run takes ~40 min each)
  --only serve-memory  only the serve-memory part (printed, not written into the report)
  --only engine-ratio  only the engine-ratio part (printed, not written into the report)
  --only iam   only the iam part (printed, not written into the report; with --quick 5 executions and 1 turn)
  --only serve only the serve part (about 5 min; with --quick about 35 s); only its part of the report is rewritten
  --cpu-prof   profile the serving process with --data-dir at the most clients (node --cpu-prof) and print where
               its main thread spent its time; the profile is kept in a temporary folder (printed)
  --out FILE   write the report there instead of docs/BENCHMARKS.md
  -h, --help   this text

Timings are printed, never asserted. No AWS account or network needed. Exit codes: 0 done, 1 a measurement
failed, 2 usage error.`;

interface Options {
  readonly quick: boolean;
  readonly out: string;
  /** Only this part. @default every part */
  readonly only?: 'serve' | 'serve-memory' | 'iam' | 'engine-ratio';
  readonly cpuProf: boolean;
  readonly orders?: number;
  /** serve-memory's runs: with --data-dir or not. */
  readonly memoryDataDir: readonly boolean[];
}

/** The parts that run alone with --only. */
const ALONE = ['serve', 'serve-memory', 'iam', 'engine-ratio'] as const;

function parseArgs(argv: readonly string[]): Options | 'help' {
  const { values } = parseCommandLine(argv, {
    options: {
      quick: { type: 'boolean' },
      out: { type: 'string' },
      only: { type: 'string' },
      orders: { type: 'string' },
      'memory-data-dir': { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const only = values.only;
  if (only !== undefined && !ALONE.some((part) => part === only)) {
    throw new UsageError(`--only ${only} is not a part that runs alone; those that do are: ${ALONE.join(', ')}. Leave out --only to run every part.`);
  }
  const orders = values.orders;
  if (orders !== undefined && !(/^\d+$/.test(orders) && Number(orders) >= 10)) throw new UsageError(`--orders ${orders} is not a whole number of at least 10.`);
  // Checked now, not after minutes of measuring.
  if (values.out !== undefined) checkOutputFileOption('--out', values.out);
  return {
    quick: values.quick ?? false,
    out: values.out !== undefined ? path.resolve(values.out) : path.join(PROJECT_ROOT, 'docs', 'BENCHMARKS.md'),
    ...(only !== undefined && { only: only as Options['only'] }),
    cpuProf: values['cpu-prof'] ?? false,
    ...(orders !== undefined && { orders: Number(orders) }),
    memoryDataDir: dataDirRuns(values['memory-data-dir']),
  };
}

function gitDescription(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim() !== '';
    return `commit ${commit}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'no git commit';
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
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

if (require.main === module) {
  useAslVerdictStore(aslVerdictsOnDisk());
  runCli(main, { command: 'npm run bench --', failureCode: 1, describe: (err) => `Benchmark stopped: ${err.message}` });
}
