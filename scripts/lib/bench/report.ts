import type { BundleFigures } from './bundles';
import { CDK_OFFLINE_ENV, type AnchorFigures, type Compared } from './cdk-anchor';
import type { LatencyFigures } from './local-runs';
import { memoryMethod } from './processes';
import type { ServeFigures } from './serve';
import { formatBytes, formatCount, formatMs, formatSummary } from './stats';
import type { SynthFigures, TestFigures } from './synth-and-tests';
import type { Table } from './table';
import type { ThroughputFigures } from './throughput';

/** The measured figures as tables, each with notes that say how it was measured. */

const kib = (kb: number) => formatBytes(kb * 1024);
const warmups = (n: number) => (n === 0 ? 'no warm-up run' : `after ${n} unmeasured warm-up run${n > 1 ? 's' : ''}`);

export function synthTable(figures: readonly SynthFigures[], machine: string): Table {
  return {
    title: 'Synth: the whole app (4 stacks, 7 bundles)',
    columns: ['what', 'wall time: median (min–max, runs)', 'peak memory: median'],
    align: ['left', 'right', 'right'],
    rows: figures.map((f) => [f.label, formatSummary(f.wallMs), f.peakRssKb ? kib(f.peakRssKb.median) : 'n/a']),
    notes: [
      ...figures.map((f) => `${f.label}: \`${f.command}\` in the project root, ${warmups(f.warmups)}; whole-process wall time.`),
      `Peak memory: ${memoryMethod()}.`,
      `Machine: ${machine}.`,
    ],
  };
}

export function testsTable(figures: TestFigures | undefined, machine: string): Table {
  if (!figures) {
    return { title: 'Tests: npm test', columns: ['what', 'figure'], rows: [['npm test', 'skipped (--quick)']], notes: [`Machine: ${machine}.`] };
  }
  return {
    title: 'Tests: npm test',
    columns: ['what', 'figure'],
    align: ['left', 'right'],
    rows: [
      ['npm test wall time (tsc --noEmit, then jest)', `${formatMs(figures.wallMs)}${figures.ok ? '' : ' (FAILED)'}`],
      ...figures.summary.map((line) => {
        const [key, ...rest] = line.split(':');
        return [`jest ${key.toLowerCase()}`, rest.join(':').trim()];
      }),
      ...figures.slowest.slice(0, 5).map((s) => [`slowest: ${s.file}`, `${s.seconds.toFixed(1)} s`]),
    ],
    notes: ['`npm test` once, in the project root; jest runs the worker count jest.config.js sets (two).', `Machine: ${machine}.`],
  };
}

export function bundlesTable(figures: readonly BundleFigures[], runs: number, machine: string): Table {
  return {
    title: 'Lambda bundles',
    columns: ['function', 'stack', 'bundle', 'zip', 'init in a fresh node: median (min–max)', 'own code only (SDK preloaded)', 'SDK modules required'],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
    rows: figures.map((f) => [
      f.functionName,
      f.stackId,
      formatBytes(f.bundleBytes),
      formatBytes(f.zipBytes),
      formatSummary(f.initMs),
      formatSummary(f.ownInitMs),
      f.sdkImports.join(', ') || 'none',
    ]),
    notes: [
      'Bundles as synthesized in cdktf.out/stacks/<id>/assets/ (esbuild, `@aws-sdk/*` external: the nodejs22.x runtime provides it).',
      'Zip: a deterministic zip of the bundle folder written by the bench (deflate level 6, fixed timestamps), close to what the archive provider writes at plan.',
      `Init: \`require(index.js)\` timed inside a new \`node\` process, with the function's environment; ${runs} runs after one unmeasured run. "Own code only" loads the SDK modules the bundle requires first, so it times the bundle alone.`,
      `A proxy for cold start, not Lambda's INIT phase: this machine runs ${process.version}, Lambda nodejs22.x; the SDK comes from node_modules here and from the runtime there.`,
      `Machine: ${machine}.`,
    ],
  };
}

