import { LocalSetupError, type LocalStack } from '../../../local';
import { loadConfig, type AppConfig } from '../../../stacks/config';
import { checkList, describeLoaderError, describeWritten, listNotes, readList, writeList } from '../../list-loader/load';

/**
 * `npm run local -- parallel-map --load <file>` (and the parallel-map sample): the loader's checks and write
 * (scripts/list-loader/load.ts, what `npm run load-ddb` writes to AWS) against the local stack: the list item into
 * its table (INLINE), or the list object into its items bucket on the local S3 (DISTRIBUTED; a `.csv` file is read as
 * CSV). The loader reads the config as synth did (SFN_CONFIG or config.json): the local synth is current, so its
 * table and bucket are the stack's. A list AWS would refuse is refused here too, and nothing is written.
 */
export async function loadListInto(stack: LocalStack, file: string, say: (line: string) => void = () => undefined, config: AppConfig = loadConfig({ env: process.env })): Promise<void> {
  try {
    const list = readList(file.toLowerCase().endsWith('.csv') ? { csv: file } : { json: file });
    for (const note of listNotes(list)) say(`Note: ${note}`);
    if (config.stepfunc.mode === 'DISTRIBUTED') {
      const [bucket] = stack.model.buckets;
      if (!bucket) throw new LocalSetupError('The DISTRIBUTED parallel-map stack has no bucket to hold the list; synthesize it again.');
      const checked = checkList(list, config, { bucket: bucket.name });
      await writeList(checked, { region: stack.model.region, endpoint: stack.endpoints.s3 });
      for (const line of describeWritten(checked, `at ${stack.endpoints.s3}`)) say(line);
      return;
    }
    const checked = checkList(list, config);
    if (checked.mode !== 'INLINE') throw new Error('loadListInto: the loader checked the list for another Map mode.');
    await stack.seedTable(checked.tableName, [checked.item]);
    for (const line of describeWritten(checked, `at ${stack.endpoints.dynamodb}`)) say(line);
  } catch (err) {
    const described = err instanceof Error ? (describeLoaderError(err) ?? (err instanceof LocalSetupError ? `${err.message}\nNothing was written.` : undefined)) : undefined;
    if (described === undefined) throw err;
    throw new LocalSetupError(`Could not load ${file} into the local table:\n${described}`);
  }
}
