import { STACK_IDS } from '../../../contracts/stack-ids';
import type { Fault } from '../../../local';
// From its own module, not local/index.ts: checking a command line (--help, a usage error) loads none of the runner.
import { IAM_MODES, isIamMode, type IamMode } from '../../../local/iam/modes';
import { checkFileOption, parseCommandLine, readOptionFile, UsageError } from '../cli';

export interface LocalCliArgs {
  readonly help: boolean;
  readonly stackId?: string;
  /** The parsed input, or undefined for "the stack's sample input, else {}". */
  readonly input?: unknown;
  readonly json: boolean;
  readonly dataDir?: string;
  readonly realWaits: boolean;
  readonly faults: readonly Fault[];
  /** The synth output folder the user named; undefined: the default one (synthesized again when stale). */
  readonly outDir?: string;
  readonly name?: string;
  readonly stateMachine?: string;
  /** Serve the stack's REST API instead of running one execution. */
  readonly serve: boolean;
  readonly port?: number;
  /** The port of the one AWS endpoint --serve stands up (default 4566). */
  readonly edgePort?: number;
  /** A list file to load into the stack's table first (parallel-map). */
  readonly load?: string;
  /** Start the state machine directly, not through the stack's entry function. */
  readonly direct: boolean;
  /** A MockConfigFile of Step Functions Local (--mock-config, else $SFN_MOCK_CONFIG). */
  readonly mockConfig?: string;
  /** The test case of the mock configuration the execution answers from. */
  readonly testCase?: string;
  /** Authorize the state machines' service calls against the stack's IAM (--iam, default enforce). */
  readonly iam: IamMode;
  /** Throttle the REST API as its stage and usage plans say (--api-throttling, default on). */
  readonly apiThrottling: boolean;
  /** On Ctrl+C with --serve: how long the executions in flight get to end, in seconds (--stop-wait, default 10). */
  readonly stopWaitSeconds?: number;
  /** After the run, print per role the granted actions and resources vs. those the run used. */
  readonly iamReport: boolean;
}