export function latencyTable(figures: readonly LatencyFigures[], runs: number, machine: string): Table {
  return {
    title: 'Local execution: one execution per stack',
    columns: ['stack', 'stand-up: median (min–max, runs)', 'execution: median (min–max, runs)', 'state transitions', 'what runs'],
    align: ['left', 'right', 'right', 'right', 'left'],
    rows: figures.map((f) => [f.stackId, formatSummary(f.standUpMs), formatSummary(f.latencyMs), String(f.counted.usage.transitions), f.note]),
    notes: [
      `Stand-up: \`startLocalStack(cdktf.out/stacks/<id>)\` three times in the bench's process (the first start of the first stack also loads the emulators' modules); then one warm-up execution and ${runs} executions timed around \`execute()\`, each with its own input.`,
      'State transitions: `ExecutionResult.transitions` (states entered, nested ones included) of the last run.',
      `Machine: ${machine}.`,
    ],
  };
}

export function throughputTable(figures: readonly ThroughputFigures[], machine: string): Table {
  return {
    title: 'Local throughput: parallel-map (inline Map, waits skipped)',
    columns: ['items', 'maxConcurrency', 'execution: median (min–max, runs)', 'items/s', 'transitions', 'list item / GetItem result / output', 'on AWS (inline mode)'],
    align: ['right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: figures.map((f) => [
      formatCount(f.items),
      String(f.maxConcurrency),
      formatSummary(f.ms),
      formatCount(f.itemsPerSecond),
      formatCount(f.transitions),
      `${formatBytes(f.itemBytes)} / ${formatBytes(f.inputBytes)} / ${formatBytes(f.outputBytes)}`,
      f.awsLimits.length === 0 ? 'runs' : `fails: ${f.awsLimits.join('; ')}`,
    ]),
    notes: [
      'The app synthesized in-process (the app API, as the tests do) into a temporary folder with `stepfunc.maxConcurrency` set and `timeoutDurationSeconds` 86,400; the list (utils/listofdicts.json repeated) loaded with `stack.seedTable(...)`; one warm-up execution per concurrency, then the runs shown.',
      'The local runner holds at most 3 environments per function (DEFAULT_ENVIRONMENTS in local/lambda-host.ts; no reserved concurrency is set), so 10 or 40 at once share 3 workers; on AWS each runs in its own.',
      'The local runner enforces the 256 KiB payload limit and the 25,000-event history as AWS does, so the inline lists stay within them (2,500 items: ~141 KiB GetItem result, 22,513 history events, counted from the synthesized workflow, first attempts only: 13 + 9 per item); longer lists fail here as on AWS. The Distributed mode (`stepfunc.mode: DISTRIBUTED`) is the way past them; `npm run bench`\'s engine table measures it at 100,000 items.',
      `Machine: ${machine}.`,
    ],
  };
}

/** The issue's figures for `--serve` before the edge (POST /order at 20 clients), for the ratio beside ours. */
export const EARLIER_SERVE = { withDataDir: 74, withoutDataDir: 124 } as const;

const ratio = (a: number, b: number | undefined) => (b === undefined || b === 0 ? '' : `${(a / b).toFixed(2)}`);
const perSecond = (n: number) => formatCount(n);
/** A run's executions over the median time until they had all ended. */
const endedPerSecond = (f: ServeFigures | undefined) => (f?.allEndedMs ? f.requests / (f.allEndedMs.median / 1000) : undefined);

