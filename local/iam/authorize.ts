import { getDenialReasons, runSimulation, type RequestAnalysis, type RequestDenial } from '@cloud-copilot/iam-simulate';
import { LocalSetupError } from '../errors';
import type { AuthorizationInput } from './request-context';

/**
 * One call of a local run decided by the kept IAM simulator (`@cloud-copilot/iam-simulate`, see
 * docs/IAM-SIMULATOR.md) from what `authorizationInput` assembled. A denial carries what AWS's own AccessDenied
 * message says (IAM User Guide, "Troubleshoot access denied error messages": the principal, the action, the
 * resource, and "with an explicit deny in an identity-based policy" / "because no identity-based policy allows the
 * <action> action", and the same for resource-based policies) and, beyond it, the statement that denied.
 */

export type PolicyType = 'identity' | 'resource';

export type DenialReason =
  /** A Deny statement matched: which policy (its Terraform source) and which of its statements. */
  | { readonly kind: 'explicit-deny'; readonly policyType: PolicyType; readonly policy: string; readonly statement: string }
  /** No statement allows it: in the caller's identity policies, or (a service caller) in the resource's policy. */
  | { readonly kind: 'no-allow'; readonly policyType: PolicyType };

interface DecisionBase {
  /** The session ARN of a role caller, or the service principal. */
  readonly principal: string;
  /** The role's name, for a role caller. */
  readonly role?: string;
  readonly action: string;
  readonly resourceArn: string;
}

export interface Allowed extends DecisionBase {
  readonly allowed: true;
}

export interface Denied extends DecisionBase {
  readonly allowed: false;
  readonly reason: DenialReason;
  /** AWS's AccessDenied message for it: `User: <principal> is not authorized to perform: <action> on resource: …`. */
  readonly message: string;
}

export type Decision = Allowed | Denied;

/** The simulator refused its input (a policy it cannot parse, an action or a context key it does not know). */
export class IamSimulationError extends LocalSetupError {
  constructor(message: string) {
    super(message);
    this.name = 'IamSimulationError';
  }
}

export async function authorize(input: AuthorizationInput): Promise<Decision> {
  const base: DecisionBase = { principal: input.principal, ...(input.role && { role: input.role.name }), action: input.action, resourceArn: input.resourceArn };
  const response = await runSimulation(
    {
      request: {
        principal: input.principal,
        action: input.action,
        resource: { resource: input.resourceArn, accountId: input.accountId },
        contextVariables: Object.fromEntries(Object.entries(input.contextVariables).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]])),
      },
      // Each policy is named by its Terraform source, so that an explicit deny can say where it is.
      identityPolicies: input.identityPolicies.map((p) => ({ name: p.source, policy: p.document })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(input.resourcePolicy && { resourcePolicy: input.resourcePolicy.document }),
    },
    { simulationMode: 'Strict' },
  );
  if (response.resultType === 'error') {
    throw new IamSimulationError(
      `The IAM simulator could not decide ${input.action} on ${input.resourceArn} for ${input.principal}: ${response.errors.message} ${JSON.stringify(response.errors)}. ` +
        'Check the action name against the Service Authorization Reference and the policies named there.',
    );
  }
  const analysis: RequestAnalysis | undefined = response.resultType === 'single' ? response.result.analysis : response.results[0]?.analysis;
  if (response.overallResult === 'Allowed') return { ...base, allowed: true };
  const reason = denialReason(input, analysis);
  return { ...base, allowed: false, reason, message: accessDeniedMessage(base, reason) };
}

function denialReason(input: AuthorizationInput, analysis: RequestAnalysis | undefined): DenialReason {
  const denials: RequestDenial[] = analysis ? getDenialReasons(analysis) : [];
  const explicit = denials.find((d) => d.denialType === 'Explicit' && (d.policyType === 'identity' || d.policyType === 'resource'));
  if (explicit && explicit.denialType === 'Explicit') {
    const policyType = explicit.policyType as PolicyType;
    const policy = policyType === 'identity' ? (explicit.policyIdentifier ?? 'an identity policy') : (input.resourcePolicy?.sources.join(', ') ?? 'the resource policy');
    const statement = `Statement[${explicit.statementIndex - 1}]${explicit.statementId ? ` (Sid ${explicit.statementId})` : ''}`;
    return { kind: 'explicit-deny', policyType, policy, statement };
  }
  // A service principal has no identity policies: only the resource's policy could have allowed it.
  const implicit = denials.find((d) => d.policyType === 'identity' || d.policyType === 'resource');
  const policyType: PolicyType = input.role ? ((implicit?.policyType as PolicyType | undefined) ?? 'identity') : 'resource';
  return { kind: 'no-allow', policyType };
}

function accessDeniedMessage(base: DecisionBase, reason: DenialReason): string {
  const kind = `${reason.policyType}-based policy`;
  const why = reason.kind === 'explicit-deny' ? `with an explicit deny in ${reason.policyType === 'identity' ? 'an' : 'a'} ${kind}` : `because no ${kind} allows the ${base.action} action`;
  return `User: ${base.principal} is not authorized to perform: ${base.action} on resource: ${base.resourceArn} ${why}`;
}

/** Where a denial comes from, for a person: the statement of an explicit deny, or what grants nothing. */
export function denialDetail(denied: Denied): string {
  const { reason } = denied;
  if (reason.kind === 'explicit-deny') return `denied by ${reason.policy} ${reason.statement}`;
  return reason.policyType === 'identity'
    ? `no statement of role ${denied.role ?? denied.principal}'s policies allows ${denied.action} on ${denied.resourceArn}`
    : `the policy of ${denied.resourceArn} has no statement allowing ${denied.principal} ${denied.action}`;
}