export const LOCAL_USAGE = `Usage: npm run local -- <stack-id> [options]
       npm run local -- [<stack-id>] --serve [--edge-port <n>] [--port <n>]
       npm run local -- messages [--data-dir <dir> | --endpoint-url <url>] [--topic <arn|name>] [--json]

Runs one execution of a synthesized stack's state machine on this machine: DynamoDB, S3, SNS, Step Functions
and the stack's Lambda functions are emulated on 127.0.0.1. No AWS account, credentials or network needed.

Options:
  --input '<json>'        The execution input (default: the stack's sample from scripts/lib/stack-facts.ts, else {}).
  --input-file <file>     Read the execution input from a JSON file.
  --json                  Print one JSON object: {status, output, error, cause, transitions, tables, buckets, messages}.
  --data-dir <dir>        Keep tables, objects, messages and execution names in <dir> between runs (a damaged
                          file there is named, with what to do, and nothing is changed).
  --real-waits            Let Wait states, retry intervals and timeouts take their real time. Without it the
                          engine's virtual clock counts them without waiting: a 25 s Wait still passes a 20 s
                          TimeoutSeconds (States.Timeout), in milliseconds.
  --fault <State>=<Error>[:times]
                          Make Task <State> fail with <Error> on its first <times> attempts (default 1),
                          e.g. --fault SendToDDB=DynamoDB.ProvisionedThroughputExceededException:2. Repeatable.
  --mock-config <file>    Mocked Task responses: a MockConfigFile of Step Functions Local (default: $SFN_MOCK_CONFIG).
                          A file that is not valid is refused before anything runs.
  --test-case <name>      The test case of --mock-config to answer from: its mocked states answer from the file,
                          the other Tasks run their local handlers. Executions started over the local Step
                          Functions API on '<state machine ARN>#<TestCase>' choose their own.
  --iam off|warn|enforce  Authorize every service call a state machine makes (Lambda, DynamoDB, SNS, Step
                          Functions, S3, its Distributed Map's S3) against the stack's IAM with its role, as
                          AWS would (default enforce): a denied call fails its Task with the error AWS gives
                          (e.g. Lambda.AWSLambdaException, AccessDeniedException), which Retry and Catch see.
                          The functions' own SDK calls (each function signs with its own credentials) and an
                          API integration's are authorized with their roles too, denied as the service denies.
                          warn prints one line per denial and lets the call through; off checks nothing.
  --iam-report            After the run, print per role each granted action on each granted resource, and
                          whether a call of the run used it (unused grants marked). Counts the calls --iam
                          authorizes (state machines, functions, API integrations); needs --iam warn or enforce.
  --name <name>           The execution name (default: a UUID).
  --state-machine <name>  Which state machine, when a stack has more than one.
  --out <dir>             Run this synth output folder instead of cdktf.out. It is checked, never rewritten:
                          one synthesized from other inputs than the current ones is refused. Without
                          --out, cdktf.out (or $CDKTF_OUTDIR) is synthesized again first whenever the
                          config, AWS_REGION, a source file or package-lock.json changed since its synth.
  --direct                Start the state machine directly. By default task-status starts it through its
                          starter Lambda, as on AWS (the input is then the Lambda's event).
  --load <file>           Load a list first, with the checks of \`npm run load-ddb\` (parallel-map; its sample
                          loads utils/simplelist.json): INLINE mode, the JSON list into the stack's table;
                          DISTRIBUTED, the JSON (or .csv) list object into its items bucket on the local S3.
  --serve                 Serve instead of running one execution, until Ctrl+C: the stack (without a stack
                          id, every synthesized stack) behind one AWS endpoint for the AWS CLI and SDKs
                          (Step Functions, DynamoDB, S3, SNS, Lambda Invoke; see --edge-port), printing the
                          ARNs and names it serves and the environment to export; and a stack's REST API
                          (skip-the-line) on its own port (see --port). Routes, mapping templates, request
                          models and authorization follow the synthesized API Gateway resources. With
                          several stacks, --data-dir keeps each one's data in <dir>/<stack-id>.
  --api-throttling on|off Throttle the REST API by its stage's method settings and usage plans, and count API keys
                          against the usage plans' quotas, as API Gateway does (default on): 429 Too Many
                          Requests over a rate, 429 Limit Exceeded past a quota. off for load tests.
  --edge-port <n>         The port of the AWS endpoint (default 4566, LocalStack's).
  --stop-wait <seconds>   On Ctrl+C (or SIGTERM): new requests are refused, those received answered, and the
                          executions in flight get this long to end (default 10); with --data-dir those still
                          running stay journaled and the next start continues them, else they are ABORTED.
  --port <n>              The port of the REST API (default 4010).
  --help                  Show this help.

Commands:
  messages                What was published to the local SNS topics (recorded, not delivered), from a
                          --data-dir or a running endpoint (GET /_aws/sns/messages); see messages --help.

Exit codes: 0 the execution succeeded, 1 it failed or timed out, 2 a usage or setup problem.
Stacks: ${STACK_IDS.join(', ')}.`;

