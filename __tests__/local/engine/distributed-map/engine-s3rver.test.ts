/**
 * The engine's Distributed Map through S3ClientStore against the local S3 emulator (s3rver on 127.0.0.1), as the local
 * runner gives it: the parallel-map workflow's shape (Developer Guide, "ItemReader (Map)" CSV, "ItemSelector (Map)",
 * "ResultWriter (Map)").
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { S3Emulator } from '../../../../local/emulators/s3';
import { StateMachine } from '../../../../local/engine';
import { S3ClientStore } from '../../../../local/engine/distributed-map/s3-client-store';

describe('Distributed Map on the engine with the local S3 emulator', () => {
  let s3: S3Emulator;
  beforeAll(async () => {
    s3 = await S3Emulator.start([{ address: 'aws_s3_bucket.items', name: 'items' }]);
  });
  afterAll(async () => {
    await s3?.close();
  });

  test('reads a CSV list, runs a child per row (EXPRESS, Task), writes the results; the output names the manifest', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: 'items', Key: 'list.csv', Body: 'id,name\n1,a\n2,"b, c"\n' }));
    const definition = {
      StartAt: 'MapState',
      States: {
        MapState: {
          Type: 'Map',
          Label: 'ProcessItem',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: 'items', Key: 'list.csv' } },
          ItemSelector: { 'item.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', encoding: 'plain' },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'LambdaInvoke', States: { LambdaInvoke: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: '$.Payload', End: true } } },
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'items', Prefix: 'results' } },
          End: true,
        },
      },
    };
    // The client is given lazily, as the local runner has it only once the emulators run.
    const machine = new StateMachine(definition, { name: 'parallel-map', objectStore: new S3ClientStore(() => s3.client) });
    const outcome = await machine.run({ taskHandlers: { LambdaInvoke: async ({ input }) => ({ Payload: (input as { item: unknown }).item }) } });
    expect(outcome.status).toBe('SUCCEEDED');
    const { ResultWriterDetails } = outcome.output as { ResultWriterDetails: { Bucket: string; Key: string } };
    const read = async (Key: string) => (await s3.client.send(new GetObjectCommand({ Bucket: 'items', Key }))).Body!.transformToString();
    const manifest = JSON.parse(await read(ResultWriterDetails.Key));
    const records = JSON.parse(await read(manifest.ResultFiles.SUCCEEDED[0].Key));
    expect(records.map((r: { Output: string }) => JSON.parse(r.Output))).toEqual([{ id: '1', name: 'a' }, { id: '2', name: 'b, c' }]);
    expect(records[0].ExecutionArn).toMatch(/:express:parallel-map\/ProcessItem:/);
  });
});
