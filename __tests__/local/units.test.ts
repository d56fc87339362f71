import { checkDefinition } from '../../local/asl';
import { functionNameOf } from '../../local/aws-names';
import { UsageError } from '../../scripts/lib/cli';
import { parseFault, parseLocalArgs } from '../../scripts/lib/local/args';
import { FaultInjector } from '../../local/faults';
import { diffSnapshots } from '../../local/snapshot';
import type { TableModel } from '../../local/stack-model';
import { planTask } from '../../local/tasks/registry';
import { ReferenceResolver } from '../../local/terraform-json';

describe('ReferenceResolver', () => {
  const resolver = new ReferenceResolver();
  resolver.define('aws_dynamodb_table.items', { name: 'sfn-items', arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/sfn-items' });

  test('replaces references anywhere in a string, and inside JSON values', () => {
    // WHEN
    const resolved = resolver.resolveDeep({ TableName: '${aws_dynamodb_table.items.name}', list: ['${aws_dynamodb_table.items.arn}/index/*'] }, 'test');
    // THEN
    expect(resolved).toStrictEqual({ TableName: 'sfn-items', list: ['arn:aws:dynamodb:us-east-1:000000000000:table/sfn-items/index/*'] });
  });

  test('keeps `$${` as a literal `${`, as Terraform does', () => {
    expect(resolver.resolveString('cost: $${price}', 'test')).toBe('cost: ${price}');
  });

  test('refuses Terraform functions and unknown references, saying where', () => {
    expect(() => resolver.resolveString('${replace(aws_dynamodb_table.items.arn, "a", "b")}', 'aws_x.y.env')).toThrow(/aws_x\.y\.env: .*not a plain reference/);
    expect(() => resolver.resolveString('${aws_kinesis_stream.s.arn}', 'aws_x.y.env')).toThrow(/does not emulate \(known: aws_dynamodb_table\)/);
  });
});

describe('checkDefinition', () => {
  const task = (resource: string) => ({ Type: 'Task', Resource: resource, End: true });

  test('lists Task states, nested ones included, with their Resource', () => {
    // GIVEN
    const definition = {
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: 5, Next: 'M' },
        M: { Type: 'Map', ItemProcessor: { StartAt: 'T', States: { T: { ...task('arn:aws:states:::lambda:invoke'), Retry: [{ ErrorEquals: ['States.ALL'] }] } } }, End: true },
      },
    };
    // WHEN
    const checked = checkDefinition('sm', definition);
    // THEN
    expect([...checked.tasks]).toStrictEqual([['T', 'arn:aws:states:::lambda:invoke']]);
  });

  test('refuses an invalid definition, naming the state machine', () => {
    expect(() => checkDefinition('sm', { StartAt: 'Nowhere', States: {} })).toThrow(/'sm' is not valid Amazon States Language/);
  });

  test('accepts JSONata and variables (Developer Guide, "Transforming data with JSONata in Step Functions")', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Assign: { total: '{% $states.input.a + 1 %}' }, Output: '{% $total %}', End: true } },
    };
    expect(() => checkDefinition('sm', definition)).not.toThrow();
  });

});

describe('planTask', () => {
  test('refuses a resource without a local stand-in, naming the state and the supported ones', () => {
    expect(() => planTask('arn:aws:states:::batch:submitJob', 'RunBatch', 'sm')).toThrow(
      /State machine 'sm', state 'RunBatch': Resource arn:aws:states:::batch:submitJob cannot run locally.*Supported resources: arn:aws:states:::lambda:invoke/,
    );
  });

  test('refuses an integration pattern the service does not have (DynamoDB is request-response only)', () => {
    expect(() => planTask('arn:aws:states:::dynamodb:putItem.waitForTaskToken', 'Put', 'sm')).toThrow(/\.waitForTaskToken integration pattern is not supported locally for this resource/);
    expect(() => planTask('arn:aws:states:::lambda:invoke.sync', 'Call', 'sm')).toThrow(/\.sync integration pattern is not supported locally for this resource/);
  });

  test('accepts the integrations the stacks use, and the callback and .sync patterns', () => {
    for (const resource of [
      'arn:aws:states:::lambda:invoke',
      'arn:aws:states:::dynamodb:putItem',
      'arn:aws:states:::sns:publish',
      'arn:aws:states:::aws-sdk:s3:putObject',
      'arn:aws:states:::lambda:invoke.waitForTaskToken',
      'arn:aws:states:::sns:publish.waitForTaskToken',
      'arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken',
      'arn:aws:states:::states:startExecution.sync',
      'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::states:startExecution.waitForTaskToken',
    ]) {
      expect(typeof planTask(resource, 'S', 'sm')).toBe('function');
    }
  });
});

