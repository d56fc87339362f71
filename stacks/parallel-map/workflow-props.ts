import type { TableRef } from '../../definitions/integrations/dynamodb';
import type { FunctionRef } from '../../definitions/integrations/lambda';
import type { BucketRef } from '../../definitions/integrations/s3';
import type { QueryLanguage } from '../../definitions/states/state';
import type { ParallelMapWorkflowProps } from '../../definitions/workflows/parallel-map';
import type { DdbSettings, StepfuncSettings } from './config';

/** The parallel-map workflow's resources: the stack's own, or stand-ins when only the shape matters (the loader). */
export interface ParallelMapResources {
  readonly name: string;
  readonly processItem: FunctionRef;
  /** The list table; needed in INLINE mode. */
  readonly table?: TableRef;
  /** The items bucket; needed in DISTRIBUTED mode. */
  readonly bucket?: BucketRef;
}

/**
 * The one place that turns the `ddb` and `stepfunc` settings into the workflow's shape (where the list is read
 * from, the Map's mode and settings, whether `WaitInMap` is there): the stack synthesizes from it, and the
 * loader computes from it what a list will meet on AWS.
 */
export function parallelMapWorkflowProps(
  settings: { readonly region: string; readonly ddb: DdbSettings; readonly stepfunc: StepfuncSettings; readonly queryLanguage?: QueryLanguage },
  resources: ParallelMapResources,
): ParallelMapWorkflowProps {
  const { region, ddb, stepfunc, queryLanguage } = settings;
  const needed = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`parallelMapWorkflowProps: stepfunc.mode ${stepfunc.mode} reads the list from ${what}, but none was given.`);
    return value;
  };
  const d = stepfunc.distributed;
  return {
    name: resources.name,
    region,
    list:
      stepfunc.mode === 'INLINE'
        ? { kind: 'dynamodb', table: needed(resources.table, 'a table'), keyName: ddb.partitionKeyName, keyValue: ddb.partitionKeyValueField }
        : {
            kind: 's3',
            bucket: needed(resources.bucket, 'a bucket'),
            key: d.itemsKey,
            inputType: d.inputType,
            resultsPrefix: d.resultsPrefix,
            toleratedFailurePercentage: d.toleratedFailurePercentage,
            childExecutionType: d.childExecutionType,
          },
    processItem: resources.processItem,
    maxConcurrency: stepfunc.maxConcurrency,
    waitSeconds: stepfunc.waitDurationSeconds,
    timeoutSeconds: stepfunc.timeoutDurationSeconds,
    queryLanguage,
  };
}
