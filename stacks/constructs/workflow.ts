import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Fn, TerraformLocal } from 'cdktf';
import { Construct } from 'constructs';
import { OWN_EXECUTIONS_ARN, OWN_STATE_MACHINE_ARN, type PolicyStatement } from '../../definitions/iam';
import type { StateMachineDefinition } from '../../definitions/state-machine';
import { IAM_ACTIONS } from './iam-actions';
import { policyDocument, ServiceRole, type Grantee } from './service-role';

/** What a state machine logs: every event, errors only, or fatal ones only (OFF is not offered). */
export type WorkflowLogLevel = 'ALL' | 'ERROR' | 'FATAL';

/** How a state machine logs: the days its log group keeps events, and the level. */
export interface WorkflowLogging {
  readonly retentionDays: number;
  readonly level: WorkflowLogLevel;
}

export interface WorkflowProps {
  /** The deployed state machine name (already prefixed). */
  readonly stateMachineName: string;
  readonly definition: StateMachineDefinition;
  readonly logging: WorkflowLogging;
  /** @default 'STANDARD' */
  readonly type?: 'STANDARD' | 'EXPRESS';
  /** The deployed role name. @default `<stateMachineName>-role` */
  readonly roleName?: string;
}

/**
 * A state machine with everything it should not be deployed without: a role derived from its definition's
 * service integrations, a log group with retention, logging at the configured level, X-Ray tracing, and the
 * definition's own TimeoutSeconds. Who may start it is granted by `grantStartExecution`.
 */
export class Workflow extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly logGroup: CloudwatchLogGroup;
  readonly role: ServiceRole;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const name = props.stateMachineName;
    const definitionJson = props.definition.toJson();
    assertNoTemplateSyntax(name, definitionJson);

    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/vendedlogs/states/${name}`,
      retentionInDays: props.logging.retentionDays,
    });

    // Statements about the state machine itself (a Distributed Map starts child executions) cannot be in the
    // policy the state machine is created with: its ARN does not exist yet. They go in a second policy.
    const refersToSelf = (s: PolicyStatement) => s.resources.some((r) => r === OWN_STATE_MACHINE_ARN || r === OWN_EXECUTIONS_ARN);
    const statements = props.definition.policyStatements;
    this.role = new ServiceRole(this, 'role', {
      roleName: props.roleName ?? `${name}-role`,
      servicePrincipal: 'states.amazonaws.com',
      statements: [
        ...statements.filter((s) => !refersToSelf(s)),
        // Log delivery and X-Ray actions have no narrower resource than "*" (AWS documents them so).
        { actions: IAM_ACTIONS.stateMachineLogDelivery.actions, resources: ['*'] },
        { actions: IAM_ACTIONS.stateMachineTracing.actions, resources: ['*'] },
      ],
    });

    this.stateMachine = new SfnStateMachine(this, 'state-machine', {
      name,
      type: props.type ?? 'STANDARD',
      roleArn: this.role.role.arn,
      definition: definitionJson,
      loggingConfiguration: {
        logDestination: `${this.logGroup.arn}:*`,
        includeExecutionData: true,
        level: props.logging.level,
      },
      tracingConfiguration: { enabled: true },
      // Step Functions checks at creation that the role may deliver logs.
      dependsOn: [this.role.policy],
    });

    const selfStatements = statements.filter(refersToSelf);
    if (selfStatements.length > 0) {
      const arn = this.stateMachine.arn;
      // A local keeps the quoted arguments of replace() out of the policy's JSON text.
      const executionArnBase = new TerraformLocal(this, 'execution-arn-base', Fn.replace(arn, ':stateMachine:', ':execution:'));
      // Its executions, as the Developer Guide's Distributed Map policy names them (…:execution:<state machine name>:*,
      // "IAM policies for using Distributed Map states"): the Map Run describes and stops the parent execution.
      const executions = `${executionArnBase.asString}:*`;
      new IamRolePolicy(this, 'self-policy', {
        name: 'own-executions',
        role: this.role.role.id,
        policy: policyDocument(
          selfStatements.map((s) => ({
            actions: s.actions,
            resources: s.resources.map((r) => (r === OWN_STATE_MACHINE_ARN ? arn : r === OWN_EXECUTIONS_ARN ? executions : r)),
          })),
        ),
      });
    }
  }

  /** Lets `grantee` start executions of this state machine (and nothing else of it). */
  grantStartExecution(grantee: Grantee): void {
    grantee.addToPolicy({ actions: IAM_ACTIONS.startExecution.actions, resources: [this.stateMachine.arn] });
  }
}

/**
 * Terraform reads `${` and `%{` in a string as template syntax. The definition's only `${…}` may be cdktf
 * references (tokens); anything else would be changed by Terraform before it reached Step Functions.
 */
function assertNoTemplateSyntax(name: string, json: string): void {
  const stray = json.match(/\$\{(?!TfToken\[)|%\{/);
  if (stray) {
    throw new Error(
      `State machine '${name}': the definition contains '${stray[0]}', which Terraform would read as template syntax. Remove it from the literal text in its builder.`,
    );
  }
}
