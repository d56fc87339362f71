import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { DENIED, requireAccess } from './access';
import { asObject, integrationError, TaskError, withSdkMetadata, type ServiceErrors, type TaskHandler } from './common';
import type { LocalServices, TaskCaller } from './services';

/** The SNS SDK, loaded at a stack's first Publish (a stack without topics does not load it). */
const snsSdk = () => require('@aws-sdk/client-sns') as typeof import('@aws-sdk/client-sns');

const ERRORS: ServiceErrors = { prefix: 'SNS', service: 'AmazonSNS', generic: 'AmazonSNSException', unmodeled: new Set(['ValidationError', 'InvalidAction', 'MalformedQueryString']) };

/** `arn:aws:states:::sns:publish`: an object Message is sent as its JSON text, as Step Functions does. */
export function snsPublish(services: LocalServices, caller: TaskCaller, stateName: string): TaskHandler {
  return async (input) => {
    const { Message, ...rest } = asObject(input, stateName);
    if (Message === undefined) throw new TaskError('States.Runtime', `State '${stateName}': Parameters.Message is required for sns:publish.`);
    const request = { ...rest, Message: typeof Message === 'string' ? Message : JSON.stringify(Message) } as PublishCommandInput;
    // sns:Publish on the topic or target endpoint; a message to a phone number has no ARN (Resource "*").
    const target = request.TopicArn ?? request.TargetArn ?? '*';
    await requireAccess(caller.access, [{ action: 'sns:Publish', resourceArn: target }], stateName, DENIED.sns);
    try {
      return withSdkMetadata((await services.sns.send(new (snsSdk().PublishCommand)(request))) as unknown as Record<string, unknown>, 'text/xml');
    } catch (err) {
      throw integrationError(ERRORS, err);
    }
  };
}
