import { OWN_EXECUTIONS_ARN, OWN_STATE_MACHINE_ARN, type PolicyStatement } from '../iam';
import type { PartitionedArn } from '../partition';
import { assertPath } from '../json-path';
import { renderJsonata } from '../jsonata-render';
import { renderPayload, type Payload, type PayloadValue } from '../payload';
import { jsonPathOnlyField, renderIo, type ResultProps } from './io';
import { checkNumberField, renderNumberField, type NumberField } from './number-field';
import { RetryableState } from './retryable-state';
import type { AslGraph, AslState, IChainable, RenderContext, StateProps } from './state';

/** Where a Distributed Map reads its items (an S3 object, say) and what reading it needs. */
export interface ItemReader {
  readonly resource: PartitionedArn;
  /** `Parameters` in a JSONPath Map, `Arguments` in a JSONata one. */
  readonly parameters: Payload;
  /** ReaderConfig: strings as they are; `MaxItems` may be a number, a path (MaxItemsPath) or a JSONata expression. */
  readonly readerConfig?: Readonly<Record<string, string | NumberField>>;
  readonly policyStatements: readonly PolicyStatement[];
}

/** Where a Distributed Map writes its results, and what writing them needs. */
export interface ResultWriter {
  readonly resource: PartitionedArn;
  readonly parameters: Payload;
  readonly policyStatements: readonly PolicyStatement[];
}

/**
 * Distributed mode: several items per child execution (Developer Guide, "ItemBatcher (Map)"). Give a maximum number
 * of items, a maximum batch size, or both; each child's input is `{ Items: [...], BatchInput }`.
 */
export interface ItemBatcherProps {
  /** Items per batch, at least 1: a number, `JsonPath.numberAt` (MaxItemsPerBatchPath) or a JSONata expression. */
  readonly maxItemsPerBatch?: NumberField;
  /** Bytes per batch, 1 to 262,144 (256 KiB), in the same forms. */
  readonly maxInputBytesPerBatch?: NumberField;
  /** Fixed JSON added to every batch as `BatchInput`; JsonPath values (JSONPath) or jsonata(...) values (JSONata) are evaluated against the Map's input. */
  readonly batchInput?: Payload;
}

/** "ItemBatcher (Map)": "MaxInputBytesPerBatch … up to 256 KiB". */
const MAX_BATCH_BYTES = 262_144;

export interface MapProps extends StateProps, ResultProps {
  /** JSONPath: the array to iterate over. @default '$' */
  readonly itemsPath?: string;
  /** JSONata: the array to iterate over, a JSON array or an expression such as `jsonata('$states.input.orders')`. @default the state input */
  readonly items?: PayloadValue;
  /** Builds each iteration's input; `$$.Map.Item.Value` (JSONata: `$states.context.Map.Item.Value`) is the item. @default the item */
  readonly itemSelector?: Payload;
  readonly resultSelector?: Payload;
  /**
   * Iterations running at once; 0 means as many as possible. A number, `JsonPath.numberAt('$.x')` (JSONPath:
   * MaxConcurrencyPath) or `jsonata('…')` (JSONata). @default 0
   */
  readonly maxConcurrency?: NumberField;
  /** `INLINE` runs iterations inside this execution (≤ 40 at once); `DISTRIBUTED` runs child executions. @default 'INLINE' */
  readonly mode?: 'INLINE' | 'DISTRIBUTED';
  /** Child execution type in distributed mode. @default 'STANDARD' */
  readonly executionType?: 'STANDARD' | 'EXPRESS';
  /** Distributed mode: where items are read from. @default items from itemsPath */
  readonly itemReader?: ItemReader;
  /** Distributed mode: where results are written. @default results returned in the output */
  readonly resultWriter?: ResultWriter;
  /** Distributed mode: the share of failed items (0–100) tolerated before the Map fails, in the same forms. @default 0 */
  readonly toleratedFailurePercentage?: NumberField;
  /** Distributed mode: the number of failed items tolerated before the Map fails, in the same forms. @default 0 */
  readonly toleratedFailureCount?: NumberField;
  /** Distributed mode: several items per child execution. @default one item per child */
  readonly itemBatcher?: ItemBatcherProps;
  /** Distributed mode: a label for the child executions. @default none */
  readonly label?: string;
}

/** Runs a chain of states for every item of an array. */
export class MapState extends RetryableState {
  readonly type = 'Map';
  private processor?: IChainable;

  constructor(
    name: string,
    private readonly props: MapProps = {},
  ) {
    super(name, props);
    const where = `Map '${name}'`;
    checkNumberField(props.maxConcurrency, `${where} maxConcurrency`, { min: 0 });
    if (props.itemsPath !== undefined) assertPath(props.itemsPath, `${where} itemsPath`);
    const distributedOnly = (['executionType', 'itemReader', 'resultWriter', 'toleratedFailurePercentage', 'toleratedFailureCount', 'itemBatcher', 'label'] as const).filter(
      (key) => props[key] !== undefined,
    );
    if (props.mode !== 'DISTRIBUTED' && distributedOnly.length > 0) {
      throw new Error(`${where}: ${distributedOnly.join(', ')} only apply in mode 'DISTRIBUTED'; set mode: 'DISTRIBUTED' or remove them.`);
    }
    checkNumberField(props.toleratedFailurePercentage, `${where} toleratedFailurePercentage`, { min: 0, max: 100, integer: false });
    checkNumberField(props.toleratedFailureCount, `${where} toleratedFailureCount`, { min: 0 });
    const batcher = props.itemBatcher;
    if (batcher !== undefined) {
      if (batcher.maxItemsPerBatch === undefined && batcher.maxInputBytesPerBatch === undefined) {
        throw new Error(`${where} itemBatcher: give maxItemsPerBatch, maxInputBytesPerBatch or both ("ItemBatcher (Map)"); without them nothing limits a batch.`);
      }
      checkNumberField(batcher.maxItemsPerBatch, `${where} itemBatcher.maxItemsPerBatch`, { min: 1 });
      checkNumberField(batcher.maxInputBytesPerBatch, `${where} itemBatcher.maxInputBytesPerBatch`, { min: 1, max: MAX_BATCH_BYTES });
    }
  }

