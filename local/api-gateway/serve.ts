import type { LocalStack } from '../runner';
import { startLocalApi } from './server';

export interface ServeOptions {
  /** @default 4010 */
  readonly port?: number;
  readonly say?: (line: string) => void;
  /** Stops serving when aborted. @default serve until the process ends (Ctrl+C) */
  readonly signal?: AbortSignal;
}

export const DEFAULT_LOCAL_API_PORT = 4010;

/**
 * `npm run local -- <stack-id> --serve [--port N]`: serves the stack's REST API on 127.0.0.1 until the process
 * is stopped, printing one access-log line per request. Answers the exit code.
 */
export async function serveLocalApi(stack: LocalStack, options: ServeOptions = {}): Promise<number> {
  const say = options.say ?? ((line: string) => console.log(line));
  const api = await startLocalApi(stack, {
    port: options.port ?? DEFAULT_LOCAL_API_PORT,
    onRequest: (l) => say(`  ${l.httpMethod} ${l.path} → ${l.status} (${l.latencyMs} ms)${l.error ? `: ${l.error}` : ''}`),
  });
  const routes = [...api.api.routes.values()].sort((a, b) => a.path.localeCompare(b.path) || a.httpMethod.localeCompare(b.httpMethod));
  say(`▶ ${stack.model.stackId}: REST API ${api.api.name}, stage ${api.api.stageName}, on ${api.url}`);
  for (const r of routes) {
    const auth = r.apiKeyRequired ? 'API key' : r.authorization === 'AWS_IAM' ? 'SigV4' : 'open';
    say(`    ${r.httpMethod.padEnd(7)} ${api.url}${r.path}  (${auth}, ${r.integration.type})`);
  }
  if (routes.some((r) => r.authorization === 'AWS_IAM')) {
    say(`  AWS_IAM methods need requests signed with the local credentials (access key "local", secret "local", region ${api.api.region}).`);
  }
  if (routes.some((r) => r.apiKeyRequired)) say(`  API-key methods need the header x-api-key: ${api.apiKey}`);
  if (stack.model.stackId === 'skip-the-line') say(`  Try: npm run orders -- --url ${api.url}`);
  say('  Not emulated: throttling, usage plans, IAM policies. Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await api.close();
  return 0;
}
