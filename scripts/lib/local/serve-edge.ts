import { LOCAL_CREDENTIALS, MESSAGES_PATH, startLocalEdge, type LocalEdge, type LocalStack } from '../../../local';

export interface EdgeServeOptions {
  /** @default 4566, the port LocalStack's users know */
  readonly port?: number;
  readonly say?: (line: string) => void;
}

/** The port of the edge without --edge-port. */
export const DEFAULT_EDGE_PORT = 4566;

/**
 * The environment that points the AWS CLI and the SDKs at the edge: one endpoint for every service
 * (AWS_ENDPOINT_URL: the SDK v3 reads it, and the AWS CLI from v1.29.0 and v2.13.0 on, see readsAwsEndpointUrl),
 * the local credentials (the only key pair s3rver accepts; the other emulators take any) and the region of the
 * stacks (AWS_DEFAULT_REGION too: the CLI v1 reads no other).
 */
export function edgeEnvironment(edge: LocalEdge, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: edge.url,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
  };
}

/**
 * Whether an AWS CLI of this version (`aws --version`: aws-cli/2.9.19 …) reads AWS_ENDPOINT_URL. The variable
 * came with the service-specific endpoints of CLI v1.29.0 and v2.13.0 (the AWS CLI User Guide, "Using endpoints in
 * the AWS CLI"; the CLI's CHANGELOG); an older CLI goes to AWS unless each command has `--endpoint-url` (Debian 12's
 * `awscli` package is 2.9.19).
 */
export function readsAwsEndpointUrl(cliVersion: string): boolean {
  const [major = 0, minor = 0] = cliVersion.split('.').map(Number);
  return major === 1 ? minor >= 29 : major === 2 ? minor >= 13 : major > 2;
}

/**
 * Starts the edge in front of the stacks and prints what it serves and what to export. Answers the edge;
 * the caller closes it.
 */
export async function startEdgeFor(stacks: readonly LocalStack[], options: EdgeServeOptions = {}): Promise<LocalEdge> {
  const say = options.say ?? ((line: string) => console.log(line));
  const edge = await startLocalEdge(stacks, { port: options.port ?? DEFAULT_EDGE_PORT });
  const region = stacks[0].model.region;
  const s = edge.served;
  say(`▶ One AWS endpoint for ${stacks.map((st) => st.model.stackId).join(', ')} on ${edge.url}`);
  const restApi = stacks.some((st) => st.model.notEmulated.includes('aws_api_gateway_rest_api'));
  say(`  Step Functions, DynamoDB, S3 (path-style), SNS (Publish) and Lambda (Invoke)${restApi ? '; the REST API keeps its own port (below)' : ''}.`);
  const list = (title: string, names: readonly string[]) => names.length > 0 && say(`  ${title}:\n${names.map((n) => `    ${n}`).join('\n')}`);
  list('State machines', s.stateMachines);
  list('Tables', s.tables);
  list('Buckets', s.buckets);
  list(`Topics (what was published: curl ${edge.url}${MESSAGES_PATH}, or npm run local -- messages)`, s.topics);
  list('Functions', s.functions);
  say('  Export this, then use the AWS CLI or an SDK as against AWS:');
  for (const [name, value] of Object.entries(edgeEnvironment(edge, region))) say(`    export ${name}=${value}`);
  say(`  The AWS CLI reads AWS_ENDPOINT_URL from v1.29 and v2.13 on (aws --version); an older one, Debian 12's awscli 2.9`);
  say(`  included, needs --endpoint-url ${edge.url} on each command, as any CLI does without the export:`);
  const machine = s.stateMachines[0];
  if (machine) say(`  e.g. aws stepfunctions start-execution --state-machine-arn ${machine} --input '{}' --endpoint-url ${edge.url}`);
  return edge;
}
