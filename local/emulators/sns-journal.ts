import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { damagedData, readDataFile } from '../data-files';

/** One message published to a local topic. */
export interface PublishedMessage {
  readonly topicArn: string;
  readonly subject?: string;
  readonly message: string;
  readonly messageId: string;
  readonly attributes?: Record<string, { DataType: string; StringValue?: string }>;
  readonly timestamp: string;
}

/**
 * What the SNS sink keeps in `<data-dir>/sns`: `messages.jsonl`, an append-only journal of JSON Lines, one published
 * message a line, each written (one write call, line and newline together) before its Publish is answered. A
 * process killed at any moment leaves every answered message in the file: the write has returned, and the page
 * cache outlives the process (no fsync: a power loss may still lose the last messages the disk had not got).
 *
 * `messages.json` (one JSON array, rewritten whole per message by earlier versions) is still read, never written:
 * its messages come first, then the journal's.
 */
export const JOURNAL_FILE = 'messages.jsonl';
export const LEGACY_FILE = 'messages.json';

const CONSEQUENCE = 'the messages published before are forgotten';

const STORED_MESSAGE = z.object({
  topicArn: z.string(),
  subject: z.string().optional(),
  message: z.string(),
  messageId: z.string(),
  attributes: z.record(z.object({ DataType: z.string(), StringValue: z.string().optional() })).optional(),
  timestamp: z.string(),
});

/** What a folder's files hold, and how the journal ends. */
export interface StoredMessages {
  readonly messages: PublishedMessage[];
  /** Bytes of an unfinished last line (a write cut off by a crash of the machine): dropped on the next append. */
  readonly tornBytes: number;
  /** The journal's last line is complete but lacks its newline (the file was edited): the next append adds one. */
  readonly missingNewline: boolean;
  /** What was noticed but tolerated (an unfinished last line), for the user. */
  readonly warnings: string[];
}

/**
 * Reads the messages kept in `dir` (none when it holds no files yet). A line that is not a message, anywhere but
 * at the very end, is damage: the error names the file and the line and says what to do.
 */
export function readStoredMessages(dir: string): StoredMessages {
  const legacy = readDataFile(path.join(dir, LEGACY_FILE), z.array(STORED_MESSAGE), CONSEQUENCE) ?? [];
  const file = path.join(dir, JOURNAL_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { messages: legacy, tornBytes: 0, missingNewline: false, warnings: [] };
    throw damagedData(file, `it cannot be read: ${(err as Error).message}`, CONSEQUENCE);
  }
  const lines = text.split('\n');
  const last = lines.pop()!; // '' when the file ends with a newline
  const messages = [...legacy];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseLine(line);
    if (typeof parsed === 'string') throw damagedData(file, `line ${i + 1} is not a published message: ${parsed}`, CONSEQUENCE);
    messages.push(parsed);
  });
  if (last === '') return { messages, tornBytes: 0, missingNewline: false, warnings: [] };
  const parsed = parseLine(last);
  if (typeof parsed !== 'string') return { messages: [...messages, parsed], tornBytes: 0, missingNewline: true, warnings: [] };
  const warning = `${file}: its last line (line ${lines.length + 1}, ${Buffer.byteLength(last)} bytes) is unfinished, as a crash of the machine mid-write leaves it; it is ignored (no Publish was answered for it) and dropped on the next message.`;
  return { messages, tornBytes: Buffer.byteLength(last), missingNewline: false, warnings: [warning] };
}

/** A message, or why the line is none. */
function parseLine(line: string): PublishedMessage | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
  const result = STORED_MESSAGE.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    return `${issue.path.join('.') || 'the line'}: ${issue.message}`;
  }
  return result.data;
}

/** The journal a running SNS sink appends to. Opening it writes nothing; the first append mends a torn end. */
export class MessageJournal {
  private fd: number | undefined;

  private constructor(
    private readonly file: string,
    private pending: { tornBytes: number; missingNewline: boolean },
  ) {}

  /** The journal of `dir` and the messages kept there so far. */
  static open(dir: string): { journal: MessageJournal; stored: StoredMessages } {
    const stored = readStoredMessages(dir);
    return { journal: new MessageJournal(path.join(dir, JOURNAL_FILE), stored), stored };
  }

  /** Appends one message as one line; returns once the write has returned (throws when it failed). */
  append(message: PublishedMessage): void {
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      if (this.pending.tornBytes > 0) fs.truncateSync(this.file, fs.statSync(this.file).size - this.pending.tornBytes);
      this.fd = fs.openSync(this.file, 'a');
    }
    const line = Buffer.from(`${this.pending.missingNewline ? '\n' : ''}${JSON.stringify(message)}\n`);
    const before = fs.fstatSync(this.fd).size;
    try {
      for (let written = 0; written < line.length; ) written += fs.writeSync(this.fd, line, written);
    } catch (err) {
      // A full disk mid-line: take the part back, so that the journal still ends with a whole line.
      fs.ftruncateSync(this.fd, before);
      throw err;
    }
    this.pending = { tornBytes: 0, missingNewline: false };
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
