import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { asObject, integrationError, withSdkMetadata, type ServiceErrors, type TaskHandler } from './common';
import type { LocalServices } from './services';

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
export function dynamoDbTask(services: LocalServices, action: DynamoDbAction, stateName: string): TaskHandler {
  // The four commands take the same shape of request (TableName, Key/Item, expressions), checked by the service.
  const Command = COMMANDS[action] as unknown as new (input: unknown) => PutItemCommand;
  return async (input) => {
    try {
      const response = await services.dynamodb.send(new Command(asObject(input, stateName)));
      return withSdkMetadata(response as unknown as Record<string, unknown>, 'application/x-amz-json-1.0');
    } catch (err) {
      throw integrationError(ERRORS, err);
    }
  };
}