export function serveTable(figures: readonly ServeFigures[], machine: string): Table {
  const find = (f: ServeFigures, changes: Partial<ServeFigures>) => figures.find((g) => g.operation === (changes.operation ?? f.operation) && g.dataDir === (changes.dataDir ?? f.dataDir) && g.clients === f.clients);
  const sorted = [...figures].sort((a, b) => a.clients - b.clients || Number(a.dataDir) - Number(b.dataDir));
  return {
    title: 'Serving skip-the-line: the order API and Step Functions through the edge',
    columns: [
      'requests (a run)',
      'data dir',
      'clients',
      'answered/s: median (min–max, runs)',
      'latency p50 / p95',
      '÷ without data dir',
      '÷ StartExecution',
      'all executions ended after',
      'ended/s (÷ without data dir)',
      'executions ended; SDK retries',
    ],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: sorted.map((f) => [
      `${f.operation} (${formatCount(f.requests)})`,
      f.dataDir ? 'yes' : 'no',
      String(f.clients),
      formatSummary(f.perSecond, perSecond),
      `${formatMs(f.p50Ms.median)} / ${formatMs(f.p95Ms.median)}`,
      f.dataDir ? ratio(f.perSecond.median, find(f, { dataDir: false })?.perSecond.median) : '',
      f.operation === 'StartExecution at the edge' ? '' : ratio(f.perSecond.median, find(f, { operation: 'StartExecution at the edge' })?.perSecond.median),
      f.allEndedMs ? formatSummary(f.allEndedMs) : '',
      f.allEndedMs ? `${perSecond(endedPerSecond(f)!)}${f.dataDir ? ` (${ratio(endedPerSecond(f)!, endedPerSecond(find(f, { dataDir: false })))})` : ''}` : '',
      [
        f.statuses && Object.entries(f.statuses).map(([status, n]) => `${status} ${formatCount(n)}`).join(', '),
        f.retried > 0 && `${formatCount(f.retried)} request${f.retried === 1 ? '' : 's'} sent again by the SDK`,
      ]
        .filter(Boolean)
        .join('; '),
    ]),
    notes: [
      '`npm run local -- skip-the-line --serve` as users run it (`node run.cjs scripts/local.ts`, the npm script without npm), a child process on free ports, once without and once with `--data-dir` (a new temporary folder); the clients run in the bench\'s process, so both share the machine\'s cores.',
      'POST /order: new orders (a new account and vendor each, so that every execution stores its order and succeeds), signed with SigV4 by the order client\'s own `OrderApiClient`; answered 202. StartExecution: the same kind of order as input, with the SDK v3 `SFNClient` against the edge (`endpoint` and the local credentials only, so its default retries are on; a request it sent again is counted in the last column); DescribeExecution: each execution a StartExecution run started, once it ended.',
      'Closed loop: each client sends its next request when its last was answered. Answered/s: requests ÷ the run\'s wall time; latency: each run\'s p50 and p95, their median over the runs. All ended after: from the run\'s first request until ListExecutions (statusFilter RUNNING, polled every 25 ms through the edge) lists none; ended/s: the run\'s executions over that median time.',
      'A new server (and data directory) for each client count and data-dir setting; its runs alternate POST /order and StartExecution after a warm-up of each; with `--data-dir` every start is fsynced to the journal (executions/journal.jsonl, group-committed) before it is answered, and events and ends are appended.',
      `Ratios are of medians measured in this same run, so the machine's load touches both sides: ÷ without data dir compares the same requests and clients; ÷ StartExecution compares with StartExecution at the edge at the same clients and data-dir setting. The issue's figures for the order API before the edge, ${EARLIER_SERVE.withDataDir} requests/s at 20 clients with a data directory and ${EARLIER_SERVE.withoutDataDir} without, were measured on another day: compare their ratio, ${(EARLIER_SERVE.withDataDir / EARLIER_SERVE.withoutDataDir).toFixed(2)}, with this table's, not the requests/s.`,
      `Machine: ${machine}.`,
    ],
  };
}

/** Where a generated part of the report goes: between its two marker lines. */
export interface ReportSection {
  readonly begin: string;
  readonly end: string;
}

export const MAIN_SECTION: ReportSection = { begin: '<!-- bench:begin: generated by `npm run bench`; edit outside these markers -->', end: '<!-- bench:end -->' };
export const SERVE_SECTION: ReportSection = {
  begin: '<!-- bench:serve:begin: generated by `npm run bench` and `npm run bench -- --only serve`; edit outside these markers -->',
  end: '<!-- bench:serve:end -->',
};

/**
 * Replaces a generated part of the report (between its markers), keeping what is written around it. A part not yet
 * in the report goes after the main part (or at the end).
 */
export function spliceReport(existing: string | undefined, generated: string, section: ReportSection = MAIN_SECTION): string {
  const block = `${section.begin}\n${generated.trim()}\n${section.end}`;
  if (existing === undefined) return `# Benchmarks and cost model\n\n${block}\n`;
  const start = existing.indexOf(section.begin);
  const end = existing.indexOf(section.end);
  if (start >= 0 && end > start) return existing.slice(0, start) + block + existing.slice(end + section.end.length);
  const mainEnd = section === MAIN_SECTION ? -1 : existing.indexOf(MAIN_SECTION.end);
  if (mainEnd < 0) return `${existing.trimEnd()}\n\n${block}\n`;
  const at = mainEnd + MAIN_SECTION.end.length;
  return `${existing.slice(0, at)}\n\n${block}${existing.slice(at)}`;
}

