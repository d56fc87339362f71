import type { Answer } from './forward';

/**
 * Operations that list every resource of a service in the account (ListTables, ListBuckets) answered by the
 * edge for several stacks: each stack's emulator is asked and the lists are joined, as one account would list
 * them. A failed answer from any stack is passed on as it is.
 */

/** DynamoDB ListTables across stacks: names sorted, `ExclusiveStartTableName` and `Limit` (default 100) applied. */
export function mergeTableLists(answers: readonly Answer[], request: Record<string, unknown>): Answer {
  const failed = answers.find((a) => a.status !== 200);
  if (failed) return failed;
  const names = answers.flatMap((a) => (JSON.parse(a.body.toString('utf8')) as { TableNames?: string[] }).TableNames ?? []).sort();
  const after = typeof request.ExclusiveStartTableName === 'string' ? request.ExclusiveStartTableName : undefined;
  const limit = typeof request.Limit === 'number' && request.Limit > 0 ? Math.min(request.Limit, 100) : 100;
  const rest = after === undefined ? names : names.filter((n) => n > after);
  const page = rest.slice(0, limit);
  const body = JSON.stringify({ TableNames: page, ...(rest.length > limit && { LastEvaluatedTableName: page.at(-1) }) });
  return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from(body) };
}

/** S3 ListBuckets across stacks: the first answer with every answer's `<Bucket>` entries. */
export function mergeBucketLists(answers: readonly Answer[]): Answer {
  const failed = answers.find((a) => a.status !== 200);
  if (failed) return failed;
  const entries = answers.flatMap((a) => a.body.toString('utf8').match(/<Bucket>[\s\S]*?<\/Bucket>/g) ?? []);
  const first = answers[0].body.toString('utf8');
  const merged = /<Buckets>[\s\S]*<\/Buckets>|<Buckets\/>/.test(first) ? first.replace(/<Buckets>[\s\S]*<\/Buckets>|<Buckets\/>/, `<Buckets>${entries.join('')}</Buckets>`) : first;
  return { status: 200, headers: { 'content-type': 'application/xml' }, body: Buffer.from(merged) };
}

/**
 * Step Functions ListStateMachines across stacks: every stack is asked for all of its machines (one page of 1,000),
 * the lists are joined by name, and the edge pages them itself (`maxResults` 1–1000, default 100; its own opaque
 * `nextToken`; a token it did not give is InvalidToken, as the API answers).
 */
export function mergeStateMachineLists(answers: readonly Answer[], request: Record<string, unknown>): Answer {
  const failed = answers.find((a) => a.status !== 200);
  if (failed) return failed;
  type Item = { name: string };
  const items = answers.flatMap((a) => (JSON.parse(a.body.toString('utf8')) as { stateMachines?: Item[] }).stateMachines ?? []);
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let after: string | undefined;
  if (request.nextToken !== undefined) {
    try {
      const token = JSON.parse(Buffer.from(String(request.nextToken), 'base64url').toString('utf8')) as { edgeAfter?: unknown };
      if (typeof token.edgeAfter !== 'string') throw new Error('not an edge token');
      after = token.edgeAfter;
    } catch {
      const body = JSON.stringify({ __type: 'com.amazonaws.swf.service.v2.model#InvalidToken', message: `Invalid Token: '${String(request.nextToken)}'` });
      return { status: 400, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'InvalidToken' }, body: Buffer.from(body) };
    }
  }
  const max = typeof request.maxResults === 'number' && request.maxResults > 0 ? Math.min(request.maxResults, 1000) : 100;
  const rest = after === undefined ? items : items.filter((i) => i.name > after!);
  const page = rest.slice(0, max);
  const nextToken = rest.length > max ? Buffer.from(JSON.stringify({ edgeAfter: page.at(-1)!.name })).toString('base64url') : undefined;
  const body = JSON.stringify({ stateMachines: page, ...(nextToken && { nextToken }) });
  return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from(body) };
}
