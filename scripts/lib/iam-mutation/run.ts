import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyMutation, describeMutation, enteredStates, loadStackIam, mutationsOf, roleStatements, startLocalStack, type LocalStack, type Mutation } from '../../../local';
import { projectPath } from '../project';
import { factsOf } from '../stack-facts';
import { entryFunctionOf, startThroughEntry } from '../local/entry';
import { loadListInto } from '../local/list-load';
import { sendApiRuns } from './api-runs';

// Runs each mutation of the state machines' roles (local/iam/mutation.ts) against the stack's sample run.

export interface Denial {
  readonly action: string;
  /** `state 'ReadFromDDb'` */
  readonly where: string;
  /** `sample`, or the name of the path or API run that met it. */
  readonly run: string;
}

export type Outcome =
  | { readonly kind: 'necessary'; readonly mutation: Mutation; readonly denials: readonly Denial[] }
  | { readonly kind: 'over-grant'; readonly mutation: Mutation; readonly status: string; readonly runs: readonly string[] }
  | { readonly kind: 'classified'; readonly mutation: Mutation }
  | { readonly kind: 'refused'; readonly mutation: Mutation; readonly message: string };

export interface RoleSummary {
  readonly role: string;
  readonly statements: number;
  readonly actions: number;
  /** Why the role's statements cannot be proven yet; undefined for the state machines' roles. */
  readonly notYet?: string;
}

export interface StackMutationReport {
  readonly stackId: string;
  readonly roles: readonly RoleSummary[];
  /** The runs each mutation was tried on: `sample`, then the stack's path runs and API runs. */
  readonly runs: readonly string[];
  readonly outcomes: readonly Outcome[];
}

const NOT_YET = 'no function, state machine or API integration of the stack assumes it, so no local call is made as it';
const NOT_REACHED =
  "no session of this role made a call in the sample, path or API runs: the path that needs it (an API method they do not call, a function they do not invoke) is not among them";

/**
 * The mutations of `stackDir`'s roles, each run once on the sample and the stack's path and API runs; the intact stack
 * must run them without a denial first (the sample to success, each path run through the state it is for, each API
 * run answered with its status).
 */