export function parseLocalArgs(argv: readonly string[]): LocalCliArgs {
  const { values, positionals } = parseCommandLine(argv, {
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      input: { type: 'string' },
      'input-file': { type: 'string' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
      'real-waits': { type: 'boolean' },
      fault: { type: 'string', multiple: true },
      out: { type: 'string' },
      name: { type: 'string' },
      'state-machine': { type: 'string' },
      serve: { type: 'boolean' },
      port: { type: 'string' },
      'edge-port': { type: 'string' },
      load: { type: 'string' },
      direct: { type: 'boolean' },
      'mock-config': { type: 'string' },
      'test-case': { type: 'string' },
      iam: { type: 'string' },
      'api-throttling': { type: 'string' },
      'iam-report': { type: 'boolean' },
      'stop-wait': { type: 'string' },
    },
  });
  if (values.help) return { help: true, json: false, realWaits: false, faults: [], serve: false, direct: false, iam: 'enforce', apiThrottling: true, iamReport: false };
  if (positionals.length !== 1 && !(values.serve && positionals.length === 0)) {
    throw new UsageError(positionals.length === 0 ? 'Give the stack id, e.g. `npm run local -- sfn-dynamodb`.' : `Give one stack id, not ${positionals.join(' ')}.`);
  }
  if (values.input !== undefined && values['input-file'] !== undefined) throw new UsageError('Give --input or --input-file, not both.');
  if (values.load !== undefined) checkFileOption('--load', values.load);
  const mockConfig = values['mock-config'] ?? (process.env.SFN_MOCK_CONFIG || undefined);
  if (values['mock-config'] !== undefined) checkFileOption('--mock-config', values['mock-config']);
  if (values['test-case'] !== undefined && mockConfig === undefined) throw new UsageError('--test-case needs a mock configuration: give --mock-config <file> (or set SFN_MOCK_CONFIG).');
  if (values.iam !== undefined && !isIamMode(values.iam)) throw new UsageError(`--iam ${values.iam}: give one of ${IAM_MODES.join(', ')} (default enforce).`);
  const throttling = values['api-throttling'];
  if (throttling !== undefined && throttling !== 'on' && throttling !== 'off') throw new UsageError(`--api-throttling ${throttling}: give on or off (default on).`);
  if (values['iam-report'] && values.iam === 'off') throw new UsageError('--iam-report needs the calls authorized: drop --iam off (or give --iam warn).');
  const stopWait = values['stop-wait'];
  if (stopWait !== undefined && !values.serve) throw new UsageError('--stop-wait goes with --serve.');
  if (stopWait !== undefined && !(/^\d+(\.\d+)?$/.test(stopWait) && Number(stopWait) <= 3600)) throw new UsageError(`--stop-wait ${stopWait} is not a number of seconds from 0 to 3600.`);
  if (values['iam-report'] && values.serve) throw new UsageError('--iam-report goes with one execution, not --serve.');
  return {
    help: false,
    iam: (values.iam as IamMode | undefined) ?? 'enforce',
    apiThrottling: throttling !== 'off',
    iamReport: values['iam-report'] ?? false,
    ...(stopWait !== undefined && { stopWaitSeconds: Number(stopWait) }),
    ...(positionals[0] !== undefined && { stackId: positionals[0] }),
    ...(values.input !== undefined && { input: parseJson(values.input, '--input') }),
    ...(values['input-file'] !== undefined && { input: parseJson(readOptionFile('--input-file', values['input-file']), `--input-file ${values['input-file']}`) }),
    json: values.json ?? false,
    ...(values['data-dir'] !== undefined && { dataDir: values['data-dir'] }),
    realWaits: values['real-waits'] ?? false,
    faults: (values.fault ?? []).map(parseFault),
    ...(values.out !== undefined && { outDir: values.out }),
    ...(values.name !== undefined && { name: values.name }),
    ...(values['state-machine'] !== undefined && { stateMachine: values['state-machine'] }),
    serve: values.serve ?? false,
    ...(values.port !== undefined && { port: parsePort(values.port, values.serve ?? false) }),
    ...(values['edge-port'] !== undefined && { edgePort: parsePort(values['edge-port'], values.serve ?? false, '--edge-port') }),
    ...(values.load !== undefined && { load: values.load }),
    direct: values.direct ?? false,
    ...(mockConfig !== undefined && { mockConfig }),
    ...(values['test-case'] !== undefined && { testCase: values['test-case'] }),
  };
}

const ERROR_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/** Parses `<StateName>=<ErrorName>[:times]` (--fault) into a Fault for the runner. State names may contain spaces and dots. */
export function parseFault(text: string): Fault {
  const usage = `--fault '${text}': expected <StateName>=<ErrorName>[:times], e.g. SendToDDB=DynamoDB.ProvisionedThroughputExceededException:2.`;
  const eq = text.lastIndexOf('=');
  if (eq <= 0) throw new UsageError(usage);
  const state = text.slice(0, eq);
  let error = text.slice(eq + 1);
  let times = 1;
  const colon = error.lastIndexOf(':');
  if (colon >= 0) {
    const count = error.slice(colon + 1);
    if (!/^[1-9]\d*$/.test(count)) throw new UsageError(`${usage} The times part "${count}" must be a whole number of 1 or more.`);
    times = Number(count);
    error = error.slice(0, colon);
  }
  if (!ERROR_NAME.test(error)) throw new UsageError(`${usage} "${error}" is not an error name.`);
  return { state, error, times };
}

function parsePort(text: string, serving: boolean, option = '--port'): number {
  if (!serving) throw new UsageError(`${option} goes with --serve.`);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535) throw new UsageError(`${option} ${text} is not a port number (1-65535).`);
  return Number(text);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${where} is not valid JSON (${(err as Error).message}). Quote it for the shell, e.g. --input '{"id": "12345"}'.`);
  }
}
