/**
 * The account, credentials and ARNs of the local stand-ins. The account id is the conventional all-zero one of
 * local emulators, so a local ARN is never mistaken for a deployed one.
 */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';
/** The key pair the banner prints and the local clients sign with; no real account has it. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * Every key pair a local endpoint (the edge, a REST API) accepts, each with a secret equal to its id: the
 * documented pair; `test`, what LocalStack documents and its users have exported; `local`, what the REST API
 * documented before the edge checked signatures. Any other access key id is refused as AWS refuses an unknown
 * one, and a wrong secret as a signature mismatch.
 */
export const ACCEPTED_CREDENTIALS: readonly { readonly accessKeyId: string; readonly secretAccessKey: string }[] = [
  LOCAL_CREDENTIALS,
  { accessKeyId: 'test', secretAccessKey: 'test' },
  { accessKeyId: 'local', secretAccessKey: 'local' },
];

/** The secret of an accepted access key id, or undefined. */
export function localSecretOf(accessKeyId: string): string | undefined {
  return ACCEPTED_CREDENTIALS.find((c) => c.accessKeyId === accessKeyId)?.secretAccessKey;
}

export const arns = {
  table: (region: string, name: string) => `arn:aws:dynamodb:${region}:${LOCAL_ACCOUNT_ID}:table/${name}`,
  bucket: (name: string) => `arn:aws:s3:::${name}`,
  topic: (region: string, name: string) => `arn:aws:sns:${region}:${LOCAL_ACCOUNT_ID}:${name}`,
  function: (region: string, name: string) => `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}`,
  stateMachine: (region: string, name: string) => `arn:aws:states:${region}:${LOCAL_ACCOUNT_ID}:stateMachine:${name}`,
  execution: (stateMachineArn: string, name: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
  role: (name: string) => `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${name}`,
  logGroup: (region: string, name: string) => `arn:aws:logs:${region}:${LOCAL_ACCOUNT_ID}:log-group:${name}`,
};

/** A function name, ARN or partial ARN (with or without a version or alias) → the function name. */
export function functionNameOf(nameOrArn: string): string {
  const parts = nameOrArn.split(':');
  if (parts[0] === 'arn') return parts[6] ?? '';
  // `name:qualifier` or `123456789012:function:name[:qualifier]`
  if (parts.length >= 3 && parts[1] === 'function') return parts[2];
  return parts[0];
}
