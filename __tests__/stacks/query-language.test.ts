/**
 * config `queryLanguage` (issue 17): JSONPath keeps the originals' definitions, JSONata renders every workflow in
 * JSONata, per stack if asked; the state machine roles are the same for both renderings.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { STACK_IDS, type StackId } from '../../stacks/app';
import { jsonIn, onlyResource, resourcesOf, roleStatements, synthStacks } from '../support/stacks';
import { defaultConfig } from '../support/synth';

/** Every stack's workflow renders in JSONata. */
const RENDERED_IN_JSONATA: readonly StackId[] = ['task-status', 'sfn-dynamodb', 'skip-the-line', 'parallel-map'];

const jsonPath = synthStacks(defaultConfig());
const jsonata = synthStacks(defaultConfig({ queryLanguage: 'JSONata' }));
const definitionOf = (synthesized: string) => jsonIn(onlyResource(synthesized, SfnStateMachine).definition);

const JSONPATH_FIELD = /"(InputPath|Parameters|ResultSelector|ResultPath|OutputPath|ItemsPath|ErrorPath|CausePath|[^"]+\.\$)"/;

/** The statements of the state machine's role (found through its role_arn reference). */
function workflowRoleStatements(synthesized: string) {
  const [, key] = /^\$\{aws_iam_role\.([^.]+)\.arn\}$/.exec(String(onlyResource(synthesized, SfnStateMachine).role_arn))!;
  return roleStatements(synthesized, String(resourcesOf(synthesized, IamRole)[key].name));
}

describe.each(RENDERED_IN_JSONATA)('%s', (id) => {
  test('JSONPath (the default) writes no QueryLanguage; JSONata writes it once, at the top, and no state names a language', () => {
    expect(definitionOf(jsonPath[id]).QueryLanguage).toBeUndefined();
    const definition = definitionOf(jsonata[id]);
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(JSON.stringify(definition.States)).not.toMatch(/"QueryLanguage"/);
    // No JSONPath field survives anywhere (the validator would refuse it too; this names the field).
    expect(JSON.stringify(definition)).not.toMatch(JSONPATH_FIELD);
  });

  test('the state machine role has the same statements in both renderings (derived from the integrations, not the rendering)', () => {
    expect(workflowRoleStatements(jsonata[id])).toStrictEqual(workflowRoleStatements(jsonPath[id]));
    expect(workflowRoleStatements(jsonata[id]).length).toBeGreaterThanOrEqual(2); // the integrations, and log delivery with X-Ray
  });
});

test('queryLanguageByStack renders one stack in its own language and leaves the others to queryLanguage', () => {
  const mixed = synthStacks(defaultConfig({ queryLanguageByStack: { 'sfn-dynamodb': 'JSONata' } }));
  expect(definitionOf(mixed['sfn-dynamodb']).QueryLanguage).toBe('JSONata');
  for (const id of STACK_IDS.filter((s) => s !== 'sfn-dynamodb')) expect(mixed[id]).toBe(jsonPath[id]);
});

test('parallel-map in DISTRIBUTED mode: the item reader and result writer take Arguments in JSONata, and the role is the same', () => {
  const distributed = (queryLanguage: string) => synthStacks(defaultConfig({ queryLanguage, stepfunc: { mode: 'DISTRIBUTED' } }))['parallel-map'];
  const [inJsonPath, inJsonata] = [distributed('JSONPath'), distributed('JSONata')];
  const map = definitionOf(inJsonata).States.MapState;
  expect(map.ItemReader.Arguments).toStrictEqual(definitionOf(inJsonPath).States.MapState.ItemReader.Parameters);
  expect(map.ResultWriter.Arguments).toStrictEqual(definitionOf(inJsonPath).States.MapState.ResultWriter.Parameters);
  expect(JSON.stringify(definitionOf(inJsonata))).not.toMatch(JSONPATH_FIELD);
  expect(workflowRoleStatements(inJsonata)).toStrictEqual(workflowRoleStatements(inJsonPath));
});

test('skip-the-line in JSONata: the JSONPath states less the four Pass states whose data its catchers and Outputs build', () => {
  const names = (synthesized: string) => Object.keys(definitionOf(synthesized).States).sort();
  const passes = ['order_already_gone', 'order_not_stored', 'order_not_withdrawn', 'order_withdrawn'];
  expect(names(jsonata['skip-the-line'])).toStrictEqual(names(jsonPath['skip-the-line']).filter((n) => !passes.includes(n)));
  expect(Object.values(definitionOf(jsonPath['skip-the-line']).States).filter((s) => (s as { Type: string }).Type === 'Pass')).toHaveLength(4);
});

test('task-status, sfn-dynamodb and parallel-map keep their state names in JSONata', () => {
  for (const id of ['task-status', 'sfn-dynamodb', 'parallel-map'] as const) {
    expect(Object.keys(definitionOf(jsonata[id]).States).sort()).toStrictEqual(Object.keys(definitionOf(jsonPath[id]).States).sort());
  }
});
