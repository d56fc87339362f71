import { DynamoAttribute, DynamoDB, type TableRef } from '../integrations/dynamodb';
import { Lambda, type FunctionRef } from '../integrations/lambda';
import { S3, type BucketRef } from '../integrations/s3';
import { JsonPath } from '../json-path';
import { jsonata, states } from '../jsonata';
import { StateMachineDefinition } from '../state-machine';
import { Choice } from '../states/choice';
import { Condition } from '../states/condition';
import { MapState } from '../states/map';
import { Chain, type QueryLanguage } from '../states/state';
import { Fail } from '../states/terminal';
import { Wait, WaitTime } from '../states/wait';

/** Inline mode: the list is the `values` attribute (a DynamoDB list) of one item, read with GetItem. */
export interface ListInTable {
  readonly kind: 'dynamodb';
  readonly table: TableRef;
  /** The partition key attribute name (config `ddb.partitionKeyName`). */
  readonly keyName: string;
  /** The partition key value of the list item (config `ddb.partitionKeyValueField`). */
  readonly keyValue: string;
}

/** Distributed mode: the list is an S3 object (a JSON array, or a CSV file with a header row). */
export interface ListInBucket {
  readonly kind: 's3';
  readonly bucket: BucketRef;
  readonly key: string;
  readonly inputType: 'JSON' | 'CSV';
  /** Where the Map Run writes its results, under the same bucket. */
  readonly resultsPrefix: string;
  /** The share (0-100) of items that may fail before the Map fails. */
  readonly toleratedFailurePercentage: number;
  readonly childExecutionType: 'STANDARD' | 'EXPRESS';
}

export interface ParallelMapWorkflowProps {
  readonly name: string;
  /** The Region it is deployed to (config `region`): its partition goes into the Resource ARNs. */
  readonly region: string;
  readonly list: ListInTable | ListInBucket;
  /** The function invoked once per item (logs it and returns it as plain JSON). */
  readonly processItem: FunctionRef;
  /** Items processed at once; 0 means as many as the mode allows. */
  readonly maxConcurrency: number;
  /** Seconds each item waits before its invocation (`WaitInMap`). */
  readonly waitSeconds: number;
  /** Seconds before the whole execution fails with States.Timeout. */
  readonly timeoutSeconds: number;
  /**
   * The language the definition is written in (config `queryLanguage`). JSONata has the same states: each JSONPath
   * field has its JSONata counterpart (`Items`, `Output`, a Choice `Condition`). @default 'JSONPath' (the original's)
   */
  readonly queryLanguage?: QueryLanguage;
}

const inJsonata = (props: ParallelMapWorkflowProps) => props.queryLanguage === 'JSONata';

/** What the item processor receives; `encoding` tells the function how to read `item`. */
function itemSelector(props: ParallelMapWorkflowProps, encoding: 'dynamodb' | 'plain') {
  if (inJsonata(props)) return { item: states.context.at('Map.Item.Value'), index: states.context.at('Map.Item.Index'), encoding };
  return { item: JsonPath.at('$$.Map.Item.Value'), index: JsonPath.at('$$.Map.Item.Index'), encoding };
}

/**
 * `WaitInMap` then `LambdaInvoke`, whose output is the function's answer only (not the invoke metadata). A wait
 * of 0 s is left out: it would do nothing but cost a state transition per item (half the Map's transitions).
 */
function processEachItem(props: ParallelMapWorkflowProps): Chain {
  const answer = inJsonata(props) ? { output: states.result.at('Payload') } : { outputPath: '$.Payload' };
  const lambdaInvoke = Lambda.invoke('LambdaInvoke', { function: props.processItem, ...answer });
  if (props.waitSeconds === 0) return Chain.start(lambdaInvoke);
  const waitInMap = new Wait('WaitInMap', { time: WaitTime.seconds(props.waitSeconds) });
  return Chain.start(waitInMap).next(lambdaInvoke);
}

