/**
 * Payload quotas (Developer Guide, "Step Functions service quotas": 262,144 bytes of UTF-8 JSON for a task's input or
 * result and a state's input or output; "Error handling", States.DataLimitExceeded, terminal, not caught by
 * States.ALL).
 */
import { MAX_PAYLOAD_BYTES } from '../../../../local/engine';
import { checkPayload, payloadBytes } from '../../../../local/engine/limits';
import { run, single } from '../support/engine';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
/** A string whose JSON text (with its quotes) is exactly `bytes` bytes. */
const ofBytes = (bytes: number) => 'x'.repeat(bytes - 2);

describe('payload size', () => {
  test('the quota is 262,144 bytes', () => expect(MAX_PAYLOAD_BYTES).toBe(262_144));

  test('size is counted in UTF-8 bytes of the JSON text', () => {
    expect(payloadBytes('é')).toBe(4);
    expect(payloadBytes({ a: 1 })).toBe(7);
  });

  test('exactly at the quota passes; one byte over fails', () => {
    expect(() => checkPayload(ofBytes(MAX_PAYLOAD_BYTES), 'S', 'output')).not.toThrow();
    expect(() => checkPayload(ofBytes(MAX_PAYLOAD_BYTES + 1), 'S', 'output')).toThrow(expect.objectContaining({ error: 'States.DataLimitExceeded' }));
  });

  test('a Task result over the quota: States.DataLimitExceeded with AWS\'s cause', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA }), { taskHandlers: { S: async () => ofBytes(MAX_PAYLOAD_BYTES + 10) } });
    expect(outcome.error).toBe('States.DataLimitExceeded');
    expect(outcome.cause).toBe("The state/task 'S' returned a result with a size exceeding the maximum number of bytes service limit.");
  });

  test('a state output over the quota fails', async () => {
    const outcome = await run(single({ Type: 'Pass', Result: ofBytes(MAX_PAYLOAD_BYTES + 1) }));
    expect(outcome.error).toBe('States.DataLimitExceeded');
  });

  test('a ResultPath result that makes the output too large fails', async () => {
    const outcome = await run(single({ Type: 'Pass', Result: ofBytes(MAX_PAYLOAD_BYTES - 100), ResultPath: '$.big' }), { input: { pad: ofBytes(200) } });
    expect(outcome.error).toBe('States.DataLimitExceeded');
  });

  test('Parameters larger than the quota fail (the input after Parameters)', async () => {
    const outcome = await run(single({ Type: 'Task', Resource: LAMBDA, Parameters: { 'a.$': '$.s', 'b.$': '$.s' } }), {
      input: { s: ofBytes(MAX_PAYLOAD_BYTES / 2 + 10) },
      taskHandlers: { S: async () => 1 },
    });
    expect(outcome.error).toBe('States.DataLimitExceeded');
  });

  test('a Map whose results together pass the quota fails', async () => {
    const definition = single({ Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Result: ofBytes(100_000), End: true } } } });
    expect((await run(definition, { input: [1, 2, 3] })).error).toBe('States.DataLimitExceeded');
  });

  test('a States.ALL catcher handles a task\'s oversized result (recorded AWS execution; the guide calls the error terminal)', async () => {
    const definition = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'D' }], End: true }, D: { Type: 'Succeed' } },
    };
    const outcome = await run(definition, { taskHandlers: { T: async () => ofBytes(MAX_PAYLOAD_BYTES + 1) } });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toEqual({ Error: 'States.DataLimitExceeded', Cause: "The state/task 'T' returned a result with a size exceeding the maximum number of bytes service limit." });
  });

  test('a Pass output over the quota fails with the same cause as a task result (recorded AWS execution)', async () => {
    const outcome = await run(single({ Type: 'Pass', Result: ofBytes(MAX_PAYLOAD_BYTES + 1) }));
    expect(outcome.cause).toBe("The state/task 'S' returned a result with a size exceeding the maximum number of bytes service limit.");
  });

  test('variables over the quota fail too (Developer Guide, variables: up to 256 KiB per state)', async () => {
    const outcome = await run(single({ Type: 'Pass', QueryLanguage: 'JSONata', Assign: { big: '{% $pad("", 262200, "x") %}' } }));
    expect(outcome.error).toBe('States.DataLimitExceeded');
  });
});
