/**
 * The IAM of a synthesized stack, read for the local runner: roles with their trust and identity policies, and
 * resource policies, with references resolved to local ARNs (stack-iam.ts); one call decided over them by the kept
 * simulator @cloud-copilot/iam-simulate (authorize.ts, docs/IAM-SIMULATOR.md).
 */
export { loadStackIam, readStackIam, resourcePolicyFor, roleByArn, type IdentityPolicy, type ResourcePolicy, type RoleIam, type StackIam } from './stack-iam';
export { checkPolicyDocument, listOf, parsePolicyDocument, PolicyDocumentError, type PolicyDocument, type PolicyStatement } from './policy-document';
export { roleStatements, type RoleStatement } from './statements';
export { authorizationInput, type AuthorizationInput, type AuthorizationRequest, type Caller } from './request-context';
export { authorize, denialDetail, IamSimulationError, type Allowed, type Decision, type Denied, type DenialReason, type PolicyType } from './authorize';
export { IAM_MODES, isIamMode, StackAuthorizer, UNCHECKED, type CallerAccess, type IamMode, type Permission, type StackAuthorizerOptions } from './enforcement';
export { covers, formatIamReport, iamUsage, type GrantUse, type RoleReport } from './report';
export { applyMutation, describeMutation, isLogDeliveryStatement, LOG_DELIVERY_NOTE, MULTIPART_NOTE, mutationsOf, type Mutation } from './mutation';
