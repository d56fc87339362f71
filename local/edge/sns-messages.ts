import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerMessages, sendJson, topicFilter } from '../emulators/sns-messages';
import type { PublishedMessage } from '../emulators/sns-journal';
import type { EdgeCatalog } from './catalog';
import { forwardBuffered, sendAnswer } from './forward';

/**
 * `GET /_aws/sns/messages[?topicArn=…]` on the edge (emulators/sns-messages.ts): with a topic, the stack that owns it
 * answers; without, every stack with topics is asked and the lists are joined in the order the messages were
 * published (by timestamp; each stack's own order kept for equal ones).
 */
export async function serveMessages(catalog: EdgeCatalog, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const withTopics = catalog.stacks.filter((s) => s.model.topics.length > 0);
  const topics = withTopics.flatMap((s) => s.model.topics.map((t) => t.arn));
  const topicArn = topicFilter(req.url);
  const owner = topicArn === undefined ? undefined : catalog.topicOwner(topicArn);
  // A wrong method or an unknown topic: answered here, as a stack's sink would.
  if ((req.method !== 'GET' && req.method !== 'HEAD') || (topicArn !== undefined && !owner)) return answerMessages(req, res, topics, () => []);
  const empty = Buffer.alloc(0);
  if (owner) return sendAnswer(res, await forwardBuffered(owner.endpoints.sns, req, empty));
  const answers = await Promise.all(withTopics.map((s) => forwardBuffered(s.endpoints.sns, req, empty)));
  const failed = answers.find((a) => a.status !== 200);
  if (failed) return sendAnswer(res, failed);
  const messages = answers.flatMap((a) => (JSON.parse(a.body.toString('utf8')) as { messages: PublishedMessage[] }).messages);
  messages.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  sendJson(res, 200, { messages });
}
