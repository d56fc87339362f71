import { gzipSync } from 'node:zlib';
import { readItems } from '../../../../local/engine/distributed-map/item-reader';
import { GET, statesError, storeWith } from './support';

const manifest = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    sourceBucket: 'source',
    destinationBucket: 'arn:aws:s3:::b',
    version: '2016-11-30',
    creationTimestamp: '1514944800000',
    fileFormat: 'CSV',
    fileSchema: 'Bucket, Key, Size',
    files: [{ key: 'inv/data/1.csv.gz', size: 1, MD5checksum: 'x' }, { key: 'inv/data/2.csv.gz', size: 1, MD5checksum: 'y' }],
    ...extra,
  });

const data = {
  'inv/data/1.csv.gz': gzipSync('"source","a.txt","10"\n"source","b.txt","20"\n'),
  'inv/data/2.csv.gz': gzipSync('"source","c d.txt","30"\n'),
};

const read = (body: string, config: Record<string, unknown> = {}, objects: Record<string, string | Buffer> = data) =>
  readItems({ Resource: GET, ReaderConfig: { InputType: 'MANIFEST', ...config }, Parameters: { Bucket: 'b', Key: 'inv/manifest.json' } }, storeWith({ 'inv/manifest.json': body, ...objects }));

describe('ItemReader, InputType MANIFEST (Developer Guide, "ItemReader (Map)" → S3 inventory manifest; S3 User Guide, inventory manifest)', () => {
  it('reads every gzip CSV data file the manifest lists, columns named by fileSchema, in file order', async () => {
    expect(await read(manifest())).toEqual([
      { Bucket: 'source', Key: 'a.txt', Size: '10' },
      { Bucket: 'source', Key: 'b.txt', Size: '20' },
      { Bucket: 'source', Key: 'c d.txt', Size: '30' },
    ]);
  });

  it('stops after MaxItems items across files', async () => {
    expect(await read(manifest(), { MaxItems: 2 })).toHaveLength(2);
  });

  it('refuses an ORC or Parquet inventory (only CSV inventories are read)', async () => {
    const err = await statesError(read(manifest({ fileFormat: 'ORC' })));
    expect(err.error).toBe('States.ItemReaderFailed');
    expect(err.cause).toMatch(/fileFormat "ORC"; Step Functions reads CSV inventories only\.$/);
  });

  it('fails when a listed data file is missing', async () => {
    const err = await statesError(read(manifest(), {}, { 'inv/data/1.csv.gz': data['inv/data/1.csv.gz'] }));
    expect(err.cause).toMatch(/^The specified key does not exist\./);
  });

  it('fails for a manifest that is not JSON', async () => {
    expect((await statesError(read('not json'))).cause).toMatch(/^The S3 inventory manifest 'inv\/manifest.json' is not valid JSON/);
  });

  it('ManifestType ATHENA_DATA: reads each s3:// URI the manifest lists, as the InputType', async () => {
    const store = storeWith({ 'athena.csv': 's3://b/out/1.csv\ns3://b/out/2.csv\n', 'out/1.csv': '1,x\n', 'out/2.csv': '2,y\n' });
    const items = await readItems(
      { Resource: GET, ReaderConfig: { ManifestType: 'ATHENA_DATA', InputType: 'CSV', CSVHeaders: ['id', 'v'] }, Parameters: { Bucket: 'b', Key: 'athena.csv' } },
      store,
    );
    expect(items).toEqual([
      { id: '1', v: 'x' },
      { id: '2', v: 'y' },
    ]);
  });
});
