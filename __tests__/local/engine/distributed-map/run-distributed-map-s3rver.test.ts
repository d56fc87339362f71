import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { S3Emulator } from '../../../../local/emulators/s3';
import { runDistributedMap } from '../../../../local/engine/distributed-map/run-distributed-map';
import { S3ClientStore } from '../../../../local/engine/distributed-map/s3-client-store';
import { statesError } from './support';

/** The one run against the local S3 emulator (s3rver on 127.0.0.1), as the local runner will use it. */
describe('runDistributedMap against the local S3 emulator (ItemReader CSV → children → ResultWriter)', () => {
  let s3: S3Emulator;
  beforeAll(async () => {
    s3 = await S3Emulator.start([{ address: 'aws_s3_bucket.data', name: 'data' }]);
  });
  afterAll(async () => {
    await s3?.close();
  });

  it('reads a CSV object, runs the children and writes manifest.json and SUCCEEDED_0.json', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: 'data', Key: 'in/list.csv', Body: 'id,name\n1,a\n2,"b, c"\n' }));
    const store = new S3ClientStore(s3.client);
    const result = (await runDistributedMap(
      {
        stateName: 'Map',
        label: 'Map',
        itemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: 'data', Key: 'in/list.csv' } },
        resultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'data', Prefix: 'out' } },
      },
      {},
      {
        store,
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm',
        executionArn: 'arn:aws:states:us-east-1:000000000000:execution:sm:e',
        runChild: async (input) => ({ status: 'SUCCEEDED', output: { seen: input } }),
      },
    )) as { ResultWriterDetails: { Bucket: string; Key: string } };
    const read = async (Key: string) => (await s3.client.send(new GetObjectCommand({ Bucket: 'data', Key }))).Body!.transformToString();
    const manifest = JSON.parse(await read(result.ResultWriterDetails.Key));
    expect(manifest.ResultFiles.SUCCEEDED).toHaveLength(1);
    const records = JSON.parse(await read(manifest.ResultFiles.SUCCEEDED[0].Key));
    expect(records.map((r: { Output: string }) => JSON.parse(r.Output))).toEqual([{ seen: { id: '1', name: 'a' } }, { seen: { id: '2', name: 'b, c' } }]);
  });

  it('a missing key fails States.ItemReaderFailed with S3\'s NoSuchKey', async () => {
    const err = await statesError(
      runDistributedMap(
        { stateName: 'Map', itemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'data', Key: 'nope.json' } } },
        {},
        { store: new S3ClientStore(s3.client), stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sm', executionArn: 'e', runChild: async () => ({ status: 'SUCCEEDED' }) },
      ),
    );
    expect(err.error).toBe('States.ItemReaderFailed');
    expect(err.cause).toMatch(/\(Service: S3, Status Code: 404, Error Code: NoSuchKey, Request ID: /);
  });
});