const times = (ratio: number | undefined) => (ratio === undefined ? '' : `${ratio.toFixed(2)}×`);
const treeKib = (c: Compared) => (c.peakTreeKb ? kib(c.peakTreeKb.median) : 'n/a');

/** The synth against the AWS CDK anchor: the targets of issue 18 as ratios measured in the same run. */
export function anchorTable(figures: AnchorFigures, machine: string): Table {
  const [anchor, ...ours] = figures.direct;
  const [cdkCli, cdktfCli] = figures.clis;
  const [warm, edited, upperBound] = figures.changed;
  const row = (c: Compared, target: string, against: string): string[] => [
    c.label,
    formatSummary(c.wallMs),
    c.wallRatio === undefined ? '—' : `${times(c.wallRatio)} ${against}`,
    treeKib(c),
    c.memoryRatio === undefined ? '—' : `${times(c.memoryRatio)} ${against}`,
    target,
  ];
  return {
    title: 'Synth against AWS CDK: four stacks vs one AWS CDK app of the parallel-map seed\'s shape',
    columns: ['what', 'wall time: median (min–max, runs)', 'time ratio', 'peak memory (process tree)', 'memory ratio', 'target'],
    align: ['left', 'right', 'right', 'right', 'right', 'left'],
    rows: [
      row(anchor, 'the reference', ''),
      ...ours.map((c, i) => row(c, i === 0 ? 'time ≤ 1.0×, memory ≤ 1.0×' : 'before the cut', 'of the anchor')),
      row(cdkCli, 'the reference', ''),
      row(cdktfCli, 'time ≤ 1.0×', 'of cdk synth'),
      row(warm, 'the reference', ''),
      row(edited, 'time ≤ 1.2×', 'of a warm synth'),
      row(upperBound, 'the upper bound (nothing reused)', 'of a warm synth'),
      ...figures.bundling.map((c, i) => row(c, i === 2 ? 'what a warm synth pays' : i === 1 ? 'a synth after a handler changed' : 'before the cut', 'of each alone')),
    ],
    notes: [
      'The anchor: bench/cdk-anchor/app.ts (aws-cdk-lib, a dev dependency): a DynamoDB table, a Node.js function from an asset folder, a state machine that reads the list from one item and runs a Map (Pass, Wait, Lambda invoke) over it; compiled once to .build/cdk-anchor/app.js (esbuild, not bundled). Ours: the whole app, four stacks and eight Lambda bundles.',
      `Each group runs its commands in turns (1 unmeasured warm-up turn, then ${figures.runs}; the CLIs fewer), the order rotated every turn; a ratio is the median over turns of (this run ÷ the reference's run in the same turn), so drift of the shared machine falls on both.`,
      `The cdk CLI runs offline: ${Object.entries(CDK_OFFLINE_ENV).map(([k, v]) => `${k}=${v}`).join(', ')}, --no-notices; the app names account 123456789012 and us-east-1, so nothing is looked up (no credentials: the CLI notes it cannot find a default account and goes on).`,
      'Peak memory: the resident memory of the command\'s whole process tree added up (npx, the CLI and the app for the CLI rows), sampled from /proc every 5 ms.',
      '"After a definition changed (a real edit)": before each of its runs, the first state comment in definitions/workflows/sfn-dynamodb.ts gets a new ending (restored at the end), so the definitions bundle is built again (run-parts.cjs; the main bundle is reused) and the changed definition is validated. "Upper bound": the bundle records of main.ts and definitions/ and every ASL verdict removed before the run, so both bundles are built and every definition is validated.',
      'Bundling: stacks/constructs/bundle.ts in the bench\'s own process, into a scratch folder: every handler built alone (the way synth bundled before), one esbuild build for all, and the build reused when its inputs are unchanged (what a warm synth does).',
      `Machine: ${machine}.`,
    ],
  };
}
