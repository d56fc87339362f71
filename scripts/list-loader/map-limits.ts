import { stringify } from 'lossless-json';
import type { AslDefinition } from '../../definitions/state-machine';
import type { AslState } from '../../definitions/states/state';
import { parallelMapWorkflow } from '../../definitions/workflows/parallel-map';
import { processItem } from '../../lambdas/process-item/process-item';
import type { AppConfig } from '../../stacks/config';
import { parallelMapWorkflowProps } from '../../stacks/parallel-map/workflow-props';
import { AWS_LIMITS, type Limit } from './aws-limits';
import { itemSize, type DynamoDbItem } from './dynamodb-item';
import { historyEvents, historyShape, type HistoryShape } from './history';
import type { ListFile, ListValue } from './list-file';

/**
 * The parallel-map workflow exactly as the stack synthesizes it from this config (the same builder and settings),
 * with stand-in ARNs: its shape is what matters here, not where it is deployed.
 */
export function synthesizedWorkflow(config: AppConfig): AslDefinition {
  const arn = (service: string, resource: string) => `arn:aws:${service}:${config.region}:123456789012:${resource}`;
  return parallelMapWorkflow(
    parallelMapWorkflowProps(config, {
      name: 'parallel-map',
      processItem: { functionArn: arn('lambda', 'function:process-item') },
      table: { tableName: config.ddb.tableName, tableArn: arn('dynamodb', `table/${config.ddb.tableName}`) },
      bucket: { bucketName: 'items', bucketArn: 'arn:aws:s3:::items' },
    }),
  ).asl;
}

/** The workflow's Map state and the name of the state before it that reads the list, if any. */
function mapState(workflow: AslDefinition): { name: string; state: AslState } {
  const found = Object.entries(workflow.States).find(([, s]) => s.Type === 'Map');
  if (!found) throw new Error('The parallel-map workflow has no Map state.');
  return { name: found[0], state: found[1] };
}

/** One iteration's input: the Map's ItemSelector rendered for this item (`$$.Map.Item.Value` / `.Index`), or the item. */
export function iterationInput(map: AslState, item: ListValue | unknown, index: number): unknown {
  const selector = map.ItemSelector as Record<string, unknown> | undefined;
  if (selector === undefined) return item;
  const context: Record<string, unknown> = { '$$.Map.Item.Value': item, '$$.Map.Item.Index': index };
  return Object.fromEntries(
    Object.entries(selector).map(([key, value]) => {
      if (!key.endsWith('.$')) return [key, value];
      if (!(String(value) in context)) throw new Error(`ItemSelector ${key}: ${String(value)} is not computed by the loader.`);
      return [key.slice(0, -2), context[String(value)]];
    }),
  );
}

const bytes = (value: unknown) => Buffer.byteLength(stringify(value) ?? '', 'utf8');
const count = (n: number) => n.toLocaleString('en-US');

/**
 * What Step Functions adds to a DynamoDB integration's result (the HTTP metadata of the response), as it looks on
 * AWS; about 500 bytes that count toward the task result's 256 KiB too.
 */
const GET_ITEM_METADATA = (() => {
  const requestId = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOP';
  const headers = {
    Server: 'Server',
    Date: 'Mon, 30 Nov 2026 12:00:00 GMT',
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': '262144',
    Connection: 'keep-alive',
    'x-amzn-RequestId': requestId,
    'x-amz-crc32': '4294967295',
  };
  return {
    SdkHttpMetadata: { AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])), HttpHeaders: headers, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
  };
})();

/** What one INLINE run over the list meets on AWS. */
export interface InlineFigures {
  readonly items: number;
  /** The list item's DynamoDB size. */
  readonly itemBytes: number;
  /** ReadDDBTable's task result `{"Item": {…}, …metadata}`: the state output that carries the list to the Map. */
  readonly getItemResultBytes: number;
  /** The Map's output (and the execution's): every item as the process-item function returns it. */
  readonly mapOutputBytes: number;
  readonly history: HistoryShape;
  readonly historyEvents: number;
}

export function inlineFigures(workflow: AslDefinition, item: DynamoDbItem): InlineFigures {
  const map = mapState(workflow).state;
  const values = item.values.L ?? [];
  const outputs = values.map((value, index) => processItem(iterationInput(map, value, index)).value);
  const history = historyShape(workflow);
  return {
    items: values.length,
    itemBytes: itemSize(item),
    getItemResultBytes: bytes({ Item: item, ...GET_ITEM_METADATA }),
    mapOutputBytes: bytes(outputs),
    history,
    historyEvents: historyEvents(history, values.length),
  };
}

