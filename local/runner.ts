import * as os from 'node:os';
import * as path from 'node:path';
import { LOCAL_CREDENTIALS } from './aws-names';
import { claimDataDir } from './data-dir';
import { FunctionCredentials, FunctionDoor } from './door';
import type { DynamoDbItem } from './emulators';
import { EmulatorSet } from './emulators/emulator-set';
import { MockConfigError, readMockConfigFile, type MockConfig } from './engine/mocks';
import { ExecutionRegistry, type ExecutionRecord, type MockSettings } from './executions';
import { assertFaultsTarget, type Fault } from './faults';
import { iamUsage, loadStackIam, roleByArn, StackAuthorizer, type CallerAccess, type IamMode, type RoleReport } from './iam';
import { LambdaHost, type InvokeResult, type LambdaLogLine } from './lambda-host';
import { assertNodeRuntimes } from './node-runtime';
import type { Snapshot } from './snapshot';
import { loadStackModel, type StackModel, type StateMachineModel } from './stack-model';
import type { LocalServices } from './tasks/services';
import { LocalSetupError } from './errors';
import { LocalWorkflow, type ExecutionResult, type HistoryEvent } from './workflow-engine';

export interface LocalStackOptions {
  /** Keep tables, objects, messages and execution names in this folder between runs. @default each run starts empty */
  readonly dataDir?: string;
  /**
   * Wait states, retry intervals and timeouts take their real time. @default false: the engine's virtual clock, on
   * which they cost no wall time but count as if they had passed (a 25 s Wait still passes a 20 s TimeoutSeconds)
   */
  readonly realWaits?: boolean;
  /** Faults injected into every execution (see `Fault`). @default none */
  readonly faults?: readonly Fault[];
  /**
   * Mocked Task responses: a MockConfigFile of Step Functions Local (its path, or read already). Executions started
   * on `<state machine ARN>#<TestCase>` answer the test case's mocked states from it. @default none
   */
  readonly mockConfig?: string | MockConfig;
  /** The test case every execution uses where the mock configuration has it for its state machine. @default none */
  readonly testCase?: string;
  /** Called for every history event of every execution (GetExecutionHistory's shape), as it is recorded. */
  readonly onEvent?: (event: HistoryEvent, executionName: string) => void;
  /** Called for every line a function writes. @default lines are only kept (see `lambdaLogs()`) */
  readonly onLog?: (line: LambdaLogLine) => void;
  /**
   * Told, at start, one line per execution an earlier process on `dataDir` left running (continued, or FAILED and
   * redrivable) and a summary. @default console.log
   */
  readonly onRecovery?: (line: string) => void;
  /** Told when something kept in `dataDir` could not be saved (it then keeps what it held). @default console.warn */
  readonly onWarning?: (message: string) => void;
  /**
   * Whether the state machines' service calls are authorized against the stack's IAM with their role: `enforce`
   * fails a denied call as AWS does (the service's AccessDenied, under the error name Step Functions gives it),
   * `warn` reports it (see `onIamDenial`) and lets it through, `off` decides nothing. @default 'enforce'
   */
  readonly iam?: IamMode;
  /** Told one line per denied call with `iam: 'warn'`. @default console.warn */
  readonly onIamDenial?: (line: string) => void;
  /**
   * Ended executions kept in memory with their histories; older ones go to `dataDir` (and are read back from it when
   * asked for), or without one are dropped, their names staying taken. @default 1,000 (KEPT_ENDED_EXECUTIONS)
   */
  readonly keepEndedExecutions?: number;
  /**
   * What those ended executions may hold in memory at most (their input, output and history kept as text, the history
   * deflated); past it the oldest leave memory as above. @default 8 MiB (KEPT_ENDED_BYTES)
   */
  readonly keepEndedBytes?: number;
  /**
   * Without `dataDir`, keep the tables' items in a temporary folder (removed on close) instead of memory, so that a
   * long-running stack (`--serve`) holds a flat amount of memory whatever it stores. @default false (in memory)
   */
  readonly tablesOnDisk?: boolean;
}

export interface ExecuteOptions {
  /** The execution name. @default a UUID */
  readonly name?: string;
  /** Name or ARN of the state machine; needed only when the stack has more than one. */
  readonly stateMachine?: string;
  /** Faults for this execution only, instead of the stack's. */
  readonly faults?: readonly Fault[];
  /** The mock configuration's test case for this execution (needs `mockConfig`). @default the stack's `testCase` */
  readonly testCase?: string;
}

export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly s3: string;
  readonly sns: string;
  readonly stepfunctions: string;
}

/**
 * A synthesized stack stood up on 127.0.0.1 from its `cdk.tf.json`: DynamoDB (dynalite), S3 (s3rver), SNS (a
 * recording sink), the Step Functions API, functions in worker threads, and the state machines on the project's
 * engine (local/engine). Always `close()` it.
 */
