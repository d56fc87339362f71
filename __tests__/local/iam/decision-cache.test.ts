import { authorize, type Decision } from '../../../local/iam/authorize';
import { DecisionCache } from '../../../local/iam/decision-cache';
import type { AuthorizationInput } from '../../../local/iam/request-context';
import type { PolicyDocument } from '../../../local/iam/policy-document';
import type { ResourcePolicy, RoleIam } from '../../../local/iam/stack-iam';

// Decisions reused for requests the IAM simulator would decide the same way (local/iam/decision-cache.ts): a context
// key no policy names (the time) does not keep a decision from being reused; one a condition names does.

const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/orders';
const BUCKET = 'arn:aws:s3:::invoices';

function role(name: string, document: PolicyDocument): RoleIam {
  return { address: `aws_iam_role.${name}`, name, arn: `arn:aws:iam::000000000000:role/${name}`, trustPolicy: { Statement: [] }, trustedServices: [], policies: [{ source: `aws_iam_role_policy.${name}`, name, document }] };
}

function input(r: RoleIam, action: string, resourceArn: string, time: string, extra: Partial<AuthorizationInput> = {}): AuthorizationInput {
  return {
    principal: `arn:aws:sts::000000000000:assumed-role/${r.name}/session-a`,
    role: r,
    identityPolicies: r.policies,
    action,
    resourceArn,
    accountId: '000000000000',
    contextVariables: { 'aws:SecureTransport': 'true', 'aws:CurrentTime': time, 'aws:EpochTime': String(Date.parse(time) / 1000) },
    ...extra,
  };
}

/** Decides through the cache, counting the simulator's runs. */
function decider(maxKept?: number) {
  const cache = new DecisionCache(maxKept);
  let simulated = 0;
  return {
    cache,
    simulated: () => simulated,
    decide: (i: AuthorizationInput): Promise<Decision> =>
      cache.decide(i, () => {
        simulated += 1;
        return authorize(i);
      }),
  };
}

const writer = role('writer', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE }] });

test('the same call at another second reuses the decision when no policy reads the time; another resource or action is simulated', async () => {
  // GIVEN
  const d = decider();
  // WHEN
  const first = await d.decide(input(writer, 'dynamodb:PutItem', TABLE, '2026-01-01T00:00:00Z'));
  const later = await d.decide(input(writer, 'dynamodb:PutItem', TABLE, '2026-01-01T00:00:07Z'));
  const elsewhere = await d.decide(input(writer, 'dynamodb:PutItem', `${TABLE}-other`, '2026-01-01T00:00:07Z'));
  const otherAction = await d.decide(input(writer, 'dynamodb:DeleteItem', TABLE, '2026-01-01T00:00:07Z'));
  // THEN
  expect([first.allowed, later.allowed, elsewhere.allowed, otherAction.allowed]).toStrictEqual([true, true, false, false]);
  expect({ simulated: d.simulated(), reused: d.cache.reused }).toStrictEqual({ simulated: 3, reused: 1 });
});

test('a condition on aws:CurrentTime keeps the time in the comparison: the decision changes when the time does', async () => {
  // GIVEN
  const until = role('until', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: TABLE, Condition: { DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:05Z' } } }],
  });
  const d = decider();
  // WHEN
  const before = await d.decide(input(until, 'dynamodb:PutItem', TABLE, '2026-01-01T00:00:00Z'));
  const after = await d.decide(input(until, 'dynamodb:PutItem', TABLE, '2026-01-01T00:00:07Z'));
  // THEN
  expect([before.allowed, after.allowed]).toStrictEqual([true, false]);
  expect({ simulated: d.simulated(), reused: d.cache.reused }).toStrictEqual({ simulated: 2, reused: 0 });
});

test('with a resource policy the principal is compared too: another session is simulated', async () => {
  // GIVEN a bucket policy that allows one session only
  const reader = role('reader', { Version: '2012-10-17', Statement: [] });
  const bucketPolicy: ResourcePolicy = {
    resourceArn: BUCKET,
    sources: ['aws_s3_bucket_policy.invoices'],
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:sts::000000000000:assumed-role/reader/session-a' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` }] },
  };
  const d = decider();
  const at = '2026-01-01T00:00:00Z';
  // WHEN
  const a = await d.decide(input(reader, 's3:GetObject', `${BUCKET}/k`, at, { resourcePolicy: bucketPolicy }));
  const b = await d.decide(input(reader, 's3:GetObject', `${BUCKET}/k`, at, { resourcePolicy: bucketPolicy, principal: 'arn:aws:sts::000000000000:assumed-role/reader/session-b' }));
  // THEN
  expect([a.allowed, b.allowed]).toStrictEqual([true, false]);
  expect(d.cache.reused).toBe(0);
});

test('past its size the decision reused least recently is forgotten and simulated again; one reused lately stays (a long --serve stays flat)', async () => {
  // GIVEN a cache of 3 and decisions on the table and on three items of it (per-item resources are never reused)
  const d = decider(3);
  const at = (resource: string) => d.decide(input(writer, 'dynamodb:PutItem', resource, '2026-01-01T00:00:00Z'));
  await at(TABLE);
  await at(`${TABLE}/item-1`);
  await at(`${TABLE}/item-2`);
  await at(TABLE); // reused: now the most recent
  // WHEN a fourth decision passes the size
  await at(`${TABLE}/item-3`);
  // THEN the cache keeps 3, the table's decision is still reused and the oldest item's is simulated again
  expect(d.cache.size).toBe(3);
  const simulatedBefore = d.simulated();
  await at(TABLE);
  expect(d.simulated()).toBe(simulatedBefore);
  await at(`${TABLE}/item-1`);
  expect(d.simulated()).toBe(simulatedBefore + 1);
});
