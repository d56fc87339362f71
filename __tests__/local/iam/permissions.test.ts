import { IAM_MODES } from '../../../local';
import { functionArn, syncRuleArn, tableArn } from '../../../local/tasks/access';
import { sdkPermissions } from '../../../local/tasks/sdk-permissions';
import { UsageError } from '../../../scripts/lib/cli';
import { LOCAL_USAGE, parseLocalArgs } from '../../../scripts/lib/local/args';

// What each service call asks IAM for (the resource as the service authorizes it), and the --iam option.

const ACCOUNT = '000000000000';

test('lambda:InvokeFunction is asked on the function as named: a name, name:qualifier, a partial ARN or an ARN', () => {
  expect(['f', 'f:live', `${ACCOUNT}:function:f:7`, 'arn:aws:lambda:eu-west-1:111111111111:function:f'].map((n) => functionArn('us-east-1', n))).toEqual([
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`,
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f:live`,
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f:7`,
    'arn:aws:lambda:eu-west-1:111111111111:function:f',
  ]);
});

test('a DynamoDB table by name or ARN; the .sync rule Step Functions manages', () => {
  expect(tableArn('us-east-1', 'Tasks')).toBe(`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Tasks`);
  expect(tableArn('us-east-1', 'arn:aws:dynamodb:us-east-1:1:table/T')).toBe('arn:aws:dynamodb:us-east-1:1:table/T');
  expect(syncRuleArn('us-east-1')).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`);
});

test('aws-sdk calls: the IAM action by its Service Authorization Reference name, on the resource the request names', () => {
  expect(sdkPermissions('us-east-1', 's3', 'getObject', { Bucket: 'b', Key: 'k/1.json' })).toEqual([{ action: 's3:GetObject', resourceArn: 'arn:aws:s3:::b/k/1.json' }]);
  expect(sdkPermissions('us-east-1', 's3', 'listObjectsV2', { Bucket: 'b', Prefix: 'in/' })).toEqual([{ action: 's3:ListBucket', resourceArn: 'arn:aws:s3:::b', context: { 's3:prefix': 'in/' } }]);
  expect(sdkPermissions('us-east-1', 's3', 'headObject', { Bucket: 'b', Key: 'k' })).toEqual([{ action: 's3:GetObject', resourceArn: 'arn:aws:s3:::b/k' }]);
  expect(sdkPermissions('us-east-1', 's3', 'copyObject', { Bucket: 'b', Key: 'to', CopySource: 'src/a%20b.txt?versionId=1' })).toEqual([
    { action: 's3:PutObject', resourceArn: 'arn:aws:s3:::b/to' },
    { action: 's3:GetObject', resourceArn: 'arn:aws:s3:::src/a b.txt' },
  ]);
  expect(sdkPermissions('us-east-1', 'dynamodb', 'query', { TableName: 'T' })).toEqual([{ action: 'dynamodb:Query', resourceArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/T` }]);
  expect(sdkPermissions('us-east-1', 'dynamodb', 'listTables', {})).toEqual([{ action: 'dynamodb:ListTables', resourceArn: '*' }]);
  expect(sdkPermissions('us-east-1', 'sns', 'publish', { TopicArn: 'arn:aws:sns:us-east-1:0:t' })).toEqual([{ action: 'sns:Publish', resourceArn: 'arn:aws:sns:us-east-1:0:t' }]);
  // Step Functions' IAM prefix is states, not sfn; a mocked test case's suffix is not part of the ARN.
  expect(sdkPermissions('us-east-1', 'sfn', 'startExecution', { StateMachineArn: 'arn:aws:states:us-east-1:0:stateMachine:m#HappyPath' })).toEqual([
    { action: 'states:StartExecution', resourceArn: 'arn:aws:states:us-east-1:0:stateMachine:m' },
  ]);
});

test('--iam: enforce by default, off and warn by name, anything else a usage error naming the choices; in --help', () => {
  expect(IAM_MODES).toEqual(['off', 'warn', 'enforce']);
  expect(parseLocalArgs(['sfn-dynamodb']).iam).toBe('enforce');
  expect(parseLocalArgs(['sfn-dynamodb', '--iam', 'warn']).iam).toBe('warn');
  expect(parseLocalArgs(['sfn-dynamodb', '--iam', 'off']).iam).toBe('off');
  expect(() => parseLocalArgs(['sfn-dynamodb', '--iam', 'strict'])).toThrow(UsageError);
  expect(() => parseLocalArgs(['sfn-dynamodb', '--iam', 'strict'])).toThrow('--iam strict: give one of off, warn, enforce (default enforce).');
  expect(LOCAL_USAGE).toMatch(/--iam off\|warn\|enforce {2}Authorize every service call a state machine makes/);
});