export class LocalStack {
  private readonly host: LambdaHost;
  /** What Task states reach; built once the emulators are up. */
  private readonly services: LocalServices;
  private closing?: Promise<void>;

  private constructor(
    readonly model: StackModel,
    private readonly workflows: ReadonlyMap<string, LocalWorkflow>,
    private readonly emulators: EmulatorSet,
    private readonly registry: ExecutionRegistry,
    private readonly authorizer: StackAuthorizer,
    private readonly credentials: FunctionCredentials,
    private readonly door: FunctionDoor,
    options: LocalStackOptions,
    private readonly releaseDataDir: () => void,
  ) {
    this.host = new LambdaHost(model.functions, { awsEnvironment: (fn) => this.awsEnvironment(fn.name), ...(options.onLog && { onLog: options.onLog }) });
    // The S3, SNS and Step Functions clients are made at a Task's first call to them: their SDKs load only then.
    this.services = { dynamodb: emulators.dynamodb.client, get s3() { return emulators.s3Client; }, get sns() { return emulators.sns.client; }, get sfn() { return emulators.sfn; }, lambda: this.host, executions: registry };
  }

  /**
   * Reads `<stackDir>/cdk.tf.json`, checks that every function's runtime is this Node's major and that every Task
   * can run locally, and starts the emulators.
   */
  static async start(stackDir: string, options: LocalStackOptions = {}): Promise<LocalStack> {
    const model = loadStackModel(stackDir);
    assertNodeRuntimes(model.functions);
    let stack: LocalStack | undefined;
    const services = () => {
      if (!stack) throw new LocalSetupError('The local stack is not started yet.');
      return stack.services;
    };
    // The stack's IAM is read (and a policy AWS would refuse is named) before anything starts.
    const mode = options.iam ?? 'enforce';
    const authorizer = new StackAuthorizer(mode === 'off' ? undefined : loadStackIam(model), { mode, region: model.region, onDenial: options.onIamDenial ?? ((line) => console.warn(line)) });
    // Every definition is checked (and every Task bound to a local handler) before anything starts.
    const workflows = new Map(model.stateMachines.map((sm) => [sm.arn, new LocalWorkflow(sm, services, authorizer)]));
    const allTasks = new Set([...workflows.values()].flatMap((w) => [...w.tasks.keys()]));
    assertFaultsTarget(options.faults ?? [], allTasks, model.stateMachines.map((m) => m.name).join(', ') || '(none)');
    const mocks = mockSettings(model, options);

    const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
    const release = dataDir ? claimDataDir(dataDir) : () => undefined;
    try {
      const registry = new ExecutionRegistry(workflows, {
        realWaits: options.realWaits ?? false,
        faults: options.faults ?? [],
        ...(mocks && { mocks }),
        ...(options.onEvent && { onEvent: options.onEvent }),
        ...(dataDir && { file: path.join(dataDir, 'executions.json') }),
        ...(options.onWarning && { onWarning: options.onWarning }),
        ...(options.keepEndedExecutions !== undefined && { keepEnded: options.keepEndedExecutions }),
        ...(options.keepEndedBytes !== undefined && { keepEndedBytes: options.keepEndedBytes }),
      });
      // Each function's own credentials; s3rver is told them, as the functions' front door checks their signatures.
      const credentials = new FunctionCredentials(model.stackId, model.functions);
      const emulators = await EmulatorSet.start(model, registry, dataDir, options.onWarning, credentials.all(), options.tablesOnDisk ?? false);
      let door: FunctionDoor;
      try {
        door = await FunctionDoor.start({ region: model.region, tables: model.tables, endpoints: emulators.endpoints, credentials, authorizer });
      } catch (err) {
        await emulators.close();
        throw err;
      }
      stack = new LocalStack(model, workflows, emulators, registry, authorizer, credentials, door, options, release);
      // Executions an earlier process on this data folder left running go on now that their Tasks' services are up.
      for (const line of registry.recover()) (options.onRecovery ?? console.log)(line);
      return stack;
    } catch (err) {
      release();
      throw err;
    }
  }

  /** The `--iam` mode, and how many calls were authorized so far (how many reused an earlier decision) with their mean time (ms): the overhead. */
  get iam(): { readonly mode: IamMode; readonly decisions: number; readonly reused: number; readonly meanMs: number } {
    return { mode: this.authorizer.mode, ...this.authorizer.stats };
  }

  /**
   * The functions' front door (local/door): its URL, how many function SDK calls went through it and the mean time
   * (ms) it spent on each before passing it on (signature, mapping, authorization).
   */
  get functionDoor(): { readonly url: string; readonly calls: number; readonly meanMs: number } {
    return { url: this.door.url, ...this.door.stats };
  }

