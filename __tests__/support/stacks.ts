/**
 * Stacks synthesized in process, the CDKTF way: `Testing.synth(stack)` answers the stack's Terraform JSON as a
 * string (what cdk.tf.json holds, without cdktf's `//` metadata: determinism.test.ts checks that they agree), and
 * cdktf's matchers take it as it is. These helpers read inside it where a matcher cannot: the one block of a
 * provider class, and the JSON documents that string attributes hold (IAM policies, state machine definitions).
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { TerraformStack, Testing } from 'cdktf';
import { buildApp, type StackId } from '../../stacks/app';
import type { AppConfig } from '../../stacks/config';
import { defaultConfig, type TerraformJson } from './synth';

/** A provider class such as `SfnStateMachine` or `DataArchiveFile`: what cdktf's matchers take. */
export interface TerraformConstructor {
  readonly tfResourceType: string;
}

// Terraform JSON blocks are read in many shapes; each test states the shape it expects.
export type Block = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every stack of the app for `config`, each synthesized by `Testing.synth`, by stack id. */
export function synthStacks(config: AppConfig = defaultConfig()): Record<StackId, string> {
  const app = Testing.app();
  buildApp(app, config);
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  return Object.fromEntries(stacks.map((stack) => [stack.node.id, Testing.synth(stack)])) as Record<StackId, string>;
}

const parsed = new Map<string, TerraformJson>();

/** The synthesized JSON, parsed (once per string: read it, never change it). */
export function parse(synthesized: string): TerraformJson {
  let json = parsed.get(synthesized);
  if (!json) parsed.set(synthesized, (json = JSON.parse(synthesized) as TerraformJson));
  return json;
}

/** The resources of one provider class, by their Terraform name (none: `{}`). */
export function resourcesOf(synthesized: string, type: TerraformConstructor): Record<string, Block> {
  return parse(synthesized).resource[type.tfResourceType] ?? {};
}

/** The data sources of one provider class, by their Terraform name. */
export function dataSourcesOf(synthesized: string, type: TerraformConstructor): Record<string, Block> {
  return parse(synthesized).data?.[type.tfResourceType] ?? {};
}

/** The one resource of a class, with its Terraform name; fails the test when there is not exactly one. */
export function onlyResourceEntry(synthesized: string, type: TerraformConstructor): [string, Block] {
  const all = Object.entries(resourcesOf(synthesized, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type.tfResourceType}, found ${all.length}`);
  return all[0];
}

/** The one resource of a class; fails the test when there is not exactly one. */
export const onlyResource = (synthesized: string, type: TerraformConstructor): Block => onlyResourceEntry(synthesized, type)[1];

/** The resource of a class whose `attribute` equals `value`, with its Terraform name; exactly one must match. */
export function resourceWhere(synthesized: string, type: TerraformConstructor, attribute: string, value: unknown): [string, Block] {
  const found = Object.entries(resourcesOf(synthesized, type)).filter(([, block]) => block[attribute] === value);
  if (found.length !== 1) throw new Error(`expected one ${type.tfResourceType} with ${attribute} = ${JSON.stringify(value)}, found ${found.length}`);
  return found[0];
}

/** A JSON document held in a string attribute (an IAM policy, a state machine definition), parsed. */
export const jsonIn = (value: unknown): Block => JSON.parse(String(value)) as Block;

/** A Terraform reference to an attribute of a resource: `${aws_sns_topic.<name>.arn}`. */
export const refTo = (type: TerraformConstructor, name: string, attribute: string): string => `\${${type.tfResourceType}.${name}.${attribute}}`;

/** The statements of every inline policy of the role named `roleName`, as `{actions, resources}`; each must Allow. */
export function roleStatements(synthesized: string, roleName: string): { actions: string[]; resources: string[] }[] {
  const [roleKey] = resourceWhere(synthesized, IamRole, 'name', roleName);
  const roleId = refTo(IamRole, roleKey, 'id');
  return Object.values(resourcesOf(synthesized, IamRolePolicy))
    .filter((p) => p.role === roleId)
    .flatMap((p) => jsonIn(p.policy).Statement as { Effect: string; Action: string[]; Resource: string[] }[])
    .map((s) => {
      expect(s.Effect).toBe('Allow');
      return { actions: s.Action, resources: s.Resource };
    });
}
