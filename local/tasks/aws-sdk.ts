import { requireAccess, SDK_DENIED } from './access';
import { asObject, TaskError, withoutMetadata, type TaskHandler } from './common';
import { sdkPermissions } from './sdk-permissions';
import type { LocalServices, TaskCaller } from './services';

type Client = { send(command: unknown): Promise<object> };

/**
 * The services an `arn:aws:states:::aws-sdk:<service>:<action>` Task may call locally, with their error prefix. Each
 * SDK module is loaded when a definition first names one of its actions (the S3 client alone takes ~50 ms to load,
 * which a stack that never calls S3 does not pay).
 */
const SERVICES: Record<string, { module: () => Record<string, unknown>; prefix: string; client: (s: LocalServices) => Client }> = {
  dynamodb: { module: () => require('@aws-sdk/client-dynamodb') as Record<string, unknown>, prefix: 'DynamoDb', client: (s) => s.dynamodb as unknown as Client },
  s3: { module: () => require('@aws-sdk/client-s3') as Record<string, unknown>, prefix: 'S3', client: (s) => s.s3 as unknown as Client },
  sns: { module: () => require('@aws-sdk/client-sns') as Record<string, unknown>, prefix: 'Sns', client: (s) => s.sns as unknown as Client },
  sfn: { module: () => require('@aws-sdk/client-sfn') as Record<string, unknown>, prefix: 'Sfn', client: (s) => s.sfn as unknown as Client },
};

export const AWS_SDK_SERVICES = Object.keys(SERVICES);

/** The SDK v3 command class for `service:action` (`s3:putObject` → PutObjectCommand), if there is one. */
function commandClass(service: string, action: string): (new (input: unknown) => unknown) | undefined {
  const name = `${action[0]?.toUpperCase()}${action.slice(1)}Command`;
  const candidate = SERVICES[service]?.module()[name];
  return typeof candidate === 'function' ? (candidate as new (input: unknown) => unknown) : undefined;
}

export function isAwsSdkCall(service: string, action: string): boolean {
  return commandClass(service, action) !== undefined;
}

/**
 * An AWS SDK integration: the Parameters are the request (same PascalCase keys as SDK v3), the result is the
 * response without metadata, and errors are `<Service>.<Name>Exception` (`S3.NoSuchKeyException`).
 */
export function awsSdkTask(services: LocalServices, caller: TaskCaller, service: string, action: string, stateName: string): TaskHandler {
  const Command = commandClass(service, action)!;
  const { prefix, client } = SERVICES[service];
  return async (input) => {
    const request = asObject(input, stateName);
    await requireAccess(caller.access, sdkPermissions(caller.region, service, action, request), stateName, SDK_DENIED[service]);
    try {
      const response = withoutMetadata(await client(services).send(new Command(request)));
      const body = response.Body as { transformToString?: () => Promise<string> } | undefined;
      // Step Functions returns an object's body as text.
      if (body?.transformToString) response.Body = await body.transformToString();
      return JSON.parse(JSON.stringify(response)) as unknown;
    } catch (err) {
      const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      if (!e.$metadata?.httpStatusCode) throw new TaskError(`${prefix}.SdkClientException`, `Unable to execute HTTP request: ${e.message ?? String(err)}`);
      const name = e.name ?? 'Unknown';
      throw new TaskError(`${prefix}.${name.endsWith('Exception') ? name : `${name}Exception`}`, `${e.message ?? name} (Service: ${service}, Status Code: ${e.$metadata.httpStatusCode})`);
    }
  };
}