describe('faults', () => {
  test('parse <State>=<Error>[:times], with a default of one time', () => {
    expect(parseFault('SendToDDB=DynamoDB.ProvisionedThroughputExceededException:2')).toStrictEqual({
      state: 'SendToDDB',
      error: 'DynamoDB.ProvisionedThroughputExceededException',
      times: 2,
    });
    expect(parseFault('Execute long running task...wait 30 seconds=States.Timeout')).toStrictEqual({
      state: 'Execute long running task...wait 30 seconds',
      error: 'States.Timeout',
      times: 1,
    });
  });

  test.each(['SendToDDB', '=X', 'S=X:0', 'S=X:two', 'S=bad name'])('refuse %p', (text) => {
    expect(() => parseFault(text)).toThrow(UsageError);
  });

  test('fail only the first `times` attempts of the named state', () => {
    const injector = new FaultInjector([{ state: 'A', error: 'Boom', times: 2 }]);
    expect(() => injector.check('A')).toThrow(expect.objectContaining({ name: 'Boom' }));
    expect(() => injector.check('B')).not.toThrow();
    expect(() => injector.check('A')).toThrow(/attempt 2 of 2/);
    expect(() => injector.check('A')).not.toThrow();
  });
});

describe('parseLocalArgs', () => {
  test('reads every option', () => {
    const args = parseLocalArgs(['sfn-dynamodb', '--input', '{"id":"1"}', '--json', '--data-dir', 'd', '--real-waits', '--fault', 'A=B:2', '--fault', 'C=D', '--out', 'o']);
    expect(args).toMatchObject({ stackId: 'sfn-dynamodb', input: { id: '1' }, json: true, dataDir: 'd', realWaits: true, outDir: 'o' });
    expect(args.faults).toHaveLength(2);
  });

  test('--api-throttling is on unless turned off', () => {
    expect(parseLocalArgs(['skip-the-line', '--serve']).apiThrottling).toBe(true);
    expect(parseLocalArgs(['skip-the-line', '--serve', '--api-throttling', 'off']).apiThrottling).toBe(false);
    expect(() => parseLocalArgs(['skip-the-line', '--api-throttling', 'no'])).toThrow(/--api-throttling no: give on or off/);
  });

  test.each([[['x', '--nope']], [['x', '--input', '{']], [[]], [['a', 'b']]])('refuses %p as a usage error', (argv) => {
    expect(() => parseLocalArgs(argv)).toThrow(UsageError);
  });
});

test('functionNameOf reads names, ARNs, qualified ARNs and partial ARNs', () => {
  expect(['f', 'f:live', 'arn:aws:lambda:us-east-1:000000000000:function:f', 'arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST', '000000000000:function:f'].map(functionNameOf)).toStrictEqual([
    'f',
    'f',
    'f',
    'f',
    'f',
  ]);
});

test('diffSnapshots reports added, changed and removed items by key, and only new messages', () => {
  // GIVEN
  const table = { name: 't', hashKey: { name: 'id', type: 'S' }, globalIndexes: [], localIndexes: [] } as unknown as TableModel;
  const message = (id: string) => ({ topicArn: 'arn', message: id, messageId: id, timestamp: '' });
  const before = { tables: { t: [{ id: 'a', v: 1 }, { id: 'b', v: 1 }] }, buckets: { b: { k: 'x' } }, messages: [message('1')] };
  const after = { tables: { t: [{ id: 'a', v: 2 }, { id: 'c', v: 1 }] }, buckets: { b: { k: 'x' } }, messages: [message('1'), message('2')] };
  // WHEN
  const diff = diffSnapshots(before, after, [table]);
  // THEN
  expect(diff.tables.t.map((c) => `${c.kind} ${c.key}`)).toStrictEqual(['changed "a"', 'added "c"', 'removed "b"']);
  expect(diff.buckets).toStrictEqual({});
  expect(diff.messages.map((m) => m.messageId)).toStrictEqual(['2']);
});
