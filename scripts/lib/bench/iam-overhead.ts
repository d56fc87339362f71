import { setTimeout as sleep } from 'node:timers/promises';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { LOCAL_API_CREDENTIALS, LOCAL_CREDENTIALS, stackDirOf, startLocalStack, type LocalStack } from '../../../local';
import { OrderApiClient } from '../../order-client/api-client';
import { generateOrders } from '../../order-client/orders';
import { closedLoop } from './closed-loop';
import { executeOk, loadList, SCENARIOS } from './local-runs';
import { startServe, type BenchSynth, type ServeProcess } from './serve-process';
import { formatCount, formatMs, formatSummary, summarize, type Summary } from './stats';
import type { Table } from './table';

/**
 * What authorization costs (issue 16): each stack run on two local stacks at once, one with `--iam off` and one with
 * `enforce`, executions alternated between them; and skip-the-line served twice (two children, `--iam off` and
 * `enforce`), the same POST /order load sent to each in alternated turns. Ratios are printed, never asserted.
 */

const MODES = ['off', 'enforce'] as const;
type Mode = (typeof MODES)[number];
/** Turn `t` runs the modes in this order: off first on even turns, enforce first on odd ones. */
const orderOf = (turn: number): readonly Mode[] => (turn % 2 === 0 ? MODES : [...MODES].reverse());

export interface IamLocalFigures {
  readonly stackId: string;
  readonly ms: Readonly<Record<Mode, Summary>>;
  /** Authorization decisions per execution with enforce (the state machine's Tasks and the functions' SDK calls). */
  readonly decisionsPerExecution: number;
  readonly msPerDecision: number;
  /** The functions' SDK calls through the front door per execution, and the door's mean time on each (enforce). */
  readonly doorCallsPerExecution: number;
  readonly doorMsPerCall: number;
}

/** Count and total time of a stack's decisions and door calls so far. */
function counters(stack: LocalStack) {
  const { decisions, meanMs } = stack.iam;
  const door = stack.functionDoor;
  return { decisions, decisionMs: decisions * meanMs, doorCalls: door.calls, doorMs: door.calls * door.meanMs };
}

export async function measureIamLocal(outDir: string, runs: number, say: (line: string) => void): Promise<IamLocalFigures[]> {
  const figures: IamLocalFigures[] = [];
  for (const scenario of SCENARIOS) {
    say(`  iam ${scenario.stackId}: --iam off and enforce, 1 warm-up each + ${runs} executions each, alternated`);
    const stacks = {} as Record<Mode, LocalStack>;
    try {
      for (const mode of MODES) stacks[mode] = await startLocalStack(stackDirOf(outDir, scenario.stackId), { iam: mode });
      const samples: Record<Mode, number[]> = { off: [], enforce: [] };
      for (const mode of MODES) {
        if (scenario.list) await loadList(stacks[mode], scenario.list);
        await executeOk(stacks[mode], scenario.input(0));
      }
      const before = counters(stacks.enforce);
      for (let run = 1; run <= runs; run++) {
        for (const mode of orderOf(run)) samples[mode].push((await executeOk(stacks[mode], scenario.input(run))).ms);
      }
      const after = counters(stacks.enforce);
      const decisions = after.decisions - before.decisions;
      const doorCalls = after.doorCalls - before.doorCalls;
      figures.push({
        stackId: scenario.stackId,
        ms: { off: summarize(samples.off), enforce: summarize(samples.enforce) },
        decisionsPerExecution: decisions / runs,
        msPerDecision: decisions === 0 ? 0 : (after.decisionMs - before.decisionMs) / decisions,
        doorCallsPerExecution: doorCalls / runs,
        doorMsPerCall: doorCalls === 0 ? 0 : (after.doorMs - before.doorMs) / doorCalls,
      });
    } finally {
      await Promise.all(Object.values(stacks).map((s) => s.close()));
    }
  }
  return figures;
}

export interface IamServePlan {
  readonly orders: number;
  readonly clients: number;
  /** Turns per mode. */
  readonly turns: number;
}

export interface IamServeFigures {
  readonly plan: IamServePlan;
  /** POST /order answered per second, one sample per turn. */
  readonly answeredPerSecond: Readonly<Record<Mode, Summary>>;
  /** Orders per second until every execution they started had ended. */
  readonly endedPerSecond: Readonly<Record<Mode, Summary>>;
}

/** Polls ListExecutions (RUNNING) until none runs, for at most 5 minutes. */
async function settled(sfn: SFNClient, stateMachineArn: string): Promise<void> {
  const until = performance.now() + 300_000;
  while ((await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 1 }))).executions?.length) {
    if (performance.now() > until) throw new Error('executions still RUNNING 300 s after the load');
    await sleep(25);
  }
}