  /**
   * The access of a session of one of the stack's roles, for a caller outside the state machines and functions (an
   * API integration's credentials role): its calls are authorized as the others' are (nothing with --iam off).
   */
  roleSession(roleArn: string, label: string, sessionName: string): CallerAccess {
    return this.authorizer.forRole(roleArn, label, sessionName);
  }

  /** Whether the role's trust policy lets `service` assume it; true with --iam off (nothing is checked). */
  roleTrusts(roleArn: string, service: string): boolean {
    const iam = this.authorizer.stackIam;
    if (!iam) return true;
    const role = roleByArn(iam, roleArn);
    if (!role) throw new LocalSetupError(`The role ${roleArn} is not a role of stack ${this.model.stackId} (its roles: ${iam.roles.map((r) => r.name).join(', ') || 'none'}).`);
    return role.trustedServices.includes(service);
  }

  /** `--iam-report`: per role, the grants of its identity policies vs. the permissions its sessions were allowed so far; undefined with `--iam off`. */
  iamUsage(): RoleReport[] | undefined {
    const iam = this.authorizer.stackIam;
    return iam && iamUsage(iam, (roleArn) => this.authorizer.usedBy(roleArn));
  }

  get endpoints(): LocalEndpoints {
    return this.emulators.endpoints;
  }

  /** Where the local run differs from AWS (resources that are not emulated), in sentences. */
  get notes(): string[] {
    const notes: string[] = [];
    const ignored = this.model.notEmulated.filter((type) => !type.startsWith('aws_api_gateway_'));
    if (ignored.length > 0) notes.push(`Not emulated (ignored locally): ${groupTypes(ignored).join(', ')}.`);
    if (ignored.length < this.model.notEmulated.length) notes.push('The REST API is not used by a single run; serve it with --serve.');
    return notes;
  }

  /**
   * The environment an AWS SDK v3 client needs to reach this stack, with the region and a catch-all endpoint so
   * nothing reaches AWS. For a function (what its environment gets): its own credentials (ASIA… key, secret,
   * AWS_SESSION_TOKEN) and every endpoint at the functions' front door, which authorizes each call with the
   * function's execution role. Without a function: the account's own credentials (LOCAL_CREDENTIALS) and the
   * emulators' own endpoints, where nothing is authorized (what the runner's own clients and tests use).
   */
  awsEnvironment(functionName?: string): Record<string, string> {
    const noFile = os.devNull; // an empty file: no profile, credentials or settings from ~/.aws
    const common = { AWS_REGION: this.model.region, AWS_DEFAULT_REGION: this.model.region, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: noFile, AWS_SHARED_CREDENTIALS_FILE: noFile };
    if (functionName !== undefined) {
      const own = this.credentials.of(functionName);
      const door = this.door.url;
      return {
        ...common,
        AWS_ACCESS_KEY_ID: own.accessKeyId,
        AWS_SECRET_ACCESS_KEY: own.secretAccessKey,
        AWS_SESSION_TOKEN: own.sessionToken,
        AWS_ENDPOINT_URL: door,
        AWS_ENDPOINT_URL_DYNAMODB: door,
        AWS_ENDPOINT_URL_S3: door,
        AWS_ENDPOINT_URL_SNS: door,
        AWS_ENDPOINT_URL_SFN: door,
      };
    }
    return {
      ...common,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL: this.endpoints.stepfunctions,
      AWS_ENDPOINT_URL_DYNAMODB: this.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: this.endpoints.s3,
      AWS_ENDPOINT_URL_SNS: this.endpoints.sns,
      AWS_ENDPOINT_URL_SFN: this.endpoints.stepfunctions,
    };
  }

  /** Runs one execution of the (only, or named) state machine to its end. `undefined` input means `{}`; `null` is null. */
  async execute(input: unknown, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    if (this.closing) throw new LocalSetupError(`The local stack ${this.model.stackId} is closed; start a new one to run more executions.`);
    const machine = this.stateMachine(options.stateMachine);
    if (options.faults) this.workflows.get(machine.arn)!.assertFaults(options.faults);
    const request = { stateMachineArn: machine.arn, input: input === undefined ? '{}' : JSON.stringify(input), ...(options.name !== undefined && { name: options.name }) };
    return this.registry.run(request, { ...(options.faults && { faults: options.faults }), ...(options.testCase !== undefined && { testCase: options.testCase }) });
  }

  /** Invokes a function (by name or ARN) as Lambda's Invoke does; a function error is in `functionError`. */
  invoke(functionName: string, event: unknown): Promise<InvokeResult> {
    return this.host.invoke(functionName, event);
  }

