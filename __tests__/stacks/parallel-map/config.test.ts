import { ConfigError, parseConfig } from '../../../stacks/config';
import { stepfuncWarnings } from '../../../stacks/parallel-map/config';

const parse = (raw: Record<string, unknown>) => parseConfig(raw, 'config.json', {});

describe('config sections ddb and stepfunc', () => {
  test("the defaults are the original's config.json, inline mode", () => {
    const { ddb, stepfunc } = parse({});
    expect(ddb).toStrictEqual({ tableName: 'StepFunctionsProjectDDBTable', partitionKeyName: 'mapstatelist', partitionKeyValueField: 'mapitems' });
    expect(stepfunc).toStrictEqual({
      mode: 'INLINE',
      maxConcurrency: 1,
      waitDurationSeconds: 2,
      timeoutDurationSeconds: 20,
      distributed: { itemsKey: 'mapitems.json', inputType: 'JSON', resultsPrefix: 'results', toleratedFailurePercentage: 0, childExecutionType: 'STANDARD' },
    });
    expect(stepfuncWarnings(stepfunc)).toStrictEqual([]);
  });

  test.each([
    [{ stepfunc: { maxConcurrency: -1 } }, /stepfunc\.maxConcurrency: must be 0 \(no limit\) or more/],
    [{ stepfunc: { maxConcurrency: 1.5 } }, /stepfunc\.maxConcurrency: must be a whole number/],
    [{ stepfunc: { maxConcurrency: 10_001 } }, /stepfunc\.maxConcurrency: must be at most 10000/],
    [{ stepfunc: { waitDurationSeconds: -2 } }, /stepfunc\.waitDurationSeconds: must be 0 or more/],
    [{ stepfunc: { timeoutDurationSeconds: 0 } }, /stepfunc\.timeoutDurationSeconds: must be at least 1/],
    [{ stepfunc: { mode: 'PARALLEL' } }, /stepfunc\.mode: .*'INLINE' \| 'DISTRIBUTED'/],
    [{ stepfunc: { maxConcurency: 3 } }, /stepfunc: Unrecognized key\(s\) in object: 'maxConcurency'/],
    [{ ddb: { partitionKeyName: 'values' } }, /ddb\.partitionKeyName: must not be 'values'/],
    [{ ddb: { partitionKeyName: 'id.$' } }, /ddb\.partitionKeyName: must not end in '\.\$'/],
    [{ ddb: { partitionKeyValueField: '${var.x}' } }, /ddb\.partitionKeyValueField: must not contain '\$\{'/],
    [{ stepfunc: { distributed: { toleratedFailurePercentage: 101 } } }, /stepfunc\.distributed\.toleratedFailurePercentage: must be 0 to 100/],
    [{ stepfunc: { distributed: { itemsKey: 'lists/*.json' } } }, /stepfunc\.distributed\.itemsKey: must be a key of letters/],
    [{ stepfunc: { distributed: { resultsPrefix: 'results/' } } }, /stepfunc\.distributed\.resultsPrefix: must not end with '\/'/],
  ])('%j is refused with a message naming the key', (raw, message) => {
    expect(() => parse(raw)).toThrow(ConfigError);
    expect(() => parse(raw)).toThrow(message);
  });

  test('distributed: the object key must agree with inputType', () => {
    const raw = { stepfunc: { mode: 'DISTRIBUTED', distributed: { inputType: 'CSV' } } };
    expect(() => parse(raw)).toThrow(/stepfunc\.distributed\.itemsKey: 'mapitems\.json' does not end in \.csv but inputType is CSV/);
    expect(parse({ stepfunc: { mode: 'DISTRIBUTED', distributed: { inputType: 'CSV', itemsKey: 'topics.csv' } } }).stepfunc.distributed.inputType).toBe('CSV');
  });

  test('distributed: EXPRESS children cannot wait five minutes', () => {
    const raw = { stepfunc: { mode: 'DISTRIBUTED', waitDurationSeconds: 300, timeoutDurationSeconds: 900, distributed: { childExecutionType: 'EXPRESS' } } };
    expect(() => parse(raw)).toThrow(/stepfunc\.distributed\.childExecutionType: EXPRESS child executions end after 300 s but each item waits 300 s/);
  });

  test('a wait longer than the timeout is allowed, with a warning (the original timeout experiment)', () => {
    const { stepfunc } = parse({ stepfunc: { waitDurationSeconds: 25, timeoutDurationSeconds: 20 } });
    expect(stepfunc.waitDurationSeconds).toBe(25);
    expect(stepfuncWarnings(stepfunc)).toStrictEqual([expect.stringMatching(/waitDurationSeconds \(25\) is not shorter than .*timeoutDurationSeconds \(20\).*States\.Timeout/)]);
  });

  test('inline concurrency above 40 is allowed, with a warning', () => {
    const { stepfunc } = parse({ stepfunc: { maxConcurrency: 100 } });
    expect(stepfuncWarnings(stepfunc)).toStrictEqual([expect.stringMatching(/maxConcurrency \(100\) is above 40.*DISTRIBUTED/)]);
    expect(stepfuncWarnings(parse({ stepfunc: { mode: 'DISTRIBUTED', maxConcurrency: 100 } }).stepfunc)).toStrictEqual([]);
  });
});
