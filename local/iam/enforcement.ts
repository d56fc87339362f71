import { randomInt } from 'node:crypto';
import { LocalSetupError } from '../errors';
import { authorize, denialDetail, IamSimulationError, type Denied } from './authorize';
import { DecisionCache } from './decision-cache';
import { authorizationInput } from './request-context';
import type { IamMode } from './modes';
import type { StackIam } from './stack-iam';

export { IAM_MODES, isIamMode, type IamMode } from './modes';

/** One IAM action on one resource that a service call needs, with the request's own condition keys. */
export interface Permission {
  readonly action: string;
  readonly resourceArn: string;
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/** The permissions of one caller (a role session), checked before each of its calls. */
export interface CallerAccess {
  /**
   * Decides each permission in order; resolves with the first denial the call must fail with (only in `enforce`),
   * else undefined. `where` names the call for the warning line (`state 'Put'`), after the caller's label.
   */
  check(permissions: readonly Permission[], where: string): Promise<Denied | undefined>;
}

/** No authorization: what a caller gets with `--iam off`, and what code outside a local stack uses. */
export const UNCHECKED: CallerAccess = { check: async () => undefined };

export interface StackAuthorizerOptions {
  readonly mode: IamMode;
  readonly region: string;
  /** Told one line per denial in `warn` mode. */
  readonly onDenial: (line: string) => void;
}

/**
 * Distinct permissions kept per role for `--iam-report`: the first 2,000. A long --serve names ever new object and
 * item resources (10,000 a role held ~2 MiB); the grants a workflow uses show among its first calls.
 */
const MAX_PERMISSIONS_KEPT = 2_000;

/** Authorization for the calls of one local stack, per caller; counts the decisions and their time. */
export class StackAuthorizer {
  private decisions = 0;
  private totalMs = 0;
  /** Every allowed permission per role ARN, once each (`--iam-report`: grants used vs. granted). */
  private readonly allowed = new Map<string, Map<string, Permission>>();
  /** Decisions the simulator made, reused for requests it would decide the same way. */
  private readonly cache = new DecisionCache();

  constructor(
    private readonly iam: StackIam | undefined,
    private readonly options: StackAuthorizerOptions,
  ) {
    if (options.mode !== 'off' && !iam) throw new LocalSetupError(`--iam ${options.mode} needs the stack's IAM; only --iam off runs without it.`);
  }

  get mode(): IamMode {
    return this.options.mode;
  }

  /** How many calls were decided (and of those, how many reused an earlier decision), and their mean time in ms (the overhead of authorization). */
  get stats(): { readonly decisions: number; readonly reused: number; readonly meanMs: number } {
    return { decisions: this.decisions, reused: this.cache.reused, meanMs: this.decisions === 0 ? 0 : this.totalMs / this.decisions };
  }

  /** The stack's IAM the calls are decided against (undefined with `--iam off`). */
  get stackIam(): StackIam | undefined {
    return this.options.mode === 'off' ? undefined : this.iam;
  }

  /** The permissions allowed so far to sessions of `roleArn`, each action on each resource once, in call order. */
  usedBy(roleArn: string): Permission[] {
    return [...(this.allowed.get(roleArn)?.values() ?? [])];
  }

  private record(roleArn: string, permission: Permission): void {
    const used = this.allowed.get(roleArn) ?? new Map<string, Permission>();
    this.allowed.set(roleArn, used);
    const key = `${permission.action} ${permission.resourceArn}`;
    // Bounded, so that a long --serve whose calls name ever new resources (object keys) stays flat in memory.
    if (!used.has(key) && used.size < MAX_PERMISSIONS_KEPT) used.set(key, { action: permission.action, resourceArn: permission.resourceArn });
  }

  /**
   * The access of a session of `roleArn`. A service that assumes a role for its calls (Step Functions for a state
   * machine) names the session with 32 random letters (as the AccessDenied messages of Step Functions executions
   * show); calls are made over TLS.
   */
  forRole(roleArn: string, label: string, sessionName = randomSessionName()): CallerAccess {
    const iam = this.iam;
    if (this.options.mode === 'off' || !iam) return UNCHECKED;
    return {
      check: async (permissions, where) => {
        for (const permission of permissions) {
          const started = performance.now();
          let decision;
          try {
            const input = authorizationInput(iam, {
              caller: { kind: 'role', roleArn, sessionName },
              action: permission.action,
              resourceArn: permission.resourceArn,
              region: this.options.region,
              secureTransport: true,
              ...(permission.context && { context: permission.context }),
            });
            decision = await this.cache.decide(input, () => authorize(input));
          } catch (err) {
            if (!(err instanceof IamSimulationError)) throw err;
            // The simulator could not decide (an action it does not know): enforce fails the call with the error,
            // named and placed; warn says so in one line and lets the call through undecided.
            const placed = `${label}, ${where}: ${err.message}`;
            if (this.options.mode === 'enforce') throw new IamSimulationError(placed);
            this.options.onDenial(`IAM (warn): ${placed} The call goes through undecided.`);
            continue;
          } finally {
            this.decisions += 1;
            this.totalMs += performance.now() - started;
          }
          if (decision.allowed) {
            this.record(roleArn, permission);
            continue;
          }
          if (this.options.mode === 'enforce') return decision;
          this.options.onDenial(`IAM (warn): ${label}, ${where}: ${decision.message} (${denialDetail(decision)}); the call goes through.`);
        }
        return undefined;
      },
    };
  }
}

function randomSessionName(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: 32 }, () => letters[randomInt(letters.length)]).join('');
}
