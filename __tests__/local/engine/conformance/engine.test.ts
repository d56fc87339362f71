/**
 * The conformance corpus (./cases: AWS documentation and recorded AWS executions, each case citing its source) run on
 * the engine through its public API: every case must end as AWS ends it (status, output, error, cause, history).
 */
import { runExecution } from '../../../../local/engine';
import { CATEGORIES } from './cases';
import { runCase, type RunExecution } from './harness';

describe.each(CATEGORIES.map((c) => [c.name, c] as const))('%s', (_name, category) => {
  test.concurrent.each(category.cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const { problems } = await runCase(c, runExecution as RunExecution);
    expect(problems).toEqual([]);
  });
});
