import { LOCAL_API_CREDENTIALS, startLocalApi, type LocalApi, type LocalStack } from '../../../local';
import { factsOf } from '../stack-facts';

export interface ServeOptions {
  /** @default 4010 */
  readonly port?: number;
  readonly say?: (line: string) => void;
  /** Stops serving when aborted. @default serve until the process ends (Ctrl+C) */
  readonly signal?: AbortSignal;
  /** Run once the API listens, before its banner (what else --serve starts: the edge, which serves it too); a throw closes the API. */
  readonly ready?: (api: LocalApi) => Promise<void>;
  /** Throttle as the stage and usage plans say. @default true */
  readonly throttling?: boolean;
}

/** The port `--serve` listens on without --port (the order client's examples use it). */
export const DEFAULT_LOCAL_API_PORT = 4010;

/**
 * `npm run local -- <stack-id> --serve [--port N]` (with the edge, scripts/lib/local/serve-stacks.ts): serves the stack's REST API on 127.0.0.1 until the process
 * is stopped, printing one access-log line per request. Answers the exit code.
 */
export async function serveLocalApi(stack: LocalStack, options: ServeOptions = {}): Promise<number> {
  const say = options.say ?? ((line: string) => console.log(line));
  const api = await startLocalApi(stack, {
    port: options.port ?? DEFAULT_LOCAL_API_PORT,
    throttling: options.throttling ?? true,
    onRequest: (l) => say(`  ${l.httpMethod} ${l.path} → ${l.status} (${l.latencyMs} ms)${l.error ? `: ${l.error}` : ''}`),
  });
  try {
    await options.ready?.(api);
  } catch (err) {
    await api.close();
    throw err;
  }
  const routes = [...api.api.routes.values()].sort((a, b) => a.path.localeCompare(b.path) || a.httpMethod.localeCompare(b.httpMethod));
  say(`▶ ${stack.model.stackId}: REST API ${api.api.name}, stage ${api.api.stageName}, on ${api.url}`);
  for (const r of routes) {
    const auth = r.apiKeyRequired ? 'API key' : r.authorization === 'AWS_IAM' ? 'SigV4' : 'open';
    say(`    ${r.httpMethod.padEnd(7)} ${api.url}${r.path}  (${auth}, ${r.integration.type})`);
  }
  const signed = routes.some((r) => r.authorization === 'AWS_IAM');
  const keyed = routes.some((r) => r.apiKeyRequired);
  if (signed) {
    const { accessKeyId, secretAccessKey } = LOCAL_API_CREDENTIALS;
    say(`  AWS_IAM methods need requests signed with SigV4 for service execute-api, region ${api.api.region}, with the local credentials`);
    say(`  (access key "${accessKeyId}", secret "${secretAccessKey}", any session token), e.g. curl --aws-sigv4 "aws:amz:${api.api.region}:execute-api" --user ${accessKeyId}:${secretAccessKey}`);
  }
  if (keyed) say(`  API-key methods need the header x-api-key: ${api.apiKey}`);
  const hint = factsOf(stack.model.stackId)?.serveHint;
  if (hint) say(`  Try: ${hint({ url: api.url, apiKey: api.apiKey, signed, keyed })}`);
  say('  Not emulated: IAM policies for requests from outside (the state machines\', functions\' and API integrations\' own calls are authorized: --iam); Lambda\'s account concurrency (README, "Use the engine in your own tests": what the local run does not emulate). Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await api.close();
  return 0;
}
