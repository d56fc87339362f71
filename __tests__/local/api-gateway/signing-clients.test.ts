import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalStack, type LocalStack } from '../../../local';
import { LOCAL_API_CREDENTIALS, startLocalApi, type LocalApi } from '../../../local/api-gateway';
import { serveLocalApi } from '../../../scripts/lib/local/serve';
import { orderRequestSchema } from '../../../lambdas/orders/order';
import { validateSchema } from '../../../local/api-gateway/json-schema';
import { parseClientOptions, run } from '../../../scripts/order-client';
import { orderRequestModel } from '../../../stacks/skip-the-line/order-model';
import { botocoreMissing, botocoreRequest, curl, curlMissing, sdkRequest, shell } from '../../support/clients';
import { notebookOrder } from '../../support/orders';
import { defaultConfig, synthApp } from '../../support/synth';

// The local order API takes what AWS's API Gateway takes: requests signed by curl, the SDK and botocore (the AWS
// CLI's signer) with the documented local credentials, and refuses what it refuses, with its messages. The
// README's commands of "The order API" and the --serve banner are run as written.

const ROOT = path.join(__dirname, '..', '..', '..');
const README_URL = 'http://127.0.0.1:4010/prod';
let stack: LocalStack;
let api: LocalApi;
let region: string;