/**
 * The `parallel-map` workflow: read the list, then run `WaitInMap` → `LambdaInvoke` for each item, at most `maxConcurrency` at once.
 * The execution output is the list of the function's answers (inline mode) or, in distributed mode, where the
 * Map Run wrote them in S3. A list that was never loaded fails with `ListNotLoaded`, which says how to load it.
 */
export function parallelMapWorkflow(props: ParallelMapWorkflowProps): StateMachineDefinition {
  const { name, region, list } = props;
  const startWith = list.kind === 'dynamodb' ? readFromTable(props, list) : readFromBucket(props, list);
  return new StateMachineDefinition({
    name,
    region,
    startWith,
    timeoutSeconds: props.timeoutSeconds,
    comment: 'Step Functions Map state: process every item of a list in parallel (rebuilt with CDK for Terraform)',
    ...(inJsonata(props) && { queryLanguage: 'JSONata' as const }),
  });
}

function readFromTable(props: ParallelMapWorkflowProps, list: ListInTable): Chain {
  const readDdbTable = DynamoDB.getItem('ReadDDBTable', {
    table: list.table,
    key: { [list.keyName]: DynamoAttribute.string(list.keyValue) },
    // A list loaded a moment ago must be seen: an eventually consistent read may miss it.
    consistentRead: true,
  });
  const mapState = new MapState('MapState', {
    ...(inJsonata(props) ? { items: states.input.at('Item.values.L') } : { itemsPath: '$.Item.values.L' }),
    itemSelector: itemSelector(props, 'dynamodb'),
    maxConcurrency: props.maxConcurrency,
  }).itemProcessor(processEachItem(props));
  const listNotLoaded = new Fail('ListNotLoaded', {
    error: 'ListNotLoaded',
    cause:
      `Table ${list.table.tableName} has no item with ${list.keyName} = "${list.keyValue}" whose "values" attribute is a list. ` +
      'Load one with `npm run load-ddb -- --json utils/simplelist.json` and start the execution again.',
  });
  // GetItem answers {} for a missing item; taking `$.Item.values.L` from that would fail with States.Runtime,
  // which no Catch can handle. Checking first turns it into a named error.
  const checkListLoaded = new Choice('CheckListLoaded', { comment: 'Is the list item in the table, with a list in values?' })
    .when(inJsonata(props) ? Condition.jsonata(jsonata(`$exists(${states.input.at('Item.values.L')})`)) : Condition.isPresent('$.Item.values.L'), mapState)
    .otherwise(listNotLoaded);
  return Chain.start(readDdbTable).next(checkListLoaded);
}

function readFromBucket(props: ParallelMapWorkflowProps, list: ListInBucket): Chain {
  const reader = list.inputType === 'CSV' ? S3.csvItems : S3.jsonItems;
  const mapState = new MapState('MapState', {
    mode: 'DISTRIBUTED',
    executionType: list.childExecutionType,
    itemReader: reader({ bucket: list.bucket, key: list.key }),
    itemSelector: itemSelector(props, 'plain'),
    maxConcurrency: props.maxConcurrency,
    toleratedFailurePercentage: list.toleratedFailurePercentage,
    label: 'ProcessItem',
    resultWriter: S3.resultWriter({ bucket: list.bucket, prefix: list.resultsPrefix }),
  }).itemProcessor(processEachItem(props));
  const csv = list.inputType === 'CSV';
  const listNotLoaded = new Fail('ListNotLoaded', {
    error: 'ListNotLoaded',
    cause:
      `The list object s3://${list.bucket.bucketName}/${list.key} is missing or is not a ${csv ? 'CSV file with a header row' : 'JSON array'}. ` +
      `Upload one with \`npm run load-ddb -- ${csv ? '--csv utils/listofdicts.csv' : '--json utils/simplelist.json'} --bucket ${list.bucket.bucketName}\` ` +
      'and start the execution again.',
  });
  mapState.addCatch(listNotLoaded, { errors: ['States.ItemReaderFailed'] });
  return Chain.start(mapState);
}
