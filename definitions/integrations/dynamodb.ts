import { Dynamic, Intrinsic, JsonPath } from '../json-path';
import { JsonataExpression, JsonataFunctions } from '../jsonata';
import type { Payload, PayloadValue } from '../payload';
import type { Task } from '../states/task';
import { integrationTask, type IntegrationOptions } from './integration';
import { integrationResource } from './resource';

/** A DynamoDB table as a workflow sees it: its name for requests, its ARN for IAM. */
export interface TableRef {
  readonly tableName: string;
  readonly tableArn: string;
}

/**
 * A typed DynamoDB attribute value (`{"S": …}`, `{"N": …}`, …). A value read from the state is a `Dynamic` in a
 * JSONPath state and a `JsonataExpression` in a JSONata one; the state's language decides how it renders.
 */
export class DynamoAttribute {
  private constructor(readonly rendered: Payload) {}

  static string(value: string | Dynamic | JsonataExpression): DynamoAttribute {
    return new DynamoAttribute({ S: value });
  }

  /** A number; a path is turned into the string DynamoDB wants with `States.Format('{}', path)`, an expression with `$string(…)`. */
  static number(value: number | Dynamic | JsonataExpression): DynamoAttribute {
    if (value instanceof Dynamic) return new DynamoAttribute({ N: Intrinsic.format('{}', value) });
    if (value instanceof JsonataExpression) return new DynamoAttribute({ N: JsonataFunctions.string(value) });
    if (!Number.isFinite(value)) throw new Error(`DynamoAttribute.number: ${value} is not a finite number.`);
    return new DynamoAttribute({ N: String(value) });
  }

  /** A number given as a string (or an intrinsic that yields one). */
  static numberFromString(value: string | Dynamic | JsonataExpression): DynamoAttribute {
    return new DynamoAttribute({ N: value });
  }

  static boolean(value: boolean | Dynamic | JsonataExpression): DynamoAttribute {
    return new DynamoAttribute({ BOOL: value });
  }

  static map(value: Record<string, DynamoAttribute> | Dynamic | JsonataExpression): DynamoAttribute {
    return new DynamoAttribute({ M: value instanceof Dynamic || value instanceof JsonataExpression ? value : renderItem(value) });
  }

  static list(value: DynamoAttribute[] | Dynamic | JsonataExpression): DynamoAttribute {
    return new DynamoAttribute({ L: value instanceof Dynamic || value instanceof JsonataExpression ? value : value.map((v) => v.rendered) });
  }

  static null(): DynamoAttribute {
    return new DynamoAttribute({ NULL: true });
  }
}

export type DynamoItem = Record<string, DynamoAttribute>;

function renderItem(item: DynamoItem): Payload {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v.rendered]));
}

export interface ConditionalWriteProps {
  /** The write happens only if this holds, else `DynamoDB.ConditionalCheckFailedException`. @default unconditional */
  readonly conditionExpression?: string;
  readonly expressionAttributeNames?: Record<string, string>;
  readonly expressionAttributeValues?: DynamoItem;
  /** @default 'NONE' */
  readonly returnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
}

/** The error a failed `ConditionExpression` raises, as Step Functions names it. */
export const DYNAMODB_CONDITION_FAILED = 'DynamoDB.ConditionalCheckFailedException';

/** DynamoDB's transient errors as Step Functions names them. */
export const DYNAMODB_TRANSIENT_ERRORS = [
  'DynamoDB.ProvisionedThroughputExceededException',
  'DynamoDB.RequestLimitExceeded',
  'DynamoDB.ThrottlingException',
  'DynamoDB.InternalServerErrorException',
];

function dynamoTask(
  name: string,
  action: 'putItem' | 'getItem' | 'updateItem' | 'deleteItem',
  table: TableRef,
  options: IntegrationOptions,
  parameters: Record<string, PayloadValue | undefined>,
): Task {
  const iamAction = `dynamodb:${action[0].toUpperCase()}${action.slice(1)}`;
  return integrationTask(name, options, {
    resource: integrationResource('dynamodb', action),
    parameters: Object.fromEntries(Object.entries(parameters).filter(([, v]) => v !== undefined)) as Payload,
    policyStatements: [{ actions: [iamAction], resources: [table.tableArn] }],
    transientRetry: { errors: DYNAMODB_TRANSIENT_ERRORS, intervalSeconds: 1, maxAttempts: 3, backoffRate: 2, jitterStrategy: 'FULL' },
  });
}

