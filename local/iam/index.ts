/**
 * The IAM of a synthesized stack, read for the local runner: roles with their trust and identity policies, and
 * resource policies, with references resolved to local ARNs (stack-iam.ts). Policy evaluation is not here: the
 * issue asks for a kept simulator, chosen with the project's lead.
 */
export { loadStackIam, readStackIam, resourcePolicyFor, roleByArn, type IdentityPolicy, type ResourcePolicy, type RoleIam, type StackIam } from './stack-iam';
export { checkPolicyDocument, listOf, parsePolicyDocument, PolicyDocumentError, type PolicyDocument, type PolicyStatement } from './policy-document';
export { roleStatements, type RoleStatement } from './statements';
export { authorizationInput, type AuthorizationInput, type AuthorizationRequest, type Caller } from './request-context';
