import * as path from 'node:path';
import type { LocalStack } from '../../../local';
import { main as loadDdb } from '../../../scripts/load-ddb';
import { loadListInto } from '../../../scripts/lib/local/list-load';
import { PROJECT_ROOT } from '../../../stacks/config';
import { configIn, sideBySide, type Run } from '../../support/languages';

// parallel-map in JSONPath and in JSONata: the same executions give the same status, output, error, cause, table and objects.

const TABLE = 'StepFunctionsProjectDDBTable';
const SIMPLE = path.join(PROJECT_ROOT, 'utils/simplelist.json');
const DICTS = path.join(PROJECT_ROOT, 'utils/listofdicts.json');

/** Loads a list file with the real loader against the local DynamoDB endpoint. */
const load = (file: string) => async (stack: LocalStack) => {
  const code = await loadDdb(['--json', file, '--endpoint', stack.endpoints.dynamodb], { out: () => undefined, err: () => undefined, env: {} });
  expect(code).toBe(0);
};
const same = (runs: readonly Run[], observed: Awaited<ReturnType<typeof sideBySide>>) =>
  runs.forEach((run, i) => expect({ run: run.label, ...observed.JSONata[i] }).toStrictEqual({ run: run.label, ...observed.JSONPath[i] }));
const outcomes = (observed: Awaited<ReturnType<typeof sideBySide>>) => observed.JSONPath.map((o) => o.error ?? o.status);

test('inline: the samples, a list not loaded, a list that is not a list, and a failing function show the same in both renderings', async () => {
  // GIVEN
  const runs: Run[] = [
    { label: 'no list item', input: {} },
    { label: 'values not a list', input: {}, setup: (stack) => stack.seedTable(TABLE, [{ mapstatelist: { S: 'mapitems' }, values: { S: 'Computer Science' } }]) },
    { label: 'simplelist.json', input: {}, setup: load(SIMPLE) },
    { label: 'listofdicts.json, any input', input: { ignored: [1, 2] }, setup: load(DICTS) },
    { label: 'the function throttled once', input: null, faults: [{ state: 'LambdaInvoke', error: 'Lambda.TooManyRequestsException', times: 1 }] },
    { label: 'the function failing', input: {}, faults: [{ state: 'LambdaInvoke', error: 'Lambda.ResourceNotFoundException', times: 1 }] },
    // One item: with three, which item runs out of retries first (and at which attempt of the 30) is the jitter's draw.
    {
      label: 'the function throttled past its retries',
      input: {},
      setup: (stack) => stack.seedTable(TABLE, [{ mapstatelist: { S: 'mapitems' }, values: { L: [{ S: 'Computer Science' }] } }]),
      faults: [{ state: 'LambdaInvoke', error: 'Lambda.ServiceException', times: 30 }],
    },
    { label: 'the read failing', input: {}, faults: [{ state: 'ReadDDBTable', error: 'DynamoDB.ResourceNotFoundException', times: 1 }] },
  ];
  // WHEN
  // A day's TimeoutSeconds: the retrier's backoff has FULL jitter (a random share of each interval, up to 126 s in
  // all), so under the default 20 s whether the timeout or the last retry comes first is chance, and the two
  // renderings could each draw another. The timeout itself is compared in the README's experiment below.
  const observed = await sideBySide('parallel-map', runs, { overrides: { stepfunc: { maxConcurrency: 3, timeoutDurationSeconds: 86_400 } } });
  // THEN
  same(runs, observed);
  expect(outcomes(observed)).toStrictEqual([
    'ListNotLoaded',
    'ListNotLoaded',
    'SUCCEEDED',
    'SUCCEEDED',
    'SUCCEEDED',
    'Lambda.ResourceNotFoundException',
    'Lambda.ServiceException', // past its 6 retries
    'DynamoDB.ResourceNotFoundException',
  ]);
  expect(observed.JSONPath[6]!.cause).toMatch(/attempt 7 of 30 /);
});

test("the README's experiment (a 25 s wait under a 20 s timeout) fails with States.Timeout in both", async () => {
  const runs: Run[] = [{ label: 'wait past the timeout', input: {}, setup: load(SIMPLE) }];
  const observed = await sideBySide('parallel-map', runs, { overrides: { stepfunc: { waitDurationSeconds: 25, timeoutDurationSeconds: 20 } } });
  same(runs, observed);
  expect(outcomes(observed)).toStrictEqual(['States.Timeout']);
});

test('distributed: the list object, a missing object, and the results written to the bucket show the same in both renderings', async () => {
  const stepfunc = { mode: 'DISTRIBUTED', waitDurationSeconds: 0 };
  const loadObject = (language: 'JSONPath' | 'JSONata') => (stack: LocalStack) => loadListInto(stack, SIMPLE, () => undefined, configIn(language, { stepfunc }));
  const runs: Run[] = [
    { label: 'no list object', input: {} },
    // The loader's config only says where the object goes, which is the same in both languages.
    { label: 'simplelist.json', input: {}, setup: loadObject('JSONPath') },
  ];
  const observed = await sideBySide('parallel-map', runs, { overrides: { stepfunc } });
  same(runs, observed);
  expect(outcomes(observed)).toStrictEqual(['ListNotLoaded', 'SUCCEEDED']);
  expect(Object.keys(Object.values(observed.JSONata[1].buckets)[0]).length).toBeGreaterThan(2); // the list, the manifest, a result file
});
