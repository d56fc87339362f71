/**
 * The AWS limits a list must fit before the loader writes it, each with the page that documents it. The loader
 * compares against these and nothing else; a limit that changes is changed here.
 */

/** A documented limit: its value and the AWS page that states it. */
export interface Limit {
  readonly value: number;
  /** How the limit reads in a message, e.g. "256 KiB". */
  readonly label: string;
  readonly source: string;
}

const limit = (value: number, label: string, source: string): Limit => ({ value, label, source });

const DYNAMODB_QUOTAS = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html';
const DYNAMODB_NUMBERS = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number';
const SFN_QUOTAS = 'https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html';
const SFN_ITEM_READER = 'https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html';

export const AWS_LIMITS = {
  /** "The maximum item size in DynamoDB is 400 KB, which includes both attribute name binary length and attribute value lengths." */
  dynamoDbItemBytes: limit(400 * 1024, '400 KB', `${DYNAMODB_QUOTAS}#limits-items`),
  /** "DynamoDB supports nested attributes up to 32 levels deep." */
  dynamoDbNesting: limit(32, '32 levels', `${DYNAMODB_QUOTAS}#limits-attributes`),
  /** "Numbers can have up to 38 digits of precision. Exceeding this results in an exception." */
  dynamoDbNumberDigits: limit(38, '38 significant digits', DYNAMODB_NUMBERS),
  /** Positive range 1E-130 to 9.9999999999999999999999999999999999999E+125: the exponent of the first significant digit. */
  dynamoDbNumberMaxExponent: limit(125, '9.9999999999999999999999999999999999999E+125', DYNAMODB_NUMBERS),
  dynamoDbNumberMinExponent: limit(-130, '1E-130', DYNAMODB_NUMBERS),
  /** "Maximum input or output size for a task, state, or execution: 256 KiB of data as a UTF-8 encoded string." */
  statePayloadBytes: limit(256 * 1024, '256 KiB', `${SFN_QUOTAS}#service-limits-task-executions`),
  /** "Maximum execution history size: 25,000 events in a single state machine execution history." */
  historyEvents: limit(25_000, '25,000 events', `${SFN_QUOTAS}#service-limits-state-machine-executions`),
  /** "The execution input used to start a child workflow execution can't exceed 256 KiB." */
  childExecutionInputBytes: limit(256 * 1024, '256 KiB', SFN_ITEM_READER),
  /** "Step Functions supports reading an item of up to 8 MB from a text delimited file, JSON, or JSON Lines file if you then apply the optional ItemSelector field to reduce the item's size." */
  itemReaderItemBytes: limit(8 * 1024 ** 2, '8 MB', SFN_ITEM_READER),
  /** "Step Functions supports 10 GB as the maximum size of an individual file in Amazon S3." (read as GiB, the larger) */
  itemReaderFileBytes: limit(10 * 1024 ** 3, '10 GB', SFN_ITEM_READER),
  /** "Currently, Step Functions supports CSV headers of up to 10 KiB." */
  csvHeaderBytes: limit(10 * 1024, '10 KiB', SFN_ITEM_READER),
} as const;

export type LimitName = keyof typeof AWS_LIMITS;
