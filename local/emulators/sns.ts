import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SNSClient } from '@aws-sdk/client-sns';
import { DEFAULT_REGION, LOCAL_CREDENTIALS } from '../aws-names';
import { NewestKept, stringCost } from '../newest-kept';
import type { TopicModel } from '../stack-model';
import { closeServer, endpointUrl, listenLocal, readBody } from './http';
import { MessageJournal, type PublishedMessage } from './sns-journal';
import { answerMessages, isMessagesPath } from './sns-messages';

export type { PublishedMessage } from './sns-journal';

/**
 * SNS as a sink: `Publish` (the AWS Query protocol the SDK speaks) to a topic of the stack is recorded and
 * answered with a message id; any other topic is refused with `NotFound`, as AWS does; nothing is delivered.
 * What was published is read back with `GET /_aws/sns/messages[?topicArn=…]` (sns-messages.ts).
 */
export class SnsEmulator {
  private sdkClient: SNSClient | undefined;
  private readonly topicArns: Set<string>;
  private readonly messages = new NewestKept<PublishedMessage>(KEPT_MESSAGES, KEPT_MESSAGE_BYTES, messageCost);

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
    topics: readonly TopicModel[],
    stored: readonly PublishedMessage[],
    private readonly journal: MessageJournal | undefined,
  ) {
    for (const message of stored) this.messages.push(message);
    this.topicArns = new Set(topics.map((t) => t.arn));
  }

  /** A client of this sink, made (and the SNS SDK loaded, ~10–90 ms) when a Task first publishes. */
  get client(): SNSClient {
    const { SNSClient: Client } = require('@aws-sdk/client-sns') as typeof import('@aws-sdk/client-sns');
    return (this.sdkClient ??= new Client({ endpoint: this.endpoint, region: DEFAULT_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }));
  }

  /**
   * With `dataDir`, earlier runs' messages are read from it and new ones appended to `<dataDir>/messages.jsonl`
   * (sns-journal.ts); nothing is written until the first Publish. `onWarning` hears of a tolerated unfinished line.
   */
  static async start(topics: readonly TopicModel[], dataDir?: string, onWarning: (message: string) => void = console.warn): Promise<SnsEmulator> {
    const opened = dataDir ? MessageJournal.open(dataDir) : undefined;
    opened?.stored.warnings.forEach((w) => onWarning(w));
    let emulator: SnsEmulator | undefined;
    const server = createServer((req, res) => void emulator?.handle(req, res));
    emulator = new SnsEmulator(server, endpointUrl(await listenLocal(server)), topics, opened?.stored.messages ?? [], opened?.journal);
    return emulator;
  }

  /** The topics this sink accepts Publish for. */
  get topics(): readonly string[] {
    return [...this.topicArns];
  }

  /** The messages kept in memory (the newest, see KEPT_MESSAGES), oldest first. */
  snapshot(): PublishedMessage[] {
    return this.messages.toArray().map((m) => ({ ...m }));
  }

  /** How many messages left memory so far (see KEPT_MESSAGES). */
  get dropped(): number {
    return this.messages.dropped;
  }

  async close(): Promise<void> {
    this.sdkClient?.destroy();
    await closeServer(this.server);
    this.journal?.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    if (isMessagesPath(req.url)) return answerMessages(req, res, this.topics, () => this.snapshot());
    try {
      // Room for a message at the quota once form-encoded (up to 3 bytes a byte), so the quota answers, not the reader.
      const form = new URLSearchParams(await readBody(req, 4 * 1024 * 1024));
      const action = form.get('Action');
      if (action !== 'Publish') {
        return reply(res, 400, errorXml('Sender', 'InvalidAction', `The local SNS emulator implements Publish only, not ${action}.`, requestId));
      }
      const topicArn = form.get('TopicArn') ?? form.get('TargetArn') ?? '';
      const message = form.get('Message');
      if (!this.topicArns.has(topicArn)) return reply(res, 404, errorXml('Sender', 'NotFound', 'Topic does not exist', requestId));
      if (message === null || message === '') {
        return reply(res, 400, errorXml('Sender', 'InvalidParameter', 'Invalid parameter: Empty message', requestId));
      }
      const subject = form.get('Subject') ?? undefined;
      const attributes = readAttributes(form);
      if (publishBytes(message, attributes) > SNS_MAX_MESSAGE_BYTES) {
        return reply(res, 400, errorXml('Sender', 'InvalidParameter', 'Invalid parameter: Message too long', requestId));
      }
      const messageId = randomUUID();
      this.record({ topicArn, message, messageId, timestamp: new Date().toISOString(), ...(subject && { subject }), ...(attributes && { attributes }) });
      reply(
        res,
        200,
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult>` +
          `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    } catch (err) {
      reply(res, 500, errorXml('Receiver', 'InternalError', (err as Error).message, requestId));
    }
  }

  /** Keeps a message; with a data folder, only once its line is written (a failed write fails the Publish). */
  private record(message: PublishedMessage): void {
    this.journal?.append(message);
    this.messages.push(message);
  }
}

/**
 * Messages the sink keeps in memory: the newest 10,000 and at most 1 MiB of them (message, subject, attributes), so
 * that a long `--serve` stays within a flat amount of memory whatever the messages' size. `GET /_aws/sns/messages` and
 * a run's snapshot answer these; with `--data-dir` every message is in `sns/messages.jsonl`, which
 * `npm run local -- messages --data-dir DIR` reads whole.
 */
export const KEPT_MESSAGES = 10_000;
export const KEPT_MESSAGE_BYTES = 1024 * 1024;

/** About what a kept message costs in memory: its texts and the object's fields. */
function messageCost(m: PublishedMessage): number {
  const attributes = Object.entries(m.attributes ?? {}).reduce((sum, [name, v]) => sum + stringCost(name) + stringCost(v.StringValue) + 48, 0);
  return stringCost(m.message) + stringCost(m.subject) + attributes + 160;
}

/**
 * SNS's message quota: 256 KB, 262,144 bytes, counting the message and its attributes (names, data types and
 * values) together (SNS Developer Guide, "Amazon SNS message publishing", and "Amazon SNS quotas").
 */
export const SNS_MAX_MESSAGE_BYTES = 262_144;

function publishBytes(message: string, attributes: PublishedMessage['attributes']): number {
  const parts = [message, ...Object.entries(attributes ?? {}).flatMap(([name, v]) => [name, v.DataType, v.StringValue ?? ''])];
  return parts.reduce((sum, part) => sum + Buffer.byteLength(part, 'utf8'), 0);
}

/** `MessageAttributes.entry.N.Name` / `.Value.DataType` / `.Value.StringValue` → a map. */
function readAttributes(form: URLSearchParams): PublishedMessage['attributes'] {
  const result: Record<string, { DataType: string; StringValue?: string }> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n++) {
    const prefix = `MessageAttributes.entry.${n}`;
    const value = form.get(`${prefix}.Value.StringValue`);
    result[form.get(`${prefix}.Name`)!] = { DataType: form.get(`${prefix}.Value.DataType`) ?? 'String', ...(value !== null && { StringValue: value }) };
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function errorXml(type: string, code: string, message: string, requestId: string): string {
  return `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/xml' }).end(body);
}