function conditionFields(props: ConditionalWriteProps): Record<string, PayloadValue | undefined> {
  return {
    ConditionExpression: props.conditionExpression,
    ExpressionAttributeNames: props.expressionAttributeNames,
    ExpressionAttributeValues: props.expressionAttributeValues && renderItem(props.expressionAttributeValues),
    ReturnValues: props.returnValues,
  };
}

export interface PutItemProps extends IntegrationOptions, ConditionalWriteProps {
  readonly table: TableRef;
  readonly item: DynamoItem;
}

export interface GetItemProps extends IntegrationOptions {
  readonly table: TableRef;
  readonly key: DynamoItem;
  /** Read the latest write (at twice the read cost). @default false */
  readonly consistentRead?: boolean;
  readonly projectionExpression?: string;
  readonly expressionAttributeNames?: Record<string, string>;
}

export interface UpdateItemProps extends IntegrationOptions, ConditionalWriteProps {
  readonly table: TableRef;
  readonly key: DynamoItem;
  readonly updateExpression: string;
}

export interface DeleteItemProps extends IntegrationOptions, ConditionalWriteProps {
  readonly table: TableRef;
  readonly key: DynamoItem;
}

/**
 * The optimized DynamoDB integrations (`arn:<partition>:states:::dynamodb:*`). Each takes one options interface and
 * renders in the state's language: the request as `Parameters` (JSONPath) or `Arguments` (JSONata), with the same
 * IAM statement either way (it is derived from the table, not from the rendering).
 */
export const DynamoDB = {
  putItem(name: string, props: PutItemProps): Task {
    const { table, item, conditionExpression, expressionAttributeNames, expressionAttributeValues, returnValues, ...options } = props;
    return dynamoTask(name, 'putItem', table, options, {
      Item: renderItem(item),
      TableName: table.tableName,
      ...conditionFields({ conditionExpression, expressionAttributeNames, expressionAttributeValues, returnValues }),
    });
  },

  getItem(name: string, props: GetItemProps): Task {
    const { table, key, consistentRead, projectionExpression, expressionAttributeNames, ...options } = props;
    return dynamoTask(name, 'getItem', table, options, {
      Key: renderItem(key),
      TableName: table.tableName,
      ConsistentRead: consistentRead ?? false,
      ProjectionExpression: projectionExpression,
      ExpressionAttributeNames: expressionAttributeNames,
    });
  },

  updateItem(name: string, props: UpdateItemProps): Task {
    const { table, key, updateExpression, conditionExpression, expressionAttributeNames, expressionAttributeValues, returnValues, ...options } =
      props;
    return dynamoTask(name, 'updateItem', table, options, {
      Key: renderItem(key),
      TableName: table.tableName,
      ...conditionFields({ conditionExpression, expressionAttributeNames, expressionAttributeValues, returnValues }),
      UpdateExpression: updateExpression,
    });
  },

  deleteItem(name: string, props: DeleteItemProps): Task {
    const { table, key, conditionExpression, expressionAttributeNames, expressionAttributeValues, returnValues, ...options } = props;
    return dynamoTask(name, 'deleteItem', table, options, {
      Key: renderItem(key),
      TableName: table.tableName,
      ...conditionFields({ conditionExpression, expressionAttributeNames, expressionAttributeValues, returnValues }),
    });
  },
};

/**
 * DynamoDB PutItem in a chosen language, in the manner of AWS CDK's `DynamoPutItem.jsonPath()` / `.jsonata()`: the
 * same options, the state's `queryLanguage` set. `DynamoDB.putItem` leaves the language to the state machine.
 */
export const DynamoPutItem = {
  jsonPath(name: string, props: PutItemProps): Task {
    return DynamoDB.putItem(name, { ...props, queryLanguage: 'JSONPath' });
  },
  jsonata(name: string, props: PutItemProps): Task {
    return DynamoDB.putItem(name, { ...props, queryLanguage: 'JSONata' });
  },
};

/** Shorthand for the common key value read from the input: `{ S.$: path }`. */
export function stringAttributeAt(path: string): DynamoAttribute {
  return DynamoAttribute.string(JsonPath.stringAt(path));
}
