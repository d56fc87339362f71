import type { LocalStack } from '../../../local';
import { LOCAL_CREDENTIALS } from '../../../local/aws-names';
import type { HistoryEvent } from '../../../local/engine';

/**
 * The floor under a local execution: the calls its Tasks made, sent again one after another straight to the
 * emulators (DynamoDB to dynalite, SNS to the sink, a function invoked in its warm environment), with no engine, no
 * Step Functions API, no IAM decision and no history. Whatever the runner does, an execution cannot cost less than
 * these calls; the engine-ratio part sets them beside the engine alone, in the same turns.
 */

/** One Task call of an execution, as its TaskScheduled event recorded it. */
export interface TaskCall {
  readonly resourceType: string;
  readonly resource: string;
  readonly parameters: Record<string, unknown>;
}

/** The calls a history's Tasks made, in the order they were scheduled (every Map iteration's included). */
export function taskCalls(history: readonly HistoryEvent[]): TaskCall[] {
  const calls: TaskCall[] = [];
  for (const event of history) {
    const details = event.taskScheduledEventDetails as { resourceType?: string; resource?: string; parameters?: string } | undefined;
    if (event.type !== 'TaskScheduled' || !details?.resourceType || !details.resource) continue;
    calls.push({ resourceType: details.resourceType, resource: details.resource, parameters: JSON.parse(details.parameters ?? '{}') as Record<string, unknown> });
  }
  return calls;
}

/** The kinds of call `replayCalls` can send: `dynamodb:<action>`, `lambda:invoke`, `sns:publish`. */
export function replayable(call: TaskCall): boolean {
  return call.resourceType === 'dynamodb' || (call.resourceType === 'lambda' && call.resource.startsWith('invoke')) || (call.resourceType === 'sns' && call.resource === 'publish');
}

type Send = (call: TaskCall) => Promise<unknown>;

/**
 * Something that sends calls straight to a stack's emulators, with its clients made once (their SDKs loaded before
 * any call is timed). A call's own error (a condition that fails the second time) still counts: it was answered.
 */
export function directCaller(stack: LocalStack): { send: Send; close(): void } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const ddb = require('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
  const sns = require('@aws-sdk/client-sns') as typeof import('@aws-sdk/client-sns');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const region = stack.model.region;
  const dynamodb = new ddb.DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const topics = new sns.SNSClient({ endpoint: stack.endpoints.sns, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const commands = ddb as unknown as Record<string, new (input: unknown) => Parameters<typeof dynamodb.send>[0]>;
  const send: Send = async (call) => {
    if (call.resourceType === 'dynamodb') {
      const action = call.resource.charAt(0).toUpperCase() + call.resource.slice(1);
      const Command = commands[`${action}Command`];
      if (!Command) throw new Error(`The floor cannot replay dynamodb:${call.resource}: @aws-sdk/client-dynamodb has no ${action}Command.`);
      return dynamodb.send(new Command(call.parameters)).catch((err: Error) => err);
    }
    if (call.resourceType === 'lambda') return stack.invoke(String(call.parameters.FunctionName), call.parameters.Payload);
    if (call.resourceType === 'sns') return topics.send(new sns.PublishCommand(call.parameters as never)).catch((err: Error) => err);
    throw new Error(`The floor cannot replay ${call.resourceType}:${call.resource}.`);
  };
  return { send, close: () => (dynamodb.destroy(), topics.destroy()) };
}

/** Sends `calls` (the replayable ones) one after another; answers the milliseconds they took. */
export async function replayCalls(send: Send, calls: readonly TaskCall[]): Promise<number> {
  const started = performance.now();
  for (const call of calls) if (replayable(call)) await send(call);
  return performance.now() - started;
}
