import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { startLocalApi, startLocalEdge, startLocalStack, type LocalApi, type LocalEdge, type LocalStack } from '../../../local';
import { curl, signAndFetch } from '../../support/clients';
import { notebookOrder } from '../../support/orders';
import { synthApp } from '../../support/synth';

// skip-the-line's order API through the edge, by LocalStack's two URL forms (path `/restapis/<id>/<stage>/_user_request_/…`
// and Host `<id>.execute-api.localhost`), and on its own port, signed by the machine's curl (`--aws-sigv4`).

let outdir: string;
let stack: LocalStack;
let api: LocalApi;
let edge: LocalEdge;
let region: string;

beforeAll(async () => {
  const synth = synthApp();
  outdir = synth.outdir;
  stack = await startLocalStack(synth.stacks['skip-the-line'].dir);
  api = await startLocalApi(stack);
  edge = await startLocalEdge([stack], { restApis: [api] });
  region = stack.model.region;
});

afterAll(async () => {
  await edge?.close();
  await api?.close();
  await stack?.close();
  fs.rmSync(outdir, { recursive: true, force: true });
});

const order = (accountid: string) => JSON.stringify(notebookOrder({ accountid, vendorid: 'edge' }));
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

/** Why this machine's curl cannot sign (it has no --aws-sigv4 before 7.75), or undefined when it can. */
function curlSigv4Missing(): string | undefined {
  const help = spawnSync('curl', ['--help', 'all'], { encoding: 'utf8' });
  if (help.error || help.status !== 0) return `curl does not run (${help.error?.message ?? help.stderr})`;
  return help.stdout.includes('--aws-sigv4') ? undefined : 'this curl has no --aws-sigv4 (curl ≥ 7.75 has it)';
}
const missing = curlSigv4Missing();
const curlTest = missing === undefined ? test : test.skip;
if (missing !== undefined) console.warn(`SKIPPED: the curl --aws-sigv4 tests of the order API through the edge: ${missing}`);

test('the edge lists the REST API by both URL forms', () => {
  expect(edge.restApis).toStrictEqual([
    {
      apiId: api.api.id,
      stage: 'prod',
      pathUrl: `${edge.url}/restapis/${api.api.id}/prod/_user_request_`,
      hostUrl: `http://${api.api.id}.execute-api.localhost:${edge.port}/prod`,
    },
  ]);
});

describe(`curl --aws-sigv4 "aws:amz:us-east-1:execute-api" against the order API${missing ? ` (SKIPPED: ${missing})` : ''}`, () => {
  const sigv4 = (user = 'S3RVER:S3RVER') => ['--aws-sigv4', `aws:amz:${region}:execute-api`, '--user', user];
  const post = (url: string, accountid: string, user?: string, extra: string[] = []) =>
    curl([...sigv4(user), ...extra, '-H', 'content-type: application/json', '-d', order(accountid), `${url}/order`]);

  curlTest('POST /order is accepted on its own port, through the edge by path and by Host; GET reads each order back', async () => {
    const [pathUrl, hostUrl] = [edge.restApis[0].pathUrl, edge.restApis[0].hostUrl];
    // curl resolves *.localhost to the loopback itself; --resolve makes sure of it.
    const resolve = ['--resolve', `${api.api.id}.execute-api.localhost:${edge.port}:127.0.0.1`];
    expect((await post(api.url, 'own-port')).status).toBe(202);
    expect((await post(pathUrl, 'edge-path')).status).toBe(202);
    expect((await post(hostUrl, 'edge-host', 'test:test', resolve)).status).toBe(202);
    expect(await stack.waitForExecutions(30_000)).toBe(true);
    for (const [url, accountid, extra] of [
      [api.url, 'own-port', []],
      [pathUrl, 'edge-path', []],
      [hostUrl, 'edge-host', resolve],
    ] as const) {
      const got = await curl([...sigv4(), ...extra, `${url}/order?accountid=${accountid}&vendorid=edge`]);
      expect({ status: got.status, accountid: json(got.body).accountid }).toStrictEqual({ status: 200, accountid });
    }
  });

  curlTest("a wrong secret or an unknown key through the edge gets API Gateway's 403 and message", async () => {
    const before = stack.executions().length;
    const wrong = await post(edge.restApis[0].pathUrl, 'never', 'S3RVER:wrong');
    expect(wrong.status).toBe(403);
    expect(json(wrong.body).message).toMatch(
      /^The request signature we calculated does not match the signature you provided\..*\n\nThe Canonical String for this request should have been\n'POST\n\/restapis\/[^/]+\/prod\/_user_request_\/order\n/s,
    );
    const unknown = await post(edge.restApis[0].pathUrl, 'never', 'someone:else');
    expect([unknown.status, json(unknown.body).message]).toStrictEqual([403, 'The security token included in the request is invalid.']);
    expect(stack.executions()).toHaveLength(before);
  });
});

test("an unsigned request through the edge is API Gateway's 403 Missing Authentication Token; an unknown API id is 404", async () => {
  const unsigned = await fetch(`${edge.restApis[0].pathUrl}/order`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: order('never') });
  expect([unsigned.status, unsigned.headers.get('x-amzn-errortype'), json(await unsigned.text()).message]).toStrictEqual([403, 'MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token']);
  const other = await signAndFetch({ region, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }, 'GET', `${edge.url}/restapis/nope/prod/_user_request_/order`);
  expect([other.status, json(other.body).message]).toStrictEqual([404, `No REST API with the id nope is served here; served: ${api.api.id}.`]);
});

test('a request signed for execute-api that names no REST API says how to reach one', async () => {
  const answer = await signAndFetch({ region, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }, 'GET', `${edge.url}/prod/order`);
  expect(answer.status).toBe(400);
  expect(answer.body).toContain('/restapis/&lt;apiId&gt;/&lt;stage&gt;/_user_request_/&lt;path&gt;');
});

// Last in this file: it empties OPTIONS /order's bucket. The stage throttles every method (*/*) at the configured
// burst; a burst past it is 429 Too Many Requests, as API Gateway's THROTTLED answers.
test("the stage's method settings throttle a burst: past the burst limit, 429 Too Many Requests", async () => {
  const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`${api.url}/order`, { method: 'OPTIONS' })));
  const statuses = answers.map((a) => a.status);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(statuses.filter((s) => s !== 429).every((s) => s === 204)).toBe(true);
  const throttled = answers.find((a) => a.status === 429)!;
  expect(throttled.headers.get('x-amzn-errortype')).toBe('THROTTLED');
  expect(JSON.parse(await throttled.text())).toStrictEqual({ message: 'Too Many Requests' });
});
