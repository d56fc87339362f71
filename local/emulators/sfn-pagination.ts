import { SfnApiError } from './sfn-errors';

/**
 * Pages of the Step Functions list operations and GetExecutionHistory (API Reference: ListExecutions, ListStateMachines,
 * GetExecutionHistory): `maxResults` 0–1000 (0 or absent: 100), and an opaque `nextToken` to be sent back with the
 * other arguments unchanged; a token that was not issued for these arguments is `InvalidToken` (HTTP 400).
 *
 * A token names the last item of its page, not a position, so a page never repeats or skips an item when new ones
 * arrive at the front of a newest-first list.
 */
export interface PageRequest {
  readonly maxResults?: unknown;
  readonly nextToken?: unknown;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** `maxResults` checked as AWS's model constrains it. */
export function pageSize(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_PAGE;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new SfnApiError('SerializationException', `maxResults must be an integer, not ${JSON.stringify(value)}.`);
  }
  if (value < 0) throw validation(value, 'greater than or equal to 0');
  if (value > MAX_PAGE) throw validation(value, `less than or equal to ${MAX_PAGE}`);
  return value === 0 ? DEFAULT_PAGE : value;
}

/**
 * One page of `items` (already in the order the operation lists them). `scope` is what the token is bound to: the
 * operation and its other arguments; `idOf` names an item uniquely within the list.
 */
export function pageOf<T>(items: readonly T[], request: PageRequest, scope: string, idOf: (item: T) => string): Page<T> {
  const size = pageSize(request.maxResults);
  let from = 0;
  if (request.nextToken !== undefined && request.nextToken !== null) {
    const after = readToken(request.nextToken, scope);
    const index = items.findIndex((item) => idOf(item) === after);
    if (index < 0) throw invalidToken('it names an item this list no longer holds');
    from = index + 1;
  }
  const page = items.slice(from, from + size);
  const more = from + size < items.length;
  return { items: page, ...(more && page.length > 0 && { nextToken: writeToken(scope, idOf(page[page.length - 1])) }) };
}

function writeToken(scope: string, after: string): string {
  return Buffer.from(JSON.stringify({ s: scope, a: after })).toString('base64url');
}

function readToken(token: unknown, scope: string): string {
  if (typeof token !== 'string' || token.length === 0 || token.length > 1024) throw invalidToken('it is not a token this API issued');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken('it is not a token this API issued');
  }
  const { s, a } = (decoded ?? {}) as { s?: unknown; a?: unknown };
  if (typeof s !== 'string' || typeof a !== 'string') throw invalidToken('it is not a token this API issued');
  if (s !== scope) throw invalidToken('it was issued for other arguments; keep every other argument unchanged between pages');
  return a;
}

function invalidToken(why: string): SfnApiError {
  return new SfnApiError('InvalidToken', `Invalid Token: ${why}.`);
}

function validation(value: number, constraint: string): SfnApiError {
  return new SfnApiError('ValidationException', `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value ${constraint}`);
}
