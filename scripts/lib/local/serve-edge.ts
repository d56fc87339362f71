import { ACCEPTED_CREDENTIALS, DEFAULT_ENVIRONMENTS, LAST_IDLE_MS, LOCAL_CREDENTIALS, MESSAGES_PATH, SPARE_IDLE_MS, startLocalEdge, type LocalApi, type LocalEdge, type LocalStack } from '../../../local';

export interface EdgeServeOptions {
  /** @default 4566, the port LocalStack's users know */
  readonly port?: number;
  /** REST APIs (already serving on their own port) that the edge serves too. */
  readonly restApis?: readonly LocalApi[];
  readonly say?: (line: string) => void;
}

/** The port of the edge without --edge-port. */
export const DEFAULT_EDGE_PORT = 4566;

/**
 * The environment that points the AWS CLI and the SDKs at the edge: one endpoint for every service
 * (AWS_ENDPOINT_URL: the SDK v3 reads it, and the AWS CLI from v1.29.0 and v2.13.0 on, see readsAwsEndpointUrl),
 * the documented local credentials (the edge checks every request's signature; ACCEPTED_CREDENTIALS lists the
 * other pairs it takes) and the region of the stacks (AWS_DEFAULT_REGION too: the CLI v1 reads no other).
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
  const edge = await startLocalEdge(stacks, { port: options.port ?? DEFAULT_EDGE_PORT, ...(options.restApis && { restApis: options.restApis }) });
  const region = stacks[0].model.region;
  const s = edge.served;
  say(`▶ One AWS endpoint for ${stacks.map((st) => st.model.stackId).join(', ')} on ${edge.url}`);
  const restApis = edge.restApis.length > 0 ? ` and the REST API${edge.restApis.length > 1 ? 's' : ''} (execute-api)` : '';
  say(`  Step Functions, DynamoDB, S3 (path-style, or virtual-hosted on <bucket>.s3.localhost), SNS (Publish), Lambda (Invoke)${restApis}.`);
  const list = (title: string, names: readonly string[]) => names.length > 0 && say(`  ${title}:\n${names.map((n) => `    ${n}`).join('\n')}`);
  list('State machines', s.stateMachines);
  list('Tables', s.tables);
  list('Buckets', s.buckets);
  list(`Topics (what was published: curl ${edge.url}${MESSAGES_PATH}, or npm run local -- messages)`, s.topics);
  list('Functions', s.functions);
  if (s.functions.length > 0) {
    say(`  Each function runs up to ${DEFAULT_ENVIRONMENTS} invocations at once (one execution environment each, a worker thread; more wait for a free one); idle environments stop after ${SPARE_IDLE_MS / 1000} s, a function's last after ${LAST_IDLE_MS / 60_000} minutes.`);
  }
  for (const api of edge.restApis) {
    say(`  REST API ${api.apiId}, stage ${api.stage} (also on its own port, below):\n    ${api.pathUrl}/<path>\n    ${api.hostUrl}/<path>`);
  }
  const others = ACCEPTED_CREDENTIALS.filter((c) => c.accessKeyId !== LOCAL_CREDENTIALS.accessKeyId).map((c) => `${c.accessKeyId}/${c.secretAccessKey}`);
  say(`  Every request must be signed (SigV4) with these credentials (${others.join(' and ')} are accepted too); others are refused as AWS refuses them.`);
  say('  Export this, then use the AWS CLI or an SDK as against AWS:');
  for (const [name, value] of Object.entries(edgeEnvironment(edge, region))) say(`    export ${name}=${value}`);
  say(`  The AWS CLI reads AWS_ENDPOINT_URL from v1.29 and v2.13 on (aws --version); an older one, Debian 12's awscli 2.9`);
  say(`  included, needs --endpoint-url ${edge.url} on each command, as any CLI does without the export:`);
  const machine = s.stateMachines[0];
  if (machine) say(`  e.g. aws stepfunctions start-execution --state-machine-arn ${machine} --input '{}' --endpoint-url ${edge.url}`);
  return edge;
}
