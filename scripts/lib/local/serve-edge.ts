import { ACCEPTED_CREDENTIALS, LOCAL_CREDENTIALS, startLocalEdge, type LocalApi, type LocalEdge, type LocalStack } from '../../../local';

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
 * (AWS_ENDPOINT_URL, which the CLI v1 ≥ 1.29, v2 and SDK v3 read), the documented local credentials (the edge
 * checks every request's signature; see ACCEPTED_CREDENTIALS for the other pairs it takes) and the region of the stacks (AWS_DEFAULT_REGION too: the CLI v1
 * reads no other).
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
  list('Topics (published messages: the stack snapshot, or <data-dir>/sns/messages.json with --data-dir)', s.topics);
  list('Functions', s.functions);
  for (const api of edge.restApis) {
    say(`  REST API ${api.apiId}, stage ${api.stage} (also on its own port, below):\n    ${api.pathUrl}/<path>\n    ${api.hostUrl}/<path>`);
  }
  const others = ACCEPTED_CREDENTIALS.filter((c) => c.accessKeyId !== LOCAL_CREDENTIALS.accessKeyId).map((c) => `${c.accessKeyId}/${c.secretAccessKey}`);
  say(`  Every request must be signed (SigV4) with these credentials (${others.join(' and ')} are accepted too); others are refused as AWS refuses them.`);
  say('  Export this, then use the AWS CLI or an SDK as against AWS:');
  for (const [name, value] of Object.entries(edgeEnvironment(edge, region))) say(`    export ${name}=${value}`);
  const machine = s.stateMachines[0];
  if (machine) say(`  e.g. aws stepfunctions start-execution --state-machine-arn ${machine} --input '{}'   (or --endpoint-url ${edge.url} without the export)`);
  return edge;
}
