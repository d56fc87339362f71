/**
 * The app's registry of stacks (stacks/app.ts): one stack per id of contracts/stack-ids.ts, keyed by that id. The
 * compiler holds the registry to the ids (a new id does not compile without its stack); this holds the app to both.
 */
import { TerraformStack, Testing } from 'cdktf';
import { STACK_IDS } from '../../contracts/stack-ids';
import { AppStack } from '../../stacks/app-stack';
import { buildApp, SYSTEM_STACKS } from '../../stacks/app';
import { defaultConfig } from '../support/synth';

test('every stack id has its stack class, whose own id is its key', () => {
  expect(Object.keys(SYSTEM_STACKS).sort()).toEqual([...STACK_IDS].sort());
  for (const id of STACK_IDS) expect(SYSTEM_STACKS[id].id).toBe(id);
});

test('buildApp makes one stack per id, in the order of STACK_IDS, each named (and tagged) by its id', () => {
  const app = Testing.app();
  buildApp(app, defaultConfig());
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  expect(stacks.map((s) => s.node.id)).toEqual([...STACK_IDS]);
  for (const stack of stacks) {
    expect(stack).toBeInstanceOf(AppStack);
    expect((stack as AppStack).stackId).toBe(stack.node.id);
  }
});
