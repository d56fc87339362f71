import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { LOCAL_CREDENTIALS, MESSAGES_PATH, startLocalEdge, startLocalStack, type LocalEdge, type LocalStack, type PublishedMessage } from '../../local';
import { SnsEmulator } from '../../local/emulators/sns';
import { MessageJournal, readStoredMessages } from '../../local/emulators/sns-journal';
import { launched } from '../../scripts/lib/project';
import { PROJECT_ROOT, runScript, stackFrames } from '../support/cli';
import { removeFixture, writeFixtureStack } from '../support/local';

// What the local SNS sink recorded, read back three ways: GET /_aws/sns/messages (on a stack's SNS endpoint and on
// the edge), `npm run local -- messages`, and the append-only journal <data-dir>/sns/messages.jsonl.

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:alerts';
const OTHER = 'arn:aws:sns:us-east-1:000000000000:other-alerts';

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sns-messages-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const message = (n: number, topicArn = TOPIC): PublishedMessage => ({ topicArn, message: `m${n}`, messageId: `id-${n}`, timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString() });
const freshDir = (name: string) => fs.mkdtempSync(path.join(tmp, `${name}-`));

describe('the journal <data-dir>/sns/messages.jsonl', () => {
  test('one line per message, appended; read back in order', () => {
    const dir = freshDir('lines');
    const { journal, stored } = MessageJournal.open(dir);
    expect(stored.messages).toStrictEqual([]);
    expect(fs.readdirSync(dir)).toStrictEqual([]); // opening writes nothing
    journal.append(message(1));
    journal.append({ ...message(2), subject: 'Hi', attributes: { kind: { DataType: 'String', StringValue: 'x' } } });
    journal.close();
    const lines = fs.readFileSync(path.join(dir, 'messages.jsonl'), 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0])).toStrictEqual(message(1));
    expect(readStoredMessages(dir).messages.map((m) => m.messageId)).toStrictEqual(['id-1', 'id-2']);
  });

  test('an older messages.json is read first and never written', () => {
    const dir = freshDir('legacy');
    const legacy = JSON.stringify([message(1), message(2)], null, 2);
    fs.writeFileSync(path.join(dir, 'messages.json'), legacy);
    const { journal, stored } = MessageJournal.open(dir);
    journal.append(message(3));
    journal.close();
    expect(stored.messages.map((m) => m.messageId)).toStrictEqual(['id-1', 'id-2']);
    expect(readStoredMessages(dir).messages.map((m) => m.messageId)).toStrictEqual(['id-1', 'id-2', 'id-3']);
    expect(fs.readFileSync(path.join(dir, 'messages.json'), 'utf8')).toBe(legacy);
  });

  test('an unfinished last line (a write cut off) is said, ignored, and dropped by the next append', () => {
    const dir = freshDir('torn');
    const file = path.join(dir, 'messages.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(message(1))}\n{"topicArn":"${TOPIC}","mess`);
    const { journal, stored } = MessageJournal.open(dir);
    expect(stored.messages.map((m) => m.messageId)).toStrictEqual(['id-1']);
    expect(stored.warnings).toStrictEqual([expect.stringMatching(/messages\.jsonl: its last line \(line 2, \d+ bytes\) is unfinished/)]);
    expect(fs.readFileSync(file, 'utf8')).toContain('"mess'); // nothing written before the next message
    journal.append(message(2));
    journal.close();
    expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(message(1))}\n${JSON.stringify(message(2))}\n`);
  });

  test('a complete last line without its newline (an edited file) is kept; the next append starts a new line', () => {
    const dir = freshDir('edited');
    fs.writeFileSync(path.join(dir, 'messages.jsonl'), JSON.stringify(message(1)));
    const { journal } = MessageJournal.open(dir);
    journal.append(message(2));
    journal.close();
    expect(readStoredMessages(dir).messages.map((m) => m.messageId)).toStrictEqual(['id-1', 'id-2']);
  });

  test('a damaged line before the end stops the stack, named with its line and what to do; nothing is changed', async () => {
    const dir = freshDir('damaged');
    const file = path.join(dir, 'messages.jsonl');
    const text = `${JSON.stringify(message(1))}\n{"topicArn": 5}\n${JSON.stringify(message(3))}\n`;
    fs.writeFileSync(file, text);
    expect(() => readStoredMessages(dir)).toThrow(`${file} is damaged (line 2 is not a published message: topicArn: Expected string, received number)`);
    expect(() => readStoredMessages(dir)).toThrow(`mv ${file} ${file}.damaged`);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    // The same folder as a stack's data: the stack does not start, and the folder stays as it was.
    const dataDir = freshDir('damaged-stack');
    fs.cpSync(dir, path.join(dataDir, 'sns'), { recursive: true });
    const stackDir = writeFixtureStack({ topics: ['alerts'] });
    try {
      await expect(startLocalStack(stackDir, { dataDir })).rejects.toThrow(`${path.join(dataDir, 'sns', 'messages.jsonl')} is damaged (line 2 is not a published message`);
      expect(fs.readdirSync(dataDir, { recursive: true }).sort()).toStrictEqual(['sns', path.join('sns', 'messages.jsonl')]);
      expect(fs.readFileSync(path.join(dataDir, 'sns', 'messages.jsonl'), 'utf8')).toBe(text);
    } finally {
      removeFixture(stackDir);
    }
  });
});

describe('GET /_aws/sns/messages and npm run local -- messages', () => {
  let dirs: string[];
  let dataDir: string;
  let stacks: LocalStack[];
  let edge: LocalEdge;
  let sns: SNSClient;

  beforeAll(async () => {
    dirs = [writeFixtureStack({ topics: ['alerts'] }), writeFixtureStack({ topics: ['other-alerts'] }, 'other')];
    dataDir = freshDir('stack');
    stacks = [await startLocalStack(dirs[0], { dataDir }), await startLocalStack(dirs[1])];
    edge = await startLocalEdge(stacks);
    sns = new SNSClient({ endpoint: edge.url, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'first', Subject: 'Order 1' }));
    await sns.send(new PublishCommand({ TopicArn: OTHER, Message: 'elsewhere' }));
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'second', MessageAttributes: { kind: { DataType: 'String', StringValue: 'notice' } } }));
  });

  afterAll(async () => {
    sns?.destroy();
    await edge?.close();
    await Promise.all(stacks.map((s) => s.close()));
    dirs.forEach(removeFixture);
  });

  const get = async (base: string, query = '', method = 'GET') => {
    const response = await fetch(`${base}${MESSAGES_PATH}${query}`, { method });
    return { status: response.status, type: response.headers.get('content-type'), body: JSON.parse(await response.text()) as { messages: PublishedMessage[]; __type?: string; message?: string } };
  };

  test('the edge answers every stack\'s messages in publish order, or one topic\'s with ?topicArn=', async () => {
    const all = await get(edge.url);
    expect(all.status).toBe(200);
    expect(all.type).toBe('application/json');
    expect(all.body.messages.map((m) => [m.topicArn, m.message])).toStrictEqual([
      [TOPIC, 'first'],
      [OTHER, 'elsewhere'],
      [TOPIC, 'second'],
    ]);
    expect(all.body.messages[0]).toStrictEqual({ topicArn: TOPIC, message: 'first', subject: 'Order 1', messageId: expect.stringMatching(/^[0-9a-f-]{36}$/), timestamp: expect.any(String) });
    expect(all.body.messages[2].attributes).toStrictEqual({ kind: { DataType: 'String', StringValue: 'notice' } });
    const other = await get(edge.url, `?topicArn=${encodeURIComponent(OTHER)}`);
    expect(other.body.messages.map((m) => m.message)).toStrictEqual(['elsewhere']);
  });

  test("a stack's own SNS endpoint answers its messages; an unknown topic is 404 NotFound naming the topics; POST is 405", async () => {
    const own = await get(stacks[0].endpoints.sns);
    expect(own.body.messages.map((m) => m.message)).toStrictEqual(['first', 'second']);
    const unknown = await get(edge.url, '?topicArn=arn:aws:sns:us-east-1:000000000000:nope');
    expect(unknown).toMatchObject({ status: 404, body: { __type: 'NotFound', message: expect.stringContaining(`the topics served here: ${TOPIC}, ${OTHER}`) } });
    expect((await get(stacks[1].endpoints.sns, `?topicArn=${TOPIC}`)).status).toBe(404);
    expect((await get(edge.url, '', 'POST')).status).toBe(405);
  });

  test('every message answered is already a line of the journal', () => {
    const lines = fs.readFileSync(path.join(dataDir, 'sns', 'messages.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as PublishedMessage).message)).toStrictEqual(['first', 'second']);
  });

  test('npm run local -- messages reads a data folder (--json) or a running endpoint (--topic by name)', async () => {
    const [fromDir, fromEdge] = await Promise.all([
      runScript('scripts/local.ts', ['messages', '--data-dir', dataDir, '--json']),
      runScript('scripts/local.ts', ['messages', '--endpoint-url', edge.url, '--topic', 'other-alerts']),
    ]);
    expect(fromDir.code).toBe(0);
    expect((JSON.parse(fromDir.stdout) as { messages: PublishedMessage[] }).messages.map((m) => m.message)).toStrictEqual(['first', 'second']);
    expect(fromEdge).toMatchObject({ code: 0, stderr: '' });
    expect(fromEdge.stdout).toMatch(new RegExp(`^1 message published to other-alerts \\(${edge.url}\\)\\n\\S+Z  ${OTHER}  [0-9a-f-]{36}\\n  elsewhere\\n$`));
  });

  test('npm run local -- messages with nothing answering says what to do, exit 2; --help describes it', async () => {
    const closed = await startLocalEdge([stacks[1]]);
    await closed.close();
    const [refused, help] = await Promise.all([
      runScript('scripts/local.ts', ['messages', '--endpoint-url', closed.url]),
      runScript('scripts/local.ts', ['--help']),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`Nothing answers on ${closed.url} (ECONNREFUSED). Start the stacks with npm run local -- --serve`);
    expect(stackFrames(refused.stderr)).toStrictEqual([]);
    expect(help.stdout).toContain('npm run local -- messages [--data-dir <dir> | --endpoint-url <url>] [--topic <arn|name>] [--json]');
  });
});

test('kill-safe: SIGKILL mid-load, and every Publish that was answered is in the journal', async () => {
  const dir = freshDir('killed');
  const child = spawn(process.execPath, [...launched('__tests__/support/sns-sink-process.ts'), dir, TOPIC], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the sink did not start within 30 s')), 30_000);
      child.stdout.once('data', (d: Buffer) => (clearTimeout(timer), resolve((JSON.parse(d.toString()) as { endpoint: string }).endpoint)));
      child.once('exit', (code) => reject(new Error(`the sink exited (${code})`)));
    });
    const client = new SNSClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    const answered: string[] = [];
    const publishes = Array.from({ length: 300 }, (_, i) =>
      client.send(new PublishCommand({ TopicArn: TOPIC, Message: `load ${i}` })).then(
        (r) => {
          answered.push(r.MessageId!);
          if (answered.length === 100) child.kill('SIGKILL');
        },
        () => undefined, // refused by the kill
      ),
    );
    await Promise.all(publishes);
    client.destroy();
    const kept = new Set(readStoredMessages(dir).messages.map((m) => m.messageId));
    expect(answered.length).toBeGreaterThanOrEqual(100);
    expect(answered.filter((id) => !kept.has(id))).toStrictEqual([]);
    // A sink started again on the folder answers them over HTTP.
    const again = await SnsEmulator.start([{ address: 'aws_sns_topic.t', name: 'alerts', arn: TOPIC }], dir);
    try {
      const body = JSON.parse(await (await fetch(`${again.endpoint}${MESSAGES_PATH}`)).text()) as { messages: PublishedMessage[] };
      expect(body.messages.map((m) => m.messageId)).toStrictEqual([...kept]);
    } finally {
      await again.close();
    }
  } finally {
    child.kill('SIGKILL');
  }
});