export async function mutateStack(stackDir: string, onMutation: (outcome: Outcome) => void = () => undefined): Promise<StackMutationReport> {
  const baseline = await sampleRuns(stackDir);
  const stackId = baseline.stackId;
  if (baseline.denials.length > 0 || baseline.problems.length > 0) {
    const denied = baseline.denials.map((d) => `${d.action} at ${d.where}`).join(', ');
    throw new Error(
      `${stackId}: the intact stack's runs must take their paths without a denial before mutations mean anything; ${[...baseline.problems, ...(denied ? [`denied ${denied}`] : [])].join('; ')}.`,
    );
  }
  const iam = loadStackIam(baseline.model);
  // The roles local calls are made as: the state machines', the functions' (their SDK calls, through the front door)
  // and those API Gateway assumes (an AWS integration's credentials).
  const callerRoles = [...baseline.model.stateMachines.map((m) => m.roleArn), ...baseline.model.functions.map((f) => f.roleArn)];
  const assumed = iam.roles.filter((r) => callerRoles.includes(r.arn) || r.trustedServices.includes('apigateway.amazonaws.com')).map((r) => r.arn);
  const roles = iam.roles.map((role) => {
    const statements = roleStatements(role);
    return { role: role.name, statements: statements.length, actions: statements.reduce((n, s) => n + s.actions.length, 0), ...(!assumed.includes(role.arn) && { notYet: NOT_YET }) };
  });
  const outcomes: Outcome[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `iam-mutation-${stackId}-`));
  try {
    for (const listed of mutationsOf(iam, assumed)) {
      // A role none of whose sessions called anything in the sample cannot be proven by it: said, not run.
      const mutation = listed.classified || baseline.usedRoles.includes(listed.roleArn) ? listed : { ...listed, classified: NOT_REACHED };
      // The copy keeps the folder's name: the stack id is read from it.
      const outcome = await runMutation(stackDir, path.join(work, String(outcomes.length), path.basename(stackDir)), mutation);
      outcomes.push(outcome);
      onMutation(outcome);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { stackId, roles, runs: baseline.runs, outcomes };
}

async function runMutation(stackDir: string, copyDir: string, mutation: Mutation): Promise<Outcome> {
  if (mutation.classified) return { kind: 'classified', mutation };
  fs.cpSync(stackDir, copyDir, { recursive: true });
  const file = path.join(copyDir, 'cdk.tf.json');
  const tf = JSON.parse(fs.readFileSync(file, 'utf8')) as Parameters<typeof applyMutation>[0];
  applyMutation(tf, mutation);
  fs.writeFileSync(file, JSON.stringify(tf, null, 2));
  let run;
  try {
    run = await sampleRuns(copyDir);
  } catch (err) {
    return { kind: 'refused', mutation, message: (err as Error).message };
  }
  const expected = new Set(mutation.expects.map((a) => a.toLowerCase()));
  const denials = run.denials.filter((d) => expected.has(d.action.toLowerCase()));
  return denials.length > 0 ? { kind: 'necessary', mutation, denials } : { kind: 'over-grant', mutation, status: run.status, runs: run.runs };
}

interface Runs {
  readonly stackId: string;
  readonly model: LocalStack['model'];
  /** `sample`, the path runs' and the API runs' names, in the order they ran. */
  readonly runs: readonly string[];
  /** The sample's status (SUCCEEDED when all is well). */
  readonly status: string;
  /** What did not go as the intact stack's runs must: the sample not SUCCEEDED, a path run that missed its state, an API run's status. */
  readonly problems: readonly string[];
  readonly denials: readonly Denial[];
  /** The roles whose sessions made a call in the runs. */
  readonly usedRoles: readonly string[];
}

/**
 * The stack's sample (scripts/lib/stack-facts.ts), as `npm run local -- <id>` runs it (its list loaded, through its
 * entry function), then each of its path runs (straight to the state machine, with their faults), then its API runs
 * (requests to its served REST API, api-runs.ts), all on one local stack with `--iam warn`: every denial is recorded with its run and the runs go on, so one pass shows each call a
 * mutation breaks (in `enforce` the first denial fails its Task, and CDK's Lambda retries make it slow).
 */
async function sampleRuns(stackDir: string): Promise<Runs> {
  const denials: Denial[] = [];
  let current = 'sample';
  const stack = await startLocalStack(stackDir, {
    iam: 'warn',
    onIamDenial: (line) => denials.push({ ...denialOf(line), run: current }),
    onWarning: () => undefined,
    onLog: () => undefined,
    onRecovery: () => undefined,
  });
  try {
    const stackId = stack.model.stackId;
    const facts = factsOf(stackId);
    const sample = facts?.sample;
    if (sample?.list !== undefined) await loadListInto(stack, projectPath(sample.list));
    const entry = entryFunctionOf(stack);
    const input = sample?.input ?? {};
    const result = entry ? (await startThroughEntry(stack, entry, input, 30_000)).execution : await stack.execute(input);
    await stack.waitForExecutions(30_000);
    const status = result?.status ?? 'NOT STARTED';
    const problems = status === 'SUCCEEDED' ? [] : [`the sample ended ${status}`];
    for (const pathRun of facts?.pathRuns ?? []) {
      current = pathRun.name;
      const ran = await stack.execute(pathRun.input, { faults: pathRun.faults });
      if (!enteredStates(ran.history).includes(pathRun.reaches)) problems.push(`the run '${pathRun.name}' ended ${ran.status} without entering '${pathRun.reaches}'`);
    }
    const apiRuns = facts?.apiRuns ?? [];
    problems.push(...(await sendApiRuns(stack, apiRuns, (run) => (current = run.name))));
    const usedRoles = (stack.iamUsage() ?? []).filter((r) => r.grants.some((g) => g.usedBy.length > 0) || r.elsewhere.length > 0).map((r) => r.roleArn);
    return { stackId, model: stack.model, usedRoles, runs: ['sample', ...[...(facts?.pathRuns ?? []), ...apiRuns].map((r) => r.name)], status, problems, denials };
  } finally {
    await stack.close();
  }
}

/** `IAM (warn): state machine M, state 'S': User: … is not authorized to perform: a:B on resource: … (…); the call goes through.` */
function denialOf(line: string): Omit<Denial, 'run'> {
  const action = /is not authorized to perform: (\S+)/.exec(line)?.[1] ?? '?';
  const where = /, (state '[^']*'|[^:]*?): User:/.exec(line)?.[1] ?? line;
  return { action, where };
}

export { describeMutation };
