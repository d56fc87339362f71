/**
 * Tolerated failures through the engine (Developer Guide, "Setting failure thresholds for Distributed Map states";
 * "Map state in Distributed mode": a failed child fails the Map Run, States.ExceedToleratedFailureThreshold).
 */
import { distributed, itemsJson, jsonReader, mapMachine, run, types } from './engine-support';

/** Fails (error ItemFailed) for items equal to 2 and 4. */
const failEven = distributed({
  Check: { Type: 'Choice', Choices: [{ Or: [{ Variable: '$', NumericEquals: 2 }, { Variable: '$', NumericEquals: 4 }], Next: 'Boom' }], Default: 'Fine' },
  Boom: { Type: 'Fail', Error: 'ItemFailed', Cause: 'bad item' },
  Fine: { Type: 'Pass', End: true },
});
const CAUSE = 'The specified tolerated failure threshold was exceeded';

describe('Distributed Map: tolerated failures', () => {
  test('with no threshold, one failed child fails the Map Run: States.ExceedToleratedFailureThreshold', async () => {
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ItemProcessor: failEven }), { objects: itemsJson([1, 2, 3]) });
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold', cause: CAUSE });
    expect(types(outcome.history)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'MapRunStarted', 'MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  test('the failed child keeps its own error and cause in its own execution', async () => {
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), MaxConcurrency: 1, ItemProcessor: failEven }), { objects: itemsJson([1, 2, 3]) });
    const failed = outcome.children.find((c) => c.status === 'FAILED');
    expect(failed).toMatchObject({ index: 1, error: 'ItemFailed', cause: 'bad item' });
  });

  test('ToleratedFailureCount: failures up to the count let the Map succeed; a failed child is given as its execution record', async () => {
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ToleratedFailureCount: 2, ItemProcessor: failEven }), { objects: itemsJson([1, 2, 3, 4]) });
    expect(outcome.status).toBe('SUCCEEDED');
    const result = outcome.output as Array<Record<string, unknown>>;
    expect(result[0]).toBe(1);
    expect(result[1]).toMatchObject({ Error: 'ItemFailed', Cause: 'bad item', Status: 'FAILED' });
  });

  test('ToleratedFailureCount exceeded: States.ExceedToleratedFailureThreshold', async () => {
    const outcome = await run(mapMachine({ ItemReader: jsonReader(), ToleratedFailureCount: 1, ItemProcessor: failEven }), { objects: itemsJson([1, 2, 3, 4]) });
    expect(outcome).toMatchObject({ error: 'States.ExceedToleratedFailureThreshold', cause: CAUSE });
  });

  test('ToleratedFailurePercentage is of all the items: 2 of 4 failed is 50 %', async () => {
    const within = await run(mapMachine({ ItemReader: jsonReader(), ToleratedFailurePercentage: 50, ItemProcessor: failEven }), { objects: itemsJson([1, 2, 3, 4]) });
    const over = await run(mapMachine({ ItemReader: jsonReader(), ToleratedFailurePercentage: 49.9, ItemProcessor: failEven }), { objects: itemsJson([1, 2, 3, 4]) });
    expect(within.status).toBe('SUCCEEDED');
    expect(over.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  test('ToleratedFailureCountPath reads the count from the input; a negative count fails with AWS\'s cause', async () => {
    const map = { ItemReader: jsonReader(), ToleratedFailureCountPath: '$.tolerate', ItemProcessor: failEven };
    expect((await run(mapMachine(map), { objects: itemsJson([2, 4]), input: { tolerate: 2 } })).status).toBe('SUCCEEDED');
    const negative = await run(mapMachine(map), { objects: itemsJson([2]), input: { tolerate: -1 } });
    expect(negative.cause).toBe("An error occurred while executing the state 'M' (entered at the event id #2). ToleratedFailureCount cannot be negative.");
  });

  test('with ItemBatcher every item of a failed batch counts as failed', async () => {
    // One failed batch of 2 items; 1 tolerated item is not enough.
    const map = { ItemReader: jsonReader(), ItemBatcher: { MaxItemsPerBatch: 2 }, ToleratedFailureCount: 1, ItemProcessor: distributed({ F: { Type: 'Fail', Error: 'E' } }) };
    const outcome = await run(mapMachine(map), { objects: itemsJson([1, 2]) });
    expect(outcome.error).toBe('States.ExceedToleratedFailureThreshold');
  });
});
