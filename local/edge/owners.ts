import type { LocalStack } from '../runner';
import type { EdgeCatalog } from './catalog';

/**
 * Which stack a buffered request is for, read from the request as each service names its resource: Step
 * Functions by the state machine, execution or Map Run ARN; DynamoDB by the table name(s); SNS by the topic ARN.
 * Undefined when the request names nothing the edge serves: the first stack then answers it (with the service's
 * own error for an unknown resource, or the answer of an operation that names none).
 */

export function stepFunctionsOwner(catalog: EdgeCatalog, body: Record<string, unknown>): LocalStack | undefined {
  for (const key of ['stateMachineArn', 'executionArn', 'mapRunArn']) {
    const value = body[key];
    if (typeof value === 'string') return catalog.stateMachineOwner(value);
  }
  return undefined;
}

/** The table names a DynamoDB request touches: TableName, RequestItems' keys, TransactItems' tables. */
export function dynamoDbTables(body: Record<string, unknown>): string[] {
  const names: string[] = [];
  if (typeof body.TableName === 'string') names.push(body.TableName);
  if (body.RequestItems && typeof body.RequestItems === 'object') names.push(...Object.keys(body.RequestItems));
  if (Array.isArray(body.TransactItems)) {
    for (const item of body.TransactItems as Record<string, { TableName?: unknown } | undefined>[]) {
      for (const action of Object.values(item ?? {})) if (typeof action?.TableName === 'string') names.push(action.TableName);
    }
  }
  return names;
}

export function dynamoDbOwner(catalog: EdgeCatalog, body: Record<string, unknown>): LocalStack | undefined {
  const owners = new Set(dynamoDbTables(body).map((name) => catalog.tableOwner(name)).filter((s): s is LocalStack => s !== undefined));
  return owners.size === 1 ? [...owners][0] : undefined;
}

export function snsOwner(catalog: EdgeCatalog, form: URLSearchParams): LocalStack | undefined {
  const arn = form.get('TopicArn') ?? form.get('TargetArn');
  return arn ? catalog.topicOwner(arn) : undefined;
}

export { s3Bucket, s3PathStyleUrl, s3VirtualHostBucket } from './s3-paths';
