/**
 * The BEFORE figure: runs the conformance corpus on the old interpreter (aws-local-stepfunctions 3.0) and prints, per
 * category, how many cases end as AWS ends them. Not part of `npm test`:
 *
 *   npx tsx __tests__/local/engine/conformance/baseline.ts [--verbose] [--category NAME]
 *
 * The old interpreter knows no JSONata: those cases count as failed without running. Its waits and retry intervals
 * are overridden to 0 ms (as the local runner does); its timeouts run on the wall clock, so a case that hangs is
 * stopped after a few seconds and counted as failed.
 */
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { RUN, type ConformanceCase } from './case';
import { CATEGORIES } from './cases';
import { checkOutcome, TaskScript, type Observed } from './harness';

const WALL_CAP_MS = 4000;

type Obj = Record<string, unknown>;

/** Every state of a definition, nested ones (Parallel branches, Map processors) included. */
function allStates(def: Obj): [string, Obj][] {
  const out: [string, Obj][] = [];
  for (const [name, state] of Object.entries((def.States ?? {}) as Record<string, Obj>)) {
    out.push([name, state]);
    for (const branch of (state.Branches ?? []) as Obj[]) out.push(...allStates(branch));
    const processor = (state.ItemProcessor ?? state.Iterator) as Obj | undefined;
    if (processor) out.push(...allStates(processor));
  }
  return out;
}

function oldHandlers(c: ConformanceCase): Record<string, (input: unknown) => Promise<unknown>> {
  return Object.fromEntries(
    Object.entries(c.taskResults ?? {}).map(([state, steps]) => {
      const script = new TaskScript(steps);
      return [
        state,
        async (input: unknown) => {
          const step = script.next(input);
          if ('return' in step) return step.return;
          if ('echo' in step) return input;
          if ('throw' in step) {
            const err = new Error(step.throw.cause);
            err.name = step.throw.error;
            throw err;
          }
          return new Promise(() => undefined);
        },
      ];
    }),
  );
}

type OldEvent = { type: string; state?: { type: string } };

function awsType(e: OldEvent): string | undefined {
  if (e.type === 'StateEntered' || e.type === 'StateExited') return `${e.state?.type ?? ''}${e.type}`;
  if (e.type === 'ExecutionTimeout') return 'ExecutionTimedOut';
  if (e.type.startsWith('Execution') || e.type.startsWith('MapIteration')) return e.type;
  return undefined;
}

async function runOld(c: ConformanceCase): Promise<Observed> {
  const started = performance.now();
  const def = c.definition as Obj;
  const states = allStates(def);
  const zero = (names: string[]) => Object.fromEntries(names.map((n) => [n, 0]));
  const machine = new StateMachine(def as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
  const execution = machine.run((c.input ?? {}) as never, {
    overrides: {
      taskResourceLocalHandlers: oldHandlers(c) as never,
      waitTimeOverrides: zero(states.filter(([, s]) => s.Type === 'Wait').map(([n]) => n)),
      retryIntervalOverrides: zero(states.filter(([, s]) => Array.isArray(s.Retry)).map(([n]) => n)),
    },
    context: {
      Execution: { Id: RUN.executionArn, Name: RUN.executionName, RoleArn: RUN.roleArn, StartTime: RUN.startTime, RedriveCount: 0 },
      StateMachine: { Id: RUN.stateMachineArn, Name: RUN.stateMachineName },
    },
  });
  const types: string[] = [];
  const collecting = (async () => {
    for await (const e of execution.eventLogs as AsyncIterable<OldEvent>) {
      const t = awsType(e);
      if (t) types.push(t);
    }
  })().catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const capped = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), WALL_CAP_MS);
  });
  let seen: Omit<Observed, 'wallMs' | 'historyTypes'>;
  try {
    const result = await Promise.race([execution.result, capped]);
    if (result === 'hung') {
      execution.abort();
      seen = { status: 'HUNG', error: 'Harness.Hung', cause: `no outcome after ${WALL_CAP_MS} ms of wall time` };
    } else {
      seen = { status: 'SUCCEEDED', output: result };
    }
  } catch (err) {
    if (err instanceof ExecutionTimeoutError) seen = { status: 'TIMED_OUT', error: 'States.Timeout' };
    else if (err instanceof ExecutionAbortedError) seen = { status: 'ABORTED' };
    else {
      const inner = err instanceof ExecutionError && err.cause instanceof Error ? err.cause : (err as Error);
      const error = inner.name === 'FailStateError' ? undefined : inner.name;
      const cause = inner.message === 'Execution failed because of a Fail state' ? undefined : inner.message;
      seen = { status: 'FAILED', ...(error !== undefined && { error }), ...(cause !== undefined && { cause }) };
    }
  } finally {
    clearTimeout(timer);
  }
  await Promise.race([collecting, new Promise((r) => setTimeout(r, 50))]);
  return { ...seen, historyTypes: types, wallMs: performance.now() - started };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const only = args.includes('--category') ? args[args.indexOf('--category') + 1] : undefined;
  const rows: [string, number, number][] = [];
  for (const category of CATEGORIES) {
    if (only !== undefined && category.name !== only) continue;
    let matching = 0;
    for (const c of category.cases) {
      let problems: string[];
      if (c.needs === 'JSONata') problems = ['the old interpreter knows no JSONata'];
      else {
        try {
          problems = checkOutcome({ ...c, maxWallMs: Number.POSITIVE_INFINITY }, await runOld(c));
        } catch (err) {
          problems = [`the old interpreter threw: ${(err as Error).name}: ${(err as Error).message}`];
        }
      }
      if (problems.length === 0) matching += 1;
      else if (verbose) console.log(`✗ ${category.name} › ${c.id}\n    ${problems.join('\n    ')}`);
    }
    rows.push([category.name, category.cases.length, matching]);
  }
  const pct = (m: number, n: number) => (n === 0 ? '-' : `${((100 * m) / n).toFixed(1)} %`);
  const width = Math.max(...rows.map(([name]) => name.length), 'total'.length);
  console.log(`${'category'.padEnd(width)}  cases  match AWS  %`);
  for (const [name, n, m] of rows) console.log(`${name.padEnd(width)}  ${String(n).padStart(5)}  ${String(m).padStart(9)}  ${pct(m, n)}`);
  const total = rows.reduce((a, [, n, m]) => [a[0] + n, a[1] + m], [0, 0]);
  console.log(`${'total'.padEnd(width)}  ${String(total[0]).padStart(5)}  ${String(total[1]).padStart(9)}  ${pct(total[1], total[0])}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
