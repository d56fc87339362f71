import { LOCAL_ACCOUNT_ID } from '../aws-names';
import { LocalSetupError } from '../errors';
import { resourcePolicyFor, roleByArn, type IdentityPolicy, type ResourcePolicy, type RoleIam, type StackIam } from './stack-iam';

/**
 * What a policy simulator needs to decide one call of a local run, taken from the stack's IAM: who calls (a session
 * of one of the stack's roles, or an AWS service acting through a resource policy), the identity policies of that
 * role, the resource's policy, and the request context keys AWS itself would set (IAM User Guide, "AWS global
 * condition context keys"): for a role session aws:PrincipalArn is the role's ARN, aws:PrincipalType
 * `AssumedRole`; a service principal has aws:PrincipalServiceName and, when it calls for a resource,
 * aws:SourceArn / aws:SourceAccount. No decision is made here.
 */

export type Caller =
  /** A session of a role of the stack: a function environment, the state machine, the API's credentials role. */
  | { readonly kind: 'role'; readonly roleArn: string; readonly sessionName: string }
  /** An AWS service calling on its own behalf (API Gateway invoking a function through its permission). */
  | { readonly kind: 'service'; readonly service: string; readonly sourceArn?: string };

export interface AuthorizationRequest {
  readonly caller: Caller;
  /** `service:Action`, e.g. `s3:PutObject`. */
  readonly action: string;
  readonly resourceArn: string;
  readonly region: string;
  /** Whether the call came over TLS, as the SDK would send it (aws:SecureTransport). */
  readonly secureTransport: boolean;
  /** The request's own keys (`s3:prefix`, `dynamodb:LeadingKeys`…). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** @default now */
  readonly time?: Date;
}

export interface AuthorizationInput {
  /** The session ARN of a role caller, or the service principal's name. */
  readonly principal: string;
  readonly role?: RoleIam;
  readonly identityPolicies: readonly IdentityPolicy[];
  readonly resourcePolicy?: ResourcePolicy;
  readonly action: string;
  readonly resourceArn: string;
  readonly accountId: string;
  readonly contextVariables: Readonly<Record<string, string | readonly string[]>>;
}

export function authorizationInput(iam: StackIam, request: AuthorizationRequest): AuthorizationInput {
  const time = request.time ?? new Date();
  const principalKeys = principalContext(iam, request.caller);
  const requestKeys: Record<string, string | readonly string[]> = {
    'aws:SecureTransport': String(request.secureTransport),
    'aws:RequestedRegion': request.region,
    'aws:CurrentTime': time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(time.getTime() / 1000)),
  };
  for (const key of Object.keys(request.context ?? {})) {
    const known = Object.keys({ ...principalKeys.keys, ...requestKeys }).find((k) => k.toLowerCase() === key.toLowerCase());
    if (known) {
      throw new LocalSetupError(`The ${request.action} request on ${request.resourceArn} sets the context key ${key}, which AWS sets itself from the caller and the connection; leave it out.`);
    }
  }
  return {
    principal: principalKeys.principal,
    ...(principalKeys.role && { role: principalKeys.role }),
    identityPolicies: principalKeys.role?.policies ?? [],
    ...withResourcePolicy(resourcePolicyFor(iam, request.resourceArn)),
    action: request.action,
    resourceArn: request.resourceArn,
    accountId: LOCAL_ACCOUNT_ID,
    contextVariables: { ...principalKeys.keys, ...requestKeys, ...request.context },
  };
}

function principalContext(iam: StackIam, caller: Caller): { principal: string; role?: RoleIam; keys: Record<string, string> } {
  if (caller.kind === 'service') {
    if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(caller.service)) {
      throw new LocalSetupError(`"${caller.service}" is not a service principal (a name like apigateway.amazonaws.com).`);
    }
    return {
      principal: caller.service,
      keys: {
        'aws:PrincipalServiceName': caller.service,
        'aws:PrincipalIsAWSService': 'true',
        ...(caller.sourceArn && { 'aws:SourceArn': caller.sourceArn, 'aws:SourceAccount': LOCAL_ACCOUNT_ID }),
      },
    };
  }
  const role = roleByArn(iam, caller.roleArn);
  if (!role) {
    throw new LocalSetupError(
      `The call is made with the role ${caller.roleArn}, which stack ${iam.stackId} does not define (its roles: ${iam.roles.map((r) => r.name).join(', ') || 'none'}). ` +
        'Give the caller one of the stack\'s roles.',
    );
  }
  if (!/^[\w+=,.@-]{2,64}$/.test(caller.sessionName)) {
    throw new LocalSetupError(`The role session name "${caller.sessionName}" is not one AWS accepts (2 to 64 of letters, digits and +=,.@_-).`);
  }
  return {
    principal: `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${role.name}/${caller.sessionName}`,
    role,
    keys: {
      'aws:PrincipalArn': role.arn,
      'aws:PrincipalAccount': LOCAL_ACCOUNT_ID,
      'aws:PrincipalType': 'AssumedRole',
      'aws:PrincipalIsAWSService': 'false',
    },
  };
}

const withResourcePolicy = (policy: ResourcePolicy | undefined) => (policy ? { resourcePolicy: policy } : {});
