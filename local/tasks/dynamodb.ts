import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DENIED, requireAccess, tableArn } from './access';
import { asObject, integrationError, withSdkMetadata, type ServiceErrors, type TaskHandler } from './common';
import type { LocalServices, TaskCaller } from './services';

const ERRORS: ServiceErrors = {
  prefix: 'DynamoDB',
  service: 'AmazonDynamoDBv2',
  generic: 'AmazonDynamoDBException',
  // Errors the DynamoDB Java SDK does not model, which Step Functions reports as the generic one.
  unmodeled: new Set(['ValidationException', 'SerializationException', 'UnknownOperationException', 'UnrecognizedClientException', 'AccessDeniedException']),
};

const COMMANDS = {
  putItem: PutItemCommand,
  getItem: GetItemCommand,
  updateItem: UpdateItemCommand,
  deleteItem: DeleteItemCommand,
} as const;

export type DynamoDbAction = keyof typeof COMMANDS;

export function isDynamoDbAction(action: string): action is DynamoDbAction {
  return Object.hasOwn(COMMANDS, action);
}

/** `arn:aws:states:::dynamodb:<action>`: the rendered Parameters are the request, sent to the local table. */
export function dynamoDbTask(services: LocalServices, caller: TaskCaller, action: DynamoDbAction, stateName: string): TaskHandler {
  // The four commands take the same shape of request (TableName, Key/Item, expressions), checked by the service.
  const Command = COMMANDS[action] as unknown as new (input: unknown) => PutItemCommand;
  const iamAction = `dynamodb:${action[0].toUpperCase()}${action.slice(1)}`;
  return async (input) => {
    const request = asObject(input, stateName);
    // A missing TableName is the service's ValidationException, below; IAM is asked about a table that is named.
    if (typeof request.TableName === 'string') {
      await requireAccess(caller.access, [{ action: iamAction, resourceArn: tableArn(caller.region, request.TableName) }], stateName, DENIED.dynamodb);
    }
    try {
      const response = await services.dynamodb.send(new Command(request));
      return withSdkMetadata(response as unknown as Record<string, unknown>, 'application/x-amz-json-1.0');
    } catch (err) {
      throw integrationError(ERRORS, err);
    }
  };
}
