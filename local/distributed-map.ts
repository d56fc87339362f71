import type { S3Client } from '@aws-sdk/client-s3';
import { walkStates } from '../definitions/asl-walk';
import { LocalSetupError } from './errors';
import type { DistributedMapRunner } from './engine';
import { readItems, type ItemReaderSpec } from './engine/distributed-map';
import { S3ClientStore } from './engine/distributed-map/s3-client-store';
import { jsonataLanguage } from './engine/jsonata';
import { jsonPath } from './engine/jsonpath';

/**
 * A Distributed Map's ItemReader against the local S3 emulator (the engine's DistributedMapRunner seam). The engine
 * hands over the ItemReader as written; its Parameters (JSONPath) or Arguments (JSONata) are rendered here against
 * the Map state's input, and ReaderConfig.MaxItemsPath is resolved.
 */
export function localItemReader(s3: () => S3Client): DistributedMapRunner {
  return {
    async readItems(reader, input) {
      const spec = await renderReader(reader, input);
      return readItems(spec, new S3ClientStore(s3()));
    },
  };
}

async function renderReader(reader: Readonly<Record<string, unknown>>, input: unknown): Promise<ItemReaderSpec> {
  const scope = { input, context: {}, variables: {} };
  const config = { ...((reader.ReaderConfig as Record<string, unknown> | undefined) ?? {}) };
  if (typeof config.MaxItemsPath === 'string') {
    config.MaxItems = jsonPath.evaluatePath(config.MaxItemsPath, scope, 'MaxItemsPath');
    delete config.MaxItemsPath;
  }
  const spec: Record<string, unknown> = { Resource: reader.Resource, ReaderConfig: config };
  if (reader.Arguments !== undefined) spec.Arguments = await jsonataLanguage.render(reader.Arguments, { input, context: {} }, {}, { location: 'ItemReader' });
  if (reader.Parameters !== undefined) spec.Parameters = jsonPath.renderTemplate(reader.Parameters, scope);
  return spec as unknown as ItemReaderSpec;
}

/**
 * What the engine does not run yet: a Distributed Map's ResultWriter and ItemBatcher. Refused before anything runs,
 * rather than run with a different result than AWS's.
 */
export function refuseUnrunDistributedFields(machineName: string, definition: Record<string, unknown>): void {
  for (const { name, state } of walkStates(definition)) {
    if (state.Type !== 'Map') continue;
    for (const field of ['ResultWriter', 'ItemBatcher']) {
      if (field in state) {
        throw new LocalSetupError(
          `State machine '${machineName}', state '${name}': a Distributed Map with ${field} does not run locally yet (the local engine reads ItemReader, but does not write or batch results as AWS does); remove ${field} or use the inline Map mode to run it locally.`,
        );
      }
    }
  }
}