beforeAll(async () => {
  const { outdir } = synthApp();
  stack = await startLocalStack(path.join(outdir, 'stacks', 'skip-the-line'));
  api = await startLocalApi(stack);
  region = stack.model.region;
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

/** The commands of a README section's `sh` blocks, continuation lines joined. */
function readmeCommands(heading: string): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}`);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((block) => block[1].replace(/\\\n\s*/g, '').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
const order = (accountid: string) => JSON.stringify(notebookOrder({ accountid, vendorid: 'sig' }));
const local = { ...LOCAL_API_CREDENTIALS };

/** Fails the test with a sentence when curl is missing: these tests must not pass without it. */
function requireCurl(): void {
  const missing = curlMissing();
  if (missing) throw new Error(missing);
}

describe('the README and the banner, as written', () => {
  test('the banner of --serve names the credentials the API takes, and its `npm run orders` command places every order', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const serving = serveLocalApi(stack, { port: 0, say: (line) => lines.push(line), signal: stop.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop.abort();
    expect(await serving).toBe(0);
    const banner = lines.join('\n');
    expect(banner).toContain('access key "local", secret "local"');
    expect(banner).toContain(`curl --aws-sigv4 "aws:amz:${region}:execute-api" --user local:local`);
    const command = /Try: npm run orders -- (.+)$/m.exec(banner)?.[1];
    expect(command).toBeDefined();
    // The banner's server is gone; the same API on this test's server (another port) takes the same command. The
    // id prefix and count keep these orders apart from the other tests' (a0@v0 is the README's order).
    const args = (command as string).split(' ').map((arg) => arg.replace(/^http:\/\/127\.0\.0\.1:\d+\/prod$/, api.url));
    const log: string[] = [];
    expect(await run(parseClientOptions([...args, '--id-prefix', 'banner-', '--count', '2'], {}) as never, (l) => log.push(l))).toBe(0);
    expect(log.join('\n')).toMatch(/2 of 2 order\(s\) placed and invoiced/);
  });

  test("utils/order.json, which the README's commands send, is a valid order for the API and for put_item", () => {
    const commands = readmeCommands('## The order API');
    const files = [...readmeCommands('## Run one workflow locally'), ...commands].flatMap((c) => [...c.matchAll(/(?:-d @|--input-file )(\S+)/g)].map((m) => m[1]));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of new Set(files)) {
      const body = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as unknown;
      expect(validateSchema(orderRequestModel(), body)).toStrictEqual([]);
      expect(orderRequestSchema.safeParse(body).success).toBe(true);
    }
  });

  test("the README's curl commands of the order API work as written against the local API", async () => {
    requireCurl();
    const commands = readmeCommands('## The order API').filter((c) => c.startsWith('curl '));
    expect(commands).toHaveLength(3);
    const env = {
      PATH: process.env.PATH,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SESSION_TOKEN: 'a-session-token',
      API_URL: api.url,
    };
    const [deployed, localPost, localGet] = commands.map((c) => c.replaceAll(README_URL, api.url));
    // The deployed form (environment variables, a session token) places the README's order...
    const placed = json(await shell(deployed, { cwd: ROOT, env }));
    expect(placed.executionArn).toMatch(/:execution:step_function_orchestration:20220408095558123456_02a0v0$/);
    expect(await stack.waitForExecutions(30_000)).toBe(true);
    // ...the local form gets past the signature check to Step Functions, which says the order was placed...
    expect(json(await shell(localPost, { cwd: ROOT, env }))).toMatchObject({ error: 'ExecutionAlreadyExists' });
    // ...and reads it back.
    expect(json(await shell(localGet, { cwd: ROOT, env }))).toMatchObject({ accountid: 'a0', vendorid: 'v0', city: 'Hobart' });
  });

  test("the README's API-key command of the order client places every order (API_KEY configuration)", async () => {
    const { outdir } = synthApp(defaultConfig({ skipTheLine: { apiAuthorization: 'API_KEY' } }));
    const keyStack = await startLocalStack(path.join(outdir, 'stacks', 'skip-the-line'));
    const keyApi = await startLocalApi(keyStack);
    try {
      const lines: string[] = [];
      const stop = new AbortController();
      const serving = serveLocalApi(keyStack, { port: 0, say: (line) => lines.push(line), signal: stop.signal });
      await new Promise((resolve) => setTimeout(resolve, 200));
      stop.abort();
      await serving;
      const banner = /Try: npm run orders -- (.+)$/m.exec(lines.join('\n'))?.[1] as string;
      const readme = readmeCommands('## The order API').find((c) => c.startsWith('npm run orders -- '));
      expect(readme).toBeDefined();
      for (const command of [banner, (readme as string).slice('npm run orders -- '.length)]) {
        const args = command.split(' ').map((arg) => (/^http:\/\/127\.0\.0\.1:\d+\/prod$/.test(arg) ? keyApi.url : arg));
        const log: string[] = [];
        const prefix = `k${command === banner ? 'b' : 'r'}-`;
        expect(await run(parseClientOptions([...args, '--id-prefix', prefix, '--count', '2'], {}) as never, (l) => log.push(l))).toBe(0);
      }
    } finally {
      await keyApi.close();
      await keyStack.close();
    }
  });
});

describe('real signers with the local credentials', () => {
  test('curl --aws-sigv4 with --user local:local: POST, GET with a query, with and without a session token', async () => {
    requireCurl();
    const sigv4 = ['--aws-sigv4', `aws:amz:${region}:execute-api`, '--user', 'local:local'];
    const post = await curl([...sigv4, '-H', 'content-type: application/json', '-d', order('curl1'), `${api.url}/order`]);
    expect(post.status).toBe(202);
    const withToken = await curl([...sigv4, '-H', 'x-amz-security-token: token-1', '-H', 'content-type: application/json', '-d', order('curl2'), `${api.url}/order`]);
    expect(withToken.status).toBe(202);
    expect(await stack.waitForExecutions(30_000)).toBe(true);
    const get = await curl([...sigv4, `${api.url}/order?accountid=curl1&vendorid=sig`]);
    expect({ status: get.status, city: json(get.body).city }).toStrictEqual({ status: 200, city: 'Hobart' });
  });

  test.each([
    ['the SDK default (signs x-amz-content-sha256)', 'sdk-default', {}],
    ['the SDK with a session token', 'sdk-token', { sessionToken: 'session-1' }],
    ['the SDK without x-amz-content-sha256', 'sdk-nochecksum', { applyChecksum: false }],
  ] as const)('%s', async (_name, accountid, extra) => {
    const signing = {
      region,
      credentials: { ...local, ...('sessionToken' in extra && { sessionToken: extra.sessionToken }) },
      ...('applyChecksum' in extra && { applyChecksum: extra.applyChecksum }),
    };
    expect((await sdkRequest(signing, 'POST', `${api.url}/order`, order(accountid))).status).toBe(202);
    expect(await stack.waitForExecutions(30_000)).toBe(true);
    expect((await sdkRequest(signing, 'GET', `${api.url}/order?accountid=${accountid}&vendorid=sig`)).status).toBe(200);
  });

  const botocore = botocoreMissing();
  // Visible in the report as skipped, with the reason in its name, when python3 or botocore is not installed.
  (botocore ? test.skip : test)(`botocore's SigV4Auth (the AWS CLI's signer): POST and GET, with a session token${botocore ? ` (skipped: ${botocore})` : ''}`, async () => {
    const signing = { region, ...local, sessionToken: 'session-2' };
    expect((await botocoreRequest(signing, 'POST', `${api.url}/order`, order('boto'))).status).toBe(202);
    expect(await stack.waitForExecutions(30_000)).toBe(true);
    const get = await botocoreRequest({ region, ...local }, 'GET', `${api.url}/order?accountid=boto&vendorid=sig`);
    expect(get.status).toBe(200);
    // With a Date header in the request, botocore signs it instead of X-Amz-Date, as SigV4 allows.
    const dated = await botocoreRequest({ region, ...local }, 'GET', `${api.url}/order?accountid=boto&vendorid=sig`, '', { dateHeader: true });
    expect(dated.status).toBe(200);
  });
});

describe("refused as API Gateway refuses, with its status and message, and nothing started", () => {
  let executions: number;
  beforeEach(() => {
    executions = stack.executions().length;
  });
  afterEach(() => {
    expect(stack.executions()).toHaveLength(executions);
  });

  const expectRefused = (answer: { status: number; body: string }, message: string | RegExp) => {
    expect(answer.status).toBe(403);
    const text = json(answer.body).message as string;
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
  };

  test('an unknown access key, a wrong secret, another region or service (curl)', async () => {
    requireCurl();
    const post = (scope: string, user: string) => curl(['--aws-sigv4', scope, '--user', user, '-H', 'content-type: application/json', '-d', order('no'), `${api.url}/order`]);
    expectRefused(await post(`aws:amz:${region}:execute-api`, 'someone:local'), 'The security token included in the request is invalid.');
    expectRefused(await post(`aws:amz:${region}:execute-api`, 'local:wrong'), /^The request signature we calculated does not match the signature you provided\..*\n\nThe Canonical String for this request should have been\n'POST\n\/prod\/order\n/s);
    expectRefused(await post('aws:amz:eu-west-1:execute-api', 'local:local'), "Credential should be scoped to a valid region, not 'eu-west-1'. ");
    expectRefused(await post(`aws:amz:${region}:lambda`, 'local:local'), "Credential should be scoped to correct service: 'execute-api'. ");
  });

  test('a signature dated more than 5 minutes off, before or after (SDK)', async () => {
    const at = (minutes: number) => sdkRequest({ region, credentials: local, signingDate: new Date(Date.now() + minutes * 60_000) }, 'POST', `${api.url}/order`, order('no'));
    expectRefused(await at(-6), /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    expectRefused(await at(6), /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/);
    expect((await sdkRequest({ region, credentials: local, signingDate: new Date(Date.now() - 4 * 60_000) }, 'GET', `${api.url}/order?accountid=a0&vendorid=v0`)).status).toBe(200);
  });

  test('a body changed after signing, with or without a signed x-amz-content-sha256', async () => {
    const changed = order('tampered');
    for (const applyChecksum of [true, false]) {
      expectRefused(await sdkRequest({ region, credentials: local, applyChecksum }, 'POST', `${api.url}/order`, order('no'), changed), /^The request signature we calculated does not match/);
    }
  });

  test('no signature, or an Authorization header without its parts', async () => {
    const unsigned = await fetch(`${api.url}/order`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: order('no') });
    expectRefused({ status: unsigned.status, body: await unsigned.text() }, 'Missing Authentication Token');
    const partial = await fetch(`${api.url}/order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-date': '20240101T000000Z', authorization: 'AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/execute-api/aws4_request' },
      body: order('no'),
    });
    expectRefused(
      { status: partial.status, body: await partial.text() },
      "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/execute-api/aws4_request",
    );
  });
});
