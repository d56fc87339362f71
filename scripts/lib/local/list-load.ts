import { LocalSetupError, type LocalStack } from '../../../local';
import { loadConfig } from '../../../stacks/config';
import { checkList, describeLoaderError, describeWritten, listNotes, readList } from '../../list-loader/load';

/**
 * `npm run local -- parallel-map --load <file>` (and the parallel-map sample): the loader's checks and item
 * (scripts/list-loader/load.ts, what `npm run load-ddb` writes to AWS), handed to the local stack's seeding API.
 * The loader reads the config as synth did (SFN_CONFIG or config.json): the local synth is current, so its table
 * is the stack's. A list AWS would refuse is refused here too, and nothing is written.
 */
export async function loadListInto(stack: LocalStack, file: string, say: (line: string) => void = () => undefined): Promise<void> {
  try {
    const config = loadConfig({ env: process.env });
    if (config.stepfunc.mode !== 'INLINE') {
      throw new LocalSetupError(`--load writes the list item the INLINE Map reads, but stepfunc.mode is ${config.stepfunc.mode}; the local runner runs the inline mode only.`);
    }
    const list = readList({ json: file });
    for (const note of listNotes(list)) say(`Note: ${note}`);
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