/** "takes N bytes, over the <what> limit of M bytes (label; source)". */
const over = (actual: number, what: string, l: Limit) =>
  `takes ${count(actual)} bytes, over the ${what} limit of ${count(l.value)} bytes (${l.label}; ${l.source})`;
const INLINE_WAY_OUT = 'Set stepfunc.mode to "DISTRIBUTED" (the list is then read from S3 and each item runs as a child execution), or split the list';

/**
 * Why AWS would not process this list in INLINE mode, as one sentence per limit it breaks (the figure, the
 * limit and its source, the way out); empty when it would.
 */
export function inlineRefusals(workflow: AslDefinition, figures: InlineFigures): string[] {
  const { dynamoDbItemBytes, statePayloadBytes, historyEvents: maxEvents } = AWS_LIMITS;
  const reader = Object.entries(workflow.States).find(([, s]) => String(s.Resource).endsWith('dynamodb:getItem'))?.[0] ?? 'the GetItem state';
  const map = mapState(workflow).name;
  const refusals: string[] = [];
  if (figures.itemBytes > dynamoDbItemBytes.value) {
    refusals.push(`As one DynamoDB item the list ${over(figures.itemBytes, 'item size', dynamoDbItemBytes)}: DynamoDB refuses it. ${INLINE_WAY_OUT}.`);
  }
  if (figures.getItemResultBytes > statePayloadBytes.value) {
    refusals.push(
      `As the GetItem result that ${reader} hands to ${map} (DynamoDB JSON, with the response metadata) the list ` +
        `${over(figures.getItemResultBytes, 'state input and output', statePayloadBytes)}: the execution would fail with States.DataLimitExceeded. ` +
        `${INLINE_WAY_OUT} into parts under that size.`,
    );
  }
  if (figures.mapOutputBytes > statePayloadBytes.value) {
    refusals.push(
      `The output of ${map} (each item as the function returns it) ${over(figures.mapOutputBytes, 'state output', statePayloadBytes)}: ` +
        `the execution would fail with States.DataLimitExceeded. ${INLINE_WAY_OUT}.`,
    );
  }
  if (figures.historyEvents > maxEvents.value) {
    const { fixed, perItem } = figures.history;
    const most = Math.floor((maxEvents.value - fixed) / perItem);
    refusals.push(
      `A run over ${count(figures.items)} items adds at least ${count(figures.historyEvents)} events to the execution history (${fixed} + ${perItem} per item in ${map}), ` +
        `over the ${maxEvents.label} limit (${maxEvents.source}): the execution would fail. ${INLINE_WAY_OUT} into lists of at most ${count(most)} items.`,
    );
  }
  return refusals;
}

/**
 * Why AWS would not process this file in DISTRIBUTED mode (the ItemReader's documented limits: a CSV header of
 * at most 10 KiB, items of at most 8 MB, a child execution input of at most 256 KiB); empty when it would.
 */
export function distributedRefusals(workflow: AslDefinition, list: ListFile): string[] {
  const { csvHeaderBytes, itemReaderItemBytes, childExecutionInputBytes } = AWS_LIMITS;
  const { name, state } = mapState(workflow);
  const refusals: string[] = [];
  // The header as parsed (quotes removed): never more than the bytes Step Functions counts.
  const headerBytes = Buffer.byteLength((list.columns ?? []).join(','), 'utf8');
  if (headerBytes > csvHeaderBytes.value) {
    refusals.push(`The header row of ${list.file} ${over(headerBytes, 'CSV header', csvHeaderBytes)}. Use fewer or shorter column names.`);
  }
  list.items.forEach((item, index) => {
    if (refusals.length > 0) return;
    const itemBytes = bytes(item);
    const inputBytes = bytes(iterationInput(state, item, index));
    if (itemBytes > itemReaderItemBytes.value) {
      refusals.push(`Item ${index} of ${list.file} ${over(itemBytes, 'ItemReader item', itemReaderItemBytes)}. Split the item, or keep its bulk in S3 and list its key.`);
    } else if (inputBytes > childExecutionInputBytes.value) {
      refusals.push(
        `As the input of its child execution (${name}'s ItemSelector) item ${index} of ${list.file} ` +
          `${over(inputBytes, 'child execution input', childExecutionInputBytes)}. Split the item, or keep its bulk in S3 and list its key.`,
      );
    }
  });
  return refusals;
}
