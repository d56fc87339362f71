import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalStack, type LocalStack } from '../../local';
import { startLocalApi, type LocalApi } from '../../local/api-gateway';
import { loadStackModel } from '../../local/stack-model';
import { synthApp } from '../support/synth';

// Issue 16's limits that had no test of their own: API Gateway's 10 MB request payload (API Gateway Developer Guide,
// "Amazon API Gateway quotas": 413 Request Too Long past it), and each function's timeout read from the synthesized
// aws_lambda_function (the host stops a function at it: lambda-host.test.ts).

let stackDir: string;
beforeAll(() => {
  stackDir = synthApp().stacks['skip-the-line'].dir;
}, 120_000);

test("each function's timeout is the synthesized `timeout`, not a default", () => {
  const copy = path.join(path.dirname(stackDir), 'timeout-copy', 'skip-the-line');
  fs.cpSync(stackDir, copy, { recursive: true });
  const file = path.join(copy, 'cdk.tf.json');
  const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
  const functions = Object.values(tf.resource.aws_lambda_function) as { function_name: string; timeout: number }[];
  functions[0].timeout = 7;
  fs.writeFileSync(file, JSON.stringify(tf));
  const byName = new Map(loadStackModel(copy).functions.map((f) => [f.name, f.timeoutSeconds]));
  expect(byName.get(functions[0].function_name)).toBe(7);
  for (const f of functions.slice(1)) expect(byName.get(f.function_name)).toBe(f.timeout);
});

describe('the REST API served', () => {
  let stack: LocalStack;
  let api: LocalApi;
  beforeAll(async () => {
    stack = await startLocalStack(stackDir);
    api = await startLocalApi(stack);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await stack?.close();
  });

  test('a request body over 10 MB is 413 Request Too Long, before authorization; 10 MB exactly passes the size check', async () => {
    const post = (bytes: number) => fetch(`${api.url}/order`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(bytes) });
    const over = await post(10 * 1024 * 1024 + 1);
    expect(over.status).toBe(413);
    expect(JSON.parse(await over.text())).toStrictEqual({ message: 'Request Too Long' });
    // At the limit the request goes on, to be refused for what it is: unsigned (403), not for its size.
    expect((await post(10 * 1024 * 1024)).status).toBe(403);
  }, 30_000);
});
