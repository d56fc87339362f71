import * as fs from 'node:fs';
import * as path from 'node:path';
import { readStoredMessages, type PublishedMessage } from '../../../local/emulators/sns-journal';
import { MESSAGES_PATH } from '../../../local/emulators/sns-messages';
import { LocalSetupError } from '../../../local/errors';
import { parseCommandLine, UsageError } from '../cli';

/**
 * `npm run local -- messages`: what the local SNS sink recorded, read from a --data-dir's journals (the stack's
 * `sns/messages.jsonl`, or every `<stack-id>/sns/` of a data folder several stacks share) or, without --data-dir,
 * from a running endpoint's `GET /_aws/sns/messages`.
 */

export const MESSAGES_USAGE = `Usage: npm run local -- messages [--data-dir <dir> | --endpoint-url <url>] [--topic <arn|name>] [--json]

Prints the messages published to the local SNS topics (nothing is delivered locally; they are recorded), oldest first.

Options:
  --data-dir <dir>        Read them from a data folder of npm run local (<dir>/sns/messages.jsonl, or
                          <dir>/<stack-id>/sns/ for each stack of a folder several stacks shared). Works
                          while the stacks run and after they stopped.
  --endpoint-url <url>    Ask a running endpoint (npm run local -- --serve) for them: GET <url>${MESSAGES_PATH}
                          (default, without --data-dir: http://127.0.0.1:4566).
  --topic <arn|name>      Only the messages of this topic.
  --json                  Print {"messages": [...]}, as GET ${MESSAGES_PATH} answers.
  --help                  Show this help.`;

export interface MessagesArgs {
  readonly help: boolean;
  readonly dataDir?: string;
  readonly endpointUrl: string;
  readonly topic?: string;
  readonly json: boolean;
}

const DEFAULT_ENDPOINT = 'http://127.0.0.1:4566';

export function parseMessagesArgs(argv: readonly string[]): MessagesArgs {
  const { values, positionals } = parseCommandLine(argv, {
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      'data-dir': { type: 'string' },
      'endpoint-url': { type: 'string' },
      topic: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (values.help) return { help: true, endpointUrl: DEFAULT_ENDPOINT, json: false };
  if (positionals.length > 0) throw new UsageError(`messages takes no stack id (${positionals.join(' ')}): give --data-dir or --endpoint-url, and --topic to pick one topic.`);
  if (values['data-dir'] !== undefined && values['endpoint-url'] !== undefined) throw new UsageError('Give --data-dir or --endpoint-url, not both.');
  const endpointUrl = values['endpoint-url'] ?? DEFAULT_ENDPOINT;
  if (!/^https?:\/\/[^/\s]+\/?$/.test(endpointUrl)) throw new UsageError(`--endpoint-url ${endpointUrl} is not an endpoint URL such as ${DEFAULT_ENDPOINT}.`);
  return {
    help: false,
    ...(values['data-dir'] !== undefined && { dataDir: values['data-dir'] }),
    endpointUrl: endpointUrl.replace(/\/$/, ''),
    ...(values.topic !== undefined && { topic: values.topic }),
    json: values.json ?? false,
  };
}

/** Runs the command; answers the exit code. */
export async function runMessages(argv: readonly string[], say: (line: string) => void = console.log): Promise<number> {
  const args = parseMessagesArgs(argv);
  if (args.help) {
    say(MESSAGES_USAGE);
    return 0;
  }
  const all = args.dataDir !== undefined ? fromDataDir(args.dataDir) : await fromEndpoint(args.endpointUrl);
  const topic = args.topic;
  const messages = topic === undefined ? all : all.filter((m) => m.topicArn === topic || m.topicArn.endsWith(`:${topic}`));
  if (args.json) {
    say(JSON.stringify({ messages }, null, 2));
    return 0;
  }
  const where = args.dataDir ?? args.endpointUrl;
  say(`${messages.length} message${messages.length === 1 ? '' : 's'} published${topic === undefined ? '' : ` to ${topic}`} (${where})`);
  for (const m of messages) {
    say(`${m.timestamp}  ${m.topicArn}  ${m.messageId}${m.subject !== undefined ? `  Subject: ${m.subject}` : ''}`);
    for (const [name, value] of Object.entries(m.attributes ?? {})) say(`  ${name} (${value.DataType}): ${value.StringValue ?? ''}`);
    say(`  ${m.message.replace(/\n/g, '\n  ')}`);
  }
  return 0;
}

/** The messages of every SNS journal in a data folder, oldest first. */
export function fromDataDir(dataDir: string): PublishedMessage[] {
  if (!fs.existsSync(dataDir) || !fs.statSync(dataDir).isDirectory()) {
    throw new LocalSetupError(`--data-dir ${dataDir} is not a folder. Give the folder npm run local -- … --data-dir was given.`);
  }
  const own = path.join(dataDir, 'sns');
  const folders = fs.existsSync(own)
    ? [own]
    : fs
        .readdirSync(dataDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dataDir, entry.name, 'sns')))
        .map((entry) => path.join(dataDir, entry.name, 'sns'));
  const messages = folders.flatMap((folder) => readStoredMessages(folder).messages);
  return messages.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
}

async function fromEndpoint(endpointUrl: string): Promise<PublishedMessage[]> {
  let response: Response;
  try {
    response = await fetch(`${endpointUrl}${MESSAGES_PATH}`, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    const why = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new LocalSetupError(
      `Nothing answers on ${endpointUrl} (${why}). Start the stacks with npm run local -- --serve, give --endpoint-url for another port, ` +
        'or read a data folder with --data-dir <dir>.',
    );
  }
  const body = (await response.json().catch(() => undefined)) as { messages?: PublishedMessage[]; message?: string } | undefined;
  if (!response.ok || !Array.isArray(body?.messages)) {
    throw new LocalSetupError(`${endpointUrl}${MESSAGES_PATH} answered HTTP ${response.status}${body?.message ? `: ${body.message}` : ''}; is it the endpoint of npm run local -- --serve?`);
  }
  return body.messages;
}
