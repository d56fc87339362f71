import { useAslVerdictStore } from '../definitions/validate';
import { aslVerdictsOnDisk } from '../stacks/asl-verdicts';
import { parseBenchArgs } from './lib/bench/options';
import { runCli } from './lib/cli';

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

async function main(argv: readonly string[]): Promise<number> {
  const options = parseBenchArgs(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  // What is measured loads only now, so that --help and a wrong command line answer at once.
  const { runBench } = await import('./lib/bench/run');
  return runBench(options);
}

if (require.main === module) {
  useAslVerdictStore(aslVerdictsOnDisk());
  runCli(main, { command: 'npm run bench --', failureCode: 1, describe: (err) => `Benchmark stopped: ${err.message}` });
}