  /** The states each item runs through. */
  itemProcessor(chain: IChainable): this {
    if (this.processor) throw new Error(`Map '${this.name}' already has an item processor; a Map has one.`);
    this.processor = chain;
    return this;
  }

  childGraphs(): IChainable[] {
    if (!this.processor) throw new Error(`Map '${this.name}' has no item processor; call .itemProcessor(chain) to say what runs for each item.`);
    return [this.processor];
  }

  policyStatements(): PolicyStatement[] {
    if (this.props.mode !== 'DISTRIBUTED') return [];
    return [
      { actions: ['states:StartExecution'], resources: [OWN_STATE_MACHINE_ARN] },
      { actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [OWN_EXECUTIONS_ARN] },
      ...(this.props.itemReader?.policyStatements ?? []),
      ...(this.props.resultWriter?.policyStatements ?? []),
    ];
  }

  toAsl(children: readonly AslGraph[], context: RenderContext): AslState {
    const p = this.props;
    const language = this.languageIn(context);
    const jsonata = language === 'JSONata';
    const where = `Map '${this.name}'`;
    if (jsonata && p.itemsPath !== undefined) throw jsonPathOnlyField(this, 'itemsPath', 'ItemsPath', 'items, itemSelector, output and assign');
    if (jsonata && p.inputPath !== undefined) throw jsonPathOnlyField(this, 'inputPath', 'InputPath', 'items, itemSelector, output and assign');
    if (!jsonata && p.items !== undefined) {
      throw new Error(`${where} sets items, a JSONata field, but the state is evaluated as JSONPath: use itemsPath, or set queryLanguage: 'JSONata' on the Map.`);
    }
    const payload = (value: Payload, field: string) =>
      jsonata ? renderJsonata(value, `${where} ${field}`, { inCatcher: false, resultHere: false }) : renderPayload(value, `${where} ${field}`);
    const distributed = p.mode === 'DISTRIBUTED';
    const processorConfig = distributed
      ? { Mode: 'DISTRIBUTED', ExecutionType: p.executionType ?? 'STANDARD' }
      : { Mode: 'INLINE' };
    const number = (value: NumberField | undefined, field: string, holder = where) => renderNumberField(value, field, language, holder);
    const reader = p.itemReader && {
      Resource: p.itemReader.resource.arnIn(context.partition),
      ...(p.itemReader.readerConfig && { ReaderConfig: this.readerConfig(p.itemReader.readerConfig, number) }),
      [jsonata ? 'Arguments' : 'Parameters']: payload(p.itemReader.parameters, 'ItemReader'),
    };
    const batcher = p.itemBatcher && {
      ...number(p.itemBatcher.maxItemsPerBatch, 'MaxItemsPerBatch', `${where} ItemBatcher`),
      ...number(p.itemBatcher.maxInputBytesPerBatch, 'MaxInputBytesPerBatch', `${where} ItemBatcher`),
      ...(p.itemBatcher.batchInput !== undefined && { BatchInput: payload(p.itemBatcher.batchInput, 'ItemBatcher.BatchInput') }),
    };
    const writer = p.resultWriter && {
      Resource: p.resultWriter.resource.arnIn(context.partition),
      [jsonata ? 'Arguments' : 'Parameters']: payload(p.resultWriter.parameters, 'ResultWriter'),
    };
    return {
      ...this.header(),
      ...(p.inputPath !== undefined && { InputPath: assertPath(p.inputPath, `Map '${this.name}' inputPath`) }),
      ...(p.itemsPath !== undefined && { ItemsPath: p.itemsPath }),
      ...(p.items !== undefined && { Items: renderJsonata(p.items, `${where} Items`, { inCatcher: false, resultHere: false }) }),
      ...(reader && { ItemReader: reader }),
      ...(p.itemSelector !== undefined && { ItemSelector: payload(p.itemSelector, 'ItemSelector') }),
      ...(batcher && { ItemBatcher: batcher }),
      ItemProcessor: { ProcessorConfig: processorConfig, ...children[0] },
      ...number(p.maxConcurrency, 'MaxConcurrency'),
      ...number(p.toleratedFailurePercentage, 'ToleratedFailurePercentage'),
      ...number(p.toleratedFailureCount, 'ToleratedFailureCount'),
      ...(p.label !== undefined && { Label: p.label }),
      ...(writer && { ResultWriter: writer }),
      ...renderIo(this, language, { resultSelector: p.resultSelector, resultPath: p.resultPath, outputPath: p.outputPath, output: p.output, assign: p.assign }),
      ...this.errorHandling.toAsl(language),
      ...this.transition(),
    };
  }

  /** ReaderConfig with its numbers in the Map's language (MaxItems, MaxItemsPath or a JSONata MaxItems). */
  private readerConfig(
    config: Readonly<Record<string, string | NumberField>>,
    number: (value: NumberField, field: string, holder: string) => Record<string, unknown>,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) Object.assign(out, typeof value === 'string' ? { [key]: value } : number(value, key, `Map '${this.name}' ReaderConfig`));
    return out;
  }
}
