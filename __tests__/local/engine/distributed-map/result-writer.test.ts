import { MapRunIdentity } from '../../../../local/engine/distributed-map/map-run';
import { type ChildRecord, executionRecord, resultWithoutExport, transformResults, writeResults } from '../../../../local/engine/distributed-map/result-writer';
import { statesError, storeWith } from './support';

const identity = new MapRunIdentity({
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:sm',
  executionArn: 'arn:aws:states:us-east-1:123456789012:execution:sm:e',
  stateName: 'Map',
  label: 'Map',
});
const at = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s));
const ok = (index: number, input: unknown, output: unknown): ChildRecord => ({
  index,
  input,
  output,
  status: 'SUCCEEDED',
  name: `n${index}`,
  executionArn: `arn:x:${index}`,
  startDate: at(index),
  stopDate: at(index + 1),
});
const failed: ChildRecord = { index: 2, input: { id: 3 }, status: 'FAILED', error: 'Boom', cause: 'it broke', name: 'n2', executionArn: 'arn:x:2', startDate: at(2), stopDate: at(3) };
const children = [ok(0, { id: 1 }, [1, 2]), ok(1, { id: 2 }, 'two'), failed];
const writer = (extra: Record<string, unknown> = {}) => ({ Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'jobs', ...extra } });

describe('ResultWriter: the execution record (ResultWriter (Map) → Transformation NONE, exported files)', () => {
  it('a SUCCEEDED child: DescribeExecution fields in PascalCase, alphabetical, Input/Output as JSON text', () => {
    expect(JSON.stringify(executionRecord(children[0], identity))).toBe(
      JSON.stringify({
        ExecutionArn: 'arn:x:0',
        Input: '{"id":1}',
        InputDetails: { Included: true },
        Name: 'n0',
        Output: '[1,2]',
        OutputDetails: { Included: true },
        RedriveCount: 0,
        RedriveStatus: 'NOT_REDRIVABLE',
        RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
        StartDate: '2024-01-01T00:00:00.000Z',
        StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:sm/Map',
        Status: 'SUCCEEDED',
        StopDate: '2024-01-01T00:00:01.000Z',
      }),
    );
  });

  it('a FAILED child has Cause and Error, no Output, and is REDRIVABLE', () => {
    const record = executionRecord(failed, identity);
    expect(Object.keys(record)).toEqual(['Cause', 'Error', 'ExecutionArn', 'Input', 'InputDetails', 'Name', 'RedriveCount', 'RedriveStatus', 'StartDate', 'StateMachineArn', 'Status', 'StopDate']);
    expect(record).toMatchObject({ Cause: 'it broke', Error: 'Boom', RedriveStatus: 'REDRIVABLE', Status: 'FAILED' });
  });
});

describe('ResultWriter: the Map result without export', () => {
  it('no ResultWriter: the outputs in item order (COMPACT); a failed child appears as its execution record', () => {
    const result = resultWithoutExport(children, undefined, identity);
    expect(result.slice(0, 2)).toEqual([[1, 2], 'two']);
    expect(result[2]).toMatchObject({ Error: 'Boom', Status: 'FAILED' });
  });

  it('WriterConfig FLATTEN spreads array outputs into the result', () => {
    expect(resultWithoutExport(children.slice(0, 2), { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } }, identity)).toEqual([1, 2, 'two']);
  });

  it('WriterConfig NONE gives every child\'s execution record', () => {
    expect(transformResults(children.slice(0, 1), 'NONE', identity)).toEqual([executionRecord(children[0], identity)]);
  });

  it('refuses an unknown Transformation with States.ResultWriterFailed', async () => {
    const err = await statesError(() => resultWithoutExport(children, { WriterConfig: { Transformation: 'SQUASH' } }, identity));
    expect([err.error, err.cause]).toEqual(['States.ResultWriterFailed', "WriterConfig.Transformation 'SQUASH' is not one of NONE, COMPACT, FLATTEN."]);
  });
});

