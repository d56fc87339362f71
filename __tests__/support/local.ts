import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Hand-made stack folders for the local runner's own tests: a `cdk.tf.json` shaped like cdktf's output (same
 * resource types, `${type.name.attr}` references, archive_file bundles) and plain-JS bundles, so the runner can
 * be tested without depending on any real stack.
 */

export interface FixtureFunction {
  /** Terraform name and function name. */
  readonly name: string;
  /** The bundle's index.js (CommonJS, exports `handler`). */
  readonly code: string;
  readonly environment?: Record<string, string>;
  /** Seconds. @default 3 */
  readonly timeout?: number;
  readonly reservedConcurrency?: number;
  /** @default 'nodejs22.x' */
  readonly runtime?: string;
}

export interface FixtureStackSpec {
  readonly tables?: readonly { name: string; hashKey: string; rangeKey?: string }[];
  readonly buckets?: readonly string[];
  readonly topics?: readonly string[];
  readonly functions?: readonly FixtureFunction[];
  /** State machines by name; definitions may use references such as `${aws_lambda_function.echo.arn}`. */
  readonly stateMachines?: Record<string, object>;
}

/** Writes the stack into a new temporary folder and answers that folder (a `cdktf.out/stacks/<id>` stand-in). */
export function writeFixtureStack(spec: FixtureStackSpec, id = 'fixture'): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'local-fixture-')), id);
  fs.mkdirSync(dir, { recursive: true });
  const resource: Record<string, Record<string, object>> = {};
  const data: Record<string, Record<string, object>> = {};
  const add = (type: string, name: string, body: object, group = resource) => ((group[type] ??= {})[name] = body);

  for (const t of spec.tables ?? []) {
    const attribute = [{ name: t.hashKey, type: 'S' }, ...(t.rangeKey ? [{ name: t.rangeKey, type: 'S' }] : [])];
    add('aws_dynamodb_table', t.name, { name: t.name, hash_key: t.hashKey, ...(t.rangeKey && { range_key: t.rangeKey }), attribute, billing_mode: 'PAY_PER_REQUEST' });
  }
  for (const b of spec.buckets ?? []) add('aws_s3_bucket', b, { bucket: b });
  for (const t of spec.topics ?? []) add('aws_sns_topic', t, { name: t });
  for (const fn of spec.functions ?? []) {
    const assetDir = path.join('assets', fn.name, 'HASH');
    fs.mkdirSync(path.join(dir, assetDir), { recursive: true });
    fs.writeFileSync(path.join(dir, assetDir, 'index.js'), fn.code);
    add('archive_file', `${fn.name}_zip`, { type: 'zip', source_dir: assetDir, output_path: `${assetDir}.zip` }, data);
    add('aws_lambda_function', fn.name, {
      function_name: fn.name,
      handler: 'index.handler',
      runtime: fn.runtime ?? 'nodejs22.x',
      filename: `\${data.archive_file.${fn.name}_zip.output_path}`,
      memory_size: 256,
      timeout: fn.timeout ?? 3,
      role: '${aws_iam_role.role.arn}',
      ...(fn.environment && { environment: { variables: fn.environment } }),
      ...(fn.reservedConcurrency !== undefined && { reserved_concurrent_executions: fn.reservedConcurrency }),
    });
  }
  // One role for everything, trusted by both services and allowed every action: the fixtures test other things
  // than IAM, yet every call still goes through the simulator (an action it does not know would fail).
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'states.amazonaws.com'] }, Action: 'sts:AssumeRole' }] };
  add('aws_iam_role', 'role', { name: 'fixture-role', assume_role_policy: JSON.stringify(trust) });
  add('aws_iam_role_policy', 'everything', { name: 'everything', role: '${aws_iam_role.role.id}', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) });
  for (const [name, definition] of Object.entries(spec.stateMachines ?? {})) {
    add('aws_sfn_state_machine', name, { name, definition: JSON.stringify(definition), role_arn: '${aws_iam_role.role.arn}' });
  }
  const tf = { provider: { aws: [{ region: 'us-east-1' }] }, resource, ...(Object.keys(data).length > 0 && { data }), terraform: {} };
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(tf, null, 2));
  return dir;
}

/** A one-state machine that runs `state` (a Task, say) and ends. */
export function singleState(state: object, extra: object = {}): object {
  return { StartAt: 'Only', States: { Only: { ...state, End: true } }, ...extra };
}

export function removeFixture(stackDir: string): void {
  fs.rmSync(path.dirname(stackDir), { recursive: true, force: true });
}
