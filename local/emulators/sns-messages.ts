import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PublishedMessage } from './sns-journal';

/**
 * The read-back of what the SNS sink recorded: `GET /_aws/sns/messages[?topicArn=<arn>]`, answered as JSON
 * `{"messages": [...]}` in the order they were published. It sits under `/_aws/sns/`, where LocalStack keeps its
 * own SNS developer endpoints (`/_aws/sns/platform-endpoint-messages`, `/_aws/sns/sms-messages`: "Platform Endpoint
 * messages which are not sent to those platforms", LocalStack docs, SNS), since this sink likewise delivers
 * nothing. It is no AWS API: no signature is needed or checked. Served by each stack's SNS emulator and by the edge.
 */
export const MESSAGES_PATH = '/_aws/sns/messages';

export function isMessagesPath(url: string | undefined): boolean {
  return (url ?? '').split('?')[0].replace(/\/+$/, '') === MESSAGES_PATH;
}

/** The `topicArn` filter of a read-back request, if any. */
export function topicFilter(url: string | undefined): string | undefined {
  const query = (url ?? '').split('?')[1];
  return query === undefined ? undefined : (new URLSearchParams(query).get('topicArn') ?? undefined);
}

/** Answers a read-back request from `messages` (all of them; filtered here) for a sink serving `topics`. */
export function answerMessages(req: IncomingMessage, res: ServerResponse, topics: readonly string[], messages: () => readonly PublishedMessage[]): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendJson(res, 405, { __type: 'MethodNotAllowed', message: `${MESSAGES_PATH} answers GET only (with ?topicArn=<arn> to pick one topic).` });
  }
  const topicArn = topicFilter(req.url);
  if (topicArn !== undefined && !topics.includes(topicArn)) return sendJson(res, 404, unknownTopic(topicArn, topics));
  sendJson(res, 200, { messages: topicArn === undefined ? messages() : messages().filter((m) => m.topicArn === topicArn) });
}

/** The 404 for a topic no stack here serves. */
export function unknownTopic(topicArn: string, topics: readonly string[]): { __type: string; message: string } {
  const served = topics.length > 0 ? `the topics served here: ${topics.join(', ')}` : 'no topic is served here';
  return { __type: 'NotFound', message: `Topic does not exist: '${topicArn}' (${served}).` };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