/** `count` orders (new accounts only, so each execution succeeds) from `clients` clients; answers [answered/s, ended/s]. */
async function load(server: ServeProcess, sfn: SFNClient, batch: string, count: number, clients: number): Promise<[number, number]> {
  const api = new OrderApiClient(server.apiUrl, { kind: 'iam', region: server.region, credentials: { ...LOCAL_API_CREDENTIALS } });
  const orders = generateOrders({ count, seed: count, idPrefix: batch });
  const started = performance.now();
  const run = await closedLoop(count, clients, async (i) => {
    const answer = await api.placeOrder(orders[i]);
    if (answer.status !== 202) throw new Error(`POST /order (${batch}, order ${i + 1} of ${count}) answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  });
  await settled(sfn, server.stateMachineArn);
  return [count / (run.wallMs / 1000), count / ((performance.now() - started) / 1000)];
}

export async function measureIamServe(synth: BenchSynth, plan: IamServePlan, say: (line: string) => void): Promise<IamServeFigures> {
  say(`iam serve: skip-the-line served twice (--iam off, enforce): ${plan.turns} turn(s) each of ${plan.orders} POST /order from ${plan.clients} clients, alternated`);
  const servers = {} as Record<Mode, { server: ServeProcess; sfn: SFNClient }>;
  try {
    for (const mode of MODES) {
      const server = await startServe(synth, { iam: mode });
      servers[mode] = { server, sfn: new SFNClient({ endpoint: server.edgeUrl, region: server.region, credentials: LOCAL_CREDENTIALS }) };
    }
    for (const mode of MODES) await load(servers[mode].server, servers[mode].sfn, 'w', 20, Math.min(20, plan.clients));
    const answered: Record<Mode, number[]> = { off: [], enforce: [] };
    const ended: Record<Mode, number[]> = { off: [], enforce: [] };
    for (let turn = 0; turn < plan.turns; turn++) {
      for (const mode of orderOf(turn)) {
        const [a, e] = await load(servers[mode].server, servers[mode].sfn, `t${turn}`, plan.orders, plan.clients);
        answered[mode].push(a);
        ended[mode].push(e);
      }
    }
    return {
      plan,
      answeredPerSecond: { off: summarize(answered.off), enforce: summarize(answered.enforce) },
      endedPerSecond: { off: summarize(ended.off), enforce: summarize(ended.enforce) },
    };
  } finally {
    for (const { server, sfn } of Object.values(servers)) {
      sfn.destroy();
      await server.stop();
    }
  }
}

const ratio = (enforce: number, off: number) => (off === 0 ? '–' : `${(enforce / off).toFixed(2)}×`);
const perSecond = (value: number) => formatCount(value);

export function iamOverheadTable(local: readonly IamLocalFigures[], runs: number, serve: IamServeFigures | undefined, machine: string): Table {
  const rows = local.map((f) => [
    f.stackId,
    formatSummary(f.ms.off),
    formatSummary(f.ms.enforce),
    ratio(f.ms.enforce.median, f.ms.off.median),
    f.decisionsPerExecution.toFixed(1),
    formatMs(f.msPerDecision),
    `${f.doorCallsPerExecution.toFixed(1)} / ${formatMs(f.doorMsPerCall)}`,
  ]);
  if (serve) {
    const { orders, clients } = serve.plan;
    const { answeredPerSecond: a, endedPerSecond: e } = serve;
    rows.push([
      `skip-the-line --serve: orders/s answered (${formatCount(orders)} POST /order, ${clients} clients)`,
      formatSummary(a.off, perSecond),
      formatSummary(a.enforce, perSecond),
      ratio(a.enforce.median, a.off.median),
    ]);
    rows.push(['skip-the-line --serve: orders/s until their executions ended', formatSummary(e.off, perSecond), formatSummary(e.enforce, perSecond), ratio(e.enforce.median, e.off.median)]);
  }
  return {
    title: 'Authorization overhead: --iam off vs enforce',
    columns: ['stack', '--iam off: median (min–max, runs)', 'enforce', 'enforce ÷ off', 'decisions / execution', 'ms / decision', 'function SDK calls / execution / door ms per call'],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows,
    notes: [
      `Per stack: two local stacks started at once from the same synthesized folder, one \`startLocalStack(…, { iam: 'off' })\` and one \`{ iam: 'enforce' }\`; one warm-up execution on each, then ${runs} executions on each, alternated (off first on even turns, enforce first on odd ones), timed around \`execute()\`.`,
      "Decisions: `LocalStack.iam` of the enforce stack over the timed runs (every Task's call authorized with the state machine's role, and every function SDK call at the front door with the function's role); ms / decision is their mean time. Function SDK calls and the door's time per call: `LocalStack.functionDoor` (signature check, mapping to permissions and the decision, before the call goes on).",
      serve
        ? `Served: \`npm run local -- skip-the-line --serve --api-throttling off --iam off|enforce\`, two children up at once; 20 orders each to warm up, then ${serve.plan.turns} turn(s) of ${formatCount(serve.plan.orders)} orders on each, alternated; "answered" is POST /order answered per second, "ended" counts until ListExecutions shows none RUNNING. The API's own POST /order integration and the functions' calls are authorized in enforce.`
        : 'Served: not measured in this run.',
      `Machine: ${machine}.`,
    ],
  };
}
