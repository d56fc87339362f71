import { handler } from '../../lambdas/process-item/handler';
import { fromDynamoDbJson } from '../../lambdas/process-item/dynamodb-json';
import { ValidationError } from '../../lambdas/shared/errors';
import { lambdaContext } from '../support/lambda-context';

/** Runs the handler and returns its answer with the JSON log lines it wrote. */
async function invoke(event: unknown): Promise<{ result?: unknown; error?: Error; logs: Record<string, unknown>[] }> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  // Powertools writes INFO to stdout and WARN/ERROR to stderr.
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    const result = await handler(event, lambdaContext('parallel-map-process-item', 'req-1'));
    return { result, logs: parseLogs(lines) };
  } catch (error) {
    return { error: error as Error, logs: parseLogs(lines) };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}
const parseLogs = (lines: string[]) =>
  lines
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('process-item handler', () => {
  test('a DynamoDB-typed string (inline mode, simplelist.json) is logged and returned plain', async () => {
    const { result, logs } = await invoke({ item: { S: 'Economics' }, index: 1, encoding: 'dynamodb' });
    expect(result).toBe('Economics');
    expect(logs).toStrictEqual([
      expect.objectContaining({ level: 'INFO', message: 'Processing item', service: 'process-item', index: 1, encoding: 'dynamodb', received: { S: 'Economics' }, value: 'Economics' }),
    ]);
    // The invocation's context is in every record (Powertools' addContext).
    expect(logs[0]).toMatchObject({ function_name: 'parallel-map-process-item', function_request_id: 'req-1', function_memory_size: '256' });
  });

  test('a DynamoDB-typed map (inline mode, listofdicts.json) becomes a plain object', async () => {
    const item = { M: { topic: { S: 'cs' }, name: { S: 'Computer Science' } } };
    const { result } = await invoke({ item, index: 0, encoding: 'dynamodb' });
    expect(result).toStrictEqual({ topic: 'cs', name: 'Computer Science' });
  });

  test('a plain item (distributed mode, from S3) is returned as it came', async () => {
    const { result, logs } = await invoke({ item: { topic: 'math', name: 'Mathematics' }, index: 2, encoding: 'plain' });
    expect(result).toStrictEqual({ topic: 'math', name: 'Mathematics' });
    expect(logs[0]).toMatchObject({ encoding: 'plain', value: { topic: 'math', name: 'Mathematics' } });
  });

  test.each([
    [{ index: 0, encoding: 'dynamodb' }, /item: is missing/],
    [{ item: 'x', index: -1, encoding: 'plain' }, /index: Number must be greater than or equal to 0/],
    [{ item: 'x', index: 0, encoding: 'base64' }, /encoding: Invalid enum value/],
    [{ item: 'x', index: 0, encoding: 'plain', extra: 1 }, /Unrecognized key\(s\) in object: 'extra'/],
    [{ item: 'Economics', index: 0, encoding: 'dynamodb' }, /item is "Economics", not a DynamoDB-typed value/],
  ])('event %j is refused with a ValidationError', async (event, message) => {
    const { error, logs } = await invoke(event);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.message).toMatch(message);
    expect(logs).toStrictEqual([expect.objectContaining({ level: 'WARN', message: 'Event rejected' })]);
  });
});

describe('fromDynamoDbJson', () => {
  test('every attribute type', () => {
    expect(
      fromDynamoDbJson({
        M: {
          s: { S: '' },
          n: { N: '42' },
          f: { N: '-1.5e3' },
          big: { N: '12345678901234567890' },
          precise: { N: '0.1234567890123456789' },
          b: { B: 'AAEC' },
          t: { BOOL: true },
          z: { NULL: true },
          l: { L: [{ S: 'a' }, { L: [] }, { M: {} }] },
          ss: { SS: ['x', 'y'] },
          ns: { NS: ['1', '2.5'] },
          bs: { BS: ['AA=='] },
        },
      }),
    ).toStrictEqual({
      s: '',
      n: 42,
      f: -1500,
      big: '12345678901234567890',
      precise: '0.1234567890123456789',
      b: 'AAEC',
      t: true,
      z: null,
      l: ['a', [], {}],
      ss: ['x', 'y'],
      ns: [1, 2.5],
      bs: ['AA=='],
    });
  });

  test.each([
    [{ S: 'a', N: '1' }, /item has the key\(s\) \["S","N"\]/],
    [{ X: 'a' }, /item has the key\(s\) \["X"\]/],
    [{ N: 'twelve' }, /item\.N holds "twelve", which is not a DynamoDB number string/],
    [{ M: { topic: { S: 1 } } }, /item\.M\.topic\.S must be a string/],
    [{ L: [{ S: 'ok' }, null] }, /item\.L\[1\] is null, not a DynamoDB-typed value/],
    [{ NULL: false }, /item\.NULL must be true/],
  ])('%j names the bad place', (value, message) => {
    expect(() => fromDynamoDbJson(value)).toThrow(ValidationError);
    expect(() => fromDynamoDbJson(value)).toThrow(message);
  });
});
