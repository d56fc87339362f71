import { LOCAL_API_CREDENTIALS, startLocalApi } from '../../../local/api-gateway';
import type { LocalStack } from '../../../local';
import { OrderApiClient } from '../../order-client/api-client';
import type { ApiRun } from '../stack-facts';

/**
 * Sends a stack's API runs (scripts/lib/stack-facts.ts) to its REST API served on `stack` (throttling off: the runs
 * are about IAM, not the stage's rate), signed with the local credentials when a method is AWS_IAM, else with the API
 * key; waits after each for the executions it started to end. Answers what did not go as the intact stack's runs
 * must (a status other than the run's), in sentences.
 */
export async function sendApiRuns(stack: LocalStack, runs: readonly ApiRun[], onRun: (run: ApiRun) => void): Promise<string[]> {
  if (runs.length === 0) return [];
  const api = await startLocalApi(stack, { throttling: false });
  const problems: string[] = [];
  try {
    const signed = [...api.api.routes.values()].some((r) => r.authorization === 'AWS_IAM');
    const client = new OrderApiClient(
      api.url,
      signed ? { kind: 'iam', region: stack.model.region, credentials: { ...LOCAL_API_CREDENTIALS } } : { kind: 'api-key', apiKey: api.apiKey },
    );
    for (const run of runs) {
      onRun(run);
      const answer = await client.call(run.method, run.path, { ...run.query }, run.body === undefined ? undefined : JSON.stringify(run.body));
      await stack.waitForExecutions(30_000);
      if (answer.status !== run.status) problems.push(`the API run '${run.name}' answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}, not ${run.status}`);
    }
  } finally {
    await api.close();
  }
  return problems;
}
