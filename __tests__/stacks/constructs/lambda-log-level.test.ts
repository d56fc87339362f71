import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Testing } from 'cdktf';
import { createLogger } from '../../../lambdas/shared/logger';
import { LOG_LEVEL_VARIABLE } from '../../../contracts/env-vars';
import { BundledFunction } from '../../../stacks/constructs/bundled-function';
import { resourcesOf, synthStacks } from '../../support/stacks';
import { defaultConfig } from '../../support/synth';

// The functions' log level is the Powertools default, POWERTOOLS_LOG_LEVEL, which the stacks set from
// `lambdaLogLevel` in config.json, with Lambda's application log level kept equal.

describe('the synthesized functions carry the configured level', () => {
  const stacks = synthStacks();

  test.each(['task-status', 'skip-the-line', 'parallel-map'])('every function of %s: POWERTOOLS_LOG_LEVEL and the application log level INFO (the default)', (id) => {
    const functions = Object.values(resourcesOf(stacks[id as keyof typeof stacks], LambdaFunction));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn).toMatchObject({
        environment: { variables: { [LOG_LEVEL_VARIABLE]: 'INFO' } },
        logging_config: { log_format: 'JSON', application_log_level: 'INFO' },
      });
    }
  });

  test('lambdaLogLevel DEBUG gives DEBUG to both, beside the function’s own variables', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        new BundledFunction(scope, 'echo', {
          functionName: 'echo',
          entry: '__tests__/fixtures/echo-handler.ts',
          description: 'echoes its event',
          logging: { retentionDays: 14, level: 'DEBUG' },
          environment: { TABLE_NAME: 't' },
        });
      }),
    ) as { resource: { aws_lambda_function: Record<string, Record<string, unknown>> } };
    const fn = Object.values(json.resource.aws_lambda_function)[0];
    expect(fn.environment).toStrictEqual({ variables: { TABLE_NAME: 't', [LOG_LEVEL_VARIABLE]: 'DEBUG' } });
    expect(fn.logging_config).toMatchObject({ application_log_level: 'DEBUG' });
  });

  test('a stack gives its functions the configured level and log retention (config lambdaLogLevel, logRetentionDays)', () => {
    const stacks = synthStacks(defaultConfig({ lambdaLogLevel: 'DEBUG', logRetentionDays: 30 }));
    const functions = Object.values(resourcesOf(stacks['skip-the-line'], LambdaFunction));
    expect(functions).toHaveLength(5);
    for (const fn of functions) {
      expect(fn).toMatchObject({ environment: { variables: { [LOG_LEVEL_VARIABLE]: 'DEBUG' } }, logging_config: { application_log_level: 'DEBUG' } });
    }
    const logGroups = Object.values(resourcesOf(stacks['skip-the-line'], CloudwatchLogGroup)).filter((g) => String(g.name).startsWith('/aws/lambda/'));
    expect(logGroups.map((g) => g.retention_in_days)).toEqual([30, 30, 30, 30, 30]);
  });
});

describe('the logger takes its level from POWERTOOLS_LOG_LEVEL', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  /** The levels of the records a fresh logger writes for one message at each level. */
  function levelsWritten(): string[] {
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => (lines.push(String(chunk)), true);
    const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
    try {
      const logger = createLogger('log-level-test');
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    return lines
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { level: string }).level);
  }

  test.each([
    ['WARN', ['WARN', 'ERROR']],
    ['DEBUG', ['DEBUG', 'INFO', 'WARN', 'ERROR']],
    [undefined, ['INFO', 'WARN', 'ERROR']],
  ])('POWERTOOLS_LOG_LEVEL=%s', (level, expected) => {
    delete process.env.AWS_LAMBDA_LOG_LEVEL;
    delete process.env.LOG_LEVEL;
    if (level === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
    else process.env.POWERTOOLS_LOG_LEVEL = level;
    expect(levelsWritten()).toStrictEqual(expected);
  });
});