describe('ResultWriter: export to S3 (ResultWriter (Map) → Exporting to Amazon S3)', () => {
  it('writes SUCCEEDED_0.json, FAILED_0.json and <Prefix>/<map run id>/manifest.json; returns MapRunArn and the manifest key', async () => {
    const store = storeWith();
    const output = await writeResults(store, writer(), identity, children);
    const folder = `jobs/${identity.mapRunId}/`;
    expect(output).toEqual({ MapRunArn: identity.mapRunArn, ResultWriterDetails: { Bucket: 'b', Key: `${folder}manifest.json` } });
    expect(Object.keys(output)).toEqual(['MapRunArn', 'ResultWriterDetails']);
    const succeeded = store.text('b', `${folder}SUCCEEDED_0.json`)!;
    expect(JSON.parse(succeeded)).toEqual([executionRecord(children[0], identity), executionRecord(children[1], identity)]);
    expect(JSON.parse(store.text('b', `${folder}FAILED_0.json`)!)).toEqual([executionRecord(failed, identity)]);
    const manifest = store.text('b', `${folder}manifest.json`)!;
    expect(JSON.parse(manifest)).toEqual({
      DestinationBucket: 'b',
      MapRunArn: identity.mapRunArn,
      ResultFiles: {
        FAILED: [{ Key: `${folder}FAILED_0.json`, Size: Buffer.byteLength(store.text('b', `${folder}FAILED_0.json`)!) }],
        PENDING: [],
        SUCCEEDED: [{ Key: `${folder}SUCCEEDED_0.json`, Size: Buffer.byteLength(succeeded) }],
      },
    });
    expect(manifest.indexOf('"FAILED"')).toBeLessThan(manifest.indexOf('"PENDING"'));
  });

  it('a Prefix ending in / is not doubled; an empty Prefix writes at the bucket\'s root', async () => {
    const a = await writeResults(storeWith(), writer({ Prefix: 'jobs/' }), identity, children);
    expect(a.ResultWriterDetails.Key).toBe(`jobs/${identity.mapRunId}/manifest.json`);
    const b = await writeResults(storeWith(), writer({ Prefix: undefined }), identity, children);
    expect(b.ResultWriterDetails.Key).toBe(`${identity.mapRunId}/manifest.json`);
  });

  it('no children: only the manifest, with empty lists', async () => {
    const store = storeWith();
    await writeResults(store, writer(), identity, []);
    expect(store.keys('b')).toEqual([`jobs/${identity.mapRunId}/manifest.json`]);
  });

  it('PENDING items (never started) go to PENDING_0.json', async () => {
    const store = storeWith();
    await writeResults(store, writer(), identity, [{ index: 0, input: 5, status: 'PENDING' }]);
    expect(JSON.parse(store.text('b', `jobs/${identity.mapRunId}/PENDING_0.json`)!)).toEqual([{ Input: '5', InputDetails: { Included: true }, Status: 'PENDING' }]);
  });

  it('WriterConfig COMPACT + JSONL writes the outputs as JSON Lines', async () => {
    const store = storeWith();
    await writeResults(store, { ...writer(), WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSONL' } }, identity, children.slice(0, 2));
    expect(store.text('b', `jobs/${identity.mapRunId}/SUCCEEDED_0.jsonl`)).toBe('[1,2]\n"two"\n');
  });

  it('splits a result file that would pass the size limit into SUCCEEDED_0, SUCCEEDED_1, …', async () => {
    const store = storeWith();
    const many = Array.from({ length: 5 }, (_, i) => ok(i, i, 'x'.repeat(50)));
    await writeResults(store, { ...writer(), WriterConfig: { Transformation: 'COMPACT' } }, identity, many, { maxFileBytes: 120 });
    const manifest = JSON.parse(store.text('b', `jobs/${identity.mapRunId}/manifest.json`)!);
    expect(manifest.ResultFiles.SUCCEEDED.length).toBe(3);
    const all = manifest.ResultFiles.SUCCEEDED.flatMap((f: { Key: string }) => JSON.parse(store.text('b', f.Key)!));
    expect(all).toHaveLength(5);
  });

  it('a missing bucket fails States.ResultWriterFailed with S3\'s message', async () => {
    const err = await statesError(writeResults(storeWith(), writer({ Bucket: 'nope' }), identity, children));
    expect(err.error).toBe('States.ResultWriterFailed');
    expect(err.cause).toMatch(/^The specified bucket does not exist \(Service: S3, Status Code: 404, Error Code: NoSuchBucket/);
  });

  it('refuses a Resource other than s3:putObject and a missing Bucket', async () => {
    expect((await statesError(writeResults(storeWith(), { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b' } }, identity, []))).error).toBe('States.ResultWriterFailed');
    expect((await statesError(writeResults(storeWith(), { Resource: 'arn:aws:states:::s3:putObject', Arguments: {} }, identity, []))).cause).toMatch(/needs a Bucket/);
  });
});
