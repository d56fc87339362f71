import type { PublishedMessage } from '../../local';

/** A skip-the-line notice as the topic receives it (the JSON text of the message, parsed). */
export interface Notice {
  readonly status: 'ORDER_PLACED' | 'ORDER_FAILED';
  readonly data?: string;
  readonly message: string;
  readonly executionId: string;
  readonly error?: { Error: string; Cause?: string; invoiceError?: { Error: string; Cause?: string }; withdrawalError?: { Error: string; Cause?: string } };
  readonly [key: string]: unknown;
}

export const noticesOf = (messages: readonly PublishedMessage[]): Notice[] => messages.map((m) => JSON.parse(m.message) as Notice);

/**
 * A stack frame (`at fn (/var/task/index.js:12:5)`, `at /x/y.js:1:2`, `at async …`) or a file path
 * (`/var/task/index.js`, `C:\x\y.ts`, `file:///…`): what a notice sent to a customer must never hold.
 */
const STACK_OR_PATH = /\bat (?:async )?\S+ \(|\bat \/|\.(?:c|m)?[jt]s:\d+|(?:\/[\w.@-]+){2,}\.(?:c|m)?[jt]s\b|[A-Za-z]:\\[\w\\.-]+|file:\/\//;

/** Fails (with the offending part) when `text` holds a stack frame or a file path. */
export function expectNoStackOrPath(text: string): void {
  const match = STACK_OR_PATH.exec(text);
  if (match) throw new Error(`Expected no stack frame or file path, found "${match[0]}" in: ${text.slice(Math.max(0, match.index - 200), match.index + 200)}`);
}