  /** Every execution so far, including those started through the Step Functions API (by a function, say). */
  executions(): ExecutionRecord[] {
    return this.registry.list();
  }

  /** Waits until no execution is running (bounded); answers whether they all ended. */
  waitForExecutions(timeoutMs = 30_000): Promise<boolean> {
    return this.registry.settle(timeoutMs);
  }

  /**
   * Writes items into a table (by its synthesized name) before an execution, in DynamoDB JSON as PutItem and
   * `aws_dynamodb_table_item` take them, so that numbers keep their exact text: e.g. the list `--load` checked.
   */
  async seedTable(tableName: string, items: readonly DynamoDbItem[]): Promise<void> {
    if (!this.model.tables.some((t) => t.name === tableName)) {
      throw new LocalSetupError(`seedTable: the stack has no table ${tableName} (tables: ${this.model.tables.map((t) => t.name).join(', ') || 'none'}).`);
    }
    return this.emulators.dynamodb.seed(tableName, items);
  }

  async snapshot(): Promise<Snapshot> {
    const [tables, buckets] = await Promise.all([this.emulators.dynamodb.snapshot(), this.emulators.s3?.snapshot() ?? {}]);
    return { tables, buckets, messages: this.emulators.sns.snapshot() };
  }

  lambdaLogs(): readonly LambdaLogLine[] {
    return this.host.logs();
  }

  /** Stops running executions, functions and emulators. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      // With a data folder, executions still running are left in the journal (not ABORTED): the next start on it
      // continues them.
      await this.registry.closeStore();
      this.registry.abortAll();
      await this.registry.settle(2000);
      await this.host.close();
      await this.door.close();
      await this.emulators.close();
      this.releaseDataDir();
    })();
    return this.closing;
  }

  private stateMachine(nameOrArn: string | undefined): StateMachineModel {
    const machines = this.model.stateMachines;
    if (nameOrArn === undefined) {
      if (machines.length === 1) return machines[0];
      throw new LocalSetupError(
        machines.length === 0
          ? `Stack ${this.model.stackId} has no state machine to execute.`
          : `Stack ${this.model.stackId} has ${machines.length} state machines (${machines.map((m) => m.name).join(', ')}); say which one.`,
      );
    }
    const machine = machines.find((m) => m.name === nameOrArn || m.arn === nameOrArn);
    if (!machine) throw new LocalSetupError(`Stack ${this.model.stackId} has no state machine ${nameOrArn} (it has ${machines.map((m) => m.name).join(', ')}).`);
    return machine;
  }
}

/** Stands up the stack in `stackDir` (a `cdktf.out/stacks/<id>` folder) locally. Same as `LocalStack.start`. */
export function startLocalStack(stackDir: string, options: LocalStackOptions = {}): Promise<LocalStack> {
  return LocalStack.start(stackDir, options);
}

/**
 * Reads the mock configuration (a bad file is refused before anything runs) and checks that the test case, when one
 * is given for every execution, exists for at least one of the stack's state machines.
 */
function mockSettings(model: StackModel, options: LocalStackOptions): MockSettings | undefined {
  if (options.mockConfig === undefined) {
    if (options.testCase !== undefined) throw new LocalSetupError(`A test case (${options.testCase}) needs a mock configuration file: give one (--mock-config, SFN_MOCK_CONFIG).`);
    return undefined;
  }
  let config: MockConfig;
  try {
    config = typeof options.mockConfig === 'string' ? readMockConfigFile(options.mockConfig) : options.mockConfig;
  } catch (err) {
    if (err instanceof MockConfigError) throw new LocalSetupError(err.message);
    throw err;
  }
  const testCase = options.testCase;
  if (testCase !== undefined && !model.stateMachines.some((m) => config.stateMachines.get(m.name)?.has(testCase))) {
    const known = model.stateMachines.flatMap((m) => [...(config.stateMachines.get(m.name)?.keys() ?? [])].map((t) => `${m.name}#${t}`));
    throw new LocalSetupError(
      `The mock configuration has no test case '${testCase}' for the state machines of stack ${model.stackId} (${model.stateMachines.map((m) => m.name).join(', ')}); ` +
        `its test cases for them: ${known.join(', ') || 'none'}. Add it under StateMachines.<name>.TestCases, or name one of these.`,
    );
  }
  return { config, ...(testCase !== undefined && { testCase }) };
}

/** `aws_api_gateway_method, aws_api_gateway_stage, …` → `aws_api_gateway_* (2 types)`, for a short note. */
function groupTypes(types: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const type of types) {
    const prefix = type.split('_').slice(0, 3).join('_');
    groups.set(prefix, [...(groups.get(prefix) ?? []), type]);
  }
  return [...groups].map(([prefix, members]) => (members.length > 2 ? `${prefix}_* (${members.length} types)` : members.join(', ')));
}
